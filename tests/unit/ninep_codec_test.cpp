// The 9P2000.L codec (rts/9p/codec.h): requests byte for byte, replies
// decoded, and every broken reply (cut short, too long, wrong size, type
// or tag, impossible counts) rejected as malformed without reading past
// what arrived.
#include "9p/codec.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <random>
#include <vector>

namespace {

using namespace ninep;
using Bytes = std::vector<uint8_t>;

// Builds a reply: size[4] type[1] tag[2] body, little-endian.
class Reply {
 public:
  Reply(uint8_t type, uint16_t tag) : bytes_{0, 0, 0, 0, type} { u16(tag); }
  Reply& u8(uint8_t v) { return put(v, 1); }
  Reply& u16(uint16_t v) { return put(v, 2); }
  Reply& u32(uint32_t v) { return put(v, 4); }
  Reply& u64(uint64_t v) { return put(v, 8); }
  Reply& str(const std::string& s) {
    u16(static_cast<uint16_t>(s.size()));
    bytes_.insert(bytes_.end(), s.begin(), s.end());
    return *this;
  }
  Reply& qid(uint8_t type, uint64_t path) { return u8(type).u32(7).u64(path); }
  Bytes done() const {
    Bytes b = bytes_;
    uint32_t n = static_cast<uint32_t>(b.size());
    std::memcpy(b.data(), &n, 4);
    return b;
  }

 private:
  Reply& put(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) bytes_.push_back(static_cast<uint8_t>(v >> (8 * i)));
    return *this;
  }
  Bytes bytes_;
};

Bytes getattr_reply(uint16_t tag, uint32_t mode, uint64_t size) {
  Reply r(Rgetattr, tag);
  r.u64(0x7ff).qid(0, 42).u32(mode).u32(1000).u32(1000).u64(1).u64(0).u64(size);
  for (int i = 0; i < 12; ++i) r.u64(i);
  return r.done();
}

TEST(NinepCodec, VersionRequestIsByteExact) {
  uint8_t buf[64];
  size_t n = encode_version(buf, sizeof buf, 0x80000);
  Bytes expected = {21, 0, 0, 0, 100, 0xff, 0xff, 0, 0, 8, 0, 8, 0, '9', 'P', '2', '0', '0', '0', '.', 'L'};
  ASSERT_EQ(n, expected.size());
  EXPECT_EQ(Bytes(buf, buf + n), expected);
}

TEST(NinepCodec, WalkRequestCarriesEveryName) {
  uint8_t buf[64];
  Name names[] = {{"ab", 2}, {"c", 1}};
  size_t n = encode_walk(buf, sizeof buf, 3, 0, 5, names, 2);
  Bytes expected = {24, 0, 0, 0, 110, 3, 0, 0, 0, 0, 0, 5, 0, 0, 0, 2, 0, 2, 0, 'a', 'b', 1, 0, 'c'};
  ASSERT_EQ(n, 24u);
  EXPECT_EQ(Bytes(buf, buf + n), expected);
  EXPECT_EQ(encode_walk(buf, sizeof buf, 3, 0, 5, names, kMaxWalkNames + 1), 0u);
}

TEST(NinepCodec, WriteHeaderCountsTheDataThatFollows) {
  uint8_t buf[32];
  size_t n = encode_write_header(buf, sizeof buf, 9, 4, 0x1122334455667788, 1000);
  ASSERT_EQ(n, 23u);
  uint32_t size;
  std::memcpy(&size, buf, 4);
  EXPECT_EQ(size, 23u + 1000u);
  EXPECT_EQ(buf[4], Twrite);
  uint64_t offset;
  std::memcpy(&offset, buf + 11, 8);
  EXPECT_EQ(offset, 0x1122334455667788u);
}

TEST(NinepCodec, RequestsThatDoNotFitAreRefused) {
  uint8_t buf[16];
  std::string name(200, 'x');
  EXPECT_EQ(encode_lcreate(buf, sizeof buf, 1, 2, {name.data(), name.size()}, 0, 0644, 0), 0u);
  EXPECT_EQ(encode_mkdir(buf, sizeof buf, 1, 2, {name.data(), name.size()}, 0755, 0), 0u);
  EXPECT_EQ(encode_version(buf, 10, 8192), 0u);
  EXPECT_GT(encode_clunk(buf, sizeof buf, 1, 2), 0u);
}

TEST(NinepCodec, VersionReply) {
  uint32_t msize = 0;
  Bytes ok = Reply(Rversion, kNoTag).u32(65536).str("9P2000.L").done();
  EXPECT_EQ(decode_version(ok.data(), ok.size(), &msize).status, Status::ok);
  EXPECT_EQ(msize, 65536u);
  Bytes unknown = Reply(Rversion, kNoTag).u32(65536).str("unknown").done();
  Outcome o = decode_version(unknown.data(), unknown.size(), &msize);
  EXPECT_EQ(o.status, Status::error);
  EXPECT_EQ(o.error, kEPROTO);
}

TEST(NinepCodec, GetattrReply) {
  Bytes b = getattr_reply(4, 0100644, 123456789);
  Attributes a{};
  ASSERT_EQ(decode_getattr(b.data(), b.size(), 4, &a).status, Status::ok);
  EXPECT_EQ(a.mode, 0100644u);
  EXPECT_EQ(a.size, 123456789u);
  EXPECT_EQ(a.qid.path, 42u);
}

TEST(NinepCodec, LerrorGivesTheServersErrno) {
  Bytes b = Reply(Rlerror, 4).u32(2).done();
  Attributes a{};
  Outcome o = decode_getattr(b.data(), b.size(), 4, &a);
  EXPECT_EQ(o.status, Status::error);
  EXPECT_EQ(o.error, 2);
  // An error without a number, or with a trailing byte, is no error reply.
  Bytes zero = Reply(Rlerror, 4).u32(0).done();
  EXPECT_EQ(decode_getattr(zero.data(), zero.size(), 4, &a).status, Status::malformed);
  Bytes longer = Reply(Rlerror, 4).u32(2).u8(0).done();
  EXPECT_EQ(decode_getattr(longer.data(), longer.size(), 4, &a).status, Status::malformed);
}

TEST(NinepCodec, EveryTruncationOfAReplyIsMalformed) {
  Bytes b = getattr_reply(4, 0100644, 1);
  Attributes a{};
  for (size_t n = 0; n < b.size(); ++n) {
    // As it arrived: cut short, the size field still claiming the whole.
    EXPECT_EQ(decode_getattr(b.data(), n, 4, &a).status, Status::malformed) << n;
    // Cut short with a size field that agrees: still too short a body.
    Bytes cut(b.begin(), b.begin() + static_cast<long>(n));
    if (n >= 4) {
      uint32_t size = static_cast<uint32_t>(n);
      std::memcpy(cut.data(), &size, 4);
    }
    EXPECT_EQ(decode_getattr(cut.data(), cut.size(), 4, &a).status, Status::malformed) << n;
  }
}

TEST(NinepCodec, WrongSizeTypeTagOrTrailingBytesAreMalformed) {
  Attributes a{};
  Bytes b = getattr_reply(4, 0100644, 1);
  EXPECT_EQ(decode_getattr(b.data(), b.size(), 5, &a).status, Status::malformed);  // tag
  Bytes type = b;
  type[4] = Rlopen;
  EXPECT_EQ(decode_getattr(type.data(), type.size(), 4, &a).status, Status::malformed);
  Bytes longer = b;
  longer.push_back(0);
  EXPECT_EQ(decode_getattr(longer.data(), longer.size(), 4, &a).status, Status::malformed);  // size != arrived
  uint32_t size = static_cast<uint32_t>(longer.size());
  std::memcpy(longer.data(), &size, 4);
  EXPECT_EQ(decode_getattr(longer.data(), longer.size(), 4, &a).status, Status::malformed);  // trailing byte
  Bytes huge = b;
  size = 0xFFFFFFF0;
  std::memcpy(huge.data(), &size, 4);
  EXPECT_EQ(decode_getattr(huge.data(), huge.size(), 4, &a).status, Status::malformed);  // oversized
}

TEST(NinepCodec, WalkReplyCounts) {
  int walked = 0;
  Qid last{};
  Bytes two = Reply(Rwalk, 1).u16(2).qid(0x80, 1).qid(0, 2).done();
  ASSERT_EQ(decode_walk(two.data(), two.size(), 1, 2, &walked, &last).status, Status::ok);
  EXPECT_EQ(walked, 2);
  EXPECT_EQ(last.path, 2u);
  EXPECT_EQ(decode_walk(two.data(), two.size(), 1, 1, &walked, &last).status, Status::malformed);  // more than asked
  Bytes none = Reply(Rwalk, 1).u16(0).done();
  EXPECT_EQ(decode_walk(none.data(), none.size(), 1, 3, &walked, &last).status, Status::malformed);
  EXPECT_EQ(decode_walk(none.data(), none.size(), 1, 0, &walked, &last).status, Status::ok);  // a clone
  int symlink = -1;
  Bytes through = Reply(Rwalk, 1).u16(3).qid(0x80, 1).qid(kQidSymlink, 2).qid(0, 3).done();
  ASSERT_EQ(decode_walk(through.data(), through.size(), 1, 3, &walked, &last, &symlink).status, Status::ok);
  EXPECT_EQ(symlink, 2);
  ASSERT_EQ(decode_walk(two.data(), two.size(), 1, 2, &walked, &last, &symlink).status, Status::ok);
  EXPECT_EQ(symlink, 0);
  Bytes lying = Reply(Rwalk, 1).u16(3).qid(0x80, 1).done();  // says 3, carries 1
  EXPECT_EQ(decode_walk(lying.data(), lying.size(), 1, 3, &walked, &last).status, Status::malformed);
}

TEST(NinepCodec, ReadReplyHeader) {
  uint32_t count = 0;
  Bytes header = Reply(Rread, 2).u32(100).done();  // 11 bytes, data follows
  uint32_t size = 111;
  std::memcpy(header.data(), &size, 4);
  ASSERT_EQ(decode_read_header(header.data(), 111, 2, 100, &count).status, Status::ok);
  EXPECT_EQ(count, 100u);
  EXPECT_EQ(decode_read_header(header.data(), 111, 2, 99, &count).status, Status::malformed);  // more than asked
  EXPECT_EQ(decode_read_header(header.data(), 110, 2, 100, &count).status, Status::malformed);  // data cut short
  EXPECT_EQ(decode_read_header(header.data(), 10, 2, 100, &count).status, Status::malformed);
  Bytes error = Reply(Rlerror, 2).u32(21).done();
  Outcome o = decode_read_header(error.data(), error.size(), 2, 100, &count);
  EXPECT_EQ(o.status, Status::error);
  EXPECT_EQ(o.error, 21);
}

TEST(NinepCodec, ReadlinkReply) {
  const char* target;
  size_t len;
  Bytes b = Reply(Rreadlink, 8).str("../x").done();
  ASSERT_EQ(decode_readlink(b.data(), b.size(), 8, &target, &len).status, Status::ok);
  EXPECT_EQ(std::string(target, len), "../x");
  Bytes cut = Reply(Rreadlink, 8).u16(10).u8('a').done();  // says 10 bytes, carries 1
  EXPECT_EQ(decode_readlink(cut.data(), cut.size(), 8, &target, &len).status, Status::malformed);
  uint8_t buf[16];
  EXPECT_EQ(encode_readlink(buf, sizeof buf, 8, 3), 11u);
  EXPECT_EQ(buf[4], Treadlink);
}

TEST(NinepCodec, WriteReplyNeverClaimsMoreThanSent) {
  uint32_t count = 0;
  Bytes b = Reply(Rwrite, 3).u32(10).done();
  EXPECT_EQ(decode_write(b.data(), b.size(), 3, 10, &count).status, Status::ok);
  EXPECT_EQ(decode_write(b.data(), b.size(), 3, 9, &count).status, Status::malformed);
}

TEST(NinepCodec, ReaddirEntries) {
  Bytes run;
  auto entry = [&](uint64_t path, uint64_t offset, const std::string& name) {
    Reply e(0, 0);
    e.qid(0, path).u64(offset).u8(8).str(name);
    Bytes b = e.done();
    run.insert(run.end(), b.begin() + 7, b.end());
  };
  entry(1, 1, ".");
  entry(2, 2, "notes.txt");
  Bytes reply = Reply(Rreaddir, 6).u32(static_cast<uint32_t>(run.size())).done();
  reply.insert(reply.end(), run.begin(), run.end());
  uint32_t size = static_cast<uint32_t>(reply.size());
  std::memcpy(reply.data(), &size, 4);

  const uint8_t* data;
  uint32_t length;
  ASSERT_EQ(decode_readdir(reply.data(), reply.size(), 6, 8192, &data, &length).status, Status::ok);
  ASSERT_EQ(length, run.size());
  Reader r(data, length);
  Dirent d;
  ASSERT_EQ(next_dirent(r, &d), 1);
  EXPECT_EQ(std::string(d.name, d.name_len), ".");
  ASSERT_EQ(next_dirent(r, &d), 1);
  EXPECT_EQ(std::string(d.name, d.name_len), "notes.txt");
  EXPECT_EQ(d.offset, 2u);
  EXPECT_EQ(next_dirent(r, &d), 0);
  // An entry cut in the middle of its name.
  Reader cut(data, length - 3);
  ASSERT_EQ(next_dirent(cut, &d), 1);
  EXPECT_EQ(next_dirent(cut, &d), -1);
  // More entry bytes than the Treaddir asked for.
  EXPECT_EQ(decode_readdir(reply.data(), reply.size(), 6, length - 1, &data, &length).status, Status::malformed);
}

// Random bytes, and random corruptions of valid replies, never make a
// decoder read out of bounds (run under ASan to see it) or accept a reply
// whose size field disagrees with its length.
TEST(NinepCodec, GarbageNeverCrashes) {
  std::mt19937 rng(12345);
  Bytes valid = getattr_reply(4, 040755, 4096);
  for (int round = 0; round < 20000; ++round) {
    Bytes b = valid;
    if (round % 2 == 0) {
      b.resize(rng() % 200);
      for (auto& x : b) x = static_cast<uint8_t>(rng());
    } else {
      b[rng() % b.size()] = static_cast<uint8_t>(rng());
    }
    // A copy of exactly what arrived, so that ASan catches any overread.
    std::unique_ptr<uint8_t[]> exact(new uint8_t[b.size() + 1]);
    std::memcpy(exact.get(), b.data(), b.size());
    Attributes a;
    Qid q;
    int walked;
    uint32_t count;
    const uint8_t* data;
    uint32_t length;
    Outcome outcomes[] = {
        decode_getattr(exact.get(), b.size(), 4, &a),
        decode_walk(exact.get(), b.size(), 4, 16, &walked, &q),
        decode_lopen(exact.get(), b.size(), 4, &q),
        decode_readdir(exact.get(), b.size(), 4, 8192, &data, &length),
        decode_write(exact.get(), b.size(), 4, 100, &count),
        decode_clunk(exact.get(), b.size(), 4),
    };
    uint32_t size = 0;
    if (b.size() >= 4) std::memcpy(&size, b.data(), 4);
    for (const Outcome& o : outcomes)
      if (o.status != Status::malformed) EXPECT_EQ(size, b.size());
    if (outcomes[3].status == Status::ok) {
      Reader r(data, length);
      Dirent d;
      while (next_dirent(r, &d) == 1) {
      }
    }
  }
}

}  // namespace
