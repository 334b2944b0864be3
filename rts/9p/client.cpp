#include "9p/client.h"

namespace ninep {

namespace {

// The components of a path, one at a time, skipping empty ones and ".".
class Components {
 public:
  Components(const char* path, size_t len) : p_(path), end_(path + len) {}
  bool next(Name* name) {
    for (;;) {
      while (p_ < end_ && *p_ == '/') ++p_;
      if (p_ == end_) return false;
      const char* start = p_;
      while (p_ < end_ && *p_ != '/') ++p_;
      *name = {start, static_cast<size_t>(p_ - start)};
      if (!(name->len == 1 && start[0] == '.')) return true;
    }
  }

 private:
  const char* p_;
  const char* end_;
};

}  // namespace

bool ends_as_directory(const char* path, size_t len) {
  if (len > 0 && path[len - 1] == '/') return true;
  return len > 0 && path[len - 1] == '.' && (len == 1 || path[len - 2] == '/');
}

uint16_t Client::next_tag() {
  if (++tag_ == kNoTag) tag_ = 0;
  return tag_;
}

int Client::allocate_fid(uint32_t* fid) {
  for (int w = 0; w < kMaxFids / 64; ++w) {
    if (fid_bits_[w] == ~uint64_t{0}) continue;
    int bit = __builtin_ctzll(~fid_bits_[w]);
    fid_bits_[w] |= uint64_t{1} << bit;
    *fid = static_cast<uint32_t>(w * 64 + bit);
    return 0;
  }
  return kEMFILE;
}

void Client::release_fid(uint32_t fid) {
  if (fid == root() || fid >= kMaxFids) return;
  fid_bits_[fid / 64] &= ~(uint64_t{1} << (fid % 64));
}

int Client::fids_in_use() const {
  int bits = 0;
  for (uint64_t w : fid_bits_) bits += __builtin_popcountll(w);
  return bits - static_cast<int>(fid_bits_[0] & 1);  // the root's is no walk's
}

int64_t Client::exchange(uint8_t* request, size_t length, uint8_t* reply, size_t capacity) {
  Segment out{request, length};
  Segment in{reply, capacity};
  int64_t n = transport_.exchange(transport_.context, &out, 1, &in, 1);
  // A transport that claims more than the buffer could hold is broken too.
  if (n > static_cast<int64_t>(capacity)) {
    ++malformed_;
    return -1;
  }
  return n;
}

template <typename Encode, typename Decode>
int Client::call(Encode encode, Decode decode, uint8_t* reply, size_t capacity) {
  uint8_t request[kRequestCapacity];
  uint16_t tag = next_tag();
  size_t len = encode(request, sizeof request, tag);
  if (len == 0) return kENAMETOOLONG;
  int64_t n = exchange(request, len, reply, capacity);
  if (n < 0) return kEIO;
  return result(decode(reply, static_cast<size_t>(n), tag));
}

template <typename Encode, typename Decode>
int Client::call(Encode encode, Decode decode) {
  uint8_t reply[kReplyCapacity];
  return call(encode, decode, reply, sizeof reply);
}

uint32_t Client::io_chunk(uint64_t wanted) const {
  uint32_t most = msize_ - kIoHeaderSize;
  return wanted < most ? static_cast<uint32_t>(wanted) : most;
}

int Client::result(Outcome o) {
  switch (o.status) {
    case Status::ok: return 0;
    case Status::error: return o.error;
    case Status::malformed: break;
  }
  ++malformed_;
  return kEPROTO;
}

int Client::connect(Transport transport, uint32_t wanted_msize, uint32_t n_uname) {
  transport_ = transport;
  fid_bits_[0] |= 1;  // the root
  uint8_t request[kRequestCapacity], reply[kReplyCapacity];
  size_t len = encode_version(request, sizeof request, wanted_msize);
  int64_t n = exchange(request, len, reply, sizeof reply);
  if (n < 0) return kEIO;
  uint32_t msize = 0;
  if (int e = result(decode_version(reply, static_cast<size_t>(n), &msize))) return e;
  // The server may lower msize, never raise it, and it must leave room
  // for the largest fixed reply.
  if (msize > wanted_msize || msize < kMinMsize) return result({Status::malformed, 0});
  msize_ = msize;
  Qid qid;
  return call([&](uint8_t* out, size_t cap, uint16_t tag) { return encode_attach(out, cap, tag, root(), n_uname); },
              [&](const uint8_t* in, size_t len, uint16_t tag) { return decode_attach(in, len, tag, &qid); });
}

int Client::walk_names(uint32_t from, const Name* names, int count, uint32_t* fid, Qid* qid, int* symlink) {
  *symlink = 0;
  int walked = 0;
  Qid last{};
  int e = call(
      [&](uint8_t* out, size_t cap, uint16_t tag) { return encode_walk(out, cap, tag, from, *fid, names, count); },
      [&](const uint8_t* in, size_t len, uint16_t tag) {
        return decode_walk(in, len, tag, count, &walked, &last, symlink);
      });
  if (e != 0) return e;
  if (walked < count) {
    // Stopped: at a symbolic link the server does not go through (QEMU),
    // a missing name, or a file with names after it.
    if (*symlink != 0) return kELOOP;
    return (last.type & kQidDirectory) ? kENOENT : kENOTDIR;
  }
  if (count > 0) *qid = last;
  return 0;
}

// After a failed walk: the server made no fid for the walk that failed,
// but one an earlier chunk made lives on there. Either way the number is
// free again, and the caller must not hold on to it (another thread may
// get it next).
void Client::forget_walk(uint32_t* fid, bool made) {
  if (made) clunk(*fid);
  else release_fid(*fid);
  *fid = kNoFid;
}

int Client::walk_path(const char* path, size_t len, uint32_t* fid, Qid* qid, int* symlink_at) {
  *symlink_at = 0;
  if (int e = allocate_fid(fid)) {
    *fid = kNoFid;
    return e;
  }
  *qid = Qid{kQidDirectory, 0, 0};  // the root, if there is nothing to walk
  Components components(path, len);
  Name names[kMaxWalkNames];
  Name pending{};
  bool have_pending = components.next(&pending);
  bool first = true;
  int done = 0;
  // Chunks of at most kMaxWalkNames names that fit one request; the first
  // clones the root (even with no names), later ones move the new fid on.
  while (first || have_pending) {
    int count = 0;
    size_t bytes = kHeaderSize + 10;
    while (have_pending && count < kMaxWalkNames && bytes + 2 + pending.len <= kRequestCapacity) {
      if (pending.len > kMaxNameLength) {
        forget_walk(fid, !first);
        return kENAMETOOLONG;
      }
      names[count++] = pending;
      bytes += 2 + pending.len;
      have_pending = components.next(&pending);
    }
    int symlink = 0;
    int e = walk_names(first ? root() : *fid, names, count, fid, qid, &symlink);
    if (symlink != 0) {
      *symlink_at = done + symlink;
      // The path's own last name is a link: the fid stands for the link.
      if (e == 0 && symlink == count && !have_pending) return 0;
      forget_walk(fid, e == 0 || !first);
      return kELOOP;
    }
    if (e != 0) {
      forget_walk(fid, !first);
      return e;
    }
    done += count;
    first = false;
  }
  return 0;
}

int Client::readlink(uint32_t fid, uint8_t* reply, const char** target, size_t* target_len) {
  int e = call([&](uint8_t* out, size_t cap, uint16_t tag) { return encode_readlink(out, cap, tag, fid); },
               [&](const uint8_t* in, size_t len, uint16_t tag) {
                 return decode_readlink(in, len, tag, target, target_len);
               },
               reply, kReadlinkReply);
  if (e != 0) return e;
  return *target_len == 0 ? kENOENT : 0;  // as Linux treats an empty link
}

// The walk met a symbolic link at component `symlink_at` of `path` (the
// fid, if still held, stands for the link): splices its target into the
// path (an absolute one starts again at the root, the share's top) and
// walks again, up to kMaxSymlinkHops times, as Linux resolves paths.
int Client::follow_symlinks(const char* path, size_t len, uint32_t* fid, Qid* qid, int symlink_at) {
  auto give_up = [&](int e) {
    if (*fid != kNoFid) forget_walk(fid, true);
    return e;
  };
  if (len > kMaxPathLength) return give_up(kENAMETOOLONG);
  // Two paths (the one walked, the next) and a reply: off the stack.
  char* block = transport_.allocate == nullptr
                    ? nullptr
                    : static_cast<char*>(transport_.allocate(transport_.context, 2 * kMaxPathLength + kReadlinkReply));
  if (block == nullptr) return give_up(kENOMEM);
  char* current = block;
  char* next = block + kMaxPathLength;
  auto* reply = reinterpret_cast<uint8_t*>(block + 2 * kMaxPathLength);
  for (size_t i = 0; i < len; ++i) current[i] = path[i];
  for (int hops = 0;; ++hops) {
    if (hops == kMaxSymlinkHops) return give_up(kELOOP);
    Components components(current, len);
    Name link{};
    for (int k = 0; k < symlink_at; ++k) components.next(&link);
    size_t start = static_cast<size_t>(link.bytes - current), end = start + link.len;
    if (*fid == kNoFid) {
      int again = 0;
      if (int e = walk_path(current, end, fid, qid, &again)) return e;
      if (again != symlink_at) return give_up(kELOOP);  // the server changed its mind under us
    }
    const char* target;
    size_t target_len = 0;
    int e = readlink(*fid, reply, &target, &target_len);
    forget_walk(fid, true);
    if (e != 0) return e;
    // next = (directory of the link, unless the target is absolute) +
    // target + what followed the link.
    size_t keep = target[0] == '/' ? 0 : start;
    size_t rest = len - end;
    if (keep + target_len + rest > kMaxPathLength) return kENAMETOOLONG;
    for (size_t i = 0; i < keep; ++i) next[i] = current[i];
    for (size_t i = 0; i < target_len; ++i) next[keep + i] = target[i];
    for (size_t i = 0; i < rest; ++i) next[keep + target_len + i] = current[end + i];
    len = keep + target_len + rest;
    char* walked = next;
    next = current;
    current = walked;
    e = walk_path(current, len, fid, qid, &symlink_at);
    if (symlink_at == 0) return e;
  }
}

int Client::walk(const char* path, size_t len, uint32_t* fid, Qid* qid) {
  int symlink_at = 0;
  int e = walk_path(path, len, fid, qid, &symlink_at);
  if (symlink_at != 0) e = follow_symlinks(path, len, fid, qid, symlink_at);
  if (e != 0) return e;
  // "file/" and "file/." name no directory: as on Linux, that is ENOTDIR.
  if (ends_as_directory(path, len) && !(qid->type & kQidDirectory)) {
    forget_walk(fid, true);
    return kENOTDIR;
  }
  return 0;
}

int Client::walk_parent(const char* path, size_t len, uint32_t* dfid, Name* name) {
  *dfid = kNoFid;
  Components components(path, len);
  Name last{}, n{};
  bool any = false;
  while (components.next(&n)) {
    last = n;
    any = true;
  }
  if (!any || is_dot_or_dotdot(last.bytes, last.len)) return kEINVAL;
  if (last.len > kMaxNameLength) return kENAMETOOLONG;
  *name = last;
  Qid qid;
  if (int e = walk(path, static_cast<size_t>(last.bytes - path), dfid, &qid)) return e;
  if (!(qid.type & kQidDirectory)) {
    forget_walk(dfid, true);
    return kENOTDIR;
  }
  return 0;
}

int Client::lopen(uint32_t fid, uint32_t flags) {
  Qid qid;
  return call([&](uint8_t* out, size_t cap, uint16_t tag) { return encode_lopen(out, cap, tag, fid, flags); },
              [&](const uint8_t* in, size_t len, uint16_t tag) { return decode_lopen(in, len, tag, &qid); });
}

int Client::lcreate(uint32_t fid, Name name, uint32_t flags, uint32_t mode) {
  Qid qid;
  return call(
      [&](uint8_t* out, size_t cap, uint16_t tag) { return encode_lcreate(out, cap, tag, fid, name, flags, mode, 0); },
      [&](const uint8_t* in, size_t len, uint16_t tag) { return decode_lcreate(in, len, tag, &qid); });
}

int Client::getattr(uint32_t fid, Attributes* attributes) {
  return call([&](uint8_t* out, size_t cap, uint16_t tag) { return encode_getattr(out, cap, tag, fid, kGetattrBasic); },
              [&](const uint8_t* in, size_t len, uint16_t tag) { return decode_getattr(in, len, tag, attributes); });
}

int Client::mkdir(uint32_t dfid, Name name, uint32_t mode) {
  Qid qid;
  return call([&](uint8_t* out, size_t cap, uint16_t tag) { return encode_mkdir(out, cap, tag, dfid, name, mode, 0); },
              [&](const uint8_t* in, size_t len, uint16_t tag) { return decode_mkdir(in, len, tag, &qid); });
}

int Client::unlinkat(uint32_t dfid, Name name, uint32_t flags) {
  return call([&](uint8_t* out, size_t cap, uint16_t tag) { return encode_unlinkat(out, cap, tag, dfid, name, flags); },
              [&](const uint8_t* in, size_t len, uint16_t tag) { return decode_unlinkat(in, len, tag); });
}

int Client::clunk(uint32_t fid) {
  int e = call([&](uint8_t* out, size_t cap, uint16_t tag) { return encode_clunk(out, cap, tag, fid); },
               [&](const uint8_t* in, size_t len, uint16_t tag) { return decode_clunk(in, len, tag); });
  // Freed only after the exchange: until the server answers it holds the
  // fid, and another thread must not get the number meanwhile.
  release_fid(fid);
  return e;
}

int Client::read(uint32_t fid, uint64_t offset, void* dest, uint64_t count, uint64_t* got) {
  auto* out = static_cast<uint8_t*>(dest);
  *got = 0;
  while (*got < count) {
    uint32_t chunk = io_chunk(count - *got);
    uint8_t request[kHeaderSize + 16], header[kReadReplyHeader];
    uint16_t tag = next_tag();
    size_t len = encode_read(request, sizeof request, tag, fid, offset + *got, chunk);
    // The data lands where it belongs: no copy through a bounce buffer.
    Segment o{request, len};
    Segment in[2] = {{header, sizeof header}, {out + *got, chunk}};
    int64_t n = transport_.exchange(transport_.context, &o, 1, in, 2);
    if (n < 0) return kEIO;
    uint32_t arrived = 0;
    if (int e = result(decode_read_header(header, static_cast<size_t>(n), tag, chunk, &arrived))) return e;
    if (arrived == 0) break;  // end of file
    *got += arrived;
  }
  return 0;
}

int Client::write(uint32_t fid, uint64_t offset, const void* src, uint64_t count) {
  auto* in_bytes = static_cast<const uint8_t*>(src);
  uint64_t done = 0;
  // At least one Twrite, so that writing nothing still reaches the server.
  do {
    uint32_t chunk = io_chunk(count - done);
    uint8_t request[kHeaderSize + 16], reply[kReplyCapacity];
    uint16_t tag = next_tag();
    size_t len = encode_write_header(request, sizeof request, tag, fid, offset + done, chunk);
    Segment out[2] = {{request, len}, {const_cast<uint8_t*>(in_bytes + done), chunk}};
    Segment in{reply, sizeof reply};
    int64_t n = transport_.exchange(transport_.context, out, chunk > 0 ? 2 : 1, &in, 1);
    if (n < 0 || n > static_cast<int64_t>(sizeof reply)) return n < 0 ? kEIO : result({Status::malformed, 0});
    uint32_t written = 0;
    if (int e = result(decode_write(reply, static_cast<size_t>(n), tag, chunk, &written))) return e;
    // A server that accepts nothing would make this loop forever.
    if (written == 0 && chunk > 0) return kEIO;
    done += written;
  } while (done < count);
  return 0;
}

int Client::readdir(uint32_t fid, uint8_t* buffer, uint32_t capacity, bool (*entry)(void*, const char*, size_t),
                    void* context) {
  uint32_t count = io_chunk(capacity - kReadReplyHeader);
  uint64_t offset = 0;
  for (;;) {
    const uint8_t* entries;
    uint32_t entries_length;
    int e = call(
        [&](uint8_t* out, size_t cap, uint16_t tag) { return encode_readdir(out, cap, tag, fid, offset, count); },
        [&](const uint8_t* in, size_t len, uint16_t tag) {
          return decode_readdir(in, len, tag, count, &entries, &entries_length);
        },
        buffer, kReadReplyHeader + count);
    if (e != 0) return e;
    if (entries_length == 0) return 0;
    Reader r(entries, entries_length);
    Dirent d;
    int got;
    uint64_t start = offset;
    while ((got = next_dirent(r, &d)) == 1) {
      offset = d.offset;
      if (is_dot_or_dotdot(d.name, d.name_len)) continue;
      if (!entry(context, d.name, d.name_len)) return kENOMEM;
    }
    // Entries that lead nowhere new would make this loop forever.
    if (got < 0 || offset == start) return result({Status::malformed, 0});
  }
}

}  // namespace ninep
