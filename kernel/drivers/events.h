// Device events: how interrupt handlers tell the runtime that something
// happened without touching its queues. A handler posts bits
// (KERNEL_EVENT_* of kernel.h) into one word with an atomic OR; the
// runtime's scheduler takes the word (atomic exchange with 0, through
// kernel_take_events) and wakes the threads that wait for those bits; the
// idle loop (kernel_idle_until) stops halting as soon as any bit is set.
// An event only says "look again": a woken thread re-checks its device.
// The balloon's bit is the kernel's own: its work is done on the
// runtime's flow of control (kernel_poll_devices, kernel_take_events, the
// idle loop), never in the interrupt handler.
#pragma once

#include <stdint.h>

namespace drivers {

void post_event(uint64_t bits);

// Takes (clears) the given bits only; returns those that were set.
uint64_t take_events(uint64_t bits);

// Bits the kernel consumes itself (the balloon's: kernel_poll_devices)
// and the runtime never sees: only the others end kernel_idle_until.
constexpr uint64_t kKernelEvents = 1u << 3;  // KERNEL_EVENT_BALLOON
bool runtime_events_pending();
bool kernel_events_pending();

}  // namespace drivers
