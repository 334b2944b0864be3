#include "arch/interrupts.h"

#include "acpi/acpi.h"
#include "arch/apic.h"
#include "arch/idt.h"
#include "arch/interrupt_vectors.h"

extern "C" char device_interrupt_stubs[];
extern "C" {
volatile uint64_t spurious_interrupt_count = 0;  // incremented by interrupt_stubs.S
}

namespace arch {
namespace {

struct Slot {
  InterruptHandler handler;
  void* context;
};
Slot slots[DEVICE_VECTOR_COUNT];
int next_free = 0;

volatile uint64_t unexpected_count = 0;

// I/O APIC registers: an index register and a data window.
constexpr uint32_t kIoRegSel = 0x00;
constexpr uint32_t kIoWin = 0x10;
constexpr uint32_t kRedirectionTable = 0x10;  // two registers per pin
constexpr uint32_t kMasked = 1 << 16;
constexpr uint32_t kLevel = 1 << 15;
constexpr uint32_t kActiveLow = 1 << 13;

void io_apic_write(uint32_t reg, uint32_t value) {
  auto* base = reinterpret_cast<volatile uint32_t*>(acpi::io_apic().address);
  base[kIoRegSel / 4] = reg;
  base[kIoWin / 4] = value;
}

uint32_t pin_of(uint32_t gsi) { return gsi - acpi::io_apic().gsi_base; }

}  // namespace

uint8_t allocate_vector(InterruptHandler handler, void* context) {
  if (next_free == DEVICE_VECTOR_COUNT) return 0;
  int i = next_free++;
  slots[i] = Slot{handler, context};
  return static_cast<uint8_t>(DEVICE_VECTOR_FIRST + i);
}

void io_apic_route(uint32_t gsi, uint8_t vector, bool active_low, bool level) {
  uint32_t reg = kRedirectionTable + 2 * pin_of(gsi);
  io_apic_write(reg, kMasked);
  io_apic_write(reg + 1, lapic_id() << 24);  // physical destination mode
  io_apic_write(reg, vector | (level ? kLevel : 0) | (active_low ? kActiveLow : 0));
}


uint64_t msi_address() { return 0xfee00000 | (uint64_t{lapic_id()} << 12); }
uint32_t msi_data(uint8_t vector) { return vector; }

uint64_t unexpected_interrupts() { return unexpected_count; }
uint64_t spurious_interrupts() { return spurious_interrupt_count; }

void install_device_gates() {
  for (int i = 0; i < DEVICE_VECTOR_COUNT; ++i)
    idt_set_gate(static_cast<uint8_t>(DEVICE_VECTOR_FIRST + i),
                 reinterpret_cast<uint64_t>(device_interrupt_stubs + i * DEVICE_STUB_BYTES), 0);
}

}  // namespace arch

// From interrupt_stubs.S, interrupts off.
extern "C" void device_interrupt(uint64_t vector) {
  uint64_t i = vector - DEVICE_VECTOR_FIRST;
  if (i < DEVICE_VECTOR_COUNT && arch::slots[i].handler != nullptr) arch::slots[i].handler(arch::slots[i].context);
  else arch::unexpected_count = arch::unexpected_count + 1;
  arch::lapic_eoi();
}
