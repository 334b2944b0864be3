#include "drivers/virtio/balloon_frames.h"

namespace virtio {

void BalloonFrames::init(Run* storage, uint32_t capacity) {
  runs_ = storage;
  capacity_ = capacity;
  used_ = 0;
  count_ = 0;
}

bool BalloonFrames::push(uint32_t frame) {
  // Extends the last run downwards only: a run's lowest frame is always
  // the one pushed last, so pop() gives frames back in reverse order.
  if (used_ > 0) {
    Run& top = runs_[used_ - 1];
    if (top.lowest != 0 && frame == top.lowest - 1 && top.count != UINT32_MAX) {
      top.lowest = frame;
      ++top.count;
      ++count_;
      return true;
    }
  }
  if (used_ == capacity_) return false;
  runs_[used_++] = Run{frame, 1};
  ++count_;
  return true;
}

bool BalloonFrames::pop(uint32_t* frame) {
  if (used_ == 0) return false;
  Run& top = runs_[used_ - 1];
  *frame = top.lowest;
  --count_;
  if (--top.count == 0) --used_;
  else ++top.lowest;
  return true;
}

}  // namespace virtio
