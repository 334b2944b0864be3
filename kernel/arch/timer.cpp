// Time and the tick: the local APIC timer interrupts every 10 ms (each
// tick sets the runtime's fl_stack_limit to ask for preemption), and the TSC tells the time
// in between. Both run at rates the kernel learns by counting them against
// the PIT (channel 2, polled, 5 ms), on first use rather than at boot: a
// program without threads or clocks never pays for it. The 8259 PICs are
// remapped out of the exception vectors and masked (arch/apic.cpp).
#include "arch/timer.h"

#include "arch/apic.h"
#include "arch/cpu.h"
#include "drivers/events.h"
#include "arch/idt.h"
#include "kernel.h"

extern "C" void timer_interrupt_entry();

namespace arch {
namespace {

constexpr uint8_t kTimerVector = 0x20;

constexpr uint64_t kTickNs = 10'000'000;
constexpr uint64_t kCalibrationNs = 5'000'000;
constexpr uint64_t kPitHz = 1'193'182;

// Local APIC timer registers (arch/apic.h has the rest).
constexpr uint32_t kApicLvtTimer = 0x320;
constexpr uint32_t kApicInitialCount = 0x380;
constexpr uint32_t kApicCurrentCount = 0x390;
constexpr uint32_t kApicDivide = 0x3e0;
constexpr uint32_t kLvtMasked = 1 << 16;
constexpr uint32_t kLvtPeriodic = 1 << 17;
constexpr uint32_t kDivideBy16 = 0x3;

bool calibrated = false;
bool ticking = false;
uint64_t tsc_at_calibration = 0;
uint64_t ns_per_tsc_q32 = 0;  // nanoseconds per TSC cycle, 32.32 fixed point
uint32_t apic_counts_per_tick = 0;

volatile uint64_t tick_count = 0;
volatile uintptr_t* tick_limit = nullptr;

// Counts the TSC and the APIC timer (divided by 16) over kCalibrationNs of
// the PIT's channel 2 in mode 0 (its output rises at the terminal count,
// visible in bit 5 of port 0x61; bit 0 is its gate, bit 1 the speaker).
void calibrate() {
  constexpr uint16_t kControl = 0x43, kChannel2 = 0x42, kSpeaker = 0x61;
  constexpr uint16_t kCount = kPitHz * kCalibrationNs / 1'000'000'000;
  uint8_t speaker = cpu::inb(kSpeaker);
  cpu::outb(kSpeaker, static_cast<uint8_t>((speaker & ~0x02) | 0x01));
  cpu::outb(kControl, 0xb0);  // channel 2, low then high byte, mode 0, binary
  cpu::outb(kChannel2, kCount & 0xff);
  lapic_write(kApicDivide, kDivideBy16);
  lapic_write(kApicLvtTimer, kLvtMasked | kTimerVector);
  cpu::outb(kChannel2, kCount >> 8);  // the PIT counts from here
  lapic_write(kApicInitialCount, 0xffffffff);
  uint64_t tsc_start = cpu::rdtsc();
  while (!(cpu::inb(kSpeaker) & 0x20)) cpu::pause();
  uint64_t tsc_end = cpu::rdtsc();
  uint32_t apic_counts = 0xffffffff - lapic_read(kApicCurrentCount);
  lapic_write(kApicInitialCount, 0);
  cpu::outb(kSpeaker, speaker);

  uint64_t tsc_cycles = tsc_end - tsc_start;
  if (tsc_cycles == 0 || apic_counts == 0) kernel_panic("timer calibration: the TSC or the APIC timer does not run");
  // ns per cycle = kCalibrationNs / tsc_cycles, in 32.32.
  ns_per_tsc_q32 = (kCalibrationNs << 32) / tsc_cycles;  // 2^54 at most: no overflow
  apic_counts_per_tick = static_cast<uint32_t>(uint64_t{apic_counts} * kTickNs / kCalibrationNs);
  tsc_at_calibration = tsc_start;
  calibrated = true;
}

void start_ticking() {
  if (!calibrated) calibrate();
  idt_set_gate(kTimerVector, reinterpret_cast<uint64_t>(&timer_interrupt_entry), 0);
  lapic_write(kApicDivide, kDivideBy16);
  lapic_write(kApicLvtTimer, kLvtPeriodic | kTimerVector);
  lapic_write(kApicInitialCount, apic_counts_per_tick);
  ticking = true;
  interrupts_on();
}

}  // namespace

uint64_t ticks() { return tick_count; }

void request_preemption() {
  if (tick_limit != nullptr) *tick_limit = UINTPTR_MAX;
}

}  // namespace arch

// Interrupts are off in here (an interrupt gate).
extern "C" void timer_interrupt() {
  arch::tick_count = arch::tick_count + 1;
  arch::request_preemption();
  arch::lapic_eoi();
}

uint64_t kernel_time_ns() {
  if (!arch::calibrated) arch::calibrate();
  uint64_t cycles = cpu::rdtsc() - arch::tsc_at_calibration;
  return static_cast<uint64_t>((static_cast<unsigned __int128>(cycles) * arch::ns_per_tsc_q32) >> 32);
}

void kernel_start_tick(volatile uintptr_t* stack_limit) {
  arch::tick_limit = stack_limit;
  if (!arch::ticking) arch::start_ticking();
}

// A device event for the runtime (drivers/events.h) ends the wait early:
// its scheduler then wakes the thread that waits for it. The kernel's own
// events (the balloon's) are handled here and the wait goes on.
void kernel_idle_until(uint64_t deadline_ns) {
  if (!arch::ticking) arch::start_ticking();
  kernel_poll_devices();  // the first time, the balloon is looked for
  cpu::cli();
  while (kernel_time_ns() < deadline_ns && !drivers::runtime_events_pending()) {
    if (drivers::kernel_events_pending()) {
      // The kernel's own work (the balloon), done while nothing else runs.
      cpu::sti();
      kernel_poll_devices();
      cpu::cli();
      continue;
    }
    cpu::sti_hlt();
    cpu::cli();
  }
  cpu::sti();
}
