// Formatted output to the console for the kernel's own messages (panics,
// boot diagnostics). A printf subset: %s %c %d %i %u %x %p %% with a '0'
// flag, a width and the l/ll/z length modifiers. No floating point: kernel
// code is built without SSE.
#pragma once

namespace lib {

[[gnu::format(printf, 1, 2)]] void kprintf(const char* format, ...);

}  // namespace lib
