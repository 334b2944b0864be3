// The host executable's entry point, in a file of its own so that tools
// linking the host runtime (unit tests) do not get a second main().
#include <gc.h>

#include "rts.h"

int main(int, char**) {
  GC_INIT();
  rts_run_program();
}
