// The kernel command line, copied out of the loader's memory at boot
// (which the page allocator may reuse) and served by kernel_cmdline().
#pragma once

namespace boot {

// Copies a NUL-terminated command line; a longer one than the kernel keeps
// (kMaxCmdline - 1 bytes) is cut short with a warning on the console.
void save_cmdline(const char* cmdline);

}  // namespace boot
