// Number formatting shared by print_int, string_of_int and show; no libc,
// so the VM and the host print numbers with the very same code.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace rts {

// "-9223372036854775808" is 20 characters.
constexpr size_t kMaxIntDigits = 24;

// Writes the decimal form of n into out (at least kMaxIntDigits bytes) and
// returns its length.
size_t format_int(int64_t n, char* out);

void flush_stdout();
void write_stderr(const char* bytes, size_t len);

}  // namespace rts
