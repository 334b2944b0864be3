// What arch/vectors.S saves on an interrupt or exception, lowest address
// first; the layout is shared with the assembly and must change with it.
#pragma once

#include <stdint.h>

namespace arch {

struct TrapFrame {
  uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
  uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
  uint64_t vector;
  uint64_t error_code;  // 0 for vectors where the CPU pushes none
  // Pushed by the CPU.
  uint64_t rip, cs, rflags, rsp, ss;
};
static_assert(sizeof(TrapFrame) == 22 * 8);

constexpr int kExceptionCount = 32;

}  // namespace arch

// Called by vectors.S with interrupts off; returning resumes the
// interrupted code (iretq).
extern "C" void trap_dispatch(arch::TrapFrame* frame);
