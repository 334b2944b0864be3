// The text of an error code of platform/files.h, as Sys_error carries it.
#pragma once

#include <stddef.h>

namespace rts {

// Writes the text (NUL-terminated, cut to fit) into `out` and returns its
// length: glibc's strerror text for a Linux errno value, "Unknown error N"
// for a number not in the table.
size_t error_text(int code, char* out, size_t capacity);

}  // namespace rts
