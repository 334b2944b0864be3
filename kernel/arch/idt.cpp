// An absent gate is not silent: an interrupt through it raises a
// segment-not-present fault (vector 11) naming the vector in its error code,
// which panics like every other exception.
#include "arch/idt.h"

#include "arch/gdt.h"
#include "arch/trap.h"

extern "C" const uint64_t trap_vectors[arch::kExceptionCount];

namespace arch {
namespace {

struct [[gnu::packed]] Gate {
  uint16_t offset_low;
  uint16_t selector;
  uint8_t ist;
  uint8_t type;  // present, DPL, gate kind
  uint16_t offset_mid;
  uint32_t offset_high;
  uint32_t reserved;
};
static_assert(sizeof(Gate) == 16);

constexpr uint8_t kInterruptGate = 0x8e;  // present, ring 0, interrupts off on entry

struct [[gnu::packed]] DescriptorPointer {
  uint16_t limit;
  uint64_t base;
};

alignas(16) Gate idt[256];

// The exceptions that must not run on the interrupted stack: a double fault
// (usually a fault while pushing onto a broken stack), NMI and machine check
// (can arrive anywhere, even between a stack switch's two halves) and page
// faults (a stack overflow runs into the guard page with %rsp already in it).
// A page fault inside the page-fault handler would restart at the top of
// the same IST stack and overwrite the first frame; the handler returns
// from stack growth (mem/thread_stacks.cpp), but touches only identity-
// mapped memory (page tables, the page allocator), so it never faults.
uint8_t ist_for(int vector) {
  switch (vector) {
    case 2: return kIstNmi;
    case 8: return kIstDoubleFault;
    case 14: return kIstPageFault;
    case 18: return kIstMachineCheck;
    default: return 0;
  }
}

}  // namespace

void idt_set_gate(uint8_t vector, uint64_t handler, uint8_t ist) {
  idt[vector] = Gate{
      .offset_low = static_cast<uint16_t>(handler),
      .selector = kKernelCode,
      .ist = ist,
      .type = kInterruptGate,
      .offset_mid = static_cast<uint16_t>(handler >> 16),
      .offset_high = static_cast<uint32_t>(handler >> 32),
      .reserved = 0,
  };
}

void idt_init() {
  for (int v = 0; v < kExceptionCount; ++v) idt_set_gate(static_cast<uint8_t>(v), trap_vectors[v], ist_for(v));
  DescriptorPointer pointer = {sizeof idt - 1, reinterpret_cast<uint64_t>(idt)};
  asm volatile("lidt %0" : : "m"(pointer));
}

}  // namespace arch
