#include "arch/apic.h"

#include "arch/cpu.h"
#include "arch/idt.h"
#include "arch/interrupts.h"

extern "C" void spurious_interrupt_entry();

namespace arch {
namespace {

constexpr uint32_t kApicBaseMsr = 0x1b;
constexpr uint32_t kApicId = 0x20;
constexpr uint32_t kApicEoi = 0xb0;
constexpr uint32_t kApicTaskPriority = 0x80;
constexpr uint32_t kApicSpurious = 0xf0;
constexpr uint32_t kApicEnable = 1 << 8;  // in the spurious vector register
constexpr uint8_t kPicVectorBase = 0x30;  // 0x30-0x3f, every line masked
constexpr uint8_t kApicSpuriousVector = 0xff;

volatile uint32_t* apic = nullptr;
bool on = false;

volatile uint32_t* base() {
  if (apic == nullptr) apic = reinterpret_cast<volatile uint32_t*>(cpu::rdmsr(kApicBaseMsr) & 0xffffff000);
  return apic;
}

void pic_mask_all() {
  constexpr uint16_t kMasterCommand = 0x20, kMasterData = 0x21, kSlaveCommand = 0xa0, kSlaveData = 0xa1;
  cpu::outb(kMasterCommand, 0x11);  // ICW1: initialise, ICW4 follows
  cpu::outb(kSlaveCommand, 0x11);
  cpu::outb(kMasterData, kPicVectorBase);  // ICW2: vector base
  cpu::outb(kSlaveData, kPicVectorBase + 8);
  cpu::outb(kMasterData, 0x04);  // ICW3: slave on line 2
  cpu::outb(kSlaveData, 0x02);
  cpu::outb(kMasterData, 0x01);  // ICW4: 8086 mode
  cpu::outb(kSlaveData, 0x01);
  cpu::outb(kMasterData, 0xff);  // every line masked
  cpu::outb(kSlaveData, 0xff);
}

}  // namespace

uint32_t lapic_read(uint32_t reg) { return base()[reg / 4]; }
void lapic_write(uint32_t reg, uint32_t value) { base()[reg / 4] = value; }
void lapic_eoi() { lapic_write(kApicEoi, 0); }
uint32_t lapic_id() { return lapic_read(kApicId) >> 24; }

void interrupts_on() {
  if (on) return;
  pic_mask_all();
  // A masked 8259 can still deliver its spurious IRQ 7 or 15.
  idt_set_gate(kPicVectorBase + 7, reinterpret_cast<uint64_t>(&spurious_interrupt_entry), 0);
  idt_set_gate(kPicVectorBase + 15, reinterpret_cast<uint64_t>(&spurious_interrupt_entry), 0);
  idt_set_gate(kApicSpuriousVector, reinterpret_cast<uint64_t>(&spurious_interrupt_entry), 0);
  install_device_gates();
  lapic_write(kApicTaskPriority, 0);
  lapic_write(kApicSpurious, kApicEnable | kApicSpuriousVector);
  on = true;
  cpu::sti();
}

bool interrupts_are_on() { return on; }

}  // namespace arch
