#include "drivers/virtio/virtqueue.h"

#include "lib/align.h"

namespace virtio {
namespace {

size_t available_offset(uint16_t size) { return sizeof(Descriptor) * size; }
size_t used_offset(uint16_t size) { return lib::align_up(available_offset(size) + 6 + 2u * size, 4); }
size_t chain_lengths_offset(uint16_t size) { return lib::align_up(used_offset(size) + 6 + 8u * size, 2); }

// The rings are shared with the device: the compiler must neither cache
// nor reorder these accesses across the index updates.
uint16_t load_acquire(const uint16_t* p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
void store_release(uint16_t* p, uint16_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }

}  // namespace

size_t SplitQueue::memory_bytes(uint16_t size) { return chain_lengths_offset(size) + 2u * size; }

void SplitQueue::init(uint16_t size, void* memory) {
  auto* base = static_cast<char*>(memory);
  size_ = size;
  descriptors_ = reinterpret_cast<Descriptor*>(base);
  available_ = reinterpret_cast<AvailableRing*>(base + available_offset(size));
  used_ = reinterpret_cast<UsedRing*>(base + used_offset(size));
  chain_length_ = reinterpret_cast<uint16_t*>(base + chain_lengths_offset(size));
  for (uint16_t i = 0; i < size; ++i) {
    descriptors_[i].next = static_cast<uint16_t>(i + 1);
    chain_length_[i] = 0;
  }
  free_head_ = 0;
  free_count_ = size;
  last_used_ = 0;
  bad_used_ = 0;
}

int SplitQueue::add(const Segment* segments, int count) {
  if (count <= 0 || count > free_count_) return -1;
  uint16_t head = free_head_;
  uint16_t d = head;
  for (int i = 0; i < count; ++i) {
    Descriptor& desc = descriptors_[d];
    desc.address = segments[i].address;
    desc.length = segments[i].length;
    desc.flags = static_cast<uint16_t>((segments[i].device_writes ? kDescriptorWrite : 0) |
                                       (i + 1 < count ? kDescriptorNext : 0));
    if (i + 1 < count) d = desc.next;  // the free list already links them
  }
  free_head_ = descriptors_[d].next;
  free_count_ = static_cast<uint16_t>(free_count_ - count);
  chain_length_[head] = static_cast<uint16_t>(count);
  uint16_t index = available_->index;
  available_->ring[index & (size_ - 1)] = head;
  // The entry and the descriptors before the index that publishes them.
  store_release(&available_->index, static_cast<uint16_t>(index + 1));
  return head;
}

bool SplitQueue::device_wants_notification() const {
  // The index store above must be visible before the flag is read (the
  // device reads them in the other order): a full barrier.
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  return !(load_acquire(&used_->flags) & kUsedNoNotify);
}

bool SplitQueue::has_used() const { return load_acquire(&used_->index) != last_used_; }

bool SplitQueue::take_used(uint16_t* head, uint32_t* written) {
  while (load_acquire(&used_->index) != last_used_) {
    const UsedElement& e = used_->ring[last_used_ & (size_ - 1)];
    uint32_t id = e.id;
    uint32_t length = e.length;
    last_used_ = static_cast<uint16_t>(last_used_ + 1);
    if (id >= size_ || chain_length_[id] == 0) {
      ++bad_used_;
      continue;
    }
    // Give the chain's descriptors back: its last one links to the old
    // free list.
    uint16_t count = chain_length_[id];
    chain_length_[id] = 0;
    uint16_t last = static_cast<uint16_t>(id);
    for (uint16_t i = 1; i < count; ++i) last = descriptors_[last].next;
    descriptors_[last].next = free_head_;
    free_head_ = static_cast<uint16_t>(id);
    free_count_ = static_cast<uint16_t>(free_count_ + count);
    *head = static_cast<uint16_t>(id);
    *written = length;
    return true;
  }
  return false;
}

void SplitQueue::set_interrupts(bool wanted) {
  uint16_t flags = wanted ? 0 : kAvailableNoInterrupt;
  store_release(&available_->flags, flags);
  if (wanted) __atomic_thread_fence(__ATOMIC_SEQ_CST);  // before the caller's has_used()
}

}  // namespace virtio
