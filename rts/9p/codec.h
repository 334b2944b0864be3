// Encoding 9P2000.L requests and decoding replies (protocol.h has the wire
// format). Freestanding and allocation-free: the caller owns every buffer.
// Decoding never trusts the server: every length is checked against what
// arrived, a reply must be exactly as long as its size field says, of the
// expected type (or Rlerror) and tag, with nothing left over; anything else
// is Status::malformed, which the client counts and turns into EPROTO.
#pragma once

#include "9p/protocol.h"

namespace ninep {

// Writes little-endian fields into a fixed buffer; once a field does not
// fit, `ok()` is false for good and nothing more is written.
class Writer {
 public:
  Writer(uint8_t* buffer, size_t capacity) : buffer_(buffer), capacity_(capacity) {}
  void u8(uint8_t v) { put(v, 1); }
  void u16(uint16_t v) { put(v, 2); }
  void u32(uint32_t v) { put(v, 4); }
  void u64(uint64_t v) { put(v, 8); }
  void string(const char* s, size_t len);
  bool ok() const { return ok_; }
  size_t length() const { return length_; }
  uint8_t* buffer() const { return buffer_; }

 private:
  void put(uint64_t v, int bytes);
  uint8_t* buffer_;
  size_t capacity_;
  size_t length_ = 0;
  bool ok_ = true;
};

// Reads little-endian fields from `length` bytes; reading past the end
// gives zeros and makes `ok()` false for good.
class Reader {
 public:
  Reader(const uint8_t* bytes, size_t length) : bytes_(bytes), length_(length) {}
  uint8_t u8() { return static_cast<uint8_t>(get(1)); }
  uint16_t u16() { return static_cast<uint16_t>(get(2)); }
  uint32_t u32() { return static_cast<uint32_t>(get(4)); }
  uint64_t u64() { return get(8); }
  Qid qid();
  // A string in place: its bytes stay in the buffer.
  void string(const char** s, size_t* len);
  void skip(size_t n);
  bool ok() const { return ok_; }
  bool at_end() const { return ok_ && position_ == length_; }
  size_t position() const { return position_; }

 private:
  uint64_t get(int bytes);
  const uint8_t* bytes_;
  size_t length_;
  size_t position_ = 0;
  bool ok_ = true;
};

// Requests. Each writes one whole message (size, type, tag, body) and
// returns its length, or 0 when it does not fit in the buffer. Strings are
// (pointer, length), never NUL-terminated.
struct Name {
  const char* bytes;
  size_t len;
};
size_t encode_version(uint8_t* buf, size_t cap, uint32_t msize);
size_t encode_attach(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, uint32_t n_uname);
size_t encode_walk(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, uint32_t newfid, const Name* names, int count);
size_t encode_lopen(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, uint32_t flags);
size_t encode_lcreate(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, Name name, uint32_t flags, uint32_t mode,
                      uint32_t gid);
size_t encode_read(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t offset, uint32_t count);
// Only the header: the `count` bytes of data follow it on the wire (the
// size field counts them) and are sent from where they are.
size_t encode_write_header(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t offset, uint32_t count);
size_t encode_readdir(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t offset, uint32_t count);
size_t encode_getattr(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t mask);
size_t encode_mkdir(uint8_t* buf, size_t cap, uint16_t tag, uint32_t dfid, Name name, uint32_t mode, uint32_t gid);
size_t encode_unlinkat(uint8_t* buf, size_t cap, uint16_t tag, uint32_t dfid, Name name, uint32_t flags);
size_t encode_clunk(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid);
size_t encode_readlink(uint8_t* buf, size_t cap, uint16_t tag, uint32_t fid);

// What a reply says: success, the server's error (Rlerror, a Linux errno
// value in `error`), or a reply that breaks the protocol.
enum class Status { ok, error, malformed };
struct Outcome {
  Status status;
  int error;  // when Status::error
};

// Replies. `bytes` is the whole reply as it arrived, `length` how many
// bytes arrived. The results are valid only when the outcome is ok.
Outcome decode_version(const uint8_t* bytes, size_t length, uint32_t* msize);
Outcome decode_attach(const uint8_t* bytes, size_t length, uint16_t tag, Qid* qid);
// `requested`: how many names the Twalk had; `walked` how many the server
// walked (fewer means the walk stopped there), `last` the last qid (when
// walked > 0), `first_symlink` the position (from 1) of the first qid that
// is a symbolic link, 0 for none.
Outcome decode_walk(const uint8_t* bytes, size_t length, uint16_t tag, int requested, int* walked, Qid* last,
                    int* first_symlink = nullptr);
Outcome decode_lopen(const uint8_t* bytes, size_t length, uint16_t tag, Qid* qid);  // also Rlcreate
Outcome decode_lcreate(const uint8_t* bytes, size_t length, uint16_t tag, Qid* qid);
// Rread arrives in two parts: the 11-byte header (kReadReplyHeader) and the
// data written straight where the caller wanted it. `length` is the whole
// reply's length (header and data); `count` the bytes of data.
Outcome decode_read_header(const uint8_t* header, size_t length, uint16_t tag, uint32_t requested, uint32_t* count);
Outcome decode_write(const uint8_t* bytes, size_t length, uint16_t tag, uint32_t requested, uint32_t* count);
// Rreaddir: `entries`/`entries_length` is the run of directory entries
// (walk them with next_dirent).
Outcome decode_readdir(const uint8_t* bytes, size_t length, uint16_t tag, uint32_t requested, const uint8_t** entries,
                       uint32_t* entries_length);
Outcome decode_getattr(const uint8_t* bytes, size_t length, uint16_t tag, Attributes* attributes);
Outcome decode_mkdir(const uint8_t* bytes, size_t length, uint16_t tag, Qid* qid);
Outcome decode_unlinkat(const uint8_t* bytes, size_t length, uint16_t tag);
Outcome decode_clunk(const uint8_t* bytes, size_t length, uint16_t tag);
// Rreadlink: the target, in place in the reply.
Outcome decode_readlink(const uint8_t* bytes, size_t length, uint16_t tag, const char** target, size_t* target_len);

// One entry of an Rreaddir run: qid[13] offset[8] type[1] name[s].
struct Dirent {
  Qid qid;
  uint64_t offset;  // where the next Treaddir continues after this entry
  const char* name;
  size_t name_len;
};
// The next entry of the run in `r`: 1, 0 at its end, -1 when the run ends
// in the middle of an entry (malformed).
int next_dirent(Reader& r, Dirent* entry);

}  // namespace ninep
