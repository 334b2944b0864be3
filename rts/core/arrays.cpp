// Arrays are {length, elements...}; elements are 1 to 8 bytes each, as
// codegen lays them out (bool and unit take a byte, char a byte).
#include "rts.h"

extern "C" {

void* fl_array_alloc(int64_t length, int64_t element_bytes, bool atomic) {
  if (length < 0) fl_raise_invalid_argument("Array.make");
  // Refuse sizes whose byte count would overflow, before allocating.
  if (length > (int64_t{1} << 56) / (element_bytes > 0 ? element_bytes : 1)) fl_raise_invalid_argument("Array.make");
  size_t bytes = 8 + static_cast<size_t>(length * element_bytes);
  auto* array = static_cast<int64_t*>(atomic ? fl_alloc_atomic(bytes) : fl_alloc(bytes));
  array[0] = length;
  return array;
}

}  // extern "C"
