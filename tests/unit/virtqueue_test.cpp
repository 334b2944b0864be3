// The split virtqueue of kernel/drivers/virtio/virtqueue.cpp against a
// simulated device that reads the available ring and descriptor table and
// writes the used ring the way QEMU does: single buffers, chains,
// a full queue, out-of-order completion, ring indices wrapping past 65535,
// a device returning a head it was never given, and the notification and
// interrupt-suppression flags.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <random>
#include <vector>

#include "drivers/virtio/virtqueue.h"

namespace {

using virtio::Descriptor;
using virtio::Segment;
using virtio::SplitQueue;

// A queue with its memory, 16-byte aligned and zeroed as the kernel gives it.
struct TestQueue {
  explicit TestQueue(uint16_t size) : memory(SplitQueue::memory_bytes(size) + 16, 0) {
    auto p = reinterpret_cast<uintptr_t>(memory.data());
    queue.init(size, reinterpret_cast<void*>((p + 15) & ~uintptr_t{15}));
  }
  std::vector<char> memory;
  SplitQueue queue;
};

// The device's view: the same memory, through the addresses the driver
// would give the transport.
struct Device {
  explicit Device(SplitQueue& q)
      : size(q.size()),
        descriptors(reinterpret_cast<Descriptor*>(q.descriptor_address())),
        available(reinterpret_cast<virtio::AvailableRing*>(q.available_address())),
        used(reinterpret_cast<virtio::UsedRing*>(q.used_address())) {}

  // The next chain the driver made available, or false.
  bool take(uint16_t* head, std::vector<Descriptor>* chain) {
    if (available->index == next_available) return false;
    *head = available->ring[next_available++ % size];
    chain->clear();
    uint16_t d = *head;
    for (;;) {
      chain->push_back(descriptors[d]);
      if (!(descriptors[d].flags & virtio::kDescriptorNext)) break;
      d = descriptors[d].next;
      if (chain->size() > size) ADD_FAILURE() << "descriptor loop";
      if (chain->size() > size) break;
    }
    return true;
  }

  void complete(uint32_t head, uint32_t written) {
    used->ring[used->index % size] = virtio::UsedElement{head, written};
    used->index = static_cast<uint16_t>(used->index + 1);
  }

  uint16_t size;
  Descriptor* descriptors;
  virtio::AvailableRing* available;
  virtio::UsedRing* used;
  uint16_t next_available = 0;
};

TEST(Virtqueue, LayoutIsAlignedAsTheSpecRequires) {
  for (uint16_t size : {1, 2, 8, 256, 1024, 32768}) {
    TestQueue t(size);
    EXPECT_EQ(t.queue.descriptor_address() % 16, 0u);
    EXPECT_EQ(t.queue.available_address() % 2, 0u);
    EXPECT_EQ(t.queue.used_address() % 4, 0u);
    EXPECT_GE(t.queue.available_address(), t.queue.descriptor_address() + 16u * size);
    EXPECT_GE(t.queue.used_address(), t.queue.available_address() + 6u + 2u * size);
    EXPECT_EQ(t.queue.free_descriptors(), size);
  }
}

TEST(Virtqueue, OneBufferGoesToTheDeviceAndComesBack) {
  TestQueue t(8);
  Device dev(t.queue);
  char buffer[64];
  Segment s{reinterpret_cast<uintptr_t>(buffer), sizeof buffer, true};
  int head = t.queue.add(&s, 1);
  ASSERT_GE(head, 0);
  EXPECT_EQ(t.queue.free_descriptors(), 7);
  EXPECT_FALSE(t.queue.has_used());

  uint16_t seen;
  std::vector<Descriptor> chain;
  ASSERT_TRUE(dev.take(&seen, &chain));
  EXPECT_EQ(seen, head);
  ASSERT_EQ(chain.size(), 1u);
  EXPECT_EQ(chain[0].address, reinterpret_cast<uintptr_t>(buffer));
  EXPECT_EQ(chain[0].length, sizeof buffer);
  EXPECT_EQ(chain[0].flags, virtio::kDescriptorWrite);
  EXPECT_FALSE(dev.take(&seen, &chain));

  dev.complete(seen, 42);
  EXPECT_TRUE(t.queue.has_used());
  uint16_t got;
  uint32_t written;
  ASSERT_TRUE(t.queue.take_used(&got, &written));
  EXPECT_EQ(got, head);
  EXPECT_EQ(written, 42u);
  EXPECT_EQ(t.queue.free_descriptors(), 8);
  EXPECT_FALSE(t.queue.take_used(&got, &written));
}

TEST(Virtqueue, ChainsKeepTheirOrderAndFlags) {
  TestQueue t(16);
  Device dev(t.queue);
  Segment segs[3] = {{0x1000, 10, false}, {0x2000, 20, false}, {0x3000, 30, true}};
  int head = t.queue.add(segs, 3);
  ASSERT_GE(head, 0);
  EXPECT_EQ(t.queue.free_descriptors(), 13);
  uint16_t seen;
  std::vector<Descriptor> chain;
  ASSERT_TRUE(dev.take(&seen, &chain));
  ASSERT_EQ(chain.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(chain[i].address, segs[i].address);
    EXPECT_EQ(chain[i].length, segs[i].length);
  }
  EXPECT_EQ(chain[0].flags, virtio::kDescriptorNext);
  EXPECT_EQ(chain[1].flags, virtio::kDescriptorNext);
  EXPECT_EQ(chain[2].flags, virtio::kDescriptorWrite);
  dev.complete(seen, 30);
  uint16_t got;
  uint32_t written;
  ASSERT_TRUE(t.queue.take_used(&got, &written));
  EXPECT_EQ(t.queue.free_descriptors(), 16);
}

TEST(Virtqueue, AFullQueueRefusesAndChangesNothing) {
  TestQueue t(4);
  Device dev(t.queue);
  Segment two[2] = {{0x1000, 1, false}, {0x2000, 1, true}};
  ASSERT_GE(t.queue.add(two, 2), 0);
  ASSERT_GE(t.queue.add(two, 2), 0);
  EXPECT_EQ(t.queue.free_descriptors(), 0);
  EXPECT_EQ(t.queue.add(two, 1), -1);
  EXPECT_EQ(t.queue.add(two, 0), -1);
  uint16_t head;
  std::vector<Descriptor> chain;
  ASSERT_TRUE(dev.take(&head, &chain));
  ASSERT_TRUE(dev.take(&head, &chain));
  EXPECT_FALSE(dev.take(&head, &chain));  // the refused adds published nothing
  Segment three[3] = {{1, 1, false}, {2, 1, false}, {3, 1, false}};
  TestQueue small(2);
  EXPECT_EQ(small.queue.add(three, 3), -1);
  EXPECT_EQ(small.queue.free_descriptors(), 2);
}

// Many rounds of random chain lengths, completed out of order, on a small
// queue: the 16-bit ring indices wrap several times, and every chain comes
// back exactly once with what the device wrote.
TEST(Virtqueue, OutOfOrderCompletionAcrossIndexWrapAround) {
  TestQueue t(8);
  Device dev(t.queue);
  std::mt19937 random(7);
  std::deque<std::pair<uint16_t, uint32_t>> in_device;  // head, tag
  std::vector<uint32_t> tag_of_head(8, UINT32_MAX);
  uint32_t next_tag = 0, completed = 0;
  for (int round = 0; round < 200000; ++round) {
    int length = 1 + static_cast<int>(random() % 3);
    Segment segs[3];
    for (int i = 0; i < length; ++i) segs[i] = Segment{next_tag * 8u + i, 1, i == length - 1};
    int head = t.queue.add(segs, length);
    if (head >= 0) {
      ASSERT_EQ(tag_of_head[head], UINT32_MAX) << "a head in flight was handed out again";
      tag_of_head[head] = next_tag++;
    }
    uint16_t seen;
    std::vector<Descriptor> chain;
    while (dev.take(&seen, &chain)) {
      ASSERT_EQ(chain[0].address / 8, tag_of_head[seen]);
      ASSERT_EQ(chain.back().flags & virtio::kDescriptorWrite, virtio::kDescriptorWrite);
      in_device.emplace_back(seen, tag_of_head[seen]);
    }
    // The device completes some of what it holds, in a shuffled order.
    while (!in_device.empty() && random() % 2) {
      size_t pick = random() % in_device.size();
      dev.complete(in_device[pick].first, in_device[pick].second);
      in_device.erase(in_device.begin() + static_cast<long>(pick));
    }
    uint16_t got;
    uint32_t written;
    while (t.queue.take_used(&got, &written)) {
      ASSERT_EQ(tag_of_head[got], written);
      tag_of_head[got] = UINT32_MAX;
      ++completed;
    }
  }
  EXPECT_GT(completed, 65536u * 2);  // the indices wrapped
  EXPECT_EQ(t.queue.bad_used(), 0u);
}

TEST(Virtqueue, AHeadNeverGivenIsCountedAndSkipped) {
  TestQueue t(4);
  Device dev(t.queue);
  Segment s{0x1000, 1, true};
  int head = t.queue.add(&s, 1);
  dev.complete(3, 1);   // not in flight
  dev.complete(99, 1);  // not even a descriptor
  dev.complete(static_cast<uint32_t>(head), 5);
  uint16_t got;
  uint32_t written;
  ASSERT_TRUE(t.queue.take_used(&got, &written));
  EXPECT_EQ(got, head);
  EXPECT_EQ(written, 5u);
  EXPECT_EQ(t.queue.bad_used(), 2u);
  EXPECT_EQ(t.queue.free_descriptors(), 4);
  dev.complete(static_cast<uint32_t>(head), 5);  // twice: it is free now
  EXPECT_FALSE(t.queue.take_used(&got, &written));
  EXPECT_EQ(t.queue.bad_used(), 3u);
  EXPECT_EQ(t.queue.free_descriptors(), 4);
}

TEST(Virtqueue, NotificationAndInterruptFlags) {
  TestQueue t(4);
  Device dev(t.queue);
  EXPECT_TRUE(t.queue.device_wants_notification());
  dev.used->flags = virtio::kUsedNoNotify;
  EXPECT_FALSE(t.queue.device_wants_notification());
  EXPECT_EQ(dev.available->flags, 0);
  t.queue.set_interrupts(false);
  EXPECT_EQ(dev.available->flags, virtio::kAvailableNoInterrupt);
  t.queue.set_interrupts(true);
  EXPECT_EQ(dev.available->flags, 0);
}

}  // namespace
