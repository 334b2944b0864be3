// Thread stacks (the main stack included): reservations of virtual
// addresses, mapped page by page as the stack grows into them (page
// faults). Why it is laid out the way it is: stack_region.cpp.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace mem {

// A stack [*low, *top) of `bytes` (rounded up to pages; every stack has
// the size of the first one) whose top page is mapped; below `low` lies
// its guard. Not zeroed. False when RAM or addresses run out.
bool stack_create(size_t bytes, uint64_t* low, uint64_t* top);

// Gives a stack's pages and page tables back to the page allocator. Never
// the running stack.
void stack_release(uint64_t top);

// Gives back the pages of the stack ending at `top` below `keep_from`
// (rounded down to a page), which nothing uses any more; the top page
// stays.
void stack_trim(uint64_t top, uint64_t keep_from);

enum class StackFault {
  kNotAStack,  // not an address of any live stack: an ordinary fault
  kGrown,      // a page of a live stack is mapped now: retry the access
  kOverflow,   // the guard below a live stack
  kNoMemory,   // a live stack cannot grow: RAM is exhausted
};

// What a not-present page fault at `address` is; maps the page if the
// stack grows there.
StackFault stack_fault(uint64_t address);

// For reports: whether `address` lies in the guard of a live stack.
bool in_stack_guard(uint64_t address);

}  // namespace mem
