// White-box checks of the kernel's thread stacks (mem/stack_region.cpp)
// from inside a VM: what a stack costs in pages, growth page by page on
// first touch (page faults), the guard below, and that release and trim
// give every page back. Prints one "ok" line per check, or what went
// wrong, and the measured cost ("stack cost: N bytes per blocked thread").
#include <stddef.h>
#include <stdint.h>

#include "kernel.h"
#include "mem/page_alloc.h"
#include "mem/paging.h"
#include "mem/stack_region.h"
#include "rts.h"

namespace {

void say(const char* text) { kernel_console_write(text, __builtin_strlen(text)); }

void say_number(uint64_t v) {
  char reversed[20];
  int n = 0;
  do {
    reversed[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  char digits[20];
  for (int i = 0; i < n; ++i) digits[i] = reversed[n - 1 - i];
  kernel_console_write(digits, static_cast<size_t>(n));
}

bool failed = false;

void check(bool ok, const char* what) {
  if (ok) return;
  say("FAILED: ");
  say(what);
  say("\n");
  failed = true;
}

constexpr size_t kLimit = size_t{64} << 20;
constexpr int kStacks = 4096;  // 128 groups of 32
uintptr_t lows[kStacks], tops[kStacks];

// Touches a page of a stack from outside it: the first touch faults, and
// the page-fault handler maps it (the stack grows there).
void touch(uintptr_t address) { *reinterpret_cast<volatile char*>(address) = 1; }

void many_stacks() {
  uint64_t before = mem::free_bytes();
  bool created = true;
  for (int i = 0; i < kStacks; ++i) created = created && kernel_stack_create(kLimit, &lows[i], &tops[i]);
  check(created, "4096 stacks created");
  uint64_t cost = before - mem::free_bytes();
  say("stack cost: ");
  say_number(cost / kStacks);
  say(" bytes per blocked thread\n");
  // A page of stack, a share of a page table and of the directories.
  check(cost / kStacks >= 4096 && cost / kStacks < 4096 + 512, "a stack costs its top page and little more");
  bool mapped = true, disjoint = true;
  for (int i = 0; i < kStacks; ++i) {
    mapped = mapped && mem::is_mapped(tops[i] - 1) && !mem::is_mapped(tops[i] - 4097);
    mapped = mapped && tops[i] - lows[i] == kLimit;
    if (i > 0) disjoint = disjoint && lows[i] > tops[i - 1];
  }
  check(mapped, "only the top page of each stack is mapped");
  check(disjoint, "stacks do not overlap");
  // Each top page is its own memory.
  for (int i = 0; i < kStacks; ++i) *reinterpret_cast<volatile int*>(tops[i] - 8) = i;
  bool own = true;
  for (int i = 0; i < kStacks; ++i) own = own && *reinterpret_cast<volatile int*>(tops[i] - 8) == i;
  check(own, "every top page is distinct");
  if (!failed) say("many stacks ok\n");
}

void growth() {
  // Slot 17 of a group grows below its shared page table, then far down.
  uintptr_t top = tops[17], low = lows[17];
  uint64_t before = mem::free_bytes();
  touch(top - 4097);  // the next page down: a private page table now
  check(mem::is_mapped(top - 4097) && mem::is_mapped(top - 1), "grows by one page, the top page kept");
  check(*reinterpret_cast<volatile int*>(top - 8) == 17, "the top page's contents survive the move");
  check(before - mem::free_bytes() == 2 * 4096, "one page and one page table");
  for (uintptr_t a = top - 4097; a >= top - (1 << 20); a -= 4096) touch(a);
  touch(low);  // the last page of the reservation
  check(mem::is_mapped(low) && !mem::is_mapped(low + 4096 * 2), "grows page by page, where touched");
  // Neighbours are untouched.
  bool neighbours = *reinterpret_cast<volatile int*>(tops[16] - 8) == 16 &&
                    *reinterpret_cast<volatile int*>(tops[18] - 8) == 18 && !mem::is_mapped(tops[16] - 4097) &&
                    !mem::is_mapped(tops[18] - 4097);
  check(neighbours, "the other stacks of the group are untouched");
  // A fresh stack that first touches 56 KiB below its top page (a big
  // frame) grows there, in its own memory: no other stack's page is
  // reachable from its top page that close (its page table is shared).
  uintptr_t far = tops[20] - (60 << 10) + 4088;  // the last word of the 14th page below the top one
  *reinterpret_cast<volatile int*>(far) = -1;
  check(mem::is_mapped(far) && !mem::is_mapped(tops[20] - 4097), "a jump of 56 KiB grows the stack where it lands");
  bool intact = true;
  for (int i = 0; i < kStacks; ++i) intact = intact && *reinterpret_cast<volatile int*>(tops[i] - 8) == i;
  check(intact, "and writes nothing into any other stack");
  check(mem::in_stack_guard(low - 1) && !mem::in_stack_guard(low), "the guard lies below the reservation");
  check(mem::stack_fault(low - 1) == mem::StackFault::kOverflow, "a fault in the guard is an overflow");
  // Trim: pages below a point go back, those above stay.
  uint64_t grown = mem::free_bytes();
  kernel_stack_trim(top, top - (1 << 19));
  check(!mem::is_mapped(low) && !mem::is_mapped(top - (1 << 19) - 1) && mem::is_mapped(top - (1 << 19)),
        "trim unmaps below the point only");
  check(mem::free_bytes() > grown, "trim gives pages back");
  if (!failed) say("growth ok\n");
}

void release() {
  uint64_t before = mem::free_bytes();
  for (int i = 0; i < kStacks; ++i) kernel_stack_release(tops[i]);
  uint64_t freed = mem::free_bytes() - before;
  check(freed >= uint64_t{kStacks} * 4096, "release gives every stack page back");
  check(!mem::is_mapped(tops[0] - 1) && !mem::is_mapped(tops[17] - 4097), "released stacks are unmapped");
  // The same slots again, most recently released first; a fresh stack has
  // no page but its top one.
  uintptr_t low, top;
  bool again = kernel_stack_create(kLimit, &low, &top) && top == tops[kStacks - 1];
  check(again, "a released slot is reused");
  uintptr_t low17 = 0, top17 = 0;
  for (int i = 0; i < kStacks - 18; ++i) kernel_stack_create(kLimit, &low17, &top17);
  check(top17 == tops[17] && mem::is_mapped(top17 - 1) && !mem::is_mapped(top17 - 4097),
        "a reused slot starts with its top page only");
  if (!failed) say("release ok\n");
}

}  // namespace

extern "C" void fl_main() {
  many_stacks();
  growth();
  release();
  kernel_exit(failed ? 2 : 0);
}
