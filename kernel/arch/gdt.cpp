// Long mode ignores segment bases and limits, so the GDT only exists for the
// privilege level of CS and for the TSS, whose one job here is the interrupt
// stack table: a double fault caused by a stack overflow cannot push its
// frame on the overflowed stack, so the CPU switches to an IST stack first.
#include "arch/gdt.h"

#include <stddef.h>

extern "C" char ist_double_fault_top[], ist_nmi_top[], ist_machine_check_top[], ist_page_fault_top[];

namespace arch {
namespace {

struct [[gnu::packed]] Tss {
  uint32_t reserved0;
  uint64_t rsp[3];  // stacks for privilege changes: unused, all in ring 0
  uint64_t reserved1;
  uint64_t ist[7];
  uint64_t reserved2;
  uint16_t reserved3;
  uint16_t io_map_base;
};
static_assert(sizeof(Tss) == 104);

struct [[gnu::packed]] DescriptorPointer {
  uint16_t limit;
  uint64_t base;
};

Tss tss;

// null, code, data, then the TSS descriptor, which takes two slots.
uint64_t gdt[5] = {
    0,
    0x00af9a000000ffff,  // present, ring 0, code, long mode (L=1)
    0x00cf92000000ffff,  // present, ring 0, data, writable
    0,
    0,
};

void set_tss_descriptor() {
  uint64_t base = reinterpret_cast<uint64_t>(&tss);
  uint64_t limit = sizeof(Tss) - 1;
  gdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (uint64_t{0x89} << 40) |  // present, 64-bit TSS
           (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
  gdt[4] = base >> 32;
}

}  // namespace

void gdt_init() {
  tss.ist[kIstDoubleFault - 1] = reinterpret_cast<uint64_t>(ist_double_fault_top);
  tss.ist[kIstNmi - 1] = reinterpret_cast<uint64_t>(ist_nmi_top);
  tss.ist[kIstMachineCheck - 1] = reinterpret_cast<uint64_t>(ist_machine_check_top);
  tss.ist[kIstPageFault - 1] = reinterpret_cast<uint64_t>(ist_page_fault_top);
  tss.io_map_base = sizeof(Tss);  // no I/O permission bitmap
  set_tss_descriptor();

  DescriptorPointer pointer = {sizeof gdt - 1, reinterpret_cast<uint64_t>(gdt)};
  asm volatile("lgdt %0" : : "m"(pointer));
  // Reload CS with a far return and the data segments with moves, so no
  // register still caches a descriptor from the boot GDT.
  asm volatile(
      "pushq %[code]\n\t"
      "leaq 1f(%%rip), %%rax\n\t"
      "pushq %%rax\n\t"
      "lretq\n"
      "1:\n\t"
      "movw %[data], %%ax\n\t"
      "movw %%ax, %%ds\n\t"
      "movw %%ax, %%es\n\t"
      "movw %%ax, %%ss\n\t"
      "movw %%ax, %%fs\n\t"
      "movw %%ax, %%gs\n\t"
      :
      : [code] "i"(kKernelCode), [data] "i"(kKernelData)
      : "rax", "memory");
  asm volatile("ltr %w0" : : "r"(kTss));
}

}  // namespace arch
