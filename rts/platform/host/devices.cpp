// The host has no devices of its own: nothing ever waits for one.
#include "platform/devices.h"

#include "platform/platform.h"

namespace platform {

uint64_t take_device_events() { return 0; }

void poll_devices() {}

void wait_for_device_event() { panic("a thread waits for a device on the host"); }

}  // namespace platform
