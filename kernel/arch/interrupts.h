// Device interrupts: a vector per interrupt source (an MSI-X entry or an
// I/O APIC pin), each with a handler that runs with interrupts off.
// Handlers must be short and must not touch the runtime (an interrupt may
// arrive in the middle of any of its operations): they acknowledge the
// device and post an event (drivers/events.h), nothing more.
// A device vector without a handler is counted as unexpected and
// acknowledged; spurious ones are counted; neither is fatal.
#pragma once

#include <stdint.h>

namespace arch {

using InterruptHandler = void (*)(void* context);

// A free vector now calling handler(context), or 0 when all are taken.
uint8_t allocate_vector(InterruptHandler handler, void* context);

// Routes a global system interrupt of the I/O APIC to vector on this CPU
// (unmasked), or masks it.
void io_apic_route(uint32_t gsi, uint8_t vector, bool active_low, bool level);

// The MSI address and data that deliver `vector` to this CPU (fixed,
// edge-triggered).
uint64_t msi_address();
uint32_t msi_data(uint8_t vector);

uint64_t unexpected_interrupts();
uint64_t spurious_interrupts();

// Points every device vector at its stub (arch/apic.cpp, once).
void install_device_gates();

}  // namespace arch
