// The balloon's frame bookkeeping (kernel/drivers/virtio/balloon_frames.cpp):
// frames come back last-in first-out whatever their order, neighbours
// taken downwards share a run, a full run table refuses a frame without
// losing any, and frame 0 and the largest frame number are ordinary.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "drivers/virtio/balloon_frames.h"

namespace {

using virtio::BalloonFrames;

struct Frames {
  explicit Frames(uint32_t capacity) : storage(capacity) { frames.init(storage.data(), capacity); }
  std::vector<BalloonFrames::Run> storage;
  BalloonFrames frames;
};

TEST(BalloonFrames, DownwardNeighboursShareOneRun) {
  Frames f(1);
  for (uint32_t frame = 1000; frame > 0; --frame) ASSERT_TRUE(f.frames.push(frame));
  EXPECT_EQ(f.frames.count(), 1000u);
  EXPECT_EQ(f.frames.runs(), 1u);
  // Given back lowest first: the frame at the allocator's range end.
  for (uint32_t want = 1; want <= 1000; ++want) {
    uint32_t frame;
    ASSERT_TRUE(f.frames.pop(&frame));
    EXPECT_EQ(frame, want);
  }
  uint32_t frame;
  EXPECT_FALSE(f.frames.pop(&frame));
  EXPECT_EQ(f.frames.count(), 0u);
  EXPECT_EQ(f.frames.runs(), 0u);
}

TEST(BalloonFrames, UpwardNeighboursAreSeparateRuns) {
  Frames f(4);
  EXPECT_TRUE(f.frames.push(10));
  EXPECT_TRUE(f.frames.push(11));
  EXPECT_TRUE(f.frames.push(12));
  EXPECT_EQ(f.frames.runs(), 3u);
  uint32_t frame;
  ASSERT_TRUE(f.frames.pop(&frame));
  EXPECT_EQ(frame, 12u);
}

TEST(BalloonFrames, FullTableRefusesAndKeepsWhatItHas) {
  Frames f(2);
  EXPECT_TRUE(f.frames.push(100));
  EXPECT_TRUE(f.frames.push(99));   // same run
  EXPECT_TRUE(f.frames.push(500));  // second run
  EXPECT_FALSE(f.frames.push(7));   // would need a third
  EXPECT_TRUE(f.frames.push(499));  // extends the second
  EXPECT_EQ(f.frames.count(), 4u);
  std::vector<uint32_t> popped;
  uint32_t frame;
  while (f.frames.pop(&frame)) popped.push_back(frame);
  EXPECT_EQ(popped, (std::vector<uint32_t>{499, 500, 99, 100}));
}

TEST(BalloonFrames, ExtremeFrameNumbers) {
  Frames f(4);
  EXPECT_TRUE(f.frames.push(0));
  EXPECT_TRUE(f.frames.push(UINT32_MAX));
  EXPECT_TRUE(f.frames.push(UINT32_MAX - 1));
  EXPECT_EQ(f.frames.runs(), 2u);
  uint32_t frame;
  ASSERT_TRUE(f.frames.pop(&frame));
  EXPECT_EQ(frame, UINT32_MAX - 1);
  ASSERT_TRUE(f.frames.pop(&frame));
  EXPECT_EQ(frame, UINT32_MAX);
  ASSERT_TRUE(f.frames.pop(&frame));
  EXPECT_EQ(frame, 0u);
}

// Against a plain stack: random pushes (often downward neighbours, as
// from a range's top) and pops, with a small table that fills up.
TEST(BalloonFrames, MatchesAPlainStack) {
  Frames f(16);
  std::vector<uint32_t> model;
  std::mt19937 random(5);
  uint32_t next = 1u << 20;
  for (int step = 0; step < 100'000; ++step) {
    if (random() % 3 != 0) {
      uint32_t frame = random() % 8 == 0 ? static_cast<uint32_t>(random()) : --next;
      bool pushed = f.frames.push(frame);
      if (pushed) model.push_back(frame);
      else ASSERT_EQ(f.frames.runs(), 16u);
    } else {
      uint32_t frame;
      bool popped = f.frames.pop(&frame);
      ASSERT_EQ(popped, !model.empty());
      if (popped) {
        ASSERT_EQ(frame, model.back());
        model.pop_back();
        if (frame == next) ++next;
      }
    }
    ASSERT_EQ(f.frames.count(), model.size());
  }
}

}  // namespace
