#include "mem/page_alloc.h"

#include "kernel.h"
#include "lib/align.h"
#include "lib/print.h"
#include "mem/paging.h"

extern "C" char __kernel_start[], __kernel_end[];

namespace mem {
namespace {

constexpr uint64_t kLowMemoryEnd = 1 << 20;
// RAM beyond the identity map (kIdentityMapEnd, one PML4 entry) would need
// more tables and is not used.
constexpr size_t kMaxRanges = 64;

// Each range is handed out from `base` up: `base` is the next free byte.
Range ranges[kMaxRanges];
size_t range_count = 0;
uint64_t recorded_bytes = 0;

// Pages given back, linked through their first word.
void* free_list = nullptr;
uint64_t free_list_pages = 0;

// Set while the allocator's state is being changed. A thread stack grows
// by a page fault (stack_region.cpp), which allocates: should that fault
// ever happen inside the allocator itself (its code uses no stack between
// reading and writing its state, so it should not), this stops it with a
// clear panic instead of handing out one page twice.
bool busy = false;

struct Busy {
  Busy() {
    if (busy) kernel_panic("page allocator re-entered (a stack grew inside it)");
    busy = true;
  }
  ~Busy() { busy = false; }
};

// Inserts in ascending order, so allocation starts with low memory: page
// tables for RAM above 4 GiB then come from memory that is already mapped.
void insert_range(uint64_t base, uint64_t end) {
  base = lib::align_up(base, kPageSize);
  end = lib::align_down(end, kPageSize);
  if (base >= end) return;
  if (range_count == kMaxRanges) {
    lib::kprintf("kernel: too many RAM ranges, ignoring 0x%lx-0x%lx\n", base, end);
    return;
  }
  recorded_bytes += end - base;
  size_t i = range_count++;
  for (; i > 0 && ranges[i - 1].base > base; --i) ranges[i] = ranges[i - 1];
  ranges[i] = Range{base, end};
}

}  // namespace

void add_ram(uint64_t base, uint64_t length) {
  uint64_t end = base + length < base ? kIdentityMapEnd : base + length;  // wrapped: clip
  if (base < kLowMemoryEnd) base = kLowMemoryEnd;
  if (end > kIdentityMapEnd) end = kIdentityMapEnd;
  if (base >= end) return;
  auto kernel_start = reinterpret_cast<uint64_t>(__kernel_start);
  auto kernel_end = reinterpret_cast<uint64_t>(__kernel_end);
  if (end <= kernel_start || base >= kernel_end) {
    insert_range(base, end);
    return;
  }
  // The range holds (part of) the kernel image: keep what lies either side.
  if (base < kernel_start) insert_range(base, kernel_start);
  if (end > kernel_end) insert_range(kernel_end, end);
}

const Range* ram_ranges(size_t* count) {
  *count = range_count;
  return ranges;
}

void* alloc_pages(size_t bytes, uint64_t keep_free_bytes) {
  if (bytes == 0 || bytes > kIdentityMapEnd) return nullptr;
  uint64_t size = lib::align_up(bytes, kPageSize);
  if (keep_free_bytes != 0 && free_bytes() < size + keep_free_bytes) return nullptr;
  Busy guard;
  if (size == kPageSize && free_list != nullptr) {
    void* page = free_list;
    free_list = *static_cast<void**>(page);
    --free_list_pages;
    return page;
  }
  for (size_t i = 0; i < range_count; ++i) {
    if (ranges[i].end - ranges[i].base >= size) {
      uint64_t p = ranges[i].base;
      ranges[i].base += size;
      return reinterpret_cast<void*>(p);
    }
  }
  return nullptr;
}

void free_page(void* page) {
  Busy guard;
  *static_cast<void**>(page) = free_list;
  free_list = page;
  ++free_list_pages;
}

void* take_top_page(uint64_t keep_free_bytes) {
  if (free_bytes() < keep_free_bytes + kPageSize) return nullptr;
  Busy guard;
  for (size_t i = range_count; i-- > 0;) {
    if (ranges[i].end > ranges[i].base) {
      ranges[i].end -= kPageSize;
      return reinterpret_cast<void*>(ranges[i].end);
    }
  }
  if (free_list == nullptr) return nullptr;
  void* page = free_list;
  free_list = *static_cast<void**>(page);
  --free_list_pages;
  return page;
}

void give_back_page(void* page) {
  auto p = reinterpret_cast<uint64_t>(page);
  {
    Busy guard;
    // A free page lies in no range's [base, end), so a range may grow over it.
    for (size_t i = 0; i < range_count; ++i) {
      if (ranges[i].end == p) {
        ranges[i].end += kPageSize;
        return;
      }
    }
  }
  free_page(page);
}

uint64_t total_bytes() { return recorded_bytes; }

uint64_t free_bytes() {
  uint64_t total = free_list_pages * kPageSize;
  for (size_t i = 0; i < range_count; ++i) total += ranges[i].end - ranges[i].base;
  return total;
}

}  // namespace mem

namespace {

void check_size(size_t bytes) {
  if (bytes == 0 || bytes % mem::kPageSize != 0) kernel_panic("kernel_alloc_pages: size is not a positive multiple of 4096");
}

}  // namespace

// The collector's heap leaves this much RAM to what cannot fail politely
// when the heap is full: a page fault that finds no page for a stack
// becomes Stack_overflow, not Out_of_memory (thread_stacks.cpp), so the
// collector's retry before Out_of_memory (rts/core/heap.cpp clears 8 KiB
// of stack and collects) and the handler that catches it need pages.
constexpr uint64_t kKeptFromHeapBytes = 1 << 20;

void* kernel_alloc_heap_pages(size_t bytes) {
  check_size(bytes);
  void* p = mem::alloc_pages(bytes, kKeptFromHeapBytes);
  return p == nullptr ? nullptr : reinterpret_cast<void*>(reinterpret_cast<uint64_t>(p) + mem::kHeapAlias);
}

void* kernel_alloc_pages(size_t bytes) {
  check_size(bytes);
  void* p = mem::alloc_pages(bytes);
  if (p == nullptr) return nullptr;
  // Eight stores per iteration: under software emulation this loop zeroes
  // about 1.6 times faster than `rep stosq`, whose every iteration is a
  // separate trip through the emulator (measured: 1 GiB in 1.4 s vs 2.3 s).
  // -ffreestanding keeps the compiler from turning it into a memset call.
  auto* words = static_cast<uint64_t*>(p);
  for (size_t i = 0; i < bytes / 8; i += 8)
    for (size_t j = 0; j < 8; ++j) words[i + j] = 0;
  return p;
}
