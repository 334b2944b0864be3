// Physical memory: the RAM ranges the boot loader reported, handed out
// from the bottom of each range up. Single pages can be given back
// (free_page: thread stacks and their page tables, stack_region.cpp) and
// are handed out again before fresh ones; the collector's heap is never
// returned (it recycles what it gets itself).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace mem {

constexpr size_t kPageSize = 4096;

struct Range {
  uint64_t base;
  uint64_t end;  // exclusive
};

// Records RAM reported by the loader, minus what is never free: the first
// MiB (firmware data, the loader's tables) and the kernel image. Must all
// happen before the first allocation.
void add_ram(uint64_t base, uint64_t length);

// The usable RAM recorded by add_ram, in ascending order.
const Range* ram_ranges(size_t* count);

// `bytes` (rounded up to pages) of page-aligned memory with whatever it
// held, or nullptr when no range has that much left, or when taking it
// would leave less than keep_free_bytes free.
void* alloc_pages(size_t bytes, uint64_t keep_free_bytes = 0);

// Gives back one page from alloc_pages(kPageSize) (or any page of a
// larger block): the next single-page allocation takes it.
void free_page(void* page);

// For the balloon (drivers/virtio/balloon.cpp): one free page, taken from
// the top end of the highest range that has one (else from the given-back
// pages), so that the ranges' bottom-up allocations are disturbed least;
// nullptr when that would leave less than keep_free_bytes free. The page
// is then nobody else's until give_back_page.
void* take_top_page(uint64_t keep_free_bytes);

// Returns a page from take_top_page: a range whose end it is grows back
// by it (so the collector's multi-page allocations can use it again),
// otherwise it joins the given-back pages.
void give_back_page(void* page);

// All the RAM add_ram recorded.
uint64_t total_bytes();

// Total RAM not yet handed out (given back pages included).
uint64_t free_bytes();

}  // namespace mem
