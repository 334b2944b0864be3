#include "drivers/events.h"

#include "kernel.h"

namespace drivers {
namespace {

uint64_t pending = 0;

}  // namespace

void post_event(uint64_t bits) { __atomic_fetch_or(&pending, bits, __ATOMIC_SEQ_CST); }

bool events_pending() { return __atomic_load_n(&pending, __ATOMIC_SEQ_CST) != 0; }

}  // namespace drivers

uint64_t kernel_take_events() { return __atomic_exchange_n(&drivers::pending, 0, __ATOMIC_SEQ_CST); }
