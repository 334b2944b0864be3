// Exceptions raised by the runtime itself. Until handlers exist (the
// language issue brings `try`), every exception is uncaught, and an uncaught
// exception in the main thread ends the program as the spec says: the
// message on stderr and status 2.
#include "rts.h"
#include "core/format.h"
#include "platform/platform.h"

namespace {

[[noreturn]] void uncaught(const char* show) {
  static const char prefix[] = "Fatal error: exception ";
  rts::flush_stdout();
  size_t len = 0;
  while (show[len]) ++len;
  rts::write_stderr(prefix, sizeof prefix - 1);
  rts::write_stderr(show, len);
  rts::write_stderr("\n", 1);
  platform::exit(2);
}

}  // namespace

extern "C" {

void fl_raise_division_by_zero() { uncaught("Division_by_zero"); }

}
