// A 9P2000.L client over any transport that carries one request and its
// reply at a time per call (virtio-9p: one descriptor chain; TCP later).
// Freestanding; it allocates nothing but what the caller hands it, so it
// runs the same in the VM and in the host's unit tests.
//
// Every operation returns 0 or a Linux errno value: the server's (Rlerror),
// or the client's own — EPROTO for a reply that breaks the protocol
// (counted in malformed_replies()), EIO when the transport fails, EMFILE
// when the fids run out, ENAMETOOLONG for a name over 255 bytes.
//
// Green threads may call it concurrently: it keeps no state across a
// transport call but its fid table and tag counter, which change only
// between calls.
#pragma once

#include "9p/codec.h"

namespace ninep {

// A piece of a message in memory (physical = virtual in the VM).
struct Segment {
  void* data;
  size_t len;
};

struct Transport {
  // Sends the request (the `out` segments, in order) and waits for the
  // reply, which the server writes across the `in` segments in order.
  // Returns the reply's length, or -1 when the transport failed.
  int64_t (*exchange)(void* context, const Segment* out, int n_out, const Segment* in, int n_in);
  // Memory for the client's few large working buffers (resolving a
  // symbolic link takes 12 KiB, too much for a green thread's stack),
  // where the transport can send from and receive into (VM: the heap);
  // never freed by the client (VM: the collector takes it back). nullptr
  // when there is none (then ENOMEM).
  void* (*allocate)(void* context, size_t bytes);
  void* context;
};

// Whether a path ends in "/" or "/." (or is "."): Linux takes only a
// directory for it, whatever the empty and "." components that walk()
// skips.
bool ends_as_directory(const char* path, size_t len);

class Client {
 public:
  static constexpr int kMaxFids = 1024;

  // Tversion (asking for `wanted_msize`) and Tattach as uid `n_uname`.
  int connect(Transport transport, uint32_t wanted_msize, uint32_t n_uname);
  uint32_t msize() const { return msize_; }
  uint32_t root() const { return 0; }
  uint64_t malformed_replies() const { return malformed_; }
  int fids_in_use() const;

  // Walks from the root along `path` ('/'-separated; empty components and
  // "." are skipped, so "a//b/" is "a/b" and "" is the root) to a new fid.
  // `qid` is what it names. Symbolic links are followed, as Linux does
  // (QEMU's server walks no link itself): the target replaces the link's
  // name, an absolute target starting again from the root. ENOTDIR when
  // the path ends as a directory (ends_as_directory) and names a file.
  // On failure *fid is kNoFid.
  int walk(const char* path, size_t len, uint32_t* fid, Qid* qid);
  // Walks to the directory holding the last component of `path`; `name`
  // points at that component inside `path`. EINVAL when there is none
  // (the root) or it is "." or "..".
  int walk_parent(const char* path, size_t len, uint32_t* dfid, Name* name);

  int lopen(uint32_t fid, uint32_t flags);
  // Creates `name` in the directory `fid`, which then stands for the new,
  // opened file.
  int lcreate(uint32_t fid, Name name, uint32_t flags, uint32_t mode);
  int getattr(uint32_t fid, Attributes* attributes);
  int mkdir(uint32_t dfid, Name name, uint32_t mode);
  int unlinkat(uint32_t dfid, Name name, uint32_t flags);
  // Tclunk, and the fid is free again whatever the server said.
  int clunk(uint32_t fid);

  // Reads up to `count` bytes at `offset` into `dest`, in as many Tread as
  // msize needs, stopping early only at the end of the file; `got` is how
  // many arrived.
  int read(uint32_t fid, uint64_t offset, void* dest, uint64_t count, uint64_t* got);
  // Writes all `count` bytes at `offset`, in as many Twrite as needed.
  int write(uint32_t fid, uint64_t offset, const void* src, uint64_t count);
  // Every entry of the open directory `fid` but "." and "..", in the
  // server's order: `entry(context, name, len)` for each, which returns
  // false to stop (with ENOMEM). `buffer` (`capacity` >= kMinMsize) holds
  // one Rreaddir at a time.
  int readdir(uint32_t fid, uint8_t* buffer, uint32_t capacity, bool (*entry)(void*, const char*, size_t),
              void* context);

 private:
  // The buffers of one small exchange, on the caller's stack (the VM's
  // transport copies buffers of up to 4 KiB + 256 through memory the
  // device can reach; readlink's reply is the largest): no request
  // but Twrite's data (sent from where it is) is longer than a walk of a
  // few names, and no reply but Rread's and Rreaddir's (which go
  // elsewhere) is longer than a full Rwalk.
  static constexpr size_t kRequestCapacity = 1024;
  static constexpr size_t kReplyCapacity = kHeaderSize + 2 + kMaxWalkNames * 13;

  uint16_t next_tag();
  int allocate_fid(uint32_t* fid);
  void release_fid(uint32_t fid);
  // One exchange of a request in `request` (its length `length`) for a
  // reply into `reply`; -1 for a transport failure.
  int64_t exchange(uint8_t* request, size_t length, uint8_t* reply, size_t capacity);
  // One request and its reply: encode(buffer, capacity, tag) writes the
  // request (0: a name did not fit), decode(reply, length, tag) reads the
  // reply, which arrives in `reply` or else a small buffer on the stack.
  template <typename Encode, typename Decode>
  int call(Encode encode, Decode decode, uint8_t* reply, size_t capacity);
  template <typename Encode, typename Decode>
  int call(Encode encode, Decode decode);
  // How much of `wanted` bytes of file data one Tread, Twrite or Treaddir
  // carries.
  uint32_t io_chunk(uint64_t wanted) const;
  // The errno value of a decoded reply (counting the malformed ones).
  int result(Outcome o);
  // One Twalk; `symlink` is where (from 1) the first symbolic link among
  // the names is, 0 for none.
  int walk_names(uint32_t from, const Name* names, int count, uint32_t* fid, Qid* qid, int* symlink);
  // `made`: the server holds the fid (clunk it), else the number is only
  // given back.
  void forget_walk(uint32_t* fid, bool made);
  // walk() without following links: a link as the last name leaves the
  // fid on it (0), one before stops the walk (ELOOP, no fid); symlink_at
  // says where it is (from 1), 0 for none.
  int walk_path(const char* path, size_t len, uint32_t* fid, Qid* qid, int* symlink_at);
  int follow_symlinks(const char* path, size_t len, uint32_t* fid, Qid* qid, int symlink_at);
  // The link's target, in place in `reply` (kReadlinkReply bytes).
  int readlink(uint32_t fid, uint8_t* reply, const char** target, size_t* target_len);
  static constexpr size_t kReadlinkReply = kHeaderSize + 2 + kMaxPathLength;

  Transport transport_{};
  uint32_t msize_ = 0;
  uint16_t tag_ = 0;
  uint64_t malformed_ = 0;
  uint64_t fid_bits_[kMaxFids / 64] = {};
};

}  // namespace ninep
