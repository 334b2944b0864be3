#include "arch/sse.h"

#include <stdint.h>

#include "arch/cpu.h"

namespace arch {
namespace {

constexpr uint64_t kCr0MonitorCoprocessor = 1 << 1;  // MP: wait/fwait honour TS
constexpr uint64_t kCr0Emulation = 1 << 2;           // EM: x87/SSE would trap (#UD)
constexpr uint64_t kCr0TaskSwitched = 1 << 3;        // TS: first FPU use would trap (#NM)
constexpr uint64_t kCr0NumericError = 1 << 5;        // NE: x87 errors as #MF, not the PC's IRQ 13
constexpr uint64_t kCr4OsFxsr = 1 << 9;              // OS saves state with fxsave: SSE allowed
constexpr uint64_t kCr4OsXmmExceptions = 1 << 10;    // unmasked SIMD FP errors raise #XM
constexpr uint32_t kMxcsrDefault = 0x1f80;           // all exceptions masked, round to nearest

}  // namespace

void sse_enable() {
  cpu::write_cr0((cpu::read_cr0() & ~(kCr0Emulation | kCr0TaskSwitched)) | kCr0MonitorCoprocessor | kCr0NumericError);
  cpu::write_cr4(cpu::read_cr4() | kCr4OsFxsr | kCr4OsXmmExceptions);
  uint32_t mxcsr = kMxcsrDefault;
  asm volatile("fninit\n\tldmxcsr %0" : : "m"(mxcsr));
}

}  // namespace arch
