// The little of the C library and the operating system that bdwgc needs on
// the fl kernel (its configuration: config.h; the declarations it sees:
// libc/). memcpy, memmove, memset, memcmp and strlen come from the kernel
// (kernel/lib/string.cpp).
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

extern "C" {

int errno;

// GET_MEM: fresh heap sections. bdwgc asks for multiples of its block size
// (4 KiB, the page size) and clears what it hands out itself, so the pages
// need not be zeroed: growing the heap then costs nothing up front. They
// are seen in the upper half (kernel.h), away from the values of integers.
void* platform_get_mem(size_t bytes) {
  constexpr size_t kPage = 4096;
  if (bytes == 0 || bytes > SIZE_MAX - kPage) return nullptr;
  return kernel_alloc_heap_pages((bytes + kPage - 1) & ~(kPage - 1));
}

// STACKBOTTOM: the top (highest address) of the stack the program runs on.
void* platform_get_stack_bottom() {
  uintptr_t low, high;
  kernel_main_stack(&low, &high);
  // Only a static constructor allocating could start bdwgc this early.
  if (high == 0) kernel_panic("garbage collector: started before the main stack exists");
  return reinterpret_cast<void*>(high);
}

// bdwgc's reports (GC_err_printf before an abort) go to the console.
long write(int, const void* bytes, size_t len) {
  kernel_console_write(static_cast<const char*>(bytes), len);
  return static_cast<long>(len);
}

// The runtime's abort handler (GC_set_abort_func) panics first with bdwgc's
// message; these are only reached if something calls them directly.
[[noreturn]] void abort() { kernel_panic("garbage collector: abort"); }

// bdwgc calls exit only when it cannot allocate its own tables at start-up.
[[noreturn]] void exit(int) { kernel_panic("out of memory: the garbage collector cannot allocate its tables"); }

// Only the Unix heap code refers to sbrk; PLATFORM_GETMEM never calls it.
void* sbrk(intptr_t) { return reinterpret_cast<void*>(-1); }

// Enough of vsnprintf for bdwgc's messages: %d %i %u %x %X %p %s %c %%,
// the length modifiers l, ll, z and a width with an optional 0 flag.
int vsnprintf(char* buf, size_t size, const char* format, va_list args) {
  size_t n = 0;  // characters produced, written or not
  auto put = [&](char c) {
    if (n + 1 < size) buf[n] = c;
    ++n;
  };
  for (const char* f = format; *f != '\0'; ++f) {
    if (*f != '%') {
      put(*f);
      continue;
    }
    ++f;
    char pad = ' ';
    if (*f == '0') pad = '0', ++f;
    int width = 0;
    while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
    int longs = 0;
    while (*f == 'l' || *f == 'z') longs += *f == 'z' ? 2 : 1, ++f;
    char digits[24];
    int count = 0;
    bool negative = false;
    uint64_t value = 0;
    unsigned base = 10;
    bool upper = false;
    switch (*f) {
      case 'd':
      case 'i': {
        int64_t v = longs > 0 ? va_arg(args, long) : va_arg(args, int);
        negative = v < 0;
        value = negative ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
        break;
      }
      case 'u':
      case 'x':
      case 'X':
        value = longs > 0 ? va_arg(args, unsigned long) : va_arg(args, unsigned);
        base = *f == 'u' ? 10 : 16;
        upper = *f == 'X';
        break;
      case 'p':
        value = reinterpret_cast<uintptr_t>(va_arg(args, void*));
        base = 16;
        put('0');
        put('x');
        break;
      case 's': {
        const char* s = va_arg(args, const char*);
        if (s == nullptr) s = "(null)";
        int len = 0;
        while (s[len] != '\0') ++len;
        for (; width > len; --width) put(' ');
        while (*s != '\0') put(*s++);
        continue;
      }
      case 'c':
        put(static_cast<char>(va_arg(args, int)));
        continue;
      case '%':
        put('%');
        continue;
      case '\0':
        --f;  // a lone % at the end
        continue;
      default:  // unknown: show it as it is
        put('%');
        put(*f);
        continue;
    }
    do {
      unsigned d = static_cast<unsigned>(value % base);
      digits[count++] = static_cast<char>(d < 10 ? '0' + d : (upper ? 'A' : 'a') + d - 10);
      value /= base;
    } while (value != 0);
    int len = count + (negative ? 1 : 0);
    if (pad == ' ')
      for (; width > len; --width) put(' ');
    if (negative) put('-');
    if (pad == '0')
      for (; width > len; --width) put('0');
    while (count > 0) put(digits[--count]);
  }
  if (size > 0) buf[n < size ? n : size - 1] = '\0';
  return static_cast<int>(n);
}

}  // extern "C"
