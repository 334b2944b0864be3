// The balloon's page frames: which 4 KiB frames the balloon holds, as a
// stack (the last frame taken is the first given back). Pure bookkeeping,
// no kernel calls, so tests/unit/balloon_frames_test.cpp runs it on the
// host.
//
// Why runs: the balloon takes frames from the top of a RAM range down
// (mem::take_top_page), so consecutive frames are usually neighbours, and
// a run {lowest frame, count} holds any number of them in 8 bytes. One
// page of runs then covers a balloon of any size in the usual case; a
// balloon of scattered frames (taken from the free list of given-back
// stack pages) fills it faster, and push() refuses once it is full: the
// balloon then stops growing, which the driver counts.
//
// Giving back the last frame first keeps the allocator's ranges whole:
// the frame popped is the lowest of its run, the one right at its range's
// end, which then simply grows back by a page.
#pragma once

#include <stdint.h>

namespace virtio {

class BalloonFrames {
 public:
  struct Run {
    uint32_t lowest;  // frame number of the last frame pushed in the run
    uint32_t count;   // frames lowest .. lowest + count - 1
  };

  // `storage` holds `capacity` runs; it stays the caller's.
  void init(Run* storage, uint32_t capacity);

  // False (nothing changed) when the frame needs a new run and none is left.
  bool push(uint32_t frame);
  // The frame pushed last; false when empty.
  bool pop(uint32_t* frame);

  uint64_t count() const { return count_; }
  uint32_t runs() const { return used_; }

 private:
  Run* runs_ = nullptr;
  uint32_t capacity_ = 0;
  uint32_t used_ = 0;
  uint64_t count_ = 0;
};

}  // namespace virtio
