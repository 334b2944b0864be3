// The identity map built by boot/entry.S (0–4 GiB in 2 MiB pages), extended
// to RAM above 4 GiB and refined to 4 KiB pages where a page must be absent.
#pragma once

#include <stdint.h>

namespace mem {

// Maps the RAM recorded by add_ram that lies above 4 GiB, maps the heap's
// alias (kHeapAlias) onto the same tables, and unmaps page 0 so that a null
// pointer dereference faults. Call once, after add_ram.
void paging_init();

// Makes the 4 KiB page holding `address` absent (a fault on access),
// splitting its 2 MiB page first.
void unmap_page(uint64_t address);

// Whether a read of `address`, in the lower half, would succeed without a
// page fault (false for the heap's alias).
bool is_mapped(uint64_t address);

constexpr uint64_t kIdentityMapEnd = uint64_t{512} << 30;
constexpr uint64_t kLowerHalfEnd = uint64_t{1} << 47;

// RAM seen a second time, from the start of the upper half: its PML4
// entry shares the identity map's tables. The collector's heap is there
// (kernel_alloc_heap_pages), so that no integer below 2^47 (a count, a
// size, a device register) looks like a pointer into it to a collector
// that scans conservatively. Not identity-mapped: a buffer there is never
// given to a device as it is.
constexpr uint64_t kHeapAlias = 0xffff800000000000;

// The address a device is given for [address, address + len) (DMA): its
// own in the identity map (below 512 GiB), kHeapAlias less in the heap's
// alias; false elsewhere (the stack region, stack_region.cpp).
inline bool device_address(uint64_t address, uint64_t len, uint64_t* physical) {
  uint64_t a = address >= kHeapAlias ? address - kHeapAlias : address;
  if (a >= kIdentityMapEnd || len > kIdentityMapEnd - a) return false;
  *physical = a;
  return true;
}

// Page-table entry bits.
constexpr uint64_t kPresent = 0x1;
constexpr uint64_t kWrite = 0x2;
constexpr uint64_t kAddressMask = 0x000ffffffffff000;

// The page-directory entry (one per 2 MiB) for a lower-half address, or
// nullptr when its directory does not exist and `create` is false; with
// `create`, the missing tables are made (nullptr when RAM is short).
uint64_t* directory_entry_for(uint64_t address, bool create);

// A zeroed page for a page table, or nullptr when RAM is short.
uint64_t* alloc_table();

// The table an entry points to (physical = virtual).
inline uint64_t* table_at(uint64_t entry) { return reinterpret_cast<uint64_t*>(entry & kAddressMask); }

// Drops the TLB entry for the page holding `address`, and with it every
// cached paging-structure entry (Intel SDM 4.10.4.1).
inline void invalidate_page(uint64_t address) { asm volatile("invlpg (%0)" : : "r"(address) : "memory"); }

}  // namespace mem
