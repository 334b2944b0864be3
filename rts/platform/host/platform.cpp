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
void* alloc_batch(size_t bytes, bool atomic) { return gc_alloc_batch(bytes, atomic); }

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

namespace {

// The collector's warnings ("Out of Memory! Returning NULL!", "Failed to
// expand heap") would land among the program's output; the runtime reports
// what matters itself (Out_of_memory), as in the VM.
void GC_CALLBACK ignore_warning(char*, GC_word) {}

}  // namespace

}  // namespace platform

void rts_host_init_collector() {
  GC_set_warn_proc(platform::ignore_warning);
  GC_INIT();
  // Start with a 64 MiB heap (address space; pages are touched only when
  // used): a small default heap makes allocation-heavy programs collect
  // many times while it grows (binary-trees: 1.6 s -> 1.2 s, rbtree
  // 3.3 s -> 2.4 s, bench/RESULTS.md). GC_INITIAL_HEAP_SIZE still rules.
  if (std::getenv("GC_INITIAL_HEAP_SIZE") == nullptr) GC_expand_hp(64 << 20);
  // Collect after allocating twice the live data, not two thirds of it:
  // a full mark per collection is what the collector costs (deriv: 2.6 s
  // -> 1.7 s for 9 % more memory; bench/RESULTS.md). OCaml's default
  // (space_overhead 120) trades alike. GC_FREE_SPACE_DIVISOR still rules.
  if (std::getenv("GC_FREE_SPACE_DIVISOR") == nullptr) GC_set_free_space_divisor(1);
  GC_set_start_callback(rts_collection_starting);
}
