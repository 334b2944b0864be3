// The local APIC (xAPIC, memory-mapped at the address in its base MSR) and
// turning interrupts on. Interrupts stay off from boot until something
// needs them: the tick (timer.cpp) or a device (arch/interrupts.h).
#pragma once

#include <stdint.h>

namespace arch {

uint32_t lapic_read(uint32_t reg);
void lapic_write(uint32_t reg, uint32_t value);

// End of interrupt: every interrupt that came through the local APIC (the
// timer, MSI, the I/O APIC) but the spurious vector needs one.
void lapic_eoi();

// This CPU's APIC id: the destination of MSI messages and I/O APIC routes.
uint32_t lapic_id();

// Remaps the 8259 PICs to 0x30-0x3f and masks them, enables the local APIC
// (spurious vector 0xff), installs the device interrupt gates, then sti.
// Idempotent.
void interrupts_on();
bool interrupts_are_on();

}  // namespace arch
