// Ending the VM. QEMU's isa-debug-exit device makes QEMU exit with
// (status << 1) | 1, so the program's status reaches the host. Without the
// device the write is ignored and ACPI power-off is the next best thing
// (status lost: QEMU exits 0); if even that fails, the CPU halts for good.
#include "arch/cpu.h"
#include "drivers/serial.h"
#include "drivers/virtio/net.h"
#include "kernel.h"

namespace {

constexpr uint16_t kDebugExitPort = 0xf4;

// PM1a control registers where firmware puts them: 0x604 is QEMU's PM base
// 0x600 plus 4, on pc and q35 with SeaBIOS or qboot alike (measured);
// 0xb004 is the Bochs BIOS's. Writing SLP_EN with SLP_TYP 0 is soft-off in
// QEMU's ACPI device; reading the FADT and the DSDT's \_S5 would be exact,
// but isa-debug-exit is the way fl VMs are meant to end.
constexpr uint16_t kPm1aControlPorts[] = {0x604, 0xb004};
constexpr uint16_t kSleepEnable = 1 << 13;

}  // namespace

void kernel_exit(int status) {
  virtio::net_drain();  // frames the program sent still go out
  drivers::serial_drain();
  cpu::outl(kDebugExitPort, static_cast<uint32_t>(status));
  for (uint16_t port : kPm1aControlPorts) cpu::outw(port, kSleepEnable);
  cpu::halt_forever();
}
