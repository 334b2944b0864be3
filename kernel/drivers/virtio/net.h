// virtio-net: the runtime's side is kernel_net_* in kernel.h; this is what
// the kernel's own tests (tests/vm/devices_main.cpp) may ask besides.
#pragma once

namespace virtio {

// "msix" or "intx" once the device is open, else "none".
const char* net_interrupt_mode();

// Waits (at most a second) until the device has taken every frame queued
// for sending: kernel_exit calls it, since QEMU sends queued frames a
// little later and would drop them when the VM ends first.
void net_drain();

}  // namespace virtio
