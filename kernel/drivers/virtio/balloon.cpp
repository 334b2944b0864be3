// virtio-balloon (spec 5.5): the host sets a target (`num_pages`, 4 KiB
// pages) through QMP `balloon`; the driver takes that many free frames
// from the page allocator, reports their numbers on the inflate queue and
// then never touches them (the host may unmap them), or reports frames on
// the deflate queue and gives them back once the device has taken note.
// `actual` in the configuration says how many the balloon holds.
//
// When: the device's interrupts (configuration change, a buffer back)
// only post KERNEL_EVENT_BALLOON. The work happens on the runtime's flow
// of control, in kernel_poll_devices (the runtime calls it when a
// collection starts and when a thread yields, a tick's safe point
// included), in kernel_take_events and in the idle loop: never inside an
// interrupt handler, which may have interrupted the page allocator. Each
// call does at most kFramesPerPoll frames, so a program that keeps
// computing is held up briefly and the balloon reaches its target over
// several calls: each buffer the device gives back posts the bit again.
//
// Statistics (VIRTIO_BALLOON_F_STATS_VQ): one buffer lives on the stats
// queue; the device gives it back when it wants fresh numbers, and the
// driver refills it and puts it back (spec 5.5.6.3).
#include "drivers/virtio/balloon.h"

#include "drivers/events.h"
#include "drivers/presence.h"
#include "drivers/virtio/balloon_frames.h"
#include "drivers/virtio/pci_transport.h"
#include "drivers/virtio/virtqueue.h"
#include "kernel.h"
#include "lib/print.h"
#include "mem/page_alloc.h"

namespace virtio {
namespace {

constexpr uint64_t kFeatureStatsQueue = uint64_t{1} << 1;  // VIRTIO_BALLOON_F_STATS_VQ
constexpr uint16_t kInflateQueue = 0;
constexpr uint16_t kDeflateQueue = 1;
constexpr uint16_t kStatsQueue = 2;
constexpr uint16_t kQueueSize = 8;        // one buffer in flight per queue: a few entries suffice
constexpr uint32_t kConfigNumPages = 0;   // le32, the device's target
constexpr uint32_t kConfigActual = 4;     // le32, written by the driver
// A page of frame numbers per buffer (Linux sends 256; the spec sets no
// limit): where the device answers later than the notify (KVM's
// ioeventfd), each poll still moves 4 MiB.
constexpr uint32_t kFramesPerBuffer = mem::kPageSize / 4;
constexpr uint32_t kFramesPerPoll = 1024;  // 4 MiB per call: ~a few ms under emulation
// Inflation stops with this much RAM still free: stacks grow by a page in
// a page fault, and page tables come one page at a time, so running the
// allocator dry would turn a host's too-small target into a stack
// overflow or a panic. The collector's heap is not protected by it: a
// target the program cannot live with gives Out_of_memory, as on a
// machine with that much RAM.
constexpr uint64_t kKeepFreeBytes = 2 << 20;

// struct virtio_balloon_stat: le16 tag, le64 value, packed.
constexpr uint16_t kStatFreeMemory = 4;   // VIRTIO_BALLOON_S_MEMFREE
constexpr uint16_t kStatTotalMemory = 5;  // VIRTIO_BALLOON_S_MEMTOT
constexpr uint16_t kStatAvailable = 6;    // VIRTIO_BALLOON_S_AVAIL
constexpr uint32_t kStatBytes = 10;
constexpr uint32_t kStatCount = 3;

drivers::Presence presence;
PciTransport device;
SplitQueue inflate_queue, deflate_queue, stats_queue;
BalloonFrames frames;
uint32_t* frame_buffer = nullptr;  // the frame numbers of the buffer in flight
uint32_t in_flight = 0;            // frames in it (0: none)
bool inflating = false;            // which queue has it
uint8_t* stats_buffer = nullptr;
BalloonStatus status = {};

uint32_t frame_of(void* page) { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(page) / mem::kPageSize); }
void* page_of(uint32_t frame) { return reinterpret_cast<void*>(uintptr_t{frame} * mem::kPageSize); }

void put_stat(uint32_t i, uint16_t tag, uint64_t value) {
  uint8_t* p = stats_buffer + i * kStatBytes;
  __builtin_memcpy(p, &tag, 2);
  __builtin_memcpy(p + 2, &value, 8);
}

void offer_stats() {
  uint64_t free = mem::free_bytes();
  put_stat(0, kStatFreeMemory, free);
  put_stat(1, kStatTotalMemory, mem::total_bytes() - frames.count() * mem::kPageSize);
  put_stat(2, kStatAvailable, free);
  Segment s{reinterpret_cast<uintptr_t>(stats_buffer), kStatBytes * kStatCount, false};
  stats_queue.add(&s, 1);
  device.notify(kStatsQueue);
}

void report_actual() { device.write_config32(kConfigActual, static_cast<uint32_t>(frames.count())); }

void send(SplitQueue* queue, uint16_t index, uint32_t count) {
  Segment s{reinterpret_cast<uintptr_t>(frame_buffer), count * 4, false};
  queue->add(&s, 1);
  in_flight = count;
  inflating = index == kInflateQueue;
  device.notify(index);
}

// Takes up to `wanted` free frames into the balloon and sends them.
void inflate(uint32_t wanted) {
  uint32_t n = 0;
  while (n < wanted) {
    void* page = mem::take_top_page(kKeepFreeBytes);
    if (page == nullptr) {
      ++status.short_of_memory;
      break;
    }
    if (!frames.push(frame_of(page))) {
      mem::give_back_page(page);
      ++status.full_bookkeeping;
      break;
    }
    frame_buffer[n++] = frame_of(page);
  }
  if (n > 0) send(&inflate_queue, kInflateQueue, n);
}

// Sends up to `wanted` frames, the last taken first; they go back to the
// allocator when the device has seen them (finish_buffer).
void deflate(uint32_t wanted) {
  uint32_t n = 0;
  while (n < wanted && frames.pop(&frame_buffer[n])) ++n;
  if (n > 0) send(&deflate_queue, kDeflateQueue, n);
}

// The device gave the buffer in flight back.
void finish_buffer() {
  if (!inflating)
    for (uint32_t i = 0; i < in_flight; ++i) mem::give_back_page(page_of(frame_buffer[i]));
  in_flight = 0;
  report_actual();
}

// Buffers the device has given back. A used entry for a buffer not in
// flight is refused by the queue itself, which counts it: what the queues
// hand over is the one buffer in flight.
void take_answers() {
  uint16_t head;
  uint32_t written;
  while (inflate_queue.take_used(&head, &written)) finish_buffer();
  while (deflate_queue.take_used(&head, &written)) finish_buffer();
  if (device.features() & kFeatureStatsQueue) {
    bool asked = false;
    while (stats_queue.take_used(&head, &written)) asked = true;
    if (asked) {
      ++status.stats_answers;
      offer_stats();
    }
  }
  status.bad_answers = inflate_queue.bad_used() + deflate_queue.bad_used() + stats_queue.bad_used();
}

bool open() {
  if (!device.open(kDeviceBalloon, kFeatureStatsQueue)) return false;
  bool stats = device.features() & kFeatureStatsQueue;
  // One page: the frame numbers of one buffer; the next: the stats
  // buffer. One more: the bookkeeping's runs (512 of them: see
  // balloon_frames.h).
  auto* page = static_cast<uint8_t*>(mem::alloc_pages(2 * mem::kPageSize));
  auto* runs = static_cast<BalloonFrames::Run*>(mem::alloc_pages(mem::kPageSize));
  if (page == nullptr || runs == nullptr || !device.has_config() ||
      !device.setup_queue(kInflateQueue, &inflate_queue, kQueueSize, KERNEL_EVENT_BALLOON) ||
      !device.setup_queue(kDeflateQueue, &deflate_queue, kQueueSize, KERNEL_EVENT_BALLOON) ||
      (stats && !device.setup_queue(kStatsQueue, &stats_queue, kQueueSize, KERNEL_EVENT_BALLOON)) ||
      !device.watch_config(KERNEL_EVENT_BALLOON)) {
    lib::kprintf("virtio-balloon: cannot set up its queues\n");
    return false;
  }
  frame_buffer = reinterpret_cast<uint32_t*>(page);
  stats_buffer = page + mem::kPageSize;
  frames.init(runs, mem::kPageSize / sizeof(BalloonFrames::Run));
  device.start();
  if (stats) offer_stats();
  return true;
}

}  // namespace

void balloon_service() {
  if (!presence.present()) return;
  uint32_t budget = kFramesPerPoll;
  for (;;) {
    take_answers();
    if (in_flight > 0) return;  // its answer posts the bit again
    uint32_t target = device.config32(kConfigNumPages);
    status.target_pages = target;
    uint64_t held = frames.count();
    if (target == held) return;
    if (budget == 0) {  // more at the next call
      drivers::post_event(KERNEL_EVENT_BALLOON);
      return;
    }
    uint64_t gap = target > held ? target - held : held - target;
    uint32_t chunk = budget < kFramesPerBuffer ? budget : kFramesPerBuffer;
    if (gap < chunk) chunk = static_cast<uint32_t>(gap);
    if (target > held) inflate(chunk);
    else deflate(chunk);
    if (in_flight == 0) return;  // inflation cannot go on (counted)
    budget -= in_flight;
    // QEMU usually answers during the notify itself: then this loops.
  }
}

void balloon_poll() {
  if (!presence.checked() && presence.check(open)) balloon_service();  // a target set before we looked
  if (drivers::take_events(KERNEL_EVENT_BALLOON)) balloon_service();
}

BalloonStatus balloon_status() {
  BalloonStatus s = status;
  s.held_pages = frames.count();
  s.state = !presence.checked() ? "none" : !presence.present() ? "absent" : device.uses_msix() ? "msix" : "intx";
  return s;
}

}  // namespace virtio
