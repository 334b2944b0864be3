// The interrupt descriptor table: 256 gates, of which the CPU exceptions
// (0–31) are installed at boot; a later device interrupt adds its own.
#pragma once

#include <stdint.h>

namespace arch {

void idt_init();

// Points vector at handler (an entry stub that ends in iretq); ist is an
// interrupt stack table slot or 0 for the interrupted stack.
void idt_set_gate(uint8_t vector, uint64_t handler, uint8_t ist);

}  // namespace arch
