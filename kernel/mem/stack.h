// Stacks with a guard page: an overflow hits an absent page and panics as a
// page fault instead of silently overwriting whatever lies below.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace mem {

// Allocates `bytes` of stack (whole pages) above an unmapped guard page and
// returns the top, 16-byte aligned. Panics when RAM is short.
uintptr_t alloc_guarded_stack(size_t bytes);

// Whether `address` lies in the guard page of a stack from
// alloc_guarded_stack, i.e. a fault there is a stack overflow.
bool is_stack_guard(uint64_t address);

}  // namespace mem
