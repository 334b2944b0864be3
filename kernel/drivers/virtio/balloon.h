// virtio-balloon: the host's memory target for this VM. The runtime's side
// is kernel_poll_devices in kernel.h; this is what the rest of the kernel
// and its tests (tests/vm/devices_main.cpp) may ask.
#pragma once

#include <stdint.h>

namespace virtio {

// Opens the device the first time (later calls return at once), then does
// whatever the balloon's event bit asks for: a bounded chunk of inflation
// or deflation, stats. Only on the runtime's flow of control, never in an
// interrupt handler: it takes and gives back pages.
void balloon_poll();

// The work behind KERNEL_EVENT_BALLOON, once that bit has been taken.
void balloon_service();

struct BalloonStatus {
  const char* state;         // "none" (not looked for yet), "absent", "msix", "intx"
  uint32_t target_pages;     // what the device asked for last
  uint64_t held_pages;       // frames in the balloon (handed to the device)
  uint64_t short_of_memory;  // times inflation stopped for want of free frames
  uint64_t full_bookkeeping; // times it stopped for want of room to record frames
  uint64_t bad_answers;      // used entries for buffers not in flight
  uint64_t stats_answers;    // stats requests answered
};
BalloonStatus balloon_status();

}  // namespace virtio
