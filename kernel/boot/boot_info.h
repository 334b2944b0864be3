// How the boot loader handed over the machine. entry.S passes one of the
// protocol numbers below and the physical address of the loader's
// information block to kernel_main; the readers here turn that block into
// the kernel command line and the memory map, before anything is allocated
// (the allocator may later reuse the memory the block lives in).
#pragma once

#define BOOT_PROTOCOL_PVH 1         // ebx = struct hvm_start_info (Xen PVH ABI)
#define BOOT_PROTOCOL_MULTIBOOT2 2  // ebx = Multiboot2 information structure
#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36d76289

#ifndef __ASSEMBLER__
#include <stdint.h>

namespace boot {

// Each returns false when the block is not what the protocol promises.
bool read_pvh_start_info(uint64_t start_info_paddr);
bool read_multiboot2_info(uint64_t info_paddr);

}  // namespace boot
#endif
