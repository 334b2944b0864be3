// The 9P2000.L client (rts/9p/client.h) against an in-memory 9P server
// written here from the protocol (a tree of files and directories): files
// of several MiB split at msize both ways, deep paths walked in pieces, fids
// given back, directories read in many Rreaddir, and the server's errors,
// malformed replies and a failing transport reported, never crashed on.
#include "9p/client.h"

#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace ninep;
using Bytes = std::vector<uint8_t>;

struct Node {
  bool directory = false;
  Bytes data;
  std::string link;  // a symbolic link's target (then not a directory)
};

class MemoryServer {
 public:
  uint32_t max_msize = 1 << 20;
  uint32_t msize = 0;
  std::map<std::string, Node> tree{{"", Node{true, {}}}};
  std::map<uint32_t, std::string> fids;
  std::map<uint8_t, int> requests;  // by type
  size_t largest_request = 0;
  bool fail_transport = false;
  int corrupt_next = 0;  // 1: a byte too many; 2: the wrong tag
  std::vector<std::string> violations;

  Transport transport() { return {&MemoryServer::exchange, &MemoryServer::allocate, this}; }
  std::vector<std::unique_ptr<char[]>> allocations;

 private:
  static void* allocate(void* context, size_t bytes) {
    auto* s = static_cast<MemoryServer*>(context);
    s->allocations.emplace_back(new char[bytes]);
    return s->allocations.back().get();
  }

  static int64_t exchange(void* context, const Segment* out, int n_out, const Segment* in, int n_in) {
    auto* s = static_cast<MemoryServer*>(context);
    if (s->fail_transport) return -1;
    Bytes request;
    for (int i = 0; i < n_out; ++i) {
      auto* p = static_cast<const uint8_t*>(out[i].data);
      request.insert(request.end(), p, p + out[i].len);
    }
    Bytes reply = s->serve(request);
    if (s->corrupt_next == 1) reply.push_back(0);
    if (s->corrupt_next == 2) reply[5] ^= 1;
    s->corrupt_next = 0;
    size_t room = 0;
    for (int i = 0; i < n_in; ++i) room += in[i].len;
    if (reply.size() > room) s->violations.push_back("reply larger than the buffers given");
    size_t done = 0;
    for (int i = 0; i < n_in && done < reply.size(); ++i) {
      size_t n = std::min(in[i].len, reply.size() - done);
      std::memcpy(in[i].data, reply.data() + done, n);
      done += n;
    }
    return static_cast<int64_t>(reply.size());
  }

  struct Out {
    Bytes b;
    Out(uint8_t type, uint16_t tag) : b{0, 0, 0, 0, type} { u16(tag); }
    Out& put(uint64_t v, int n) {
      for (int i = 0; i < n; ++i) b.push_back(static_cast<uint8_t>(v >> (8 * i)));
      return *this;
    }
    Out& u8(uint8_t v) { return put(v, 1); }
    Out& u16(uint16_t v) { return put(v, 2); }
    Out& u32(uint32_t v) { return put(v, 4); }
    Out& u64(uint64_t v) { return put(v, 8); }
    Out& str(const std::string& s) {
      u16(static_cast<uint16_t>(s.size()));
      b.insert(b.end(), s.begin(), s.end());
      return *this;
    }
    Bytes done() {
      uint32_t n = static_cast<uint32_t>(b.size());
      std::memcpy(b.data(), &n, 4);
      return b;
    }
  };

  Out& qid(Out& o, const std::string& path) {
    const Node& n = tree[path];
    uint8_t type = n.directory ? kQidDirectory : !n.link.empty() ? kQidSymlink : 0;
    return o.u8(type).u32(0).u64(std::hash<std::string>()(path));
  }
  static Bytes error(uint16_t tag, uint32_t e) { return Out(Rlerror, tag).u32(e).done(); }
  static std::string join(const std::string& dir, const std::string& name) { return dir.empty() ? name : dir + "/" + name; }
  static std::string parent(const std::string& path) {
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? "" : path.substr(0, slash);
  }

  Bytes serve(const Bytes& req) {
    Reader r(req.data(), req.size());
    uint32_t size = r.u32();
    uint8_t type = r.u8();
    uint16_t tag = r.u16();
    if (size != req.size()) violations.push_back("request size field wrong");
    largest_request = std::max(largest_request, req.size());
    if (msize != 0 && req.size() > msize) violations.push_back("request over msize");
    ++requests[type];
    auto str = [&] {
      const char* p;
      size_t n;
      r.string(&p, &n);
      return std::string(p, n);
    };
    auto fid_path = [&](uint32_t fid, std::string* path) {
      auto it = fids.find(fid);
      if (it == fids.end()) {
        violations.push_back("unknown fid");
        return false;
      }
      *path = it->second;
      return true;
    };
    std::string path;
    switch (type) {
      case Tversion: {
        uint32_t wanted = r.u32();
        msize = std::min(wanted, max_msize);
        return Out(Rversion, tag).u32(msize).str(str()).done();
      }
      case Tattach: {
        uint32_t fid = r.u32();
        fids[fid] = "";
        Out o(Rattach, tag);
        return qid(o, "").done();
      }
      case Twalk: {
        uint32_t fid = r.u32(), newfid = r.u32();
        int n = r.u16();
        if (!fid_path(fid, &path)) return error(tag, 9);
        if (newfid != fid && fids.count(newfid)) violations.push_back("walk to a fid in use");
        Out o(Rwalk, tag);
        o.u16(0);
        int walked = 0;
        std::string at = path;
        for (int i = 0; i < n; ++i) {
          std::string name = str();
          std::string next = name == ".." ? parent(at) : join(at, name);
          if (!tree[at].directory || !tree.count(next)) break;
          at = next;
          qid(o, at);
          ++walked;
        }
        if (walked == 0 && n > 0) return error(tag, tree[path].directory ? 2 : 20);
        o.b[7] = static_cast<uint8_t>(walked);
        if (walked == n) fids[newfid] = at;
        return o.done();
      }
      case Tgetattr: {
        if (!fid_path(r.u32(), &path)) return error(tag, 9);
        Node& node = tree[path];
        Out o(Rgetattr, tag);
        o.u64(0x7ff);
        qid(o, path).u32(node.directory ? 040755 : 0100644).u32(0).u32(0).u64(1).u64(0).u64(node.data.size());
        for (int i = 0; i < 12; ++i) o.u64(0);
        return o.done();
      }
      case Tlopen: {
        if (!fid_path(r.u32(), &path)) return error(tag, 9);
        uint32_t flags = r.u32();
        if (tree[path].directory && (flags & 3) != 0) return error(tag, 21);
        if (flags & kTruncate) tree[path].data.clear();
        Out o(Rlopen, tag);
        return qid(o, path).u32(0).done();
      }
      case Tlcreate: {
        uint32_t fid = r.u32();
        if (!fid_path(fid, &path)) return error(tag, 9);
        std::string file = join(path, str());
        if (tree.count(file)) return error(tag, 17);
        tree[file] = Node{};
        fids[fid] = file;
        Out o(Rlcreate, tag);
        return qid(o, file).u32(0).done();
      }
      case Tread: {
        if (!fid_path(r.u32(), &path)) return error(tag, 9);
        uint64_t offset = r.u64();
        uint32_t count = r.u32();
        if (count > msize - kIoHeaderSize) violations.push_back("Tread count over msize");
        const Bytes& d = tree[path].data;
        uint64_t n = offset >= d.size() ? 0 : std::min<uint64_t>(count, d.size() - offset);
        Out o(Rread, tag);
        o.u32(static_cast<uint32_t>(n));
        o.b.insert(o.b.end(), d.begin() + static_cast<long>(offset), d.begin() + static_cast<long>(offset + n));
        return o.done();
      }
      case Twrite: {
        if (!fid_path(r.u32(), &path)) return error(tag, 9);
        uint64_t offset = r.u64();
        uint32_t count = r.u32();
        Bytes& d = tree[path].data;
        if (d.size() < offset + count) d.resize(offset + count);
        std::memcpy(d.data() + offset, req.data() + r.position(), count);
        return Out(Rwrite, tag).u32(count).done();
      }
      case Treaddir: {
        if (!fid_path(r.u32(), &path)) return error(tag, 9);
        uint64_t offset = r.u64();
        uint32_t count = r.u32();
        // Entries in name order, "." and ".." first; offset i+1 follows entry i.
        std::vector<std::string> names = {".", ".."};
        for (auto& [p, node] : tree)
          if (!p.empty() && parent(p) == path) names.push_back(p.substr(path.empty() ? 0 : path.size() + 1));
        Out o(Rreaddir, tag);
        o.u32(0);
        uint32_t used = 0;
        for (uint64_t i = offset; i < names.size(); ++i) {
          uint32_t len = 13 + 8 + 1 + 2 + static_cast<uint32_t>(names[i].size());
          if (used + len > count) break;
          o.u8(0).u32(0).u64(i).u64(i + 1).u8(0).str(names[i]);
          used += len;
        }
        std::memcpy(o.b.data() + 7, &used, 4);
        return o.done();
      }
      case Tmkdir: {
        if (!fid_path(r.u32(), &path)) return error(tag, 9);
        std::string dir = join(path, str());
        if (tree.count(dir)) return error(tag, 17);
        tree[dir] = Node{true, {}};
        Out o(Rmkdir, tag);
        return qid(o, dir).done();
      }
      case Tunlinkat: {
        if (!fid_path(r.u32(), &path)) return error(tag, 9);
        std::string file = join(path, str());
        if (!tree.count(file)) return error(tag, 2);
        if (tree[file].directory) return error(tag, 21);
        tree.erase(file);
        return Out(Runlinkat, tag).done();
      }
      case Treadlink: {
        if (!fid_path(r.u32(), &path)) return error(tag, 9);
        if (tree[path].link.empty()) return error(tag, 22);
        return Out(Rreadlink, tag).str(tree[path].link).done();
      }
      case Tclunk: {
        uint32_t fid = r.u32();
        if (!fids.erase(fid)) violations.push_back("clunk of an unknown fid");
        return Out(Rclunk, tag).done();
      }
      default:
        violations.push_back("unexpected request type");
        return error(tag, 38);
    }
  }
};

class NinepClient : public ::testing::Test {
 protected:
  void connect(uint32_t server_max, uint32_t wanted) {
    server.max_msize = server_max;
    ASSERT_EQ(client.connect(server.transport(), wanted, 0), 0);
  }
  void TearDown() override { EXPECT_TRUE(server.violations.empty()) << server.violations.front(); }

  // A whole file written and read back through the client's own calls.
  int write_file(const std::string& path, const Bytes& data) {
    uint32_t dir;
    Name name;
    if (int e = client.walk_parent(path.data(), path.size(), &dir, &name)) return e;
    int e = client.lcreate(dir, name, kWriteOnly | kCreate | kTruncate, 0644);
    if (e == 0) e = client.write(dir, 0, data.data(), data.size());
    client.clunk(dir);
    return e;
  }
  int read_file(const std::string& path, Bytes* data) {
    uint32_t fid;
    Qid qid;
    if (int e = client.walk(path.data(), path.size(), &fid, &qid)) return e;
    Attributes a;
    int e = client.getattr(fid, &a);
    if (e == 0) e = client.lopen(fid, kReadOnly);
    uint64_t got = 0;
    data->assign(a.size + 10, 0);
    if (e == 0) e = client.read(fid, 0, data->data(), data->size(), &got);
    data->resize(got);
    client.clunk(fid);
    return e;
  }

  MemoryServer server;
  Client client;
};

TEST_F(NinepClient, NegotiatesTheSmallerMsize) {
  connect(65536, 1 << 20);
  EXPECT_EQ(client.msize(), 65536u);
}

TEST_F(NinepClient, RefusesAServerThatRaisesMsizeOrGoesTooLow) {
  server.max_msize = 1024;
  EXPECT_EQ(client.connect(server.transport(), 1 << 20, 0), kEPROTO);
  EXPECT_EQ(client.malformed_replies(), 1u);
}

TEST_F(NinepClient, SeveralMebibytesSplitAtMsize) {
  connect(65536, 1 << 20);
  Bytes data(5 * 1024 * 1024 + 123);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 2654435761u >> 13);
  ASSERT_EQ(write_file("big.bin", data), 0);
  uint32_t per_message = 65536 - kIoHeaderSize;
  int messages = static_cast<int>((data.size() + per_message - 1) / per_message);
  EXPECT_EQ(server.requests[Twrite], messages);
  EXPECT_LE(server.largest_request, 65536u);
  Bytes back;
  ASSERT_EQ(read_file("big.bin", &back), 0);
  EXPECT_EQ(back, data);
  // One more Tread finds the end of the file.
  EXPECT_EQ(server.requests[Tread], messages + 1);
  EXPECT_EQ(client.fids_in_use(), 0);
}

TEST_F(NinepClient, DeepPathsWalkInPieces) {
  connect(8192, 8192);
  std::string path;
  for (int i = 0; i < 40; ++i) {
    path += (i ? "/d" : "d") + std::to_string(i);
    uint32_t dir;
    Name name;
    ASSERT_EQ(client.walk_parent(path.data(), path.size(), &dir, &name), 0) << path;
    ASSERT_EQ(client.mkdir(dir, name, 0755), 0);
    client.clunk(dir);
  }
  ASSERT_EQ(write_file(path + "/f", {1, 2, 3}), 0);
  Bytes back;
  // Empty components and "." are skipped, ".." goes up.
  server.tree[path + "/x"] = Node{true, {}};
  ASSERT_EQ(read_file("/" + path + "//./x/../f", &back), 0);
  EXPECT_EQ(back, (Bytes{1, 2, 3}));
  // A trailing "/" or "/." asks for a directory, as on Linux.
  EXPECT_EQ(read_file(path + "/f/", &back), kENOTDIR);
  EXPECT_EQ(read_file(path + "/f/.", &back), kENOTDIR);
  EXPECT_GE(server.requests[Twalk], 3 + 40);
  EXPECT_EQ(client.fids_in_use(), 0);
}

TEST_F(NinepClient, MissingAndNotADirectory) {
  connect(8192, 8192);
  ASSERT_EQ(write_file("f", {1}), 0);
  uint32_t fid;
  Qid qid;
  EXPECT_EQ(client.walk("nothing", 7, &fid, &qid), kENOENT);
  // The number is not the caller's any more: another thread may get it.
  EXPECT_EQ(fid, kNoFid);
  EXPECT_EQ(client.walk("f/x", 3, &fid, &qid), kENOTDIR);
  EXPECT_EQ(client.walk("f/", 2, &fid, &qid), kENOTDIR);
  EXPECT_EQ(fid, kNoFid);
  server.tree["a"] = Node{true, {}};
  EXPECT_EQ(client.walk("a/b/c", 5, &fid, &qid), kENOENT);  // a partial walk
  Name name;
  EXPECT_EQ(client.walk_parent("/", 1, &fid, &name), kEINVAL);
  EXPECT_EQ(client.walk_parent("f/g", 3, &fid, &name), kENOTDIR);
  std::string long_name(256, 'n');
  EXPECT_EQ(client.walk(long_name.data(), long_name.size(), &fid, &qid), kENAMETOOLONG);
  EXPECT_EQ(client.fids_in_use(), 0);
}

// Like QEMU's, the server never walks through a link: the client
// resolves them, as Linux would on the host.
TEST_F(NinepClient, FollowsSymbolicLinks) {
  connect(8192, 8192);
  server.tree["d"] = Node{true, {}};
  server.tree["d/e"] = Node{true, {}};
  server.tree["d/e/f"] = Node{false, {7}};
  server.tree["to_f"] = Node{false, {}, "d/e/f"};          // relative, to a file
  server.tree["d/up"] = Node{false, {}, "../d/e"};         // relative to its own directory
  server.tree["abs"] = Node{false, {}, "/d/up"};           // absolute: from the root, then another link
  server.tree["loop1"] = Node{false, {}, "loop2"};
  server.tree["loop2"] = Node{false, {}, "loop1/x"};
  server.tree["dangling"] = Node{false, {}, "nothing"};
  server.tree["s"] = Node{false, {}, "d/e/../../d/e/../up/../e"};  // much longer than its name
  Bytes back;
  ASSERT_EQ(read_file("to_f", &back), 0);
  EXPECT_EQ(back, Bytes{7});
  ASSERT_EQ(read_file("d/up/f", &back), 0);  // through a link in the middle
  EXPECT_EQ(back, Bytes{7});
  ASSERT_EQ(read_file("abs/f", &back), 0);  // two links, one absolute
  EXPECT_EQ(back, Bytes{7});
  ASSERT_EQ(read_file("s/f", &back), 0);
  EXPECT_EQ(back, Bytes{7});
  uint32_t fid;
  Qid qid;
  ASSERT_EQ(client.walk("abs/", 4, &fid, &qid), 0);  // a link to a directory with a trailing slash
  EXPECT_TRUE(qid.type & kQidDirectory);
  client.clunk(fid);
  EXPECT_EQ(client.walk("to_f/", 5, &fid, &qid), kENOTDIR);
  EXPECT_EQ(client.walk("loop1", 5, &fid, &qid), kELOOP);
  EXPECT_EQ(client.walk("dangling", 8, &fid, &qid), kENOENT);
  EXPECT_EQ(fid, kNoFid);
  // The parent of a name is resolved, the name itself is not (remove
  // unlinks the link).
  Name name;
  ASSERT_EQ(client.walk_parent("abs/f", 5, &fid, &name), 0);
  EXPECT_EQ(server.fids[fid], "d/e");
  client.clunk(fid);
  EXPECT_EQ(client.fids_in_use(), 0);
}

TEST_F(NinepClient, ReaddirInManyReplies) {
  connect(8192, 8192);
  for (int i = 0; i < 500; ++i) server.tree["dir/entry-number-" + std::to_string(i)] = Node{};
  server.tree["dir"] = Node{true, {}};
  uint32_t fid;
  Qid qid;
  ASSERT_EQ(client.walk("dir", 3, &fid, &qid), 0);
  ASSERT_EQ(client.lopen(fid, kReadOnly | kDirectory), 0);
  std::vector<std::string> names;
  std::vector<uint8_t> buffer(kMinMsize);
  auto add = [](void* c, const char* name, size_t len) {
    static_cast<std::vector<std::string>*>(c)->emplace_back(name, len);
    return true;
  };
  ASSERT_EQ(client.readdir(fid, buffer.data(), static_cast<uint32_t>(buffer.size()), add, &names), 0);
  EXPECT_EQ(names.size(), 500u);
  EXPECT_GT(server.requests[Treaddir], 5);
  for (const auto& n : names) EXPECT_NE(n.substr(0, 1), ".");
  client.clunk(fid);
}

TEST_F(NinepClient, MalformedRepliesAreCountedAndSurvived) {
  connect(8192, 8192);
  server.tree["f"] = Node{false, {1, 2}};
  uint32_t fid;
  Qid qid;
  ASSERT_EQ(client.walk("f", 1, &fid, &qid), 0);
  Attributes a;
  server.corrupt_next = 1;
  EXPECT_EQ(client.getattr(fid, &a), kEPROTO);
  server.corrupt_next = 2;
  EXPECT_EQ(client.getattr(fid, &a), kEPROTO);
  EXPECT_EQ(client.malformed_replies(), 2u);
  ASSERT_EQ(client.getattr(fid, &a), 0);
  EXPECT_EQ(a.size, 2u);
  client.clunk(fid);
}

TEST_F(NinepClient, ServerErrorsAndTransportFailures) {
  connect(8192, 8192);
  server.tree["d"] = Node{true, {}};
  uint32_t root;
  Name name;
  ASSERT_EQ(client.walk_parent("d", 1, &root, &name), 0);
  EXPECT_EQ(client.unlinkat(root, name, 0), kEISDIR);
  EXPECT_EQ(client.mkdir(root, name, 0755), kEEXIST);
  server.fail_transport = true;
  EXPECT_EQ(client.unlinkat(root, name, 0), kEIO);
  EXPECT_EQ(client.clunk(root), kEIO);
  server.fail_transport = false;
  EXPECT_EQ(client.fids_in_use(), 0);  // given back even so
  server.fids.erase(root);
}

TEST_F(NinepClient, RunsOutOfFidsCleanly) {
  connect(8192, 8192);
  std::vector<uint32_t> held;
  uint32_t fid;
  Qid qid;
  while (client.walk("", 0, &fid, &qid) == 0) held.push_back(fid);
  EXPECT_EQ(held.size(), static_cast<size_t>(Client::kMaxFids - 1));
  EXPECT_EQ(client.walk("", 0, &fid, &qid), kEMFILE);
  for (uint32_t f : held) client.clunk(f);
  EXPECT_EQ(client.fids_in_use(), 0);
}

}  // namespace
