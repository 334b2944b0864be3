// The Linux side of the runtime: POSIX write/exit and Debian's libgc.
#include "platform/platform.h"
#include "platform/gc_batch.h"

#include <gc.h>
#include <gc/gc_mark.h>
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
  if (atomic && p != nullptr) std::memset(p, 0, bytes);
  return p;
}

// Boehm's own batch allocation: one lock and one free-list walk per batch.
void* alloc_batch(size_t bytes) { return gc_alloc_batch(bytes); }

void collect() { GC_gcollect(); }

size_t heap_bytes() { return GC_get_heap_size(); }

const char* const kTarget = "host";

namespace {
// Empty until main() calls set_args (the REPL runs programs without it).
int process_argc = 0;
char** process_argv = nullptr;
}  // namespace

void set_args(int argc, char** argv) {
  process_argc = argc;
  process_argv = argv;
}

size_t arg_count() { return process_argc > 1 ? static_cast<size_t>(process_argc - 1) : 0; }

const char* arg(size_t i) { return process_argv[i + 1]; }

namespace {
RootsHook roots_hook = nullptr;
GC_push_other_roots_proc previous_push_other_roots = nullptr;

// libgc's own hook pushes its threads' stacks: keep calling it.
void GC_CALLBACK push_other_roots() {
  if (previous_push_other_roots != nullptr) previous_push_other_roots();
  if (roots_hook != nullptr) roots_hook();
}
}  // namespace

void set_roots_hook(RootsHook hook) {
  if (roots_hook == nullptr) {
    previous_push_other_roots = GC_get_push_other_roots();
    GC_set_push_other_roots(push_other_roots);
  }
  roots_hook = hook;
}

void push_roots(const void* low, const void* high) {
  GC_push_all_eager(const_cast<void*>(low), const_cast<void*>(high));
}

}  // namespace platform
