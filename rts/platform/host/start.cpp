// The host executable's entry point, in a file of its own so that tools
// linking the host runtime (unit tests) do not get a second main().
#include "platform/host/main_stack.h"
#include "platform/platform.h"
#include "platform/threads.h"
#include "rts.h"

int main(int argc, char** argv) {
  rts_host_init_collector();
  platform::set_args(argc, argv);
  platform::catch_stack_overflow();
  platform::run_on_main_stack(rts_run_program);
}
