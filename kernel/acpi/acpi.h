// ACPI tables, read only for the two facts the device layer needs: where
// the I/O APIC is and how ISA interrupts map onto its pins (the MADT), and
// where PCI configuration space is memory-mapped (ECAM, the MCFG table; q35
// has it, pc does not). Nothing here runs AML.
#pragma once

#include <stdint.h>

namespace acpi {

// The RSDP's physical address as the boot loader gave it (PVH start info),
// or 0: acpi then looks for it in the BIOS areas. Called at boot.
void set_rsdp(uint64_t paddr);

// The first table with this 4-character signature, or nullptr. The tables
// are in firmware memory below 4 GiB, identity-mapped.
const void* find_table(const char signature[4]);

struct IoApicInfo {
  uint64_t address;  // 0xfec00000 when the MADT says nothing
  uint32_t gsi_base;
};
IoApicInfo io_apic();

// An ISA interrupt (0-15) as the I/O APIC sees it: its global system
// interrupt and, when the MADT overrides them, its polarity and trigger
// mode (ISA default: active high, edge).
struct IsaRoute {
  uint32_t gsi;
  bool active_low;
  bool level;
};
IsaRoute isa_route(uint8_t irq);

// ECAM for PCI segment 0: base address and bus range; false without MCFG.
bool ecam(uint64_t* base, uint8_t* first_bus, uint8_t* last_bus);

}  // namespace acpi
