// Heap allocation for generated code. The platform decides where memory
// comes from (host: Boehm GC from Debian's libgc; VM: the kernel's pages
// until the freestanding collector lands).
#include "rts.h"
#include "platform/platform.h"

extern "C" {

void* fl_alloc(size_t bytes) { return platform::alloc(bytes, false); }

void* fl_alloc_atomic(size_t bytes) { return platform::alloc(bytes, true); }

}
