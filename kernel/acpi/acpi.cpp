// The RSDP leads to the RSDT (32-bit table addresses) or, from ACPI 2.0 on,
// the XSDT (64-bit); each table starts with the common 36-byte header.
// Tables whose checksum fails are ignored, as if absent.
#include "acpi/acpi.h"

#include "lib/print.h"

namespace acpi {
namespace {

struct [[gnu::packed]] Rsdp {
  char signature[8];  // "RSD PTR "
  uint8_t checksum;   // of the first 20 bytes
  char oem_id[6];
  uint8_t revision;  // 0: ACPI 1.0 (no XSDT); 2: ACPI 2.0+
  uint32_t rsdt_address;
  uint32_t length;
  uint64_t xsdt_address;
  uint8_t extended_checksum;
  uint8_t reserved[3];
};

struct [[gnu::packed]] TableHeader {
  char signature[4];
  uint32_t length;
  uint8_t revision;
  uint8_t checksum;
  char oem_id[6];
  char oem_table_id[8];
  uint32_t oem_revision;
  uint32_t creator_id;
  uint32_t creator_revision;
};

struct [[gnu::packed]] Madt {
  TableHeader header;
  uint32_t local_apic_address;
  uint32_t flags;
  // then entries: type, length, ...
};
constexpr uint8_t kMadtIoApic = 1;
constexpr uint8_t kMadtSourceOverride = 2;

struct [[gnu::packed]] MadtIoApic {
  uint8_t type, length, id, reserved;
  uint32_t address;
  uint32_t gsi_base;
};

struct [[gnu::packed]] MadtSourceOverride {
  uint8_t type, length, bus, source;
  uint32_t gsi;
  uint16_t flags;  // bits 0-1 polarity (3: active low), bits 2-3 trigger (3: level)
};

struct [[gnu::packed]] McfgEntry {
  uint64_t base;
  uint16_t segment;
  uint8_t first_bus;
  uint8_t last_bus;
  uint32_t reserved;
};

constexpr uint64_t kDefaultIoApic = 0xfec00000;

uint64_t rsdp_paddr = 0;
bool searched = false;
const Rsdp* rsdp = nullptr;

bool checksum_ok(const void* p, uint32_t length) {
  uint8_t sum = 0;
  for (uint32_t i = 0; i < length; ++i) sum = static_cast<uint8_t>(sum + static_cast<const uint8_t*>(p)[i]);
  return sum == 0;
}

bool same(const char* a, const char* b, int n) { return __builtin_memcmp(a, b, static_cast<unsigned long>(n)) == 0; }

const Rsdp* valid_rsdp(uint64_t p) {
  const auto* r = reinterpret_cast<const Rsdp*>(p);
  if (!same(r->signature, "RSD PTR ", 8) || !checksum_ok(r, 20)) return nullptr;
  return r;
}

// The BIOS places the RSDP on a 16-byte boundary in the first KiB of the
// EBDA or in 0xe0000-0xfffff.
const Rsdp* scan(uint64_t from, uint64_t to) {
  for (uint64_t p = from; p + sizeof(Rsdp) <= to; p += 16)
    if (const Rsdp* r = valid_rsdp(p)) return r;
  return nullptr;
}

const Rsdp* find_rsdp() {
  if (searched) return rsdp;
  searched = true;
  if (rsdp_paddr != 0) rsdp = valid_rsdp(rsdp_paddr);
  if (rsdp == nullptr) {
    uint64_t ebda = uint64_t{*reinterpret_cast<const volatile uint16_t*>(0x40e)} << 4;
    if (ebda >= 0x80000 && ebda < 0xa0000) rsdp = scan(ebda, ebda + 1024);
  }
  if (rsdp == nullptr) rsdp = scan(0xe0000, 0x100000);
  return rsdp;
}

const TableHeader* valid_table(uint64_t address, const char signature[4]) {
  if (address == 0 || address >= (uint64_t{1} << 32)) return nullptr;
  const auto* t = reinterpret_cast<const TableHeader*>(address);
  if (!same(t->signature, signature, 4) || t->length < sizeof(TableHeader)) return nullptr;
  if (!checksum_ok(t, t->length)) {
    lib::kprintf("acpi: table %c%c%c%c has a bad checksum, ignored\n", signature[0], signature[1], signature[2], signature[3]);
    return nullptr;
  }
  return t;
}

// Calls f(entry) for each MADT entry until it returns true.
template <typename F>
void for_each_madt_entry(F f) {
  const auto* madt = static_cast<const Madt*>(find_table("APIC"));
  if (madt == nullptr) return;
  auto p = reinterpret_cast<uintptr_t>(madt) + sizeof(Madt);
  auto end = reinterpret_cast<uintptr_t>(madt) + madt->header.length;
  while (p + 2 <= end) {
    const auto* entry = reinterpret_cast<const uint8_t*>(p);
    if (entry[1] < 2 || p + entry[1] > end) return;
    if (f(entry)) return;
    p += entry[1];
  }
}

IoApicInfo find_io_apic() {
  IoApicInfo info{kDefaultIoApic, 0};
  for_each_madt_entry([&](const uint8_t* entry) {
    if (entry[0] != kMadtIoApic || entry[1] < sizeof(MadtIoApic)) return false;
    const auto* e = reinterpret_cast<const MadtIoApic*>(entry);
    info = IoApicInfo{e->address, e->gsi_base};
    return true;  // the first one: one vCPU, one I/O APIC
  });
  return info;
}

}  // namespace

void set_rsdp(uint64_t paddr) { rsdp_paddr = paddr; }

const void* find_table(const char signature[4]) {
  const Rsdp* r = find_rsdp();
  if (r == nullptr) return nullptr;
  bool use_xsdt = r->revision >= 2 && r->xsdt_address != 0 && checksum_ok(r, r->length);
  const TableHeader* root = use_xsdt ? valid_table(r->xsdt_address, "XSDT") : valid_table(r->rsdt_address, "RSDT");
  if (root == nullptr) return nullptr;
  uint32_t entry_bytes = use_xsdt ? 8 : 4;
  uint32_t count = (root->length - sizeof(TableHeader)) / entry_bytes;
  auto entries = reinterpret_cast<uintptr_t>(root) + sizeof(TableHeader);
  for (uint32_t i = 0; i < count; ++i) {
    uint64_t address = use_xsdt ? *reinterpret_cast<const uint64_t*>(entries + 8 * i)
                                : *reinterpret_cast<const uint32_t*>(entries + 4 * i);
    if (const TableHeader* t = valid_table(address, signature)) return t;
  }
  return nullptr;
}

IoApicInfo io_apic() {
  // Asked at every I/O APIC register access; the tables do not change.
  static const IoApicInfo info = find_io_apic();
  return info;
}

IsaRoute isa_route(uint8_t irq) {
  IsaRoute route{irq, false, false};
  for_each_madt_entry([&](const uint8_t* entry) {
    if (entry[0] != kMadtSourceOverride || entry[1] < sizeof(MadtSourceOverride)) return false;
    const auto* e = reinterpret_cast<const MadtSourceOverride*>(entry);
    if (e->bus != 0 || e->source != irq) return false;
    route.gsi = e->gsi;
    if ((e->flags & 3) == 3) route.active_low = true;
    if (((e->flags >> 2) & 3) == 3) route.level = true;
    return true;
  });
  return route;
}

bool ecam(uint64_t* base, uint8_t* first_bus, uint8_t* last_bus) {
  const auto* mcfg = static_cast<const TableHeader*>(find_table("MCFG"));
  if (mcfg == nullptr) return false;
  auto p = reinterpret_cast<uintptr_t>(mcfg) + sizeof(TableHeader) + 8;  // 8 reserved bytes
  auto end = reinterpret_cast<uintptr_t>(mcfg) + mcfg->length;
  for (; p + sizeof(McfgEntry) <= end; p += sizeof(McfgEntry)) {
    const auto* e = reinterpret_cast<const McfgEntry*>(p);
    if (e->segment != 0 || e->base >= (uint64_t{1} << 32)) continue;  // identity-mapped below 4 GiB only
    *base = e->base;
    *first_bus = e->first_bus;
    *last_bus = e->last_bus;
    return true;
  }
  return false;
}

}  // namespace acpi
