#include "core/device_wait.h"

#include "core/scheduler.h"
#include "platform/devices.h"
#include "platform/platform.h"

namespace rts {
namespace {

constexpr int kEventBits = 8;
WaitQueue waiting[kEventBits];  // by event bit

int bit_index(uint64_t bit) {
  for (int i = 0; i < kEventBits; ++i)
    if (bit == uint64_t{1} << i) return i;
  platform::panic("wait_for_device: not one event bit");
}

}  // namespace

int device_waiter_count = 0;

void wait_for_device(uint64_t event_bit) {
  WaitQueue* queue = &waiting[bit_index(event_bit)];
  ++device_waiter_count;
  block_on(queue);  // never raises Deadlock: run_next halts instead
}

void wake_arrived_device_waiters() {
  uint64_t events = platform::take_device_events();
  for (int i = 0; i < kEventBits && events != 0; ++i) {
    if (!(events & (uint64_t{1} << i))) continue;
    events &= ~(uint64_t{1} << i);
    while (FlThread* t = waiting[i].pop_front()) {
      --device_waiter_count;
      wake(t);
    }
  }
}

}  // namespace rts
