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

// How the child's stdin is connected. A VM's console cannot see the end of
// a pipe, so for a VM flc copies its stdin to the child and ends it with
// EOT (Ctrl-D), which the runtime reads as end of input.
enum class StdinMode { Inherit, ForwardWithEot };

// Runs argv[0] (searched in PATH) with the given arguments, stdout
// inherited. With `timeout_seconds` > 0 the process is killed when the time
// is up. With `capture_stderr`, its stderr is collected instead of shown.
ProcessResult run_process(const std::vector<std::string>& argv, int timeout_seconds, bool capture_stderr,
                          StdinMode stdin_mode = StdinMode::Inherit);

// A shell-quoted rendering of argv, for --print-qemu and error messages.
std::string quote_command(const std::vector<std::string>& argv);

}  // namespace fl::driver
