// COM1, the console: a 16550 UART driven by polling.
#pragma once

#include <stddef.h>

namespace drivers {

void serial_init();
void serial_write(const char* bytes, size_t len);
// Waits until the UART has sent everything, so no output is lost when the
// VM ends right after writing it.
void serial_drain();

// Polls until a byte arrives, then returns it.
int serial_read();

}  // namespace drivers
