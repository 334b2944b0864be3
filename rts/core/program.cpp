// Running the program on either platform: fl_main evaluates the modules'
// top levels; returning from it ends the program with status 0. Apart from
// io.cpp so that code linking the runtime without a program (unit tests)
// does not need fl_main.
#include "rts.h"
#include "core/format.h"
#include "core/scheduler.h"
#include "platform/platform.h"

extern "C" {

void rts_finish() {
  rts::flush_stdout();
  platform::exit(0);
}

void rts_run_program() {
  rts::start_main_thread();
  fl_main();
  rts_finish();
}

}  // extern "C"
