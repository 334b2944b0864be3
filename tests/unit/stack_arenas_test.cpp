// The host's thread-stack arenas (rts/platform/host/stack_arenas.h): slots
// of a few large mappings, each stack above a guard, reused most recent
// first, whose pages go back to Linux when a stack is freed, all but the
// top one.
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <csignal>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <set>
#include <vector>

#include "../../rts/platform/host/stack_arenas.h"

namespace {

using platform::host::StackArenas;

const size_t kPage = static_cast<size_t>(sysconf(_SC_PAGESIZE));

// How many of the pages of [low, high) are resident.
size_t resident_pages(char* low, char* high) {
  std::vector<unsigned char> vec((high - low) / kPage);
  if (mincore(low, static_cast<size_t>(high - low), vec.data()) != 0) return SIZE_MAX;
  size_t n = 0;
  for (unsigned char v : vec) n += v & 1;
  return n;
}

TEST(StackArenas, SlotsAreDisjointWithAGapBelowEach) {
  StackArenas arenas(64 * kPage, 16 * kPage, 4);
  std::vector<std::pair<char*, char*>> stacks;
  for (int i = 0; i < 10; ++i) {
    char *low, *top;
    ASSERT_TRUE(arenas.alloc(&low, &top));
    EXPECT_EQ(static_cast<size_t>(top - low), 64 * kPage);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(top) % kPage, 0u);
    top[-1] = 1;  // usable from the top
    low[0] = 1;   // down to the bottom
    stacks.emplace_back(low, top);
  }
  // Ten slots of four per arena: three mappings.
  EXPECT_EQ(arenas.arenas_mapped(), 3u);
  for (size_t i = 0; i < stacks.size(); ++i)
    for (size_t j = 0; j < stacks.size(); ++j) {
      if (i == j) continue;
      // No stack lies within another's guard either.
      char* guard_low = stacks[j].first - 16 * kPage;
      EXPECT_TRUE(stacks[i].second <= guard_low || stacks[i].first >= stacks[j].second);
    }
}

TEST(StackArenas, FreedStacksAreReusedLastFirst) {
  StackArenas arenas(16 * kPage, kPage, 8);
  char *low1, *top1, *low2, *top2, *low3, *top3;
  ASSERT_TRUE(arenas.alloc(&low1, &top1));
  ASSERT_TRUE(arenas.alloc(&low2, &top2));
  arenas.free(top1);
  arenas.free(top2);
  ASSERT_TRUE(arenas.alloc(&low3, &top3));
  EXPECT_EQ(top3, top2);
  ASSERT_TRUE(arenas.alloc(&low3, &top3));
  EXPECT_EQ(top3, top1);
  ASSERT_TRUE(arenas.alloc(&low3, &top3));
  EXPECT_NE(top3, top1);
  EXPECT_NE(top3, top2);
}

TEST(StackArenas, PagesAreBackedOnTouchAndGivenBackOnFree) {
  StackArenas arenas(256 * kPage, kPage, 2);
  char *low, *top;
  ASSERT_TRUE(arenas.alloc(&low, &top));
  EXPECT_EQ(resident_pages(low, top), 0u);  // nothing until touched
  top[-1] = 1;
  EXPECT_EQ(resident_pages(low, top), 1u);  // a thread that never recurses
  for (char* p = top - 1; p >= low; p -= kPage) *p = 1;
  EXPECT_EQ(resident_pages(low, top), 256u);
  arenas.free(top);
  EXPECT_EQ(resident_pages(low, top), 1u);  // the top page holds the free link
}

TEST(StackArenas, AGuardBelowEachStack) {
  StackArenas arenas(16 * kPage, 4 * kPage, 8);
  char *low, *top, *low2, *top2;
  ASSERT_TRUE(arenas.alloc(&low, &top));
  ASSERT_TRUE(arenas.alloc(&low2, &top2));
  EXPECT_TRUE(arenas.in_guard(low - 1));
  EXPECT_TRUE(arenas.in_guard(low - 4 * kPage));
  EXPECT_TRUE(arenas.in_guard(low2 - 1));
  EXPECT_FALSE(arenas.in_guard(low));
  EXPECT_FALSE(arenas.in_guard(top - 1));
  EXPECT_FALSE(arenas.in_guard(&low));  // not in an arena
  EXPECT_EXIT(low2[-1] = 1, testing::KilledBySignal(SIGSEGV), "");
}

// The process's mappings (VMAs), as vm.max_map_count counts them.
size_t mappings() {
  std::ifstream maps("/proc/self/maps");
  size_t n = 0;
  for (std::string line; std::getline(maps, line);) ++n;
  return n;
}

TEST(StackArenas, AsManyStacksAsTheRuntimeKeeps) {
  // 1,025 stacks of 64 MiB (core/shared_stack.h: 1,024 and the shared one)
  // with their guards, twice: the second time in the slots of the first,
  // well within vm.max_map_count (65,530 by default).
  size_t before = mappings();
  StackArenas arenas(size_t{64} << 20, size_t{1} << 20, 1000);
  for (int round = 0; round < 2; ++round) {
    std::set<char*> tops;
    for (int i = 0; i < 1025; ++i) {
      char *low, *top;
      ASSERT_TRUE(arenas.alloc(&low, &top));
      top[-1] = 1;
      tops.insert(top);
    }
    EXPECT_EQ(tops.size(), 1025u);
    EXPECT_EQ(arenas.arenas_mapped(), 2u);
    EXPECT_LE(mappings() - before, 2 * 1025u + 2);
    for (char* top : tops) arenas.free(top);
  }
}

// Under a limit on address space (or strict overcommit), an arena too
// large to map is mapped smaller instead of failing.
void SmallerArenasUnderALimit() {
  rlimit limit{size_t{2} << 30, size_t{2} << 30};
  if (setrlimit(RLIMIT_AS, &limit) != 0) exit(3);
  StackArenas arenas(size_t{64} << 20, size_t{1} << 20, 1000);  // 65 GiB arenas
  char *low, *top;
  for (int i = 0; i < 3; ++i)
    if (!arenas.alloc(&low, &top)) exit(1);
  top[-1] = 1;
  exit(0);
}

TEST(StackArenas, SmallerArenasUnderALimit) {
  // Re-executed, so that the child does not inherit the address space the
  // other tests took.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(SmallerArenasUnderALimit(), testing::ExitedWithCode(0), "");
}

}  // namespace
