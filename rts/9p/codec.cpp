#include "9p/codec.h"

namespace ninep {

void Writer::put(uint64_t v, int bytes) {
  if (!ok_ || capacity_ - length_ < static_cast<size_t>(bytes)) {
    ok_ = false;
    return;
  }
  for (int i = 0; i < bytes; ++i) buffer_[length_++] = static_cast<uint8_t>(v >> (8 * i));
}

void Writer::string(const char* s, size_t len) {
  if (len > 0xFFFF) ok_ = false;
  u16(static_cast<uint16_t>(len));
  if (!ok_ || capacity_ - length_ < len) {
    ok_ = false;
    return;
  }
  for (size_t i = 0; i < len; ++i) buffer_[length_++] = static_cast<uint8_t>(s[i]);
}

uint64_t Reader::get(int bytes) {
  if (!ok_ || length_ - position_ < static_cast<size_t>(bytes)) {
    ok_ = false;
    return 0;
  }
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(bytes_[position_++]) << (8 * i);
  return v;
}

Qid Reader::qid() {
  Qid q;
  q.type = u8();
  q.version = u32();
  q.path = u64();
  return q;
}

void Reader::string(const char** s, size_t* len) {
  size_t n = u16();
  *s = "";
  *len = 0;
  if (!ok_ || length_ - position_ < n) {
    ok_ = false;
    return;
  }
  *s = reinterpret_cast<const char*>(bytes_ + position_);
  *len = n;
  position_ += n;
}

void Reader::skip(size_t n) {
  if (!ok_ || length_ - position_ < n) {
    ok_ = false;
    return;
  }
  position_ += n;
}

namespace {

// Starts a message; finish() fills in its size.
Writer begin(uint8_t* buf, size_t cap, MessageType type, uint16_t tag) {
  Writer w(buf, cap);
  w.u32(0);
  w.u8(type);
  w.u16(tag);
  return w;
}

size_t finish(Writer& w, size_t trailing_bytes = 0) {
  if (!w.ok()) return 0;
  uint64_t size = w.length() + trailing_bytes;
  if (size > 0xFFFFFFFFu) return 0;
  for (int i = 0; i < 4; ++i) w.buffer()[i] = static_cast<uint8_t>(size >> (8 * i));
  return w.length();
}

constexpr Outcome kOk{Status::ok, 0};
constexpr Outcome kMalformed{Status::malformed, 0};

// The common part of every reply: the size field must equal what arrived,
// the type be `expected` (or Rlerror, which is decoded here) and the tag
// ours. `r` is left at the start of the body.
Outcome header(Reader& r, size_t length, MessageType expected, uint16_t tag) {
  uint32_t size = r.u32();
  uint8_t type = r.u8();
  uint16_t got_tag = r.u16();
  if (!r.ok() || size != length || got_tag != tag) return kMalformed;
  if (type == Rlerror) {
    uint32_t ecode = r.u32();
    // An error must say which; 0 would read as success.
    if (!r.at_end() || ecode == 0 || ecode > kMaxErrno) return kMalformed;
    return {Status::error, static_cast<int>(ecode)};
  }
  if (type != expected) return kMalformed;
  return kOk;
}

// A body that must end exactly where its last field does.
Outcome complete(const Reader& r) { return r.at_end() ? kOk : kMalformed; }

}  // namespace

size_t encode_version(uint8_t* buf, size_t cap, uint32_t msize) {
  Writer w = begin(buf, cap, Tversion, kNoTag);
  w.u32(msize);
  w.string(kVersion, sizeof kVersion - 1);
  return finish(w);
}

size_t encode_attach(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, uint32_t n_uname) {
  Writer w = begin(buf, cap, Tattach, tag);
  w.u32(fid);
  w.u32(kNoFid);  // no authentication
  w.string("", 0);  // uname: n_uname says who
  w.string("", 0);  // aname: the server's only export
  w.u32(n_uname);
  return finish(w);
}

size_t encode_walk(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, uint32_t newfid, const Name* names, int count) {
  if (count < 0 || count > kMaxWalkNames) return 0;
  Writer w = begin(buf, cap, Twalk, tag);
  w.u32(fid);
  w.u32(newfid);
  w.u16(static_cast<uint16_t>(count));
  for (int i = 0; i < count; ++i) w.string(names[i].bytes, names[i].len);
  return finish(w);
}

size_t encode_lopen(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, uint32_t flags) {
  Writer w = begin(buf, cap, Tlopen, tag);
  w.u32(fid);
  w.u32(flags);
  return finish(w);
}

size_t encode_lcreate(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, Name name, uint32_t flags, uint32_t mode,
                      uint32_t gid) {
  Writer w = begin(buf, cap, Tlcreate, tag);
  w.u32(fid);
  w.string(name.bytes, name.len);
  w.u32(flags);
  w.u32(mode);
  w.u32(gid);
  return finish(w);
}

namespace {
// Tread, Twrite and Treaddir: fid[4] offset[8] count[4]; Twrite's data
// follows (counted in its size, not written here).
size_t encode_io(uint8_t* buf, size_t cap, MessageType type, uint16_t tag, uint32_t fid, uint64_t offset,
                 uint32_t count, size_t trailing_bytes) {
  Writer w = begin(buf, cap, type, tag);
  w.u32(fid);
  w.u64(offset);
  w.u32(count);
  return finish(w, trailing_bytes);
}
}  // namespace

size_t encode_read(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t offset, uint32_t count) {
  return encode_io(buf, cap, Tread, tag, fid, offset, count, 0);
}

size_t encode_write_header(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t offset, uint32_t count) {
  return encode_io(buf, cap, Twrite, tag, fid, offset, count, count);
}

size_t encode_readdir(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t offset, uint32_t count) {
  return encode_io(buf, cap, Treaddir, tag, fid, offset, count, 0);
}

size_t encode_getattr(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t mask) {
  Writer w = begin(buf, cap, Tgetattr, tag);
  w.u32(fid);
  w.u64(mask);
  return finish(w);
}

size_t encode_mkdir(uint8_t* buf, size_t cap, uint16_t tag, uint32_t dfid, Name name, uint32_t mode, uint32_t gid) {
  Writer w = begin(buf, cap, Tmkdir, tag);
  w.u32(dfid);
  w.string(name.bytes, name.len);
  w.u32(mode);
  w.u32(gid);
  return finish(w);
}

size_t encode_unlinkat(uint8_t* buf, size_t cap, uint16_t tag, uint32_t dfid, Name name, uint32_t flags) {
  Writer w = begin(buf, cap, Tunlinkat, tag);
  w.u32(dfid);
  w.string(name.bytes, name.len);
  w.u32(flags);
  return finish(w);
}

size_t encode_clunk(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid) {
  Writer w = begin(buf, cap, Tclunk, tag);
  w.u32(fid);
  return finish(w);
}

size_t encode_readlink(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid) {
  Writer w = begin(buf, cap, Treadlink, tag);
  w.u32(fid);
  return finish(w);
}

Outcome decode_version(const uint8_t* bytes, size_t length, uint32_t* msize) {
  Reader r(bytes, length);
  Outcome o = header(r, length, Rversion, kNoTag);
  if (o.status != Status::ok) return o;
  *msize = r.u32();
  const char* version;
  size_t len;
  r.string(&version, &len);
  if (!r.at_end()) return kMalformed;
  // A server that does not speak 9P2000.L answers "unknown": a valid
  // reply, but nothing this client can use.
  bool same = len == sizeof kVersion - 1;
  for (size_t i = 0; same && i < len; ++i) same = version[i] == kVersion[i];
  if (!same) return {Status::error, kEPROTO};
  return kOk;
}

Outcome decode_attach(const uint8_t* bytes, size_t length, uint16_t tag, Qid* qid) {
  Reader r(bytes, length);
  Outcome o = header(r, length, Rattach, tag);
  if (o.status != Status::ok) return o;
  *qid = r.qid();
  return complete(r);
}

Outcome decode_walk(const uint8_t* bytes, size_t length, uint16_t tag, int requested, int* walked, Qid* last,
                    int* first_symlink) {
  Reader r(bytes, length);
  Outcome o = header(r, length, Rwalk, tag);
  if (o.status != Status::ok) return o;
  int n = r.u16();
  // More qids than names asked for, or none for a non-empty walk (the
  // server must send Rlerror when the first name fails).
  if (n > requested || (n == 0 && requested > 0)) return kMalformed;
  int symlink = 0;
  for (int i = 0; i < n; ++i) {
    *last = r.qid();
    if (symlink == 0 && (last->type & kQidSymlink)) symlink = i + 1;
  }
  *walked = n;
  if (first_symlink != nullptr) *first_symlink = symlink;
  return complete(r);
}

namespace {
Outcome decode_open_reply(const uint8_t* bytes, size_t length, uint16_t tag, MessageType type, Qid* qid) {
  Reader r(bytes, length);
  Outcome o = header(r, length, type, tag);
  if (o.status != Status::ok) return o;
  *qid = r.qid();
  r.u32();  // iounit: the client splits at msize anyway
  return complete(r);
}
}  // namespace

Outcome decode_lopen(const uint8_t* bytes, size_t length, uint16_t tag, Qid* qid) {
  return decode_open_reply(bytes, length, tag, Rlopen, qid);
}

Outcome decode_lcreate(const uint8_t* bytes, size_t length, uint16_t tag, Qid* qid) {
  return decode_open_reply(bytes, length, tag, Rlcreate, qid);
}

Outcome decode_read_header(const uint8_t* header_bytes, size_t length, uint16_t tag, uint32_t requested,
                           uint32_t* count) {
  // An Rlerror is exactly as long as the header; anything shorter is cut.
  if (length < kReadReplyHeader) return kMalformed;
  Reader r(header_bytes, kReadReplyHeader);
  uint32_t size = r.u32();
  uint8_t type = r.u8();
  uint16_t got_tag = r.u16();
  uint32_t n = r.u32();
  if (size != length || got_tag != tag) return kMalformed;
  if (type == Rlerror) {
    if (length != kReadReplyHeader || n == 0 || n > kMaxErrno) return kMalformed;
    return {Status::error, static_cast<int>(n)};
  }
  if (type != Rread || n > requested || length != kReadReplyHeader + n) return kMalformed;
  *count = n;
  return kOk;
}

Outcome decode_write(const uint8_t* bytes, size_t length, uint16_t tag, uint32_t requested, uint32_t* count) {
  Reader r(bytes, length);
  Outcome o = header(r, length, Rwrite, tag);
  if (o.status != Status::ok) return o;
  *count = r.u32();
  if (*count > requested) return kMalformed;
  return complete(r);
}

Outcome decode_readdir(const uint8_t* bytes, size_t length, uint16_t tag, uint32_t requested, const uint8_t** entries,
                       uint32_t* entries_length) {
  Reader r(bytes, length);
  Outcome o = header(r, length, Rreaddir, tag);
  if (o.status != Status::ok) return o;
  uint32_t n = r.u32();
  size_t start = r.position();
  r.skip(n);
  if (n > requested) return kMalformed;
  *entries = bytes + start;
  *entries_length = n;
  return complete(r);
}

Outcome decode_getattr(const uint8_t* bytes, size_t length, uint16_t tag, Attributes* a) {
  Reader r(bytes, length);
  Outcome o = header(r, length, Rgetattr, tag);
  if (o.status != Status::ok) return o;
  r.u64();  // valid
  a->qid = r.qid();
  a->mode = r.u32();
  r.u32();  // uid
  r.u32();  // gid
  r.u64();  // nlink
  r.u64();  // rdev
  a->size = r.u64();
  // blksize blocks, atime mtime ctime btime (sec, nsec each), gen,
  // data_version
  r.skip(8 * 12);
  return complete(r);
}

Outcome decode_mkdir(const uint8_t* bytes, size_t length, uint16_t tag, Qid* qid) {
  Reader r(bytes, length);
  Outcome o = header(r, length, Rmkdir, tag);
  if (o.status != Status::ok) return o;
  *qid = r.qid();
  return complete(r);
}

Outcome decode_unlinkat(const uint8_t* bytes, size_t length, uint16_t tag) {
  Reader r(bytes, length);
  Outcome o = header(r, length, Runlinkat, tag);
  return o.status != Status::ok ? o : complete(r);
}

Outcome decode_clunk(const uint8_t* bytes, size_t length, uint16_t tag) {
  Reader r(bytes, length);
  Outcome o = header(r, length, Rclunk, tag);
  return o.status != Status::ok ? o : complete(r);
}

int next_dirent(Reader& r, Dirent* e) {
  if (r.at_end()) return 0;
  e->qid = r.qid();
  e->offset = r.u64();
  r.u8();  // type: the qid's says enough
  r.string(&e->name, &e->name_len);
  return r.ok() ? 1 : -1;
}

Outcome decode_readlink(const uint8_t* bytes, size_t length, uint16_t tag, const char** target, size_t* target_len) {
  Reader r(bytes, length);
  Outcome o = header(r, length, Rreadlink, tag);
  if (o.status != Status::ok) return o;
  r.string(target, target_len);
  return complete(r);
}

}  // namespace ninep
