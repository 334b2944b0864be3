#pragma once

namespace arch {

// Lets code use SSE: generated fl code and the runtime keep doubles in XMM
// registers. The kernel's own C++ never does (-mgeneral-regs-only), so
// interrupt handlers need not save that state.
void sse_enable();

}  // namespace arch
