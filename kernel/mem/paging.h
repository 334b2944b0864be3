// The identity map built by boot/entry.S (0–4 GiB in 2 MiB pages), extended
// to RAM above 4 GiB and refined to 4 KiB pages where a page must be absent.
#pragma once

#include <stdint.h>

namespace mem {

// Maps the RAM recorded by add_ram that lies above 4 GiB, and unmaps page 0
// so that a null pointer dereference faults. Call once, after add_ram.
void paging_init();

// Makes the 4 KiB page holding `address` absent (a fault on access),
// splitting its 2 MiB page first.
void unmap_page(uint64_t address);

// Whether a read of `address` would succeed without a page fault.
bool is_mapped(uint64_t address);

}  // namespace mem
