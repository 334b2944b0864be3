// Thread stacks and stack overflows (thread_stacks.cpp); the runtime's
// side is kernel_alloc_stack, kernel_set_stack_overflow_handler and
// kernel_set_thread_guard in kernel.h.
#pragma once

#include <stdint.h>

namespace mem {

// A page fault at `address` that is a stack overflow the runtime handles
// (a guard page: the main stack's or the running thread's, and a handler
// set): where the CPU goes on instead, its handler on a spare stack.
bool stack_overflow_redirect(uint64_t address, uint64_t* rip, uint64_t* rsp);

}  // namespace mem
