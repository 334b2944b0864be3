// The File module in the VM: the 9P2000.L client of rts/9p talking to the
// file server behind the virtio-9p device (`flc run --share DIR`, which
// the program sees as "/"; relative paths start there too). Without the
// device every operation is kNoFileSystem.
//
// Each operation does what platform/host/files.cpp does with POSIX calls,
// so both targets give the same results and errno values.
#include "platform/files.h"

#include <gc.h>

#include "9p/client.h"
#include "platform/platform.h"
#include "platform/vm/ninep_transport.h"
#include "rts_threads.h"

namespace platform::files {

namespace {

using ninep::Client;
using ninep::Name;
using ninep::Qid;

// What the client asks for: 512 KiB messages (QEMU grants it), so a 16 MiB
// file takes 32 round trips each way.
constexpr uint32_t kWantedMsize = 512 << 10;
// Rreaddir replies at most this long: directories are read in pieces.
constexpr uint32_t kReaddirBuffer = 64 << 10;
constexpr uint32_t kFileMode = 0644;
constexpr uint32_t kDirectoryMode = 0755;

Client client;
enum class State { unknown, connecting, ready, absent } state = State::unknown;
int connect_error = 0;

// The client, connected on first use. Other threads that arrive while the
// first one waits for the server's answers yield until it is done.
int connected() {
  while (state == State::connecting) fl_thread_yield();
  if (state == State::ready) return 0;
  if (state == State::absent) return connect_error;
  ninep::Transport transport;
  if (!vm::ninep_transport(&transport)) {
    state = State::absent;
    connect_error = kNoFileSystem;
    return connect_error;
  }
  state = State::connecting;
  // uid 0: with security_model=none QEMU acts as whoever runs it anyway.
  int e = client.connect(transport, kWantedMsize, 0);
  if (e != 0) {
    // A server that cannot even attach will not do better later.
    state = State::absent;
    connect_error = e;
    return e;
  }
  state = State::ready;
  return 0;
}

// A fid that is clunked on every path out.
struct Fid {
  uint32_t id = ninep::kNoFid;
  ~Fid() {
    if (id != ninep::kNoFid) client.clunk(id);
  }
};

int getattr_path(const char* path, size_t len, Fid& fid, ninep::Attributes* a) {
  Qid qid;
  if (int e = client.walk(path, len, &fid.id, &qid)) return e;
  return client.getattr(fid.id, a);
}

bool is_directory(const ninep::Attributes& a) { return (a.mode & ninep::kModeTypeMask) == ninep::kModeDirectory; }

// A string for read() to fill: the device writes its bytes, so it is not
// cleared first (platform::alloc would, at ~1.4 s per GiB under
// emulation); only bytes[0..len) are ever seen.
FlString* string_to_fill(uint64_t capacity) {
  return static_cast<FlString*>(GC_malloc_atomic(sizeof(FlString) + capacity));
}

}  // namespace

int read(const char* path, size_t len, FlString** contents) {
  if (int e = connected()) return e;
  Fid fid;
  ninep::Attributes a;
  if (int e = getattr_path(path, len, fid, &a)) return e;
  if (is_directory(a)) return ninep::kEISDIR;
  if (int e = client.lopen(fid.id, ninep::kReadOnly)) return e;
  // The size is a hint, as on the host: one more byte asked for shows
  // whether the file grew, and then the string doubles.
  uint64_t capacity = a.size + 1;
  FlString* s = string_to_fill(capacity);
  if (s == nullptr) return kOutOfMemory;
  uint64_t length = 0;
  for (;;) {
    uint64_t got = 0;
    if (int e = client.read(fid.id, length, s->bytes + length, capacity - length, &got)) return e;
    length += got;
    if (length < capacity) break;  // the end of the file came first
    uint64_t bigger = capacity * 2;
    FlString* t = string_to_fill(bigger);
    if (t == nullptr) return kOutOfMemory;
    __builtin_memcpy(t->bytes, s->bytes, length);
    s = t;
    capacity = bigger;
  }
  s->len = static_cast<int64_t>(length);
  *contents = s;
  return 0;
}

int write(const char* path, size_t len, const char* bytes, size_t n, bool append) {
  if (int e = connected()) return e;
  // An existing file is opened (truncated unless appending); a missing one
  // is created in its directory, whose fid then stands for the new file.
  Fid file, dir;
  Qid qid;
  uint64_t offset = 0;
  uint32_t fid;
  int e = client.walk(path, len, &file.id, &qid);
  if (e == 0) {
    // Opening a directory works in 9P (Twrite then fails); not on Linux.
    if (qid.type & ninep::kQidDirectory) return ninep::kEISDIR;
    fid = file.id;
    if (append) {
      ninep::Attributes a;
      if (int g = client.getattr(fid, &a)) return g;
      offset = a.size;
    }
    if (int o = client.lopen(fid, ninep::kWriteOnly | (append ? 0 : ninep::kTruncate))) return o;
  } else if (e == ninep::kENOENT) {
    // "new/" would be a directory: Linux's open(O_CREAT) refuses it so.
    if (ninep::ends_as_directory(path, len)) return ninep::kEISDIR;
    Name name;
    if (int p = client.walk_parent(path, len, &dir.id, &name)) return p;
    if (int c = client.lcreate(dir.id, name, ninep::kWriteOnly | ninep::kCreate | ninep::kTruncate, kFileMode))
      return c;
    fid = dir.id;
  } else {
    return e;
  }
  if (n == 0) return 0;
  return client.write(fid, offset, bytes, n);
}

int exists(const char* path, size_t len, bool* result) {
  if (int e = connected()) return e;
  Fid fid;
  Qid qid;
  int e = client.walk(path, len, &fid.id, &qid);
  *result = e == 0;
  return e == ninep::kENOENT || e == ninep::kENOTDIR ? 0 : e;
}

int remove(const char* path, size_t len) {
  if (int e = connected()) return e;
  // "x/" is a directory or nothing to unlink(): ENOTDIR for a file.
  if (ninep::ends_as_directory(path, len)) {
    Fid fid;
    Qid qid;
    if (int e = client.walk(path, len, &fid.id, &qid)) return e;
    return ninep::kEISDIR;
  }
  Fid dir;
  Name name;
  int e = client.walk_parent(path, len, &dir.id, &name);
  // The root, "." or "..": a directory, which remove never removes.
  if (e == ninep::kEINVAL) return ninep::kEISDIR;
  if (e != 0) return e;
  return client.unlinkat(dir.id, name, 0);
}

int mkdir(const char* path, size_t len) {
  if (int e = connected()) return e;
  Fid dir;
  Name name;
  int e = client.walk_parent(path, len, &dir.id, &name);
  if (e == ninep::kEINVAL) return ninep::kEEXIST;  // the root, "." or "..": there already
  if (e != 0) return e;
  return client.mkdir(dir.id, name, kDirectoryMode);
}

int size(const char* path, size_t len, int64_t* result) {
  if (int e = connected()) return e;
  Fid fid;
  ninep::Attributes a;
  if (int e = getattr_path(path, len, fid, &a)) return e;
  *result = static_cast<int64_t>(a.size);
  return 0;
}

int list_dir(const char* path, size_t len, bool (*entry)(void*, const char*, size_t), void* context) {
  if (int e = connected()) return e;
  Fid fid;
  ninep::Attributes a;
  if (int e = getattr_path(path, len, fid, &a)) return e;
  if (!is_directory(a)) return ninep::kENOTDIR;
  if (int e = client.lopen(fid.id, ninep::kReadOnly | ninep::kDirectory)) return e;
  auto* buffer = static_cast<uint8_t*>(platform::alloc(kReaddirBuffer, true));
  if (buffer == nullptr) return kOutOfMemory;
  int e = client.readdir(fid.id, buffer, kReaddirBuffer, entry, context);
  return e == ninep::kENOMEM ? kOutOfMemory : e;
}

}  // namespace platform::files
