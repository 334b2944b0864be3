// Running the programs flc drives: the linker, QEMU, a built executable.
#pragma once

#include <string>
#include <vector>

namespace fl::driver {

struct ProcessResult {
  bool started = false;
  bool timed_out = false;
  int exit_code = 0;  // valid when the process exited
  int signal = 0;     // non-zero when a signal ended it
  std::string captured_stderr;  // only when asked for
};

// Runs argv[0] (searched in PATH) with the given arguments, stdin/stdout
// inherited. With `timeout_seconds` > 0 the process is killed when the time
// is up. With `capture_stderr`, its stderr is collected instead of shown.
ProcessResult run_process(const std::vector<std::string>& argv, int timeout_seconds, bool capture_stderr);

// A shell-quoted rendering of argv, for --print-qemu and error messages.
std::string quote_command(const std::vector<std::string>& argv);

}  // namespace fl::driver
