// PCI: configuration space through ECAM when the ACPI MCFG table gives it
// (q35) or the legacy ports 0xcf8/0xcfc (pc), enumeration of every bus
// reachable from bus 0 through PCI-to-PCI bridges, BARs and capability
// lists. Firmware may leave devices unconfigured (qboot assigns no BARs and
// leaves the command register 0), so enable() assigns the BARs a driver
// needs itself, from the address space between the top of RAM below 4 GiB
// and the I/O APIC, which the kernel identity-maps. Enumeration happens on
// first use, so a program without devices never pays for it.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace pci {

struct Address {
  uint8_t bus, device, function;
};

struct Bar {
  uint64_t address;  // 0: unassigned
  uint64_t size;     // 0: no BAR here
  bool io;
  bool is64;  // takes this slot and the next
  bool prefetchable;
};

struct Device {
  Address address;
  uint16_t vendor_id, device_id;
  uint8_t class_code, subclass, prog_if, revision;
  uint8_t header_type;     // 0 device, 1 PCI-to-PCI bridge
  uint8_t interrupt_line;  // as firmware programmed it (ISA IRQ on pc), 0xff none
  uint8_t interrupt_pin;   // 1-4 for INTA-INTD, 0 none
  Bar bars[6];             // header type 0 only
};

uint8_t read8(Address a, uint16_t offset);
uint16_t read16(Address a, uint16_t offset);
uint32_t read32(Address a, uint16_t offset);
void write16(Address a, uint16_t offset, uint16_t value);
void write32(Address a, uint16_t offset, uint32_t value);

// Every function found, in bus, device, function order.
Device* devices(size_t* count);

// Gives every unassigned memory or I/O BAR of the device an address (and
// moves 64-bit BARs that firmware put above 4 GiB below it), then enables
// memory and I/O decoding and bus mastering. False when the address space
// ran out (the device is left disabled).
bool enable(Device* device);

// The configuration-space offset of the first capability with this id
// after the one at `after` (0: from the start of the list), or 0.
uint8_t find_capability(const Device& device, uint8_t id, uint8_t after = 0);

// Whether configuration space is reached through ECAM (else the ports).
bool uses_ecam();

// Prints one line per device, for diagnostics and the tests.
void print_devices();

}  // namespace pci
