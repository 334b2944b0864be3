// The few Itanium C++ ABI hooks clang may reference from freestanding C++.
// A VM program never returns to anyone who would run static destructors, so
// registering them is a no-op, and calling a pure virtual function is a bug.
#include "kernel.h"

extern "C" {

void* __dso_handle = nullptr;

int __cxa_atexit(void (*)(void*), void*, void*) { return 0; }

[[noreturn]] void __cxa_pure_virtual() { kernel_panic("pure virtual function called"); }

}  // extern "C"
