// The QEMU command line that boots an image, and the translation of QEMU's
// exit status back into the program's (TOOLS.md, "Images").
#pragma once

#include <string>
#include <vector>

#include "driver/options.h"
#include "driver/process.h"

namespace fl::driver {

std::vector<std::string> qemu_command(const Options& options, const std::string& image);

// The program's exit status from QEMU's: isa-debug-exit makes QEMU exit
// with (status << 1) | 1. Returns -1 when QEMU itself failed.
int program_status(const ProcessResult& qemu);

}  // namespace fl::driver
