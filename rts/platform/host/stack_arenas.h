// Green threads' stacks on Linux: slots in a few large anonymous mappings.
//
// Why not one mmap with a PROT_NONE guard page per stack: each guard splits
// the mapping, two VMAs per thread, and vm.max_map_count (65530 by
// default) caps a process at ~32,000 such stacks, short of the 100,000
// threads LANGUAGE.md asks for. Here an arena of many slots is one VMA, and
// overflow is found in software instead (fl_stack_limit, checked by
// generated code; core/stack_overflow.cpp). Each slot is a stack of
// `stack_bytes` above a gap of `gap_bytes` that no stack uses, so that the
// runtime's C++ code, which does not check, cannot reach the next stack
// down even if it ran past the limit's headroom.
//
// The mappings are MAP_NORESERVE and not huge-page backed: a stack costs
// the pages its thread touched (one, for a thread that never recurses),
// plus, in Linux, the page table of its top 2 MiB (VmPTE): 100,000 blocked
// threads take 424 MB of RSS and 425 MB of page tables. (The VM shares the
// page tables of 256 stack tops, kernel/mem/stack_region.cpp; Linux cannot.)
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
  StackArenas(size_t stack_bytes, size_t gap_bytes, size_t slots_per_arena) {
    configure(stack_bytes, gap_bytes, slots_per_arena);
  }
  // Sizes are rounded up to whole pages; at least one slot per arena.
  // Before the first alloc.
  void configure(size_t stack_bytes, size_t gap_bytes, size_t slots_per_arena);
  bool configured() const { return stack_bytes_ != 0; }

  // A stack [*low, *top), most recently freed first; false when no arena
  // can be mapped.
  bool alloc(char** low, char** top);
  void free(char* top);

  size_t stack_bytes() const { return stack_bytes_; }
  size_t arenas_mapped() const { return arenas_; }

 private:
  size_t stack_bytes_ = 0;
  size_t slot_bytes_ = 0;  // gap + stack
  size_t slots_per_arena_ = 0;
  size_t arenas_ = 0;
  char* next_fresh_ = nullptr;  // the next never-used slot's base
  char* fresh_end_ = nullptr;   // the end of the newest arena
  char* free_top_ = nullptr;    // the top of the latest freed stack
};

}  // namespace platform::host
