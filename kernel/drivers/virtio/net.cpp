// virtio-net (spec 5.1): raw Ethernet frames for the runtime's Net module,
// through the first virtio-net PCI device, started on first use. One
// receive queue and one transmit queue, no offloads: every frame fits one
// 2 KiB buffer behind the 12-byte virtio_net_hdr (VERSION_1's size). Each
// queue owns as many buffers as it has descriptors, so a descriptor is
// free exactly when its buffer is.
//
// Interrupts are asked for only when the runtime is about to wait: the
// receive side when its used ring is empty, the transmit side when its
// queue is full (set_interrupts, then one more look, so none is lost).
#include "drivers/virtio/net.h"

#include "arch/cpu.h"
#include "drivers/pci/pci.h"
#include "drivers/presence.h"
#include "drivers/virtio/pci_transport.h"
#include "drivers/virtio/virtqueue.h"
#include "kernel.h"
#include "lib/print.h"
#include "mem/page_alloc.h"

namespace virtio {
namespace {

constexpr uint64_t kFeatureMac = uint64_t{1} << 5;
constexpr uint16_t kReceiveQueue = 0;
constexpr uint16_t kTransmitQueue = 1;
constexpr uint16_t kMaxQueueSize = 256;
constexpr uint32_t kHeaderBytes = 12;  // virtio_net_hdr with num_buffers
constexpr uint32_t kBufferBytes = 2048;
static_assert(kHeaderBytes + KERNEL_NET_MAX_FRAME <= kBufferBytes);

struct Queue {
  SplitQueue ring;
  char* buffers = nullptr;                 // ring.size() buffers of kBufferBytes
  uint16_t buffer_of_head[kMaxQueueSize];  // the buffer a chain in flight carries
};

drivers::Presence presence;
PciTransport device;
Queue rx, tx;
uint16_t tx_free[kMaxQueueSize];  // transmit buffers not in flight
uint16_t tx_free_count = 0;
uint8_t mac[6] = {};
KernelNetStats stats = {};

char* buffer(const Queue& q, uint16_t i) { return q.buffers + size_t{i} * kBufferBytes; }

bool allocate_buffers(Queue* q) {
  q->buffers = static_cast<char*>(mem::alloc_pages(size_t{q->ring.size()} * kBufferBytes));
  return q->buffers != nullptr;
}

void post_receive_buffer(uint16_t i) {
  Segment s{reinterpret_cast<uintptr_t>(buffer(rx, i)), kBufferBytes, true};
  int head = rx.ring.add(&s, 1);
  rx.buffer_of_head[head] = i;  // never -1: one descriptor per buffer
}

void notify_if_wanted(Queue* q, uint16_t index) {
  if (q->ring.device_wants_notification()) device.notify(index);
}

// Transmit buffers the device is done with go back to the free list.
void reclaim_transmitted() {
  uint16_t head;
  uint32_t written;
  while (tx.ring.take_used(&head, &written)) tx_free[tx_free_count++] = tx.buffer_of_head[head];
}

bool start() {
  if (!device.open(kDeviceNet, kFeatureMac)) return false;
  if (!device.setup_queue(kReceiveQueue, &rx.ring, kMaxQueueSize, KERNEL_EVENT_NET_RX) ||
      !device.setup_queue(kTransmitQueue, &tx.ring, kMaxQueueSize, KERNEL_EVENT_NET_TX) || !allocate_buffers(&rx) ||
      !allocate_buffers(&tx)) {
    lib::kprintf("virtio-net: cannot set up its queues\n");
    return false;
  }
  if (device.features() & kFeatureMac) device.read_config(0, mac, sizeof mac);
  for (uint16_t i = 0; i < rx.ring.size(); ++i) post_receive_buffer(i);
  for (uint16_t i = 0; i < tx.ring.size(); ++i) tx_free[tx_free_count++] = i;
  tx.ring.set_interrupts(false);
  device.start();
  device.notify(kReceiveQueue);
  return true;
}

}  // namespace

const char* net_interrupt_mode() {
  if (!presence.present()) return "none";
  return device.uses_msix() ? "msix" : "intx";
}

void net_drain() {
  if (!presence.present()) return;
  uint64_t deadline = kernel_time_ns() + 1'000'000'000;
  for (;;) {
    reclaim_transmitted();
    if (tx_free_count == tx.ring.size() || kernel_time_ns() > deadline) return;
    cpu::pause();
  }
}

}  // namespace virtio

using namespace virtio;

int kernel_net_open() {
  return presence.check(start) ? 0 : KERNEL_NET_NO_DEVICE;
}

int kernel_net_send(const void* frame, size_t len) {
  if (kernel_net_open() != 0) return KERNEL_NET_NO_DEVICE;
  if (len < KERNEL_NET_MIN_FRAME || len > KERNEL_NET_MAX_FRAME) {
    ++stats.bad_sends;
    return KERNEL_NET_BAD_FRAME;
  }
  reclaim_transmitted();
  if (tx_free_count == 0) {
    tx.ring.set_interrupts(true);
    reclaim_transmitted();
    if (tx_free_count == 0) {
      ++stats.busy;
      return KERNEL_NET_BUSY;
    }
  }
  tx.ring.set_interrupts(false);
  uint16_t i = tx_free[--tx_free_count];
  char* b = buffer(tx, i);
  __builtin_memset(b, 0, kHeaderBytes);  // no checksum offload, no GSO
  __builtin_memcpy(b + kHeaderBytes, frame, len);
  Segment s{reinterpret_cast<uintptr_t>(b), static_cast<uint32_t>(kHeaderBytes + len), false};
  int head = tx.ring.add(&s, 1);
  tx.buffer_of_head[head] = i;
  notify_if_wanted(&tx, kTransmitQueue);
  ++stats.sent;
  return 0;
}

int64_t kernel_net_receive(void* out, size_t cap) {
  if (kernel_net_open() != 0) return KERNEL_NET_NO_DEVICE;
  for (;;) {
    uint16_t head;
    uint32_t written;
    if (!rx.ring.take_used(&head, &written)) {
      // About to wait: ask for an interrupt, then look once more.
      rx.ring.set_interrupts(true);
      if (rx.ring.has_used()) continue;
      return 0;
    }
    rx.ring.set_interrupts(false);
    uint16_t i = rx.buffer_of_head[head];
    size_t len = written < kHeaderBytes ? 0 : written - kHeaderBytes;
    bool good = len >= KERNEL_NET_MIN_FRAME && len <= KERNEL_NET_MAX_FRAME && len <= cap;
    if (good) __builtin_memcpy(out, buffer(rx, i) + kHeaderBytes, len);
    post_receive_buffer(i);
    notify_if_wanted(&rx, kReceiveQueue);
    if (!good) {
      ++stats.bad_receives;
      continue;
    }
    ++stats.received;
    return static_cast<int64_t>(len);
  }
}

void kernel_net_mac(uint8_t out[6]) {
  kernel_net_open();
  for (int i = 0; i < 6; ++i) out[i] = mac[i];
}

void kernel_net_stats(KernelNetStats* out) { *out = stats; }
