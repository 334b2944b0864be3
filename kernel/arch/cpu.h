// Single x86-64 instructions the C++ kernel needs, as inline functions.
// Nothing here has state; each wrapper is exactly one instruction (but
// sti_hlt: two that must go together).
#pragma once

#include <stdint.h>

namespace cpu {

inline void outb(uint16_t port, uint8_t value) { asm volatile("outb %0, %1" : : "a"(value), "Nd"(port)); }
inline void outw(uint16_t port, uint16_t value) { asm volatile("outw %0, %1" : : "a"(value), "Nd"(port)); }
inline void outl(uint16_t port, uint32_t value) { asm volatile("outl %0, %1" : : "a"(value), "Nd"(port)); }

inline uint8_t inb(uint16_t port) {
  uint8_t value;
  asm volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
  return value;
}

inline uint16_t inw(uint16_t port) {
  uint16_t value;
  asm volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
  return value;
}

inline uint32_t inl(uint16_t port) {
  uint32_t value;
  asm volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
  return value;
}

inline uint64_t read_cr0() {
  uint64_t v;
  asm volatile("mov %%cr0, %0" : "=r"(v));
  return v;
}
inline uint64_t read_cr2() {
  uint64_t v;
  asm volatile("mov %%cr2, %0" : "=r"(v));
  return v;
}
inline uint64_t read_cr3() {
  uint64_t v;
  asm volatile("mov %%cr3, %0" : "=r"(v));
  return v;
}
inline uint64_t read_cr4() {
  uint64_t v;
  asm volatile("mov %%cr4, %0" : "=r"(v));
  return v;
}
inline void write_cr0(uint64_t v) { asm volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
// Reloading CR3 also flushes every (non-global) TLB entry.
inline void write_cr3(uint64_t v) { asm volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
inline void write_cr4(uint64_t v) { asm volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }

inline void cli() { asm volatile("cli" : : : "memory"); }
inline void sti() { asm volatile("sti" : : : "memory"); }
// sti's one-instruction delay makes the pair atomic: an interrupt that is
// already pending ends the hlt instead of being taken just before it.
inline void sti_hlt() { asm volatile("sti\n\thlt" : : : "memory"); }
inline void hlt() { asm volatile("hlt" : : : "memory"); }
inline void pause() { asm volatile("pause"); }

inline uint64_t rdtsc() {
  uint32_t low, high;
  asm volatile("rdtsc" : "=a"(low), "=d"(high));
  return (static_cast<uint64_t>(high) << 32) | low;
}

inline uint64_t rdmsr(uint32_t msr) {
  uint32_t low, high;
  asm volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(msr));
  return (static_cast<uint64_t>(high) << 32) | low;
}

inline uint64_t read_rbp() {
  uint64_t v;
  asm volatile("mov %%rbp, %0" : "=r"(v));
  return v;
}

// Stops this CPU for good: with interrupts off, only an NMI ends the hlt,
// and then the loop halts again.
[[noreturn]] inline void halt_forever() {
  cli();
  for (;;) hlt();
}

}  // namespace cpu
