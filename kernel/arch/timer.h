// The local APIC timer and the TSC (timer.cpp); the kernel↔runtime side is
// kernel_time_ns, kernel_start_tick and kernel_idle_until in kernel.h.
#pragma once

#include <stdint.h>

namespace arch {

// Timer interrupts taken since the tick started (every 10 ms).
uint64_t ticks();

// Asks the running green thread to enter the scheduler at its next safe
// point, as a tick does (nothing before the runtime starts the tick):
// device events wake their waiters without waiting for the next tick.
void request_preemption();

}  // namespace arch
