// A split virtqueue (virtio 1.0 section 2.4), the driver's side: the
// descriptor table with its free list, the available ring the driver
// writes and the used ring the device writes. Pure memory logic, no port
// or MMIO access and no kernel dependency, so the unit tests
// (tests/unit/virtqueue_test.cpp) drive it on the host against a simulated
// device. The transport (pci_transport.h) tells the device where the three
// parts are and notifies it; drivers (net.cpp) own the buffers.
//
// Addresses are physical, which in this kernel are the virtual ones.
// Not thread-safe: one CPU, and the kernel calls it with interrupts on only
// from the runtime's single flow of control, never from a handler.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace virtio {

struct Descriptor {
  uint64_t address;
  uint32_t length;
  uint16_t flags;
  uint16_t next;
};
constexpr uint16_t kDescriptorNext = 1;   // the chain goes on at `next`
constexpr uint16_t kDescriptorWrite = 2;  // the device writes this buffer

struct AvailableRing {
  uint16_t flags;  // kAvailableNoInterrupt
  uint16_t index;  // where the driver puts the next entry (free-running)
  uint16_t ring[];
};
constexpr uint16_t kAvailableNoInterrupt = 1;

struct UsedElement {
  uint32_t id;      // head of the chain
  uint32_t length;  // bytes the device wrote into it
};

struct UsedRing {
  uint16_t flags;  // kUsedNoNotify
  uint16_t index;
  UsedElement ring[];
};
constexpr uint16_t kUsedNoNotify = 1;

// One buffer of a chain.
struct Segment {
  uint64_t address;
  uint32_t length;
  bool device_writes;
};

class SplitQueue {
 public:
  // Bytes of memory init() needs for `size` entries: the three parts, each
  // aligned as the spec requires (16, 2, 4), in one block.
  static size_t memory_bytes(uint16_t size);

  // `memory`: memory_bytes(size) zeroed bytes, 16-byte aligned; size a power
  // of two from 1 to 32768. Every descriptor starts free.
  void init(uint16_t size, void* memory);

  uint16_t size() const { return size_; }
  uint16_t free_descriptors() const { return free_count_; }

  // Puts a chain of `count` segments (the ones the device reads first, as
  // the spec requires) in the available ring and returns its head, which
  // take_used returns when the device is done; -1 when fewer than `count`
  // descriptors are free (nothing is changed then).
  int add(const Segment* segments, int count);

  // After add(): whether the device asked to be notified (it clears
  // kUsedNoNotify when it wants to hear about new buffers).
  bool device_wants_notification() const;

  // Whether the device has returned a chain not yet taken.
  bool has_used() const;

  // The next chain the device returned: its head and the bytes it wrote.
  // Its descriptors go back to the free list. False when there is none.
  // A head the driver never made available (a broken device) is counted
  // in bad_used() and skipped.
  bool take_used(uint16_t* head, uint32_t* written);

  // Asks the device not to interrupt when it returns chains (a hint: it
  // may interrupt anyway), or to interrupt again. After allowing
  // interrupts, check has_used() before waiting: a chain returned just
  // before may have raised none.
  void set_interrupts(bool wanted);

  uint64_t descriptor_address() const { return reinterpret_cast<uintptr_t>(descriptors_); }
  uint64_t available_address() const { return reinterpret_cast<uintptr_t>(available_); }
  uint64_t used_address() const { return reinterpret_cast<uintptr_t>(used_); }

  uint64_t bad_used() const { return bad_used_; }

 private:
  uint16_t size_ = 0;
  uint16_t free_head_ = 0;
  uint16_t free_count_ = 0;
  uint16_t last_used_ = 0;  // the used ring's index we have consumed up to
  uint64_t bad_used_ = 0;
  Descriptor* descriptors_ = nullptr;
  AvailableRing* available_ = nullptr;
  UsedRing* used_ = nullptr;
  uint16_t* chain_length_ = nullptr;  // per head: descriptors in its chain (0: not in flight)
};

}  // namespace virtio
