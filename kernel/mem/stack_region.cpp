// Thread stacks as reservations of virtual addresses that grow page by page.
//
// Layout. Every stack has a slot of slot_bytes = round_up(limit, 2 MiB) +
// 2 MiB in [512 GiB, 128 TiB) (PML4 entries 1-255; RAM, identity-mapped,
// is in entry 0). The stack ends in the slot's top 2 MiB window (its top
// window), grows down from there for `limit` bytes, and whatever lies
// below, down to the slot's base (8 KiB at least), is its guard. Pages are
// mapped when the stack first touches them (stack_fault, from the page
// fault handler), so a stack costs the pages its thread used.
//
// Why the top windows share page tables. The budget that matters is a
// blocked thread's: 100,000 of them in a 512 MiB VM (the conformance
// program many_threads). A page mapped alone in its 2 MiB window needs a
// page-table (PT) page of its own as well: 8 KiB per thread, 800 MB. So
// the slots are taken in groups of 32, and the top windows of a group
// share one PT page: slot j of group g has its top page at index
// 511 - 15j - (g mod 15) of that PT, the directory entries of all 32 top
// windows point to it, and the 14 indices below, absent there, are where
// the slot first grows. When it does, its top window gets a private PT
// (its one entry moves over) and grows page by page from there. The
// staggering spreads the stack tops over the sets of a TLB indexed by the
// low bits of the page number, such as QEMU's software TLB: slots are a
// multiple of 2 MiB apart, so without the shift by group every group's
// tops would fall into the same 32 sets (thread-ring, 503 threads under
// TCG: 3.3 -> 2.35 s of CPU). A blocked thread costs 4 KiB of stack, 128 bytes of
// shared PT and its slot's 33 page-directory entries (264 bytes): ~4.4 KiB.
// The price is aliasing: every top window of a group shows every slot's
// top page at that slot's index. A stack that grows down from its own
// index faults within the 56 KiB below it, before any other slot's page:
// only a frame larger than that, touched at its bottom first, or a wild
// pointer, would reach one (the largest frame in the runtime is 8 KiB).
//
// Invalidation. Mapping an absent page needs none (the TLB never caches an
// absent translation). Moving a slot's entry to a private PT changes its
// directory entry: one invlpg in that window drops the cached
// paging-structure entries too (Intel SDM 4.10.4.1). Releasing a stack
// invalidates each page it unmaps, before the page may be handed out again.
#include "mem/stack_region.h"

#include "kernel.h"
#include "lib/align.h"
#include "mem/page_alloc.h"
#include "mem/paging.h"

namespace mem {
namespace {

constexpr uint64_t kRegionBase = kIdentityMapEnd;  // up to kLowerHalfEnd
constexpr uint64_t kWindow = uint64_t{2} << 20;
constexpr uint64_t kGroupSlots = 32;
// PT entries from one top page to the next (odd, <= 512 / kGroupSlots),
// and the number of shifts by group (top_index).
constexpr uint64_t kIndexStride = 15;
constexpr uint64_t kMaxSlots = uint64_t{1} << 20;
constexpr uint64_t kMaxGroups = kMaxSlots / kGroupSlots;

uint64_t limit = 0;       // every stack's size, set by the first
uint64_t slot_bytes = 0;  // 0: no stack yet
uint64_t max_slots = 0;
uint64_t fresh_slots = 0;              // slots [0, fresh_slots) have been used
uint64_t* group_tables[kMaxGroups];    // the shared PT of each group, once made

// Released slots, reused most recent first: an array that grows by whole
// pages (a stack of slot numbers).
uint32_t* free_slots = nullptr;
uint64_t free_count = 0;
uint64_t free_capacity = 0;

uint64_t slot_base(uint64_t slot) { return kRegionBase + slot * slot_bytes; }
uint64_t top_window(uint64_t slot) { return slot_base(slot) + slot_bytes - kWindow; }
int top_index(uint64_t slot) {
  return 511 - static_cast<int>((slot / kGroupSlots) % kIndexStride + kIndexStride * (slot % kGroupSlots));
}
uint64_t stack_top(uint64_t slot) { return top_window(slot) + (static_cast<uint64_t>(top_index(slot)) + 1) * kPageSize; }
int page_index(uint64_t address) { return static_cast<int>((address >> 12) & 511); }

// The slot holding `address`, or false outside the region's used slots.
bool slot_of(uint64_t address, uint64_t* slot) {
  if (slot_bytes == 0 || address < kRegionBase || address >= kLowerHalfEnd) return false;
  *slot = (address - kRegionBase) / slot_bytes;
  return *slot < fresh_slots;
}

// A slot's stack exists while its top window's directory entry is present.
bool live(uint64_t slot) {
  uint64_t* entry = directory_entry_for(top_window(slot), false);
  return entry != nullptr && (*entry & kPresent);
}

bool push_free_slot(uint64_t slot) {
  if (free_count == free_capacity) {
    uint64_t bytes = free_capacity == 0 ? kPageSize : free_capacity * sizeof(uint32_t) * 2;
    auto* bigger = static_cast<uint32_t*>(alloc_pages(bytes));
    if (bigger == nullptr) return false;
    for (uint64_t i = 0; i < free_count; ++i) bigger[i] = free_slots[i];
    for (uint64_t p = 0; p < free_capacity * sizeof(uint32_t); p += kPageSize)
      free_page(reinterpret_cast<char*>(free_slots) + p);
    free_slots = bigger;
    free_capacity = bytes / sizeof(uint32_t);
  }
  free_slots[free_count++] = static_cast<uint32_t>(slot);
  return true;
}

// Unmaps every page of a private PT and frees them and it.
void release_table(uint64_t window, uint64_t* table) {
  for (int i = 0; i < 512; ++i) {
    if (!(table[i] & kPresent)) continue;
    free_page(table_at(table[i]));
    table[i] = 0;
    invalidate_page(window + static_cast<uint64_t>(i) * kPageSize);
  }
  free_page(table);
}

// Clears a window's directory entry, and what the CPU may have cached of it.
void clear_directory_entry(uint64_t window, uint64_t* entry) {
  *entry = 0;
  invalidate_page(window);
}

// The live slot whose stack ends at `top`; panics for anything else.
uint64_t live_slot(uint64_t top, const char* caller) {
  uint64_t slot;
  if (!slot_of(top - 1, &slot) || stack_top(slot) != top || !live(slot)) kernel_panic(caller);
  return slot;
}

// The slot's stack grows into its top window below the top page: the
// window gets a private PT with the top page's entry.
bool unshare(uint64_t slot, uint64_t* directory_entry) {
  uint64_t* shared = group_tables[slot / kGroupSlots];
  uint64_t* own = alloc_table();
  if (own == nullptr) return false;
  int i = top_index(slot);
  own[i] = shared[i];
  shared[i] = 0;
  *directory_entry = reinterpret_cast<uint64_t>(own) | kPresent | kWrite;
  invalidate_page(top_window(slot) + static_cast<uint64_t>(i) * kPageSize);
  return true;
}

}  // namespace

bool stack_create(size_t bytes, uint64_t* low, uint64_t* top) {
  if (slot_bytes == 0) {
    limit = lib::align_up(bytes, kPageSize);
    slot_bytes = lib::align_up(limit, kWindow) + kWindow;
    max_slots = (kLowerHalfEnd - kRegionBase) / slot_bytes;
    if (max_slots > kMaxSlots) max_slots = kMaxSlots;
  }
  uint64_t slot;
  if (free_count > 0) slot = free_slots[--free_count];
  else if (fresh_slots < max_slots) slot = fresh_slots++;
  else return false;
  uint64_t*& shared = group_tables[slot / kGroupSlots];
  uint64_t* entry = directory_entry_for(top_window(slot), true);
  if (shared == nullptr) shared = alloc_table();
  void* page = alloc_pages(kPageSize);
  if (entry == nullptr || shared == nullptr || page == nullptr) {
    if (page != nullptr) free_page(page);
    push_free_slot(slot);  // (room for it: it was just taken)
    return false;
  }
  shared[top_index(slot)] = reinterpret_cast<uint64_t>(page) | kPresent | kWrite;
  *entry = reinterpret_cast<uint64_t>(shared) | kPresent | kWrite;
  *top = stack_top(slot);
  *low = *top - limit;
  return true;
}

void stack_release(uint64_t top) {
  uint64_t slot = live_slot(top, "kernel_stack_release: not a live stack");
  uint64_t* shared = group_tables[slot / kGroupSlots];
  for (uint64_t window = slot_base(slot); window < slot_base(slot) + slot_bytes; window += kWindow) {
    uint64_t* entry = directory_entry_for(window, false);
    if (entry == nullptr || !(*entry & kPresent)) continue;
    uint64_t* table = table_at(*entry);
    clear_directory_entry(window, entry);
    if (table != shared) {
      release_table(window, table);
      continue;
    }
    int i = top_index(slot);
    if (shared[i] & kPresent) {
      free_page(table_at(shared[i]));
      shared[i] = 0;
    }
    invalidate_page(window + static_cast<uint64_t>(i) * kPageSize);
  }
  if (!push_free_slot(slot)) kernel_panic("out of memory for the list of free stacks");
}

void stack_trim(uint64_t top, uint64_t keep_from) {
  uint64_t slot = live_slot(top, "kernel_stack_trim: not a live stack");
  keep_from &= ~(kPageSize - 1);
  for (uint64_t window = slot_base(slot); window < keep_from; window += kWindow) {
    uint64_t* entry = directory_entry_for(window, false);
    if (entry == nullptr || !(*entry & kPresent)) continue;
    uint64_t* table = table_at(*entry);
    if (table == group_tables[slot / kGroupSlots]) continue;  // only the top page: kept
    if (window + kWindow <= keep_from) {
      clear_directory_entry(window, entry);
      release_table(window, table);
      continue;
    }
    for (uint64_t i = 0; window + (i + 1) * kPageSize <= keep_from; ++i) {
      if (!(table[i] & kPresent)) continue;
      free_page(table_at(table[i]));
      table[i] = 0;
      invalidate_page(window + i * kPageSize);
    }
  }
}

StackFault stack_fault(uint64_t address) {
  uint64_t slot;
  if (!slot_of(address, &slot) || !live(slot)) return StackFault::kNotAStack;
  uint64_t top = stack_top(slot);
  if (address >= top) return StackFault::kNotAStack;
  if (address < top - limit) return StackFault::kOverflow;
  uint64_t window = lib::align_down(address, kWindow);
  uint64_t* entry = directory_entry_for(window, true);
  bool ok = entry != nullptr;
  if (ok && window == top_window(slot) && table_at(*entry) == group_tables[slot / kGroupSlots])
    ok = unshare(slot, entry);
  if (ok && !(*entry & kPresent)) {
    uint64_t* table = alloc_table();
    if (table != nullptr) *entry = reinterpret_cast<uint64_t>(table) | kPresent | kWrite;
    ok = table != nullptr;
  }
  if (!ok) return StackFault::kNoMemory;
  uint64_t& page_entry = table_at(*entry)[page_index(address)];
  if (page_entry & kPresent) {
    // Mapped since (a stale translation): retry with a fresh one.
    invalidate_page(address);
    return StackFault::kGrown;
  }
  void* page = alloc_pages(kPageSize);
  if (page == nullptr) return StackFault::kNoMemory;
  page_entry = reinterpret_cast<uint64_t>(page) | kPresent | kWrite;
  return StackFault::kGrown;
}

bool in_stack_guard(uint64_t address) {
  uint64_t slot;
  return slot_of(address, &slot) && live(slot) && address < stack_top(slot) - limit;
}

}  // namespace mem
