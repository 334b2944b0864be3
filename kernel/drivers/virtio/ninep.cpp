// virtio-9p (spec 5.11): the transport of the runtime's 9P2000.L client
// (rts/9p), through the first virtio-9p PCI device, started on first use.
// One request queue; a request is one descriptor chain, the request's
// buffers (read by the device) then the reply's (written by it), and the
// device returns the chain when its reply is complete.
//
// Up to kSlots requests are in flight at once (one per waiting green
// thread). Small buffers (request headers, short replies) are copied
// through the slot's own page, so they may live anywhere, thread stacks
// included; large ones (file data, directory listings) are handed to the
// device where they are, which is why they must be identity-mapped (the
// image) or in the heap's alias, whose physical address is known
// (mem::device_address).
#include "drivers/pci/pci.h"
#include "drivers/presence.h"
#include "drivers/virtio/pci_transport.h"
#include "drivers/virtio/virtqueue.h"
#include "kernel.h"
#include "lib/align.h"
#include "lib/print.h"
#include "mem/page_alloc.h"
#include "mem/paging.h"

namespace virtio {
namespace {

constexpr uint64_t kFeatureMountTag = uint64_t{1} << 0;
constexpr uint16_t kRequestQueue = 0;
constexpr uint16_t kMaxQueueSize = 128;  // QEMU's own limit on requests in flight
constexpr int kSlots = 32;
constexpr int kMaxSegments = 4;
// A slot's page pair holds a request of up to 1 KiB and a reply of a
// whole path (Rreadlink: 4 KiB and its header); larger buffers go to the
// device in place.
constexpr uint32_t kBounceBytes = 8192;
constexpr size_t kBounceLimit = 4096 + 256;

struct Slot {
  enum class State : uint8_t { Free, InFlight, Done } state = State::Free;
  uint32_t length = 0;  // of the reply, once Done
  char* bounce = nullptr;
  // The reply's small buffers, copied back from `bounce` when Done.
  int copies = 0;
  struct Copy {
    void* to;
    uint32_t bounce_offset;
    uint32_t reply_offset;  // where this buffer's part of the reply starts
    uint32_t len;
  } copy[kMaxSegments];
};

drivers::Presence presence;
PciTransport device;
SplitQueue queue;
Slot slots[kSlots];
int8_t slot_of_head[kMaxQueueSize];
char mount_tag[64] = "";

bool start() {
  if (!device.open(kDevice9p, kFeatureMountTag)) return false;
  if (!device.setup_queue(kRequestQueue, &queue, kMaxQueueSize, KERNEL_EVENT_9P)) {
    lib::kprintf("virtio-9p: cannot set up its queue\n");
    return false;
  }
  char* bounce = static_cast<char*>(mem::alloc_pages(kSlots * kBounceBytes));
  if (bounce == nullptr) {
    lib::kprintf("virtio-9p: out of memory\n");
    return false;
  }
  for (int i = 0; i < kSlots; ++i) slots[i].bounce = bounce + i * kBounceBytes;
  if (device.features() & kFeatureMountTag) {
    uint16_t len = device.config16(0);
    if (len > sizeof mount_tag - 1) len = sizeof mount_tag - 1;
    device.read_config(2, mount_tag, len);
    mount_tag[len] = '\0';
  }
  device.start();
  return true;
}

// Marks the slots whose chains the device has returned.
void collect_replies() {
  uint16_t head;
  uint32_t written;
  while (queue.take_used(&head, &written)) {
    int s = head < kMaxQueueSize ? slot_of_head[head] : -1;
    if (s < 0 || slots[s].state != Slot::State::InFlight) continue;  // counted by the queue as bad
    slots[s].state = Slot::State::Done;
    slots[s].length = written;
  }
}

}  // namespace
}  // namespace virtio

using namespace virtio;

int kernel_9p_open() {
  return presence.check(start) ? 0 : KERNEL_9P_NO_DEVICE;
}

const char* kernel_9p_mount_tag() { return presence.present() ? mount_tag : ""; }

int kernel_9p_submit(const KernelBuffer* out, int n_out, const KernelBuffer* in, int n_in) {
  if (kernel_9p_open() != 0) return KERNEL_9P_NO_DEVICE;
  if (n_out < 1 || n_in < 1 || n_out + n_in > kMaxSegments) return KERNEL_9P_TOO_BIG;
  int s = 0;
  while (s < kSlots && slots[s].state != Slot::State::Free) ++s;
  if (s == kSlots) return KERNEL_9P_BUSY;
  Slot& slot = slots[s];
  Segment segments[kMaxSegments];
  uint32_t used = 0;
  uint64_t reply_offset = 0;
  slot.copies = 0;
  for (int i = 0; i < n_out + n_in; ++i) {
    const KernelBuffer& b = i < n_out ? out[i] : in[i - n_out];
    bool writes = i >= n_out;
    if (b.len > 0xFFFFFFFFu) return KERNEL_9P_TOO_BIG;
    uint64_t address = reinterpret_cast<uintptr_t>(b.data);
    if (b.len <= kBounceLimit && used + b.len <= kBounceBytes) {
      char* bounce = slot.bounce + used;
      if (writes) slot.copy[slot.copies++] = {b.data, used, static_cast<uint32_t>(reply_offset), static_cast<uint32_t>(b.len)};
      else __builtin_memcpy(bounce, b.data, b.len);
      address = reinterpret_cast<uintptr_t>(bounce);
      used += static_cast<uint32_t>(lib::align_up(b.len, 16));
    } else if (!mem::device_address(address, b.len, &address)) {
      return KERNEL_9P_BAD_BUFFER;  // the device would miss it (a large buffer on a stack)
    }
    if (writes) reply_offset += b.len;
    segments[i] = {address, static_cast<uint32_t>(b.len), writes};
  }
  int head = queue.add(segments, n_out + n_in);
  if (head < 0) return KERNEL_9P_BUSY;
  slot_of_head[head] = static_cast<int8_t>(s);
  slot.state = Slot::State::InFlight;
  if (queue.device_wants_notification()) device.notify(kRequestQueue);
  return s;
}

int kernel_9p_poll(int id, uint32_t* length) {
  if (!presence.present() || id < 0 || id >= kSlots || slots[id].state == Slot::State::Free) return -1;
  Slot& slot = slots[id];
  collect_replies();
  if (slot.state != Slot::State::Done) {
    // About to wait: ask for an interrupt, then look once more.
    queue.set_interrupts(true);
    collect_replies();
    if (slot.state != Slot::State::Done) return 0;
  }
  // The device says how much it wrote; copy back no more than that.
  uint32_t written = slot.length;
  for (int i = 0; i < slot.copies; ++i) {
    const Slot::Copy& c = slot.copy[i];
    uint32_t n = written > c.reply_offset ? written - c.reply_offset : 0;
    if (n > c.len) n = c.len;
    __builtin_memcpy(c.to, slot.bounce + c.bounce_offset, n);
  }
  *length = slot.length;
  slot.state = Slot::State::Free;
  return 1;
}
