// Device events come from the kernel's interrupt handlers (kernel.h).
#include "platform/devices.h"

#include "kernel.h"

namespace platform {

uint64_t take_device_events() { return kernel_take_events(); }

void poll_devices() { kernel_poll_devices(); }

// kernel_idle_until returns as soon as an event is recorded.
void wait_for_device_event() { kernel_idle_until(UINT64_MAX); }

}  // namespace platform
