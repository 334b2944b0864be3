// The Linux side of the runtime: POSIX write/exit and Debian's libgc.
#include "platform/platform.h"

#include <gc.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "rts.h"

namespace platform {

int read_byte() {
  unsigned char c;
  for (;;) {
    ssize_t n = ::read(0, &c, 1);
    if (n == 1) return c;
    if (n == 0) return -1;
    if (errno != EINTR) return -1;
  }
}

void write(Stream stream, const char* bytes, size_t len) {
  int fd = stream == Stream::out ? STDOUT_FILENO : STDERR_FILENO;
  while (len > 0) {
    ssize_t n = ::write(fd, bytes, len);
    if (n <= 0) return;  // Nowhere to report a broken console; drop it.
    bytes += n;
    len -= static_cast<size_t>(n);
  }
}

void exit(int status) { ::_exit(status); }

void panic(const char* message) {
  static const char prefix[] = "panic: ";
  write(Stream::err, prefix, sizeof prefix - 1);
  write(Stream::err, message, std::strlen(message));
  write(Stream::err, "\n", 1);
  ::_exit(3);
}

void* alloc(size_t bytes, bool atomic) {
  void* p = atomic ? GC_malloc_atomic(bytes) : GC_malloc(bytes);
  if (p == nullptr) panic("out of memory");
  if (atomic) std::memset(p, 0, bytes);
  return p;
}

// Boehm's own batch allocation: one lock and one free-list walk per batch.
void* alloc_batch(size_t bytes) {
  void* objects = GC_malloc_many(bytes);
  if (objects == nullptr) panic("out of memory");
  return objects;
}

}  // namespace platform
