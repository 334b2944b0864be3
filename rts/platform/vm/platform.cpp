// The runtime on the fl kernel: the console is COM1, the program's status
// ends the VM, and memory comes from the kernel's pages. Until the
// freestanding collector arrives (a later issue), the heap is a bump
// allocator that never frees.
#include "platform/platform.h"

#include "kernel.h"
#include "rts.h"

namespace platform {
namespace {

// Pages are asked for in chunks of this size, so the kernel is called (and
// zeroes memory) once per chunk, not once per object.
constexpr size_t kChunkBytes = 1 << 20;
constexpr size_t kPageBytes = 4096;
constexpr size_t kAlignment = 16;  // what malloc promises: any scalar, SSE included

char* chunk_next = nullptr;
char* chunk_end = nullptr;

}  // namespace

void write(Stream, const char* bytes, size_t len) { kernel_console_write(bytes, len); }

// The console has no end of input of its own; Ctrl-D (EOT) stands for it.
int read_byte() {
  int c = kernel_console_read_byte();
  return c == 0x04 ? -1 : c;
}

void exit(int status) { kernel_exit(status); }

void panic(const char* message) { kernel_panic(message); }

// Kernel pages are zeroed and never reused, so every object is too.
// `atomic` will matter to the collector; a bump allocator has no use for it.
void* alloc(size_t bytes, bool) {
  if (bytes > SIZE_MAX - kChunkBytes) panic("out of memory");
  size_t size = bytes == 0 ? kAlignment : (bytes + kAlignment - 1) & ~(kAlignment - 1);
  // Large objects get pages of their own, so they neither waste the current
  // chunk nor need a chunk of their size.
  if (size >= kChunkBytes / 2) {
    void* pages = kernel_alloc_pages((size + kPageBytes - 1) & ~(kPageBytes - 1));
    if (pages == nullptr) panic("out of memory");
    return pages;
  }
  if (size > static_cast<size_t>(chunk_end - chunk_next)) {
    // The rest of the current chunk (under half of it) is abandoned.
    auto* pages = static_cast<char*>(kernel_alloc_pages(kChunkBytes));
    if (pages == nullptr) panic("out of memory");
    chunk_next = pages;
    chunk_end = pages + kChunkBytes;
  }
  void* p = chunk_next;
  chunk_next += size;
  return p;
}

void* alloc_batch(size_t bytes) {
  constexpr size_t kBatchBytes = 4096;
  size_t count = kBatchBytes / bytes;
  if (count == 0) count = 1;
  auto* objects = static_cast<char*>(alloc(count * bytes, false));
  for (size_t i = 0; i + 1 < count; ++i) *reinterpret_cast<void**>(objects + i * bytes) = objects + (i + 1) * bytes;
  return objects;
}

}  // namespace platform

void rts_vm_start() { rts_run_program(); }
