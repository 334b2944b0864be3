#include "core/format.h"

namespace rts {

size_t format_int(int64_t n, char* out) {
  // Work on the magnitude as unsigned so that INT64_MIN has no special case.
  uint64_t magnitude = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  char reversed[kMaxIntDigits];
  size_t count = 0;
  do {
    reversed[count++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  size_t len = 0;
  if (n < 0) out[len++] = '-';
  while (count > 0) out[len++] = reversed[--count];
  return len;
}

}  // namespace rts
