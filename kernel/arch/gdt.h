// The final GDT: flat 64-bit kernel code and data, and the TSS whose
// interrupt stack table gives the fatal exceptions stacks of their own.
#pragma once

#include <stdint.h>

namespace arch {

constexpr uint16_t kKernelCode = 0x08;  // same selectors as boot/entry.S
constexpr uint16_t kKernelData = 0x10;
constexpr uint16_t kTss = 0x18;

// Interrupt stack table slots (1-based, as IDT gates name them).
constexpr uint8_t kIstDoubleFault = 1;
constexpr uint8_t kIstNmi = 2;
constexpr uint8_t kIstMachineCheck = 3;
constexpr uint8_t kIstPageFault = 4;

void gdt_init();

}  // namespace arch
