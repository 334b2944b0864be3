#include "platform/host/stack_arenas.h"

#include <sys/mman.h>

namespace platform::host {
namespace {

constexpr size_t kPageSize = 4096;  // x86-64 Linux

size_t round_to_pages(size_t bytes) { return (bytes + kPageSize - 1) / kPageSize * kPageSize; }

// A free stack's top page holds the next free stack's top.
char*& free_link(char* top) { return reinterpret_cast<char**>(top)[-1]; }

}  // namespace

void StackArenas::configure(size_t stack_bytes, size_t guard_bytes, size_t slots_per_arena) {
  stack_bytes_ = round_to_pages(stack_bytes < 1 ? 1 : stack_bytes);
  guard_bytes_ = round_to_pages(guard_bytes);
  slot_bytes_ = stack_bytes_ + guard_bytes_;
  slots_per_arena_ = slots_per_arena < 1 ? 1 : slots_per_arena;
}

bool StackArenas::alloc(char** low, char** top) {
  if (free_top_ != nullptr) {
    *top = free_top_;
    free_top_ = free_link(free_top_);
    *low = *top - stack_bytes_;
    return true;
  }
  if (next_fresh_ == fresh_end_) {
    if (arenas_ == kMaxArenas) return false;
    // Fewer slots when the address space or the commit limit (strict
    // overcommit ignores MAP_NORESERVE) refuses a whole arena.
    size_t bytes = 0;
    void* arena = MAP_FAILED;
    for (size_t slots = slots_per_arena_; arena == MAP_FAILED && slots > 0; slots /= 8) {
      bytes = slot_bytes_ * slots;
      arena = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    }
    if (arena == MAP_FAILED) return false;
    // With transparent huge pages "always", a first touch could back a
    // whole 2 MiB of a stack.
    madvise(arena, bytes, MADV_NOHUGEPAGE);
    arena_base_[arenas_] = static_cast<char*>(arena);
    arena_bytes_[arenas_] = bytes;
    ++arenas_;
    next_fresh_ = static_cast<char*>(arena);
    fresh_end_ = next_fresh_ + bytes;
  }
  if (mprotect(next_fresh_, guard_bytes_, PROT_NONE) != 0) return false;
  *top = next_fresh_ + slot_bytes_;
  *low = *top - stack_bytes_;
  next_fresh_ += slot_bytes_;
  return true;
}

bool StackArenas::in_guard(const void* address) const {
  auto* p = static_cast<const char*>(address);
  for (size_t i = 0; i < arenas_; ++i) {
    if (p < arena_base_[i] || p >= arena_base_[i] + arena_bytes_[i]) continue;
    return static_cast<size_t>(p - arena_base_[i]) % slot_bytes_ < guard_bytes_;
  }
  return false;
}

void StackArenas::free(char* top) {
  madvise(top - stack_bytes_, stack_bytes_ - kPageSize, MADV_DONTNEED);
  free_link(top) = free_top_;
  free_top_ = top;
}

}  // namespace platform::host
