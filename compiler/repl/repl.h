// `flc repl`: the interactive top level on the host (TOOLS.md).
#pragma once

#include "driver/options.h"

namespace fl::repl {

// Runs the REPL until :quit or the end of its input; the exit status.
int run(const driver::Options& options);

}  // namespace fl::repl
