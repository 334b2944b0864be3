#include "drivers/events.h"

#include "arch/timer.h"
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

bool events_pending() { return __atomic_load_n(&pending, __ATOMIC_SEQ_CST) != 0; }

}  // namespace drivers

uint64_t kernel_take_events() { return __atomic_exchange_n(&drivers::pending, 0, __ATOMIC_SEQ_CST); }
