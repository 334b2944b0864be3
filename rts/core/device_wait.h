// Threads waiting for devices (VM: the kernel's device events, kernel.h).
// The kernel's interrupt handlers never touch the scheduler's queues; they
// only record event bits. The scheduler takes those bits whenever it
// chooses a thread (platform::take_device_events) and makes the threads
// waiting for them runnable again; a woken thread asks its device again.
// A thread waiting for a device is never deadlocked: while one waits and
// nothing else can run, the CPU halts until the next interrupt.
#pragma once

#include <stdint.h>

namespace rts {

// Parks the running thread until an event with this bit (one of
// KERNEL_EVENT_*, at most bit 7) has been recorded since the call; other
// threads run meanwhile. The caller must have found its device with
// nothing for it after asking the device for an interrupt, so that the
// event cannot have come and gone before.
void wait_for_device(uint64_t event_bit);

// How many threads wait for a device.
extern int device_waiter_count;

// For the scheduler: whether some thread waits for a device (inline, as
// the next one: the scheduler asks at every switch).
inline bool threads_wait_for_devices() { return device_waiter_count > 0; }

// For the scheduler: makes runnable every thread whose event arrived.
void wake_arrived_device_waiters();
inline void wake_device_waiters() {
  if (threads_wait_for_devices()) wake_arrived_device_waiters();
}

}  // namespace rts
