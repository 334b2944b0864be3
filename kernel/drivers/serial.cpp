// Polled rather than interrupt-driven: the console is written from panics
// and with interrupts off as much as from the program, and QEMU's UART takes
// a byte as soon as it is written, so a poll almost never waits.
#include "drivers/serial.h"

#include "arch/cpu.h"
#include "kernel.h"

namespace drivers {
namespace {

constexpr uint16_t kCom1 = 0x3f8;
// Registers, as offsets from the base port.
constexpr uint16_t kData = 0;            // THR on write; divisor low with DLAB
constexpr uint16_t kInterruptEnable = 1;  // divisor high with DLAB
constexpr uint16_t kLineControl = 3;
constexpr uint16_t kModemControl = 4;
constexpr uint16_t kLineStatus = 5;

constexpr uint8_t kLineStatusThrEmpty = 0x20;      // room for the next byte
constexpr uint8_t kLineStatusTransmitterIdle = 0x40;  // everything sent
constexpr uint8_t kDataReady = 0x01;                  // a received byte waits

// A UART that never becomes ready (absent, or broken) must not hang the VM:
// after this many polls a byte is dropped.
constexpr int kMaxPolls = 1 << 20;

bool wait_for(uint8_t status_bits) {
  for (int i = 0; i < kMaxPolls; ++i) {
    if (cpu::inb(kCom1 + kLineStatus) & status_bits) return true;
    cpu::pause();
  }
  return false;
}

}  // namespace

void serial_init() {
  cpu::outb(kCom1 + kInterruptEnable, 0x00);  // no interrupts: polled
  cpu::outb(kCom1 + kLineControl, 0x80);      // DLAB on, to set the divisor
  cpu::outb(kCom1 + kData, 0x01);             // 115200 baud
  cpu::outb(kCom1 + kInterruptEnable, 0x00);
  cpu::outb(kCom1 + kLineControl, 0x03);   // 8 bits, no parity, 1 stop bit; DLAB off
  // The FIFO control register is left as the firmware set it: changing
  // the FIFO enable bit clears the receive side, and input may already be
  // waiting there (a program reading a pipe).
  cpu::outb(kCom1 + kModemControl, 0x03);  // DTR and RTS
}

void serial_write(const char* bytes, size_t len) {
  for (size_t i = 0; i < len; ++i) {
    if (!wait_for(kLineStatusThrEmpty)) continue;
    cpu::outb(kCom1 + kData, static_cast<uint8_t>(bytes[i]));
  }
}

int serial_read() {
  while (!(cpu::inb(kCom1 + kLineStatus) & kDataReady)) __builtin_ia32_pause();
  return cpu::inb(kCom1 + kData);
}

void serial_drain() { wait_for(kLineStatusTransmitterIdle); }

}  // namespace drivers

// The console is COM1; QEMU's -serial stdio puts it on the terminal.
void kernel_console_write(const char* bytes, size_t len) { drivers::serial_write(bytes, len); }

int kernel_console_read_byte() { return drivers::serial_read(); }
