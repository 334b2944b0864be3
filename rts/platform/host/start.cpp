// The host executable's entry point, in a file of its own so that tools
// linking the host runtime (unit tests) do not get a second main().
#include <gc.h>

#include <cstdlib>

#include "platform/host/main_stack.h"
#include "platform/platform.h"
#include "platform/threads.h"
#include "rts.h"

// The collector's warnings ("Out of Memory! Returning NULL!", "Failed to
// expand heap") would land among the program's output; the runtime reports
// what matters itself (Out_of_memory), as in the VM.
void GC_CALLBACK ignore_warning(char*, GC_word) {}

int main(int argc, char** argv) {
  GC_set_warn_proc(ignore_warning);
  GC_INIT();
  platform::set_args(argc, argv);
  // Start with a 64 MiB heap (address space; pages are touched only when
  // used): a small default heap makes allocation-heavy programs collect
  // many times while it grows (binary-trees: 1.6 s -> 1.2 s, rbtree
  // 3.3 s -> 2.4 s, bench/RESULTS.md). GC_INITIAL_HEAP_SIZE still rules.
  if (std::getenv("GC_INITIAL_HEAP_SIZE") == nullptr) GC_expand_hp(64 << 20);
  // Collect after allocating twice the live data, not two thirds of it:
  // a full mark per collection is what the collector costs (deriv: 2.6 s
  // -> 1.7 s for 9 % more memory; bench/RESULTS.md). OCaml's default
  // (space_overhead 120) trades alike. GC_FREE_SPACE_DIVISOR still rules.
  if (std::getenv("GC_FREE_SPACE_DIVISOR") == nullptr) GC_set_free_space_divisor(1);
  platform::catch_stack_overflow();
  platform::run_on_main_stack(rts_run_program);
}
