// The shared tail of every fatal error: kernel_panic and CPU exceptions.
#pragma once

#include <stdint.h>

namespace kernel {

// Marks the VM as panicking. A second panic while the first one prints
// (a fault in the panic path itself) ends the VM at once with status 3.
void panic_begin();

// Prints return addresses by following the frame-pointer chain from rbp.
void print_backtrace(uint64_t rbp);

}  // namespace kernel
