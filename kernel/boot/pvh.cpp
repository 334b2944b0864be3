// The Xen PVH boot ABI: %ebx points at struct hvm_start_info
// (xen/include/public/arch-x86/hvm/start_info.h). Version 1 adds the memory
// map, which QEMU always provides (it copies its E820 table there).
#include <stdint.h>

#include "acpi/acpi.h"
#include "boot/boot_info.h"
#include "boot/cmdline.h"
#include "mem/page_alloc.h"

namespace boot {
namespace {

constexpr uint32_t kStartInfoMagic = 0x336ec578;
constexpr uint32_t kMemoryTypeRam = 1;

struct HvmStartInfo {
  uint32_t magic;
  uint32_t version;
  uint32_t flags;
  uint32_t nr_modules;
  uint64_t modlist_paddr;
  uint64_t cmdline_paddr;
  uint64_t rsdp_paddr;
  // version >= 1
  uint64_t memmap_paddr;
  uint32_t memmap_entries;
  uint32_t reserved;
};

struct HvmMemmapEntry {
  uint64_t addr;
  uint64_t size;
  uint32_t type;
  uint32_t reserved;
};

}  // namespace

bool read_pvh_start_info(uint64_t start_info_paddr) {
  const auto* info = reinterpret_cast<const HvmStartInfo*>(start_info_paddr);
  if (info == nullptr || info->magic != kStartInfoMagic || info->version < 1 || info->memmap_entries == 0) return false;
  acpi::set_rsdp(info->rsdp_paddr);  // firmware memory, never allocated: read later
  save_cmdline(info->cmdline_paddr != 0 ? reinterpret_cast<const char*>(info->cmdline_paddr) : "");
  const auto* entries = reinterpret_cast<const HvmMemmapEntry*>(info->memmap_paddr);
  for (uint32_t i = 0; i < info->memmap_entries; ++i)
    if (entries[i].type == kMemoryTypeRam) mem::add_ram(entries[i].addr, entries[i].size);
  return true;
}

}  // namespace boot
