// Linking an fl object with the runtime: into a VM image (with the kernel,
// by ld.lld and kernel.ld) or a Linux executable (with the host runtime and
// Debian's libgc).
#pragma once

#include <string>

namespace fl::driver {

// Where the runtime libraries and kernel.ld live: <flc's dir>/../lib/fl.
std::string runtime_dir();

bool link_vm_image(const std::string& object, const std::string& out, std::string& error);
bool link_host_executable(const std::string& object, const std::string& out, std::string& error);

}  // namespace fl::driver
