// Page faults on thread stacks (thread_stacks.cpp): growth, and overflows
// the runtime turns into Stack_overflow. The runtime's side is
// kernel_stack_create, kernel_stack_release and
// kernel_set_stack_overflow_handler in kernel.h.
#pragma once

#include <stdint.h>

namespace mem {

// A not-present page fault at `address`: true when it was a stack's growth
// (the page is mapped now: retry), or an overflow into a stack's guard
// that the runtime handles (a handler is set and `may_redirect`): then
// *rip and *rsp say where the CPU goes on instead, the handler on a spare
// stack. False: an ordinary fault, or an overflow nothing handles.
bool handle_stack_fault(uint64_t address, bool may_redirect, uint64_t* rip, uint64_t* rsp);

}  // namespace mem
