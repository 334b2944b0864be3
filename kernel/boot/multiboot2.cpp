// The Multiboot2 information structure (GRUB): a list of 8-byte aligned tags
// after an 8-byte header. Only the command line and the memory map matter.
#include <stdint.h>

#include "boot/boot_info.h"
#include "boot/cmdline.h"
#include "lib/align.h"
#include "mem/page_alloc.h"

namespace boot {
namespace {

constexpr uint32_t kTagEnd = 0;
constexpr uint32_t kTagCmdline = 1;
constexpr uint32_t kTagMemoryMap = 6;
constexpr uint32_t kMemoryTypeRam = 1;

struct Tag {
  uint32_t type;
  uint32_t size;  // including this header, excluding padding to 8 bytes
};

struct MemoryMapTag {
  Tag tag;
  uint32_t entry_size;  // may grow in later versions: step by it, not sizeof
  uint32_t entry_version;
};

struct MemoryMapEntry {
  uint64_t base_addr;
  uint64_t length;
  uint32_t type;
  uint32_t reserved;
};

void read_memory_map(const MemoryMapTag* map) {
  auto first = reinterpret_cast<uintptr_t>(map) + sizeof(MemoryMapTag);
  auto end = reinterpret_cast<uintptr_t>(map) + map->tag.size;
  for (uintptr_t p = first; p + sizeof(MemoryMapEntry) <= end; p += map->entry_size) {
    const auto* entry = reinterpret_cast<const MemoryMapEntry*>(p);
    if (entry->type == kMemoryTypeRam) mem::add_ram(entry->base_addr, entry->length);
  }
}

}  // namespace

bool read_multiboot2_info(uint64_t info_paddr) {
  if (info_paddr == 0) return false;
  auto total_size = *reinterpret_cast<const uint32_t*>(info_paddr);
  bool have_memory_map = false;
  save_cmdline("");
  for (uint64_t p = info_paddr + 8; p + sizeof(Tag) <= info_paddr + total_size;) {
    const auto* tag = reinterpret_cast<const Tag*>(p);
    if (tag->type == kTagEnd || tag->size < sizeof(Tag)) break;
    if (tag->type == kTagCmdline) save_cmdline(reinterpret_cast<const char*>(p + sizeof(Tag)));
    if (tag->type == kTagMemoryMap && tag->size >= sizeof(MemoryMapTag) &&
        reinterpret_cast<const MemoryMapTag*>(tag)->entry_size >= sizeof(MemoryMapEntry)) {
      read_memory_map(reinterpret_cast<const MemoryMapTag*>(tag));
      have_memory_map = true;
    }
    p += lib::align_up(tag->size, 8);
  }
  return have_memory_map;
}

}  // namespace boot
