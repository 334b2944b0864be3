// The host executable's entry point, in a file of its own so that tools
// linking the host runtime (unit tests) do not get a second main().
#include <gc.h>

#include "platform/host/main_stack.h"
#include "platform/platform.h"
#include "platform/threads.h"
#include "rts.h"

// The program's writable static data (.data, .got.plt, .bss): glibc's crt1
// starts .data, the linker ends .bss.
extern "C" char __data_start[], _end[];

int main(int argc, char** argv) {
  // The collector's roots are the program's own static data, the stacks and
  // registers, and the roots hook, as on the VM; not the data of the shared
  // libraries, which hold no fl values. libgc's own holds the address where
  // its next heap section should go (a hint for mmap): the end of the newest
  // section, which is where the one before it begins, since Linux maps
  // downwards. As a root, it kept the object there alive and all it
  // reaches: a list that filled the heap, after `try ... with
  // Out_of_memory`. Without libraries libgc pushes its threads table itself.
  // Here and not in rts_host_init_collector: the REPL links the runtime
  // into its JIT, which registers the runtime's data itself.
  GC_set_no_dls(1);
  rts_host_init_collector();
  GC_add_roots(__data_start, _end);
  platform::set_args(argc, argv);
  platform::catch_stack_overflow();
  platform::run_on_main_stack(rts_run_program);
}
