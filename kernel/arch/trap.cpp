// Every CPU exception is fatal, but for page faults on thread stacks (mem/
// thread_stacks.cpp): a stack growing into its next page, and an overflow
// the runtime turns into Stack_overflow. The rest are reported with the
// machine state, and the VM ends with status 3.
#include "arch/trap.h"

#include "arch/apic.h"
#include "arch/cpu.h"
#include "kernel.h"
#include "lib/print.h"
#include "mem/stack_region.h"
#include "mem/thread_stacks.h"
#include "panic.h"

namespace arch {
namespace {

constexpr uint64_t kPageFault = 14;

const char* const kExceptionNames[kExceptionCount] = {
    "divide error",
    "debug exception",
    "non-maskable interrupt",
    "breakpoint",
    "overflow",
    "bound range exceeded",
    "invalid opcode",
    "device not available",
    "double fault",
    "coprocessor segment overrun",
    "invalid TSS",
    "segment not present",
    "stack-segment fault",
    "general protection fault",
    "page fault",
    "reserved exception 15",
    "x87 floating-point error",
    "alignment check",
    "machine check",
    "SIMD floating-point exception",
    "virtualization exception",
    "control protection exception",
    "reserved exception 22",
    "reserved exception 23",
    "reserved exception 24",
    "reserved exception 25",
    "reserved exception 26",
    "reserved exception 27",
    "hypervisor injection exception",
    "VMM communication exception",
    "security exception",
    "reserved exception 31",
};

// One line on what the page-fault error code and address say.
void explain_page_fault(uint64_t error_code, uint64_t address) {
  const char* access = (error_code & 0x10) ? "instruction fetch" : (error_code & 0x2) ? "write" : "read";
  const char* page = (error_code & 0x1) ? "protection violation" : "page not present";
  const char* cause = "";
  if (mem::in_stack_guard(address)) cause = " (stack overflow: the guard below a stack)";
  else if (address < 4096) cause = " (null pointer)";
  lib::kprintf("  %s, %s%s\n", access, page, cause);
}

void print_registers(const TrapFrame& f) {
  lib::kprintf("  rax 0x%016lx  rbx 0x%016lx  rcx 0x%016lx\n", f.rax, f.rbx, f.rcx);
  lib::kprintf("  rdx 0x%016lx  rsi 0x%016lx  rdi 0x%016lx\n", f.rdx, f.rsi, f.rdi);
  lib::kprintf("  rbp 0x%016lx  rsp 0x%016lx  r8  0x%016lx\n", f.rbp, f.rsp, f.r8);
  lib::kprintf("  r9  0x%016lx  r10 0x%016lx  r11 0x%016lx\n", f.r9, f.r10, f.r11);
  lib::kprintf("  r12 0x%016lx  r13 0x%016lx  r14 0x%016lx\n", f.r12, f.r13, f.r14);
  lib::kprintf("  r15 0x%016lx  rflags 0x%lx  cs 0x%lx  ss 0x%lx\n", f.r15, f.rflags, f.cs, f.ss);
}

}  // namespace
}  // namespace arch

extern "C" void trap_dispatch(arch::TrapFrame* frame) {
  // Read CR2 first: a fault while reporting would overwrite it.
  uint64_t cr2 = cpu::read_cr2();
  // A stack that grows gets its page, whatever was running (an interrupt
  // handler too: interrupts arrive on the running stack). A stack overflow
  // in the program (interrupts on, or not started yet: not inside an
  // interrupt handler) goes to the runtime's handler.
  constexpr uint64_t kProtectionViolation = 0x1, kInterruptsOn = 0x200;
  if (frame->vector == arch::kPageFault && !(frame->error_code & kProtectionViolation) &&
      mem::handle_stack_fault(cr2, (frame->rflags & kInterruptsOn) || !arch::interrupts_are_on(), &frame->rip,
                              &frame->rsp))
    return;
  kernel::panic_begin();
  const char* name = frame->vector < arch::kExceptionCount ? arch::kExceptionNames[frame->vector] : "interrupt";
  lib::kprintf("panic: %s (vector %lu) error code 0x%lx at RIP 0x%lx", name, frame->vector, frame->error_code,
               frame->rip);
  if (frame->vector == arch::kPageFault) lib::kprintf(" CR2 0x%lx\n", cr2);
  else lib::kprintf("\n");
  if (frame->vector == arch::kPageFault) arch::explain_page_fault(frame->error_code, cr2);
  arch::print_registers(*frame);
  // The faulting function is not in the chain yet (it may not have pushed
  // its frame): name it first, then walk from its %rbp.
  lib::kprintf("  at 0x%lx\n", frame->rip);
  kernel::print_backtrace(frame->rbp);
  kernel_exit(3);
}
