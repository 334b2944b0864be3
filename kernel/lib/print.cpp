#include "lib/print.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

namespace lib {
namespace {

// Output is gathered in a small buffer so a line costs one console write,
// not one per character.
struct Output {
  char buffer[128];
  size_t len = 0;

  void put(char c) {
    if (len == sizeof buffer) flush();
    buffer[len++] = c;
  }
  void flush() {
    kernel_console_write(buffer, len);
    len = 0;
  }
};

void put_number(Output& out, uint64_t value, unsigned base, bool negative, int width, char pad) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = "0123456789abcdef"[value % base];
    value /= base;
  } while (value != 0);
  if (negative) {
    if (pad == '0') out.put('-');
    --width;
  }
  for (int i = n; i < width; ++i) out.put(pad);
  if (negative && pad != '0') out.put('-');
  while (n > 0) out.put(digits[--n]);
}

}  // namespace

void kprintf(const char* format, ...) {
  va_list args;
  va_start(args, format);
  Output out;
  for (const char* p = format; *p != '\0'; ++p) {
    if (*p != '%') {
      out.put(*p);
      continue;
    }
    ++p;
    char pad = ' ';
    if (*p == '0') {
      pad = '0';
      ++p;
    }
    int width = 0;
    while (*p >= '0' && *p <= '9') width = width * 10 + (*p++ - '0');
    int longs = 0;
    for (; *p == 'l' || *p == 'z'; ++p) longs = *p == 'z' ? 2 : longs + 1;
    switch (*p) {
      case 'd':
      case 'i': {
        int64_t v = longs > 0 ? va_arg(args, int64_t) : va_arg(args, int);
        uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
        put_number(out, magnitude, 10, v < 0, width, pad);
        break;
      }
      case 'u':
      case 'x': {
        uint64_t v = longs > 0 ? va_arg(args, uint64_t) : va_arg(args, unsigned);
        put_number(out, v, *p == 'u' ? 10 : 16, false, width, pad);
        break;
      }
      case 'p':
        out.put('0');
        out.put('x');
        put_number(out, reinterpret_cast<uintptr_t>(va_arg(args, void*)), 16, false, 0, ' ');
        break;
      case 's': {
        const char* s = va_arg(args, const char*);
        for (s = s ? s : "(null)"; *s != '\0'; ++s) out.put(*s);
        break;
      }
      case 'c':
        out.put(static_cast<char>(va_arg(args, int)));
        break;
      case '%':
        out.put('%');
        break;
      default:  // unknown conversion: show it rather than guess at arguments
        out.put('%');
        if (*p == '\0') --p;
        else out.put(*p);
    }
  }
  va_end(args);
  out.flush();
}

}  // namespace lib
