// The scheduler's queues (rts/core/thread_queue.h) on their own, then the
// host runtime's green threads and MVars driven from C++ the way generated
// code calls them (rts_threads.h). The latter run in a child process each
// (EXPECT_EXIT): the first spawn starts the runtime's SIGALRM tick, which
// the rest of the test binary should not get.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <ctime>
#include <vector>

#include "../../rts/core/thread_queue.h"
#include "rts_threads.h"

// What the compiler emits in every program and a C++ test lacks: the
// exception the runtime raises at a stack's guard (rts_stack_overflow).
struct {
  int64_t len;
  char bytes[15];
} stack_overflow_name = {14, "Stack_overflow"};
const FlString* show_stack_overflow(void*, bool) { return reinterpret_cast<const FlString*>(&stack_overflow_name); }
extern "C" FlExnDesc fl_exn_Stack_overflow = {reinterpret_cast<const FlString*>(&stack_overflow_name),
                                               show_stack_overflow};

namespace platform {
void catch_stack_overflow();  // rts/platform/threads.h
}

namespace {

struct Item {
  int id = 0;
  uint64_t key = 0;
  Item* next = nullptr;
  Item* prev = nullptr;
  Item* snext = nullptr;
};

using Queue = rts::Fifo<Item, &Item::next>;
using Sleepers = rts::SleepQueue<Item, &Item::key, &Item::prev, &Item::snext>;

std::vector<int> drain(Queue& q) {
  std::vector<int> ids;
  while (Item* i = q.pop_front()) ids.push_back(i->id);
  return ids;
}

std::vector<int> drain(Sleepers& q) {
  std::vector<int> ids;
  while (Item* i = q.pop_front()) ids.push_back(i->id);
  return ids;
}

TEST(ThreadQueue, FifoOrder) {
  Item items[5];
  Queue q;
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.pop_front(), nullptr);
  for (int i = 0; i < 5; ++i) {
    items[i].id = i;
    q.push_back(&items[i]);
  }
  EXPECT_EQ(q.front(), &items[0]);
  EXPECT_EQ(drain(q), (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_TRUE(q.empty());
  // Reusable once empty, the tail included.
  q.push_back(&items[3]);
  q.push_back(&items[1]);
  EXPECT_EQ(drain(q), (std::vector<int>{3, 1}));
}

TEST(ThreadQueue, FifoRemove) {
  Item items[4];
  for (int i = 0; i < 4; ++i) items[i].id = i;
  Queue q;
  for (Item& i : items) q.push_back(&i);
  EXPECT_TRUE(q.remove(&items[3]));  // the tail
  EXPECT_FALSE(q.remove(&items[3]));
  EXPECT_TRUE(q.remove(&items[0]));  // the head
  q.push_back(&items[0]);            // the tail was fixed
  EXPECT_TRUE(q.remove(&items[2]));  // the middle
  EXPECT_EQ(drain(q), (std::vector<int>{1, 0}));
  Queue one;
  one.push_back(&items[2]);
  EXPECT_TRUE(one.remove(&items[2]));
  EXPECT_TRUE(one.empty());
  one.push_back(&items[1]);
  EXPECT_EQ(drain(one), (std::vector<int>{1}));
}

TEST(ThreadQueue, SleepersByKeyThenArrival) {
  const uint64_t keys[] = {30, 10, 20, 10, 30, 5, 20, 40};
  Item items[8];
  Sleepers q;
  for (int i = 0; i < 8; ++i) {
    items[i].id = i;
    items[i].key = keys[i];
    q.insert(&items[i]);
  }
  EXPECT_EQ(q.front(), &items[5]);
  EXPECT_EQ(drain(q), (std::vector<int>{5, 1, 3, 2, 6, 0, 4, 7}));
  EXPECT_TRUE(q.empty());
}

TEST(ThreadQueue, SleepersInterleaved) {
  Item items[6];
  Sleepers q;
  for (int i = 0; i < 6; ++i) items[i].id = i;
  items[0].key = 100;
  q.insert(&items[0]);
  items[1].key = 50;
  q.insert(&items[1]);
  EXPECT_EQ(q.pop_front(), &items[1]);
  items[2].key = 100;
  q.insert(&items[2]);
  items[3].key = 1;
  q.insert(&items[3]);
  EXPECT_EQ(q.pop_front(), &items[3]);
  EXPECT_EQ(q.pop_front(), &items[0]);
  EXPECT_EQ(q.pop_front(), &items[2]);
  EXPECT_EQ(q.pop_front(), nullptr);
  items[4].key = 7;
  q.insert(&items[4]);
  EXPECT_EQ(drain(q), (std::vector<int>{4}));
}

// ---------------------------------------------------------------------------
// The runtime, from C++: "closures" here are C++ objects and the entry a
// plain function, where generated code passes an fl closure and its
// compiler-made entry.

std::string trace;
int failures = 0;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "failed: %s\n", what);
    ++failures;
  }
}

[[noreturn]] void finish() { std::exit(failures == 0 ? 0 : 1); }

struct Task {
  void (*run)(Task*);
  FlMVar* a = nullptr;
  FlMVar* b = nullptr;
  int n = 0;
};

void run_task(void* p) {
  auto* t = static_cast<Task*>(p);
  t->run(t);
}

FlThread* spawn(Task* t) { return fl_thread_spawn(t, run_task); }

void IdsAndOrder() {
    check(fl_thread_id(fl_thread_self()) == 1, "main is thread 1");
    static Task tasks[3];
    FlThread* threads[3];
    for (int i = 0; i < 3; ++i) {
      tasks[i].n = i;
      tasks[i].run = [](Task* t) {
        trace += static_cast<char>('a' + t->n);
        fl_thread_yield();
        trace += static_cast<char>('A' + t->n);
      };
      threads[i] = spawn(&tasks[i]);
      check(fl_thread_id(threads[i]) == i + 2, "spawned threads are 2, 3, 4");
    }
    check(trace.empty(), "spawn queues, does not run");
    fl_thread_yield();
    trace += '|';
    fl_thread_yield();
    fl_thread_yield();
    check(trace == "abc|ABC", ("round robin: " + trace).c_str());
    finish();
}

TEST(GreenThreads, IdsAndOrder) {
  EXPECT_EXIT(IdsAndOrder(), testing::ExitedWithCode(0), "");
}

void MVarHandOverAndFifo() {
    FlMVar* m = fl_mvar_create_empty();
    static Task takers[4];
    for (int i = 0; i < 4; ++i) {
      takers[i].a = m;
      takers[i].n = i;
      takers[i].run = [](Task* t) {
        uint64_t v = fl_mvar_take(t->a);
        trace += static_cast<char>('0' + t->n);
        trace += static_cast<char>('a' + v);
      };
      spawn(&takers[i]);
    }
    fl_thread_yield();  // all four block, in order
    check(trace.empty(), "takers block on an empty MVar");
    for (uint64_t v = 0; v < 4; ++v) fl_mvar_put(m, v);  // each handed to the next taker
    check(fl_mvar_is_full(m) == 0, "put hands the value over: the MVar stays empty");
    fl_thread_yield();
    check(trace == "0a1b2c3d", ("first come, first served: " + trace).c_str());

    // Putters on a full MVar queue too; take refills from the first.
    trace.clear();
    FlMVar* full = fl_mvar_create(100);
    static Task putters[3];
    for (int i = 0; i < 3; ++i) {
      putters[i].a = full;
      putters[i].n = i;
      putters[i].run = [](Task* t) {
        fl_mvar_put(t->a, static_cast<uint64_t>(t->n));
        trace += static_cast<char>('p' + t->n);
      };
      spawn(&putters[i]);
    }
    fl_thread_yield();
    check(fl_mvar_take(full) == 100, "the first value");
    check(fl_mvar_take(full) == 0, "then the putters' in order");
    check(fl_mvar_take(full) == 1, "second putter");
    check(fl_mvar_take(full) == 2, "third putter");
    check(fl_mvar_is_full(full) == 0, "empty at last");
    fl_thread_yield();
    check(trace == "pqr", ("putters woken in order: " + trace).c_str());
    finish();
}

TEST(GreenThreads, MVarHandOverAndFifo) {
  EXPECT_EXIT(MVarHandOverAndFifo(), testing::ExitedWithCode(0), "");
}

void ReadWakesAllReaders() {
    FlMVar* m = fl_mvar_create_empty();
    static Task readers[3];
    static uint64_t seen[3];
    for (int i = 0; i < 3; ++i) {
      readers[i].a = m;
      readers[i].n = i;
      readers[i].run = [](Task* t) { seen[t->n] = fl_mvar_read(t->a) + static_cast<uint64_t>(t->n); };
      spawn(&readers[i]);
    }
    static Task taker;
    taker.a = m;
    taker.run = [](Task* t) { t->n = static_cast<int>(fl_mvar_take(t->a)); };
    spawn(&taker);
    fl_thread_yield();
    fl_mvar_put(m, 40);
    fl_thread_yield();
    check(seen[0] == 40 && seen[1] == 41 && seen[2] == 42, "every reader saw the value");
    check(taker.n == 40, "and one taker took it");
    check(fl_mvar_is_full(m) == 0, "so the MVar is empty");
    FlMVar* full = fl_mvar_create(7);
    check(fl_mvar_read(full) == 7 && fl_mvar_is_full(full) == 1, "read leaves the value");
    finish();
}

TEST(GreenThreads, ReadWakesAllReaders) {
  EXPECT_EXIT(ReadWakesAllReaders(), testing::ExitedWithCode(0), "");
}

// Past the first 1024 live threads (rts/core/shared_stack.h) new ones run
// on one shared stack, at the same addresses, and their frames survive
// the others running there in between.
void SharedStackRestoresFrames() {
    constexpr int kThreads = 1100;
    static Task tasks[kThreads];
    static const volatile uint64_t* frames[kThreads];
    static int intact = 0;
    for (int i = 0; i < kThreads; ++i) {
      tasks[i].n = i;
      tasks[i].run = [](Task* t) {
        volatile uint64_t mine[64];
        for (int k = 0; k < 64; ++k) mine[k] = static_cast<uint64_t>(t->n) * 1000 + static_cast<uint64_t>(k);
        frames[t->n] = mine;
        fl_thread_yield();
        fl_thread_yield();
        bool ok = true;
        for (int k = 0; k < 64; ++k) ok = ok && mine[k] == static_cast<uint64_t>(t->n) * 1000 + static_cast<uint64_t>(k);
        if (ok) ++intact;
      };
      spawn(&tasks[i]);
    }
    for (int round = 0; round < 4; ++round) fl_thread_yield();
    check(intact == kThreads, ("frames intact after switches: " + std::to_string(intact)).c_str());
    check(frames[0] != frames[1], "the first threads have stacks of their own");
    check(frames[1050] == frames[1099], "the later ones share one");
    finish();
}

TEST(GreenThreads, SharedStackRestoresFrames) {
  EXPECT_EXIT(SharedStackRestoresFrames(), testing::ExitedWithCode(0), "");
}

void SleepOrderAndDuration() {
    static Task sleepers[3];
    const int ms[] = {60, 20, 40};
    FlMVar* done = fl_mvar_create_empty();
    for (int i = 0; i < 3; ++i) {
      sleepers[i].n = ms[i];
      sleepers[i].a = done;
      sleepers[i].run = [](Task* t) {
        fl_thread_sleep_ms(t->n);
        fl_mvar_put(t->a, static_cast<uint64_t>(t->n));
      };
      spawn(&sleepers[i]);
    }
    timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    uint64_t order[3];
    for (uint64_t& o : order) o = fl_mvar_take(done);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double elapsed_ms = (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
    check(order[0] == 20 && order[1] == 40 && order[2] == 60, "woken by deadline");
    check(elapsed_ms >= 60 && elapsed_ms < 1000, "slept at least the longest, not much more");
    finish();
}

TEST(GreenThreads, SleepOrderAndDuration) {
  EXPECT_EXIT(SleepOrderAndDuration(), testing::ExitedWithCode(0), "");
}

void PreemptionFlag() {
    static Task task;
    task.run = [](Task* t) { t->n = 1; };
    spawn(&task);
    // A loop that only polls, as generated code does at back-edges.
    timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
      if (reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) < fl_stack_limit) fl_safepoint();
      if (task.n == 1) break;
      clock_gettime(CLOCK_MONOTONIC, &now);
      if (now.tv_sec - start.tv_sec > 5) break;
    }
    check(task.n == 1, "the timer let the other thread run");
    finish();
}

TEST(GreenThreads, PreemptionFlag) {
  EXPECT_EXIT(PreemptionFlag(), testing::ExitedWithCode(0), "");
}

void DeadlockWithoutDescriptorPanics() {
    FlMVar* m = fl_mvar_create_empty();
    fl_mvar_take(m);
}

TEST(GreenThreads, DeadlockWithoutDescriptorPanics) {
  // A C++ program has no Deadlock exception to raise: the runtime panics.
  EXPECT_EXIT(DeadlockWithoutDescriptorPanics(), testing::ExitedWithCode(3), "panic: deadlock");
}

// Code that does not check the stack limit (the runtime's C++, libgc's)
// and runs past a thread's stack meets the guard below it: that thread
// dies of Stack_overflow, the program goes on.
[[gnu::noinline]] int recurse_unchecked(int depth) {
  volatile char frame[1024];
  frame[0] = static_cast<char>(depth);
  return recurse_unchecked(depth + 1) + frame[0];
}

void GuardStopsAnUncheckedThread() {
    platform::catch_stack_overflow();
    static Task runaway;
    runaway.run = [](Task* t) { t->n = recurse_unchecked(0); };
    spawn(&runaway);
    fl_thread_yield();
    check(runaway.n == 0, "the thread ended at its guard");
    std::fprintf(stderr, "main goes on\n");
    finish();
}

TEST(GreenThreads, GuardStopsAnUncheckedThread) {
  EXPECT_EXIT(GuardStopsAnUncheckedThread(), testing::ExitedWithCode(0),
              "Thread 2 died: exception Stack_overflow\nmain goes on");
}

}  // namespace
