// Device events: how interrupt handlers tell the runtime that something
// happened without touching its queues. A handler posts bits
// (KERNEL_EVENT_* of kernel.h) into one word with an atomic OR; the
// runtime's scheduler takes the word (atomic exchange with 0, through
// kernel_take_events) and wakes the threads that wait for those bits; the
// idle loop (kernel_idle_until) stops halting as soon as any bit is set.
// An event only says "look again": a woken thread re-checks its device.
#pragma once

#include <stdint.h>

namespace drivers {

void post_event(uint64_t bits);
bool events_pending();

}  // namespace drivers
