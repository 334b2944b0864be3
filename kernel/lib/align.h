// Rounding to a multiple of a power of two: pages, BARs, ring offsets,
// boot-loader tags.
#pragma once

#include <stdint.h>

namespace lib {

constexpr uint64_t align_up(uint64_t x, uint64_t to) { return (x + to - 1) & ~(to - 1); }
constexpr uint64_t align_down(uint64_t x, uint64_t to) { return x & ~(to - 1); }

}  // namespace lib
