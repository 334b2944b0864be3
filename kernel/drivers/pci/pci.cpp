#include "drivers/pci/pci.h"

#include "acpi/acpi.h"
#include "arch/cpu.h"
#include "lib/align.h"
#include "lib/print.h"
#include "mem/page_alloc.h"

namespace pci {
namespace {

constexpr uint16_t kConfigAddress = 0xcf8;
constexpr uint16_t kConfigData = 0xcfc;

constexpr uint16_t kVendorId = 0x00;
constexpr uint16_t kCommand = 0x04;
constexpr uint16_t kStatus = 0x06;
constexpr uint16_t kRevisionClass = 0x08;
constexpr uint16_t kHeaderType = 0x0e;
constexpr uint16_t kBar0 = 0x10;
constexpr uint16_t kSecondaryBus = 0x19;  // bridges
constexpr uint16_t kCapabilitiesPointer = 0x34;
constexpr uint16_t kInterruptLine = 0x3c;
constexpr uint16_t kInterruptPin = 0x3d;

constexpr uint16_t kCommandIo = 1 << 0;
constexpr uint16_t kCommandMemory = 1 << 1;
constexpr uint16_t kCommandBusMaster = 1 << 2;
constexpr uint16_t kStatusCapabilities = 1 << 4;

constexpr size_t kMaxDevices = 64;
Device found[kMaxDevices];
size_t found_count = 0;
bool enumerated = false;

bool ecam_checked = false;
volatile uint8_t* ecam_base = nullptr;
uint8_t ecam_first_bus = 0, ecam_last_bus = 0;

// The address space enable() hands out: memory [next_memory, kMemoryEnd)
// below the I/O APIC, I/O ports [next_io, kIoEnd).
constexpr uint64_t kMemoryEnd = 0xfec00000;
constexpr uint64_t kIoEnd = 0x10000;
uint64_t next_memory = 0;
uint64_t next_io = 0xc000;

volatile uint8_t* ecam_address(Address a, uint16_t offset) {
  if (!ecam_checked) {
    ecam_checked = true;
    uint64_t base;
    if (acpi::ecam(&base, &ecam_first_bus, &ecam_last_bus)) ecam_base = reinterpret_cast<volatile uint8_t*>(base);
  }
  if (ecam_base == nullptr || a.bus < ecam_first_bus || a.bus > ecam_last_bus) return nullptr;
  return ecam_base + ((uint64_t{a.bus} - ecam_first_bus) << 20 | uint64_t{a.device} << 15 |
                      uint64_t{a.function} << 12 | offset);
}

void select(Address a, uint16_t offset) {
  cpu::outl(kConfigAddress, 0x80000000u | uint32_t{a.bus} << 16 | uint32_t{a.device} << 11 |
                                uint32_t{a.function} << 8 | (offset & 0xfc));
}

// Sizes BAR `index` by writing all ones (decoding off meanwhile, so the
// device never answers at the probe address) and restores it.
Bar probe_bar(Address a, int index) {
  Bar bar{};
  uint16_t offset = static_cast<uint16_t>(kBar0 + 4 * index);
  uint32_t low = read32(a, offset);
  uint16_t command = read16(a, kCommand);
  write16(a, kCommand, command & ~(kCommandIo | kCommandMemory));
  write32(a, offset, 0xffffffff);
  uint32_t low_mask = read32(a, offset);
  write32(a, offset, low);
  bar.io = low & 1;
  if (bar.io) {
    uint32_t mask = low_mask & ~3u;
    bar.address = low & ~3u;
    bar.size = mask == 0 ? 0 : (~mask & 0xffff) + 1;
  } else {
    bar.is64 = ((low >> 1) & 3) == 2;
    bar.prefetchable = low & 8;
    uint64_t mask = low_mask & ~0xfu;
    bar.address = low & ~0xfu;
    if (bar.is64 && index < 5) {
      uint32_t high = read32(a, offset + 4);
      write32(a, offset + 4, 0xffffffff);
      uint32_t high_mask = read32(a, offset + 4);
      write32(a, offset + 4, high);
      mask |= uint64_t{high_mask} << 32;
      bar.address |= uint64_t{high} << 32;
    } else {
      mask |= uint64_t{0xffffffff} << 32;
    }
    bar.size = (mask & ~0xfu) == 0 ? 0 : ~mask + 1;
  }
  write16(a, kCommand, command);
  return bar;
}

void add_function(Address a);

void scan_bus(uint8_t bus) {
  for (uint8_t device = 0; device < 32; ++device) {
    Address a{bus, device, 0};
    if (read16(a, kVendorId) == 0xffff) continue;
    int functions = (read8(a, kHeaderType) & 0x80) ? 8 : 1;
    for (uint8_t function = 0; function < functions; ++function) {
      a.function = function;
      if (read16(a, kVendorId) != 0xffff) add_function(a);
    }
  }
}

void add_function(Address a) {
  if (found_count == kMaxDevices) {
    lib::kprintf("pci: more than %zu functions, ignoring the rest\n", kMaxDevices);
    return;
  }
  Device& d = found[found_count++];
  d = Device{};
  d.address = a;
  d.vendor_id = read16(a, kVendorId);
  d.device_id = read16(a, kVendorId + 2);
  uint32_t rc = read32(a, kRevisionClass);
  d.revision = static_cast<uint8_t>(rc);
  d.prog_if = static_cast<uint8_t>(rc >> 8);
  d.subclass = static_cast<uint8_t>(rc >> 16);
  d.class_code = static_cast<uint8_t>(rc >> 24);
  d.header_type = read8(a, kHeaderType) & 0x7f;
  d.interrupt_line = read8(a, kInterruptLine);
  d.interrupt_pin = read8(a, kInterruptPin);
  if (d.header_type == 0) {
    for (int i = 0; i < 6; ++i) {
      d.bars[i] = probe_bar(a, i);
      if (d.bars[i].is64 && i < 5) ++i;  // the upper half is no BAR of its own
    }
  } else if (d.header_type == 1) {
    // A bridge the firmware numbered; an unnumbered one (secondary bus 0)
    // would need bus numbers assigned, which no machine we boot on needs.
    uint8_t secondary = read8(a, kSecondaryBus);
    if (secondary > a.bus) scan_bus(secondary);
  }
}

void enumerate() {
  if (enumerated) return;
  enumerated = true;
  scan_bus(0);
}

// The first free address of the memory window: above RAM below 4 GiB,
// above ECAM, above every BAR the firmware assigned below 4 GiB.
void start_memory_window() {
  if (next_memory != 0) return;
  uint64_t start = 0x80000000;  // not below 2 GiB, whatever little RAM there is
  size_t ranges;
  const mem::Range* ram = mem::ram_ranges(&ranges);
  for (size_t i = 0; i < ranges; ++i)
    if (ram[i].base < (uint64_t{1} << 32) && ram[i].end > start) start = ram[i].end;
  uint64_t ecam;
  uint8_t first, last;
  if (acpi::ecam(&ecam, &first, &last)) {
    uint64_t ecam_end = ecam + ((uint64_t{last} - first + 1) << 20);
    if (ecam_end <= kMemoryEnd && ecam_end > start) start = ecam_end;
  }
  for (size_t i = 0; i < found_count; ++i)
    for (const Bar& b : found[i].bars)
      if (!b.io && b.size != 0 && b.address != 0 && b.address < kMemoryEnd && b.address + b.size > start)
        start = b.address + b.size;
  next_memory = lib::align_up(start, 1 << 20);
}

bool assign(Device* d, int index) {
  Bar& bar = d->bars[index];
  uint16_t offset = static_cast<uint16_t>(kBar0 + 4 * index);
  if (bar.io) {
    uint64_t at = lib::align_up(next_io, bar.size);
    if (at + bar.size > kIoEnd) return false;
    next_io = at + bar.size;
    bar.address = at;
    write32(d->address, offset, static_cast<uint32_t>(at));
    return true;
  }
  start_memory_window();
  uint64_t at = lib::align_up(next_memory, bar.size < 4096 ? 4096 : bar.size);
  if (at + bar.size > kMemoryEnd) return false;
  next_memory = at + bar.size;
  bar.address = at;
  write32(d->address, offset, static_cast<uint32_t>(at) | (bar.is64 ? 4 : 0) | (bar.prefetchable ? 8 : 0));
  if (bar.is64) write32(d->address, offset + 4, 0);
  return true;
}

}  // namespace

uint8_t read8(Address a, uint16_t offset) {
  if (volatile uint8_t* p = ecam_address(a, offset)) return *p;
  return static_cast<uint8_t>(read32(a, offset & ~3) >> (8 * (offset & 3)));
}

uint16_t read16(Address a, uint16_t offset) {
  if (volatile uint8_t* p = ecam_address(a, offset)) return *reinterpret_cast<volatile uint16_t*>(p);
  return static_cast<uint16_t>(read32(a, offset & ~3) >> (8 * (offset & 2)));
}

uint32_t read32(Address a, uint16_t offset) {
  if (volatile uint8_t* p = ecam_address(a, offset)) return *reinterpret_cast<volatile uint32_t*>(p);
  select(a, offset);
  return cpu::inl(kConfigData);
}

void write16(Address a, uint16_t offset, uint16_t value) {
  if (volatile uint8_t* p = ecam_address(a, offset)) {
    *reinterpret_cast<volatile uint16_t*>(p) = value;
    return;
  }
  select(a, offset);
  cpu::outw(static_cast<uint16_t>(kConfigData + (offset & 2)), value);
}

void write32(Address a, uint16_t offset, uint32_t value) {
  if (volatile uint8_t* p = ecam_address(a, offset)) {
    *reinterpret_cast<volatile uint32_t*>(p) = value;
    return;
  }
  select(a, offset);
  cpu::outl(kConfigData, value);
}

Device* devices(size_t* count) {
  enumerate();
  *count = found_count;
  return found;
}

bool enable(Device* d) {
  for (int i = 0; i < 6; ++i) {
    Bar& bar = d->bars[i];
    if (bar.size == 0) continue;
    bool unusable = bar.address == 0 || bar.address + bar.size > kMemoryEnd;  // unassigned, or above 4 GiB
    if (unusable && !assign(d, i)) {
      lib::kprintf("pci: no room for BAR %d of %02x:%02x.%x (%lu bytes)\n", i, d->address.bus, d->address.device,
                   d->address.function, bar.size);
      return false;
    }
    if (bar.is64) ++i;
  }
  write16(d->address, kCommand,
          static_cast<uint16_t>(read16(d->address, kCommand) | kCommandIo | kCommandMemory | kCommandBusMaster));
  return true;
}

uint8_t find_capability(const Device& d, uint8_t id, uint8_t after) {
  if (!(read16(d.address, kStatus) & kStatusCapabilities)) return 0;
  uint8_t at = after == 0 ? read8(d.address, kCapabilitiesPointer) : read8(d.address, after + 1);
  for (int guard = 0; at >= 0x40 && guard < 48; ++guard) {  // a looping list ends too
    at &= 0xfc;
    if (read8(d.address, at) == id) return at;
    at = read8(d.address, at + 1);
  }
  return 0;
}

bool uses_ecam() {
  enumerate();
  return ecam_base != nullptr;
}

void print_devices() {
  enumerate();
  lib::kprintf("pci: %zu functions, configuration through %s\n", found_count, uses_ecam() ? "ECAM" : "ports");
  for (size_t i = 0; i < found_count; ++i) {
    const Device& d = found[i];
    lib::kprintf("pci %02x:%02x.%x %04x:%04x class %02x%02x irq %u pin %u\n", d.address.bus, d.address.device,
                 d.address.function, d.vendor_id, d.device_id, d.class_code, d.subclass, d.interrupt_line,
                 d.interrupt_pin);
    for (int b = 0; b < 6; ++b)
      if (d.bars[b].size != 0)
        lib::kprintf("  bar %d %s%s size 0x%lx at 0x%lx\n", b, d.bars[b].io ? "io" : "mem", d.bars[b].is64 ? "64" : "",
                     d.bars[b].size, d.bars[b].address);
  }
}

}  // namespace pci
