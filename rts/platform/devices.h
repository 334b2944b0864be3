// Devices as the scheduler sees them (core/device_wait.h): the events
// recorded by interrupt handlers. The VM takes them from the kernel; the
// host has no devices of its own (its I/O goes through the system).
#pragma once

#include <stdint.h>

namespace platform {

// The device events (KERNEL_EVENT_* bits) recorded since the last call;
// clears them. Host: always 0.
uint64_t take_device_events();

// Halts until the next device event (VM: or any interrupt; returning early
// is fine). Only called while some thread waits for a device.
void wait_for_device_event();

// Lets the kernel do work it keeps out of interrupt handlers (VM: the
// balloon, kernel_poll_devices); called when a thread yields (a tick's
// safe point) and when a collection starts. Host: nothing to do.
void poll_devices();

}  // namespace platform
