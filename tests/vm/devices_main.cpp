// White-box checks of the device layer from inside a VM: PCI enumeration
// (with the configuration mechanism used, BARs as assigned), stray
// interrupts counted rather than fatal, the balloon found or not (its
// interrupt mode, no target yet), then, when a
// virtio-net device is present, its start-up and MAC address, the
// interrupt mode, and an ARP request to QEMU user networking's gateway
// and its answer. Prints lines
// that run_vm_tests.sh matches.
#include <stddef.h>
#include <stdint.h>

#include "arch/apic.h"
#include "arch/interrupts.h"
#include "drivers/pci/pci.h"
#include "drivers/virtio/balloon.h"
#include "drivers/virtio/net.h"
#include "kernel.h"
#include "lib/print.h"

namespace {

// A vector nobody handles, and the spurious one, raised by software: each
// is counted and the program goes on.
void stray_interrupts() {
  arch::interrupts_on();
  uint64_t unexpected = arch::unexpected_interrupts(), spurious = arch::spurious_interrupts();
  asm volatile("int $0xe0");
  asm volatile("int $0xff");
  lib::kprintf("interrupts: unexpected +%lu spurious +%lu\n", arch::unexpected_interrupts() - unexpected,
               arch::spurious_interrupts() - spurious);
}

}  // namespace

extern "C" void fl_main() {
  pci::print_devices();
  stray_interrupts();
  kernel_poll_devices();
  virtio::BalloonStatus balloon = virtio::balloon_status();
  lib::kprintf("balloon: %s\n", balloon.state);
  if (balloon.target_pages != 0 || balloon.held_pages != 0) lib::kprintf("balloon: holds pages unasked\n");
  if (kernel_net_open() != 0) {
    lib::kprintf("net: absent\n");
    if (kernel_net_send("0123456789abcdef", 16) != KERNEL_NET_NO_DEVICE) lib::kprintf("net: send did not fail\n");
    char buf[KERNEL_NET_MAX_FRAME];
    if (kernel_net_receive(buf, sizeof buf) != KERNEL_NET_NO_DEVICE) lib::kprintf("net: receive did not fail\n");
    return;
  }
  uint8_t mac[6];
  kernel_net_mac(mac);
  lib::kprintf("net: interrupts %s\n", virtio::net_interrupt_mode());
  lib::kprintf("net: mac %02x:%02x:%02x:%02x:%02x:%02x\n", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
  // ARP: who has 10.0.2.2 (QEMU user networking's gateway)? Tell 10.0.2.15.
  uint8_t frame[60] = {};
  for (int i = 0; i < 6; ++i) frame[i] = 0xff, frame[6 + i] = mac[i], frame[22 + i] = mac[i];
  const uint8_t arp[] = {0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1};
  for (size_t i = 0; i < sizeof arp; ++i) frame[12 + i] = arp[i];
  const uint8_t ips[] = {10, 0, 2, 15, 0, 0, 0, 0, 0, 0, 10, 0, 2, 2};
  for (size_t i = 0; i < sizeof ips; ++i) frame[28 + i] = ips[i];
  lib::kprintf("net: send %d\n", kernel_net_send(frame, sizeof frame));
  lib::kprintf("net: oversized %d\n", kernel_net_send(frame, KERNEL_NET_MAX_FRAME + 1));
  // Wait (halting) for one frame back, a few seconds at most.
  uint64_t deadline = kernel_time_ns() + 5'000'000'000;
  char buf[KERNEL_NET_MAX_FRAME];
  int64_t n = 0;
  while ((n = kernel_net_receive(buf, sizeof buf)) == 0 && kernel_time_ns() < deadline) {
    kernel_take_events();
    kernel_idle_until(deadline);
  }
  lib::kprintf("net: received %ld bytes\n", n);
  KernelNetStats s;
  kernel_net_stats(&s);
  lib::kprintf("net: sent %lu received %lu bad sends %lu\n", s.sent, s.received, s.bad_sends);
}
