// Page tables are reached through the identity map: a table's physical
// address is also the address the kernel reads it at.
#include "mem/paging.h"

#include "arch/cpu.h"
#include "kernel.h"
#include "lib/align.h"
#include "mem/page_alloc.h"

extern "C" uint64_t kernel_pml4[512];

namespace mem {
namespace {

constexpr uint64_t kLarge = 0x80;  // 2 MiB page in a directory entry
constexpr uint64_t kLargePage = uint64_t{2} << 20;
constexpr uint64_t kBootMapped = uint64_t{4} << 30;  // what entry.S maps

// A zeroed page for a new page table; running out this early is fatal.
uint64_t* new_table() {
  uint64_t* table = alloc_table();
  if (table == nullptr) kernel_panic("out of memory for page tables");
  return table;
}

int index(uint64_t address, int level_shift) { return static_cast<int>((address >> level_shift) & 511); }

// The page-directory entry for an identity-mapped `address`, creating the
// directory if needed; running out this early is fatal.
uint64_t* directory_entry(uint64_t address) {
  if (address >= kIdentityMapEnd) kernel_panic("paging: address beyond the identity map");
  uint64_t* entry = directory_entry_for(address, true);
  if (entry == nullptr) kernel_panic("out of memory for page tables");
  return entry;
}

void map_large_pages(uint64_t base, uint64_t end) {
  for (uint64_t page = lib::align_down(base, kLargePage); page < end; page += kLargePage) {
    uint64_t* entry = directory_entry(page);
    if (!(*entry & kPresent)) *entry = page | kPresent | kWrite | kLarge;
  }
}

}  // namespace

uint64_t* alloc_table() { return static_cast<uint64_t*>(kernel_alloc_pages(kPageSize)); }

uint64_t* directory_entry_for(uint64_t address, bool create) {
  if (address >= kLowerHalfEnd) kernel_panic("paging: address beyond the lower half");
  uint64_t* entry = &kernel_pml4[index(address, 39)];
  for (int shift = 30; shift >= 21; shift -= 9) {
    if (!(*entry & kPresent)) {
      if (!create) return nullptr;
      uint64_t* table = alloc_table();
      if (table == nullptr) return nullptr;
      *entry = reinterpret_cast<uint64_t>(table) | kPresent | kWrite;
    }
    entry = &table_at(*entry)[index(address, shift)];
  }
  return entry;
}

void paging_init() {
  size_t count;
  const Range* ranges = ram_ranges(&count);
  for (size_t i = 0; i < count; ++i) {
    uint64_t base = ranges[i].base < kBootMapped ? kBootMapped : ranges[i].base;
    if (base < ranges[i].end) map_large_pages(base, ranges[i].end);
  }
  unmap_page(0);
  kernel_pml4[index(kHeapAlias, 39)] = kernel_pml4[0];
}

void unmap_page(uint64_t address) {
  uint64_t* entry = directory_entry(address);
  if (!(*entry & kPresent)) return;
  if (*entry & kLarge) {
    // Split: a table of 512 small pages with the same mapping and flags.
    uint64_t* table = new_table();
    uint64_t base = *entry & kAddressMask;
    for (int i = 0; i < 512; ++i) table[i] = (base + i * kPageSize) | kPresent | kWrite;
    *entry = reinterpret_cast<uint64_t>(table) | kPresent | kWrite;
  }
  table_at(*entry)[index(address, 12)] = 0;
  // The TLB may still hold the old 2 MiB translation; reloading CR3 drops
  // every entry (the kernel uses no global pages). Rare enough to be cheap.
  cpu::write_cr3(cpu::read_cr3());
}

bool is_mapped(uint64_t address) {
  // Non-canonical addresses fault with #GP before any table is read.
  if (address >= kLowerHalfEnd) return false;
  const uint64_t* entry = directory_entry_for(address, false);
  if (entry == nullptr || !(*entry & kPresent)) return false;
  if (*entry & kLarge) return true;
  return (table_at(*entry)[index(address, 12)] & kPresent) != 0;
}

}  // namespace mem
