// Time and the tick: the local APIC timer interrupts every 10 ms (the
// runtime's preemption flag is set on each tick), and the TSC tells the time
// in between. Both run at rates the kernel learns by counting them against
// the PIT (channel 2, polled, 5 ms), on first use rather than at boot: a
// program without threads or clocks never pays for it. The 8259 PICs are
// remapped out of the exception vectors and masked; nothing else interrupts.
#include "arch/timer.h"

#include "arch/cpu.h"
#include "arch/idt.h"
#include "kernel.h"

extern "C" void timer_interrupt_entry();
extern "C" void spurious_interrupt_entry();

namespace arch {
namespace {

constexpr uint8_t kTimerVector = 0x20;
constexpr uint8_t kPicVectorBase = 0x30;  // 0x30-0x3f, every line masked
constexpr uint8_t kApicSpuriousVector = 0xff;

constexpr uint64_t kTickNs = 10'000'000;
constexpr uint64_t kCalibrationNs = 5'000'000;
constexpr uint64_t kPitHz = 1'193'182;

// Local APIC registers, as offsets from its base (xAPIC, memory-mapped).
constexpr uint32_t kApicBaseMsr = 0x1b;
constexpr uint32_t kApicEoi = 0xb0;
constexpr uint32_t kApicTaskPriority = 0x80;
constexpr uint32_t kApicSpurious = 0xf0;
constexpr uint32_t kApicLvtTimer = 0x320;
constexpr uint32_t kApicInitialCount = 0x380;
constexpr uint32_t kApicCurrentCount = 0x390;
constexpr uint32_t kApicDivide = 0x3e0;
constexpr uint32_t kApicEnable = 1 << 8;         // in the spurious vector register
constexpr uint32_t kLvtMasked = 1 << 16;
constexpr uint32_t kLvtPeriodic = 1 << 17;
constexpr uint32_t kDivideBy16 = 0x3;

volatile uint32_t* apic = nullptr;

bool calibrated = false;
bool ticking = false;
uint64_t tsc_at_calibration = 0;
uint64_t ns_per_tsc_q32 = 0;  // nanoseconds per TSC cycle, 32.32 fixed point
uint32_t apic_counts_per_tick = 0;

volatile uint64_t tick_count = 0;
volatile int32_t* tick_flag = nullptr;

uint32_t apic_read(uint32_t reg) { return apic[reg / 4]; }
void apic_write(uint32_t reg, uint32_t value) { apic[reg / 4] = value; }

void pic_mask_all() {
  constexpr uint16_t kMasterCommand = 0x20, kMasterData = 0x21, kSlaveCommand = 0xa0, kSlaveData = 0xa1;
  cpu::outb(kMasterCommand, 0x11);  // ICW1: initialise, ICW4 follows
  cpu::outb(kSlaveCommand, 0x11);
  cpu::outb(kMasterData, kPicVectorBase);      // ICW2: vector base
  cpu::outb(kSlaveData, kPicVectorBase + 8);
  cpu::outb(kMasterData, 0x04);  // ICW3: slave on line 2
  cpu::outb(kSlaveData, 0x02);
  cpu::outb(kMasterData, 0x01);  // ICW4: 8086 mode
  cpu::outb(kSlaveData, 0x01);
  cpu::outb(kMasterData, 0xff);  // every line masked
  cpu::outb(kSlaveData, 0xff);
}

// Counts the TSC and the APIC timer (divided by 16) over kCalibrationNs of
// the PIT's channel 2 in mode 0 (its output rises at the terminal count,
// visible in bit 5 of port 0x61; bit 0 is its gate, bit 1 the speaker).
void calibrate() {
  constexpr uint16_t kControl = 0x43, kChannel2 = 0x42, kSpeaker = 0x61;
  constexpr uint16_t kCount = kPitHz * kCalibrationNs / 1'000'000'000;
  apic = reinterpret_cast<volatile uint32_t*>(cpu::rdmsr(kApicBaseMsr) & 0xffffff000);
  uint8_t speaker = cpu::inb(kSpeaker);
  cpu::outb(kSpeaker, static_cast<uint8_t>((speaker & ~0x02) | 0x01));
  cpu::outb(kControl, 0xb0);  // channel 2, low then high byte, mode 0, binary
  cpu::outb(kChannel2, kCount & 0xff);
  apic_write(kApicDivide, kDivideBy16);
  apic_write(kApicLvtTimer, kLvtMasked | kTimerVector);
  cpu::outb(kChannel2, kCount >> 8);  // the PIT counts from here
  apic_write(kApicInitialCount, 0xffffffff);
  uint64_t tsc_start = cpu::rdtsc();
  while (!(cpu::inb(kSpeaker) & 0x20)) cpu::pause();
  uint64_t tsc_end = cpu::rdtsc();
  uint32_t apic_counts = 0xffffffff - apic_read(kApicCurrentCount);
  apic_write(kApicInitialCount, 0);
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
  pic_mask_all();
  idt_set_gate(kTimerVector, reinterpret_cast<uint64_t>(&timer_interrupt_entry), 0);
  idt_set_gate(kPicVectorBase + 7, reinterpret_cast<uint64_t>(&spurious_interrupt_entry), 0);
  idt_set_gate(kPicVectorBase + 15, reinterpret_cast<uint64_t>(&spurious_interrupt_entry), 0);
  idt_set_gate(kApicSpuriousVector, reinterpret_cast<uint64_t>(&spurious_interrupt_entry), 0);
  apic_write(kApicTaskPriority, 0);
  apic_write(kApicSpurious, kApicEnable | kApicSpuriousVector);
  apic_write(kApicDivide, kDivideBy16);
  apic_write(kApicLvtTimer, kLvtPeriodic | kTimerVector);
  apic_write(kApicInitialCount, apic_counts_per_tick);
  ticking = true;
  cpu::sti();
}

}  // namespace

uint64_t ticks() { return tick_count; }

bool interrupts_started() { return ticking; }

}  // namespace arch

// Interrupts are off in here (an interrupt gate).
extern "C" void timer_interrupt() {
  arch::tick_count = arch::tick_count + 1;
  if (arch::tick_flag != nullptr) *arch::tick_flag = 1;
  arch::apic_write(arch::kApicEoi, 0);
}

uint64_t kernel_time_ns() {
  if (!arch::calibrated) arch::calibrate();
  uint64_t cycles = cpu::rdtsc() - arch::tsc_at_calibration;
  return static_cast<uint64_t>((static_cast<unsigned __int128>(cycles) * arch::ns_per_tsc_q32) >> 32);
}

void kernel_start_tick(volatile int32_t* flag) {
  arch::tick_flag = flag;
  if (!arch::ticking) arch::start_ticking();
}

void kernel_idle_until(uint64_t deadline_ns) {
  if (!arch::ticking) arch::start_ticking();
  cpu::cli();
  while (kernel_time_ns() < deadline_ns) {
    cpu::sti_hlt();
    cpu::cli();
  }
  cpu::sti();
}
