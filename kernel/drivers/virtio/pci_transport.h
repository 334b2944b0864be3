// The virtio 1.0 PCI transport, modern interface only (spec 4.1): the
// device's vendor capabilities locate its common configuration, notify,
// ISR and device-specific configuration structures in its memory BARs. It
// works with `-device virtio-*-pci,disable-legacy=on` and with transitional
// devices alike; the legacy I/O interface is never used.
//
// How a driver (net.cpp; 9P and balloon drivers likewise) uses it:
//
//   virtio::PciTransport t;
//   if (!t.open(virtio::kDeviceNet, MY_FEATURES)) -> no device (or it
//       refused VIRTIO_F_VERSION_1 or our features): report, never hang
//   t.features()                       what was negotiated
//   t.config8/16/32(offset)            device-specific configuration
//   t.setup_queue(i, &queue, max, KERNEL_EVENT_...)
//       allocates and zeroes the rings, tells the device where they are,
//       and gives the queue an interrupt (MSI-X when the device has it,
//       else its INTx line through the I/O APIC) whose handler only posts
//       those event bits (drivers/events.h) for the runtime to see
//   t.watch_config(KERNEL_EVENT_...)   only if configuration changes matter
//   t.start()                          DRIVER_OK: the device runs
//   queue.add(...); t.notify(i)        (notify only if
//                                       queue.device_wants_notification())
//   queue.take_used(...)               when the event says so
//
// Everything runs on the runtime's flow of control except the interrupt
// handlers, which touch no queue: they read the ISR (INTx only) and post.
#pragma once

#include <stdint.h>

#include "drivers/pci/pci.h"
#include "drivers/virtio/virtqueue.h"

namespace virtio {

// Virtio device types (spec 5).
constexpr uint16_t kDeviceNet = 1;
constexpr uint16_t kDeviceBalloon = 5;
constexpr uint16_t kDevice9p = 9;

constexpr uint64_t kFeatureVersion1 = uint64_t{1} << 32;

class PciTransport {
 public:
  // Finds the index-th PCI device of this virtio type, enables it (BARs,
  // bus mastering), resets it and negotiates: the features accepted are
  // `wanted` & the device's, plus VIRTIO_F_VERSION_1, which the device
  // must offer. False (with a line on the console unless the device is
  // simply absent) when it cannot be used.
  bool open(uint16_t device_type, uint64_t wanted, int index = 0);

  bool is_open() const { return common_ != nullptr; }
  bool has_config() const { return device_config_ != nullptr; }
  uint64_t features() const { return features_; }
  uint16_t queue_count() const;

  uint8_t config8(uint32_t offset) const;
  uint16_t config16(uint32_t offset) const;
  uint32_t config32(uint32_t offset) const;
  void write_config32(uint32_t offset, uint32_t value);
  // Reads `length` bytes of device configuration consistently (retried
  // while the device's configuration generation changes).
  void read_config(uint32_t offset, void* out, uint32_t length) const;

  // Sets up virtqueue `index` with at most max_size entries (the device's
  // maximum if smaller; a power of two). Its interrupt posts event_bits.
  // False when the queue does not exist or memory or vectors ran out.
  bool setup_queue(uint16_t index, SplitQueue* queue, uint16_t max_size, uint64_t event_bits);

  // Configuration changes (the balloon's new target) raise an interrupt
  // that posts event_bits, by MSI-X or the INTx line (ISR bit 1). Call it
  // before start(). False when no vector is left.
  bool watch_config(uint64_t event_bits);

  // DRIVER_OK, after every queue is set up.
  void start();

  // Tells the device that queue `index` has new buffers.
  void notify(uint16_t index);

  // Whether interrupts come by MSI-X (else INTx through the I/O APIC).
  bool uses_msix() const { return msix_table_ != nullptr; }

  // What an interrupt handler needs, kept as long as the kernel runs.
  struct InterruptSlot {
    uint64_t bits;          // posted by the handler
    volatile uint8_t* isr;  // INTx: read to acknowledge; MSI-X: null
  };

 private:
  static void on_interrupt(void* context);
  bool setup_interrupt(uint64_t event_bits, uint16_t* msix_entry);
  volatile uint8_t* bar_pointer(uint8_t bar, uint32_t offset, uint32_t length) const;
  void fail(const char* why);

  pci::Device* pci_ = nullptr;
  volatile uint8_t* common_ = nullptr;
  volatile uint8_t* notify_base_ = nullptr;
  uint32_t notify_multiplier_ = 0;
  volatile uint8_t* isr_ = nullptr;
  volatile uint8_t* device_config_ = nullptr;
  uint64_t features_ = 0;
  volatile uint32_t* msix_table_ = nullptr;
  uint16_t msix_entries_ = 0;
  uint16_t msix_used_ = 0;
  InterruptSlot* intx_ = nullptr;       // the device's one INTx interrupt, once set up
  InterruptSlot* last_msix_ = nullptr;  // the last MSI-X entry taken
  uint16_t notify_offsets_[16] = {};
};

}  // namespace virtio
