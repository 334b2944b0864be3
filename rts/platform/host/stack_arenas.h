// Green threads' stacks on Linux: slots in a few large anonymous mappings.
//
// Each slot is a stack of `stack_bytes` above a guard of `guard_bytes`,
// made PROT_NONE when the slot is first used: a run past the stack's end
// faults (the SIGSEGV handler of platform/host/threads.cpp raises
// Stack_overflow) even where no software check is made (the runtime's C++
// code and libgc's, below the limit generated code checks:
// core/stack_overflow.cpp). Each guard splits the mapping, two VMAs per
// slot against vm.max_map_count (65530 by default); the runtime keeps at
// most 1,025 stacks at once (core/shared_stack.h) and freed slots are
// reused before fresh ones, so that is about 2,000. Slots rather than a
// mapping per stack: a reused slot is taken and given back without a
// system call, but for the MADV_DONTNEED below.
//
// The mappings are MAP_NORESERVE and not huge-page backed: a stack costs
// the pages its thread touched (one, for a thread that never recurses),
// plus, in Linux, the page table of its top 2 MiB (VmPTE).
// A freed stack's pages but the top one go back to Linux (MADV_DONTNEED);
// the top page holds the free list's link and is the first the next thread
// touches anyway. Arenas are never unmapped: they are address space only.
#pragma once

#include <stddef.h>

namespace platform::host {

class StackArenas {
 public:
  // Unusable until configured (constexpr: a global needs no constructor
  // call, the runtime has no C++ library to guard one).
  constexpr StackArenas() = default;
  StackArenas(size_t stack_bytes, size_t guard_bytes, size_t slots_per_arena) {
    configure(stack_bytes, guard_bytes, slots_per_arena);
  }
  // Sizes are rounded up to whole pages; at least one slot per arena.
  // Before the first alloc.
  void configure(size_t stack_bytes, size_t guard_bytes, size_t slots_per_arena);
  bool configured() const { return stack_bytes_ != 0; }

  // A stack [*low, *top), most recently freed first; false when no arena
  // can be mapped (or kMaxArenas are, which takes arenas made small by a
  // limit on address space) or its guard cannot be made.
  bool alloc(char** low, char** top);
  void free(char* top);

  // Whether `address` lies in the guard below a stack (used or not).
  bool in_guard(const void* address) const;

  size_t stack_bytes() const { return stack_bytes_; }
  size_t arenas_mapped() const { return arenas_; }

 private:
  size_t stack_bytes_ = 0;
  size_t guard_bytes_ = 0;
  size_t slot_bytes_ = 0;  // guard + stack
  size_t slots_per_arena_ = 0;
  static constexpr size_t kMaxArenas = 128;
  char* arena_base_[kMaxArenas] = {};
  size_t arena_bytes_[kMaxArenas] = {};
  size_t arenas_ = 0;
  char* next_fresh_ = nullptr;  // the next never-used slot's base
  char* fresh_end_ = nullptr;   // the end of the newest arena
  char* free_top_ = nullptr;    // the top of the latest freed stack
};

}  // namespace platform::host
