#include "drivers/events.h"

#include "arch/timer.h"
#include "drivers/virtio/balloon.h"
#include "kernel.h"

namespace drivers {
namespace {

uint64_t pending = 0;

}  // namespace

// The running thread reaches the scheduler at its next safe point, which
// wakes the waiters: a thread computing meanwhile delays them by a safe
// point, not by a tick.
void post_event(uint64_t bits) {
  __atomic_fetch_or(&pending, bits, __ATOMIC_SEQ_CST);
  arch::request_preemption();
}

static_assert(kKernelEvents == KERNEL_EVENT_BALLOON);

uint64_t take_events(uint64_t bits) { return __atomic_fetch_and(&pending, ~bits, __ATOMIC_SEQ_CST) & bits; }

bool runtime_events_pending() { return (__atomic_load_n(&pending, __ATOMIC_SEQ_CST) & ~kKernelEvents) != 0; }
bool kernel_events_pending() { return (__atomic_load_n(&pending, __ATOMIC_SEQ_CST) & kKernelEvents) != 0; }

}  // namespace drivers

uint64_t kernel_take_events() {
  uint64_t bits = __atomic_exchange_n(&drivers::pending, 0, __ATOMIC_SEQ_CST);
  if (bits & KERNEL_EVENT_BALLOON) virtio::balloon_service();
  return bits & ~drivers::kKernelEvents;
}

void kernel_poll_devices() { virtio::balloon_poll(); }
