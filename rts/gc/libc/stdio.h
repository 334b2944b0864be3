/* What bdwgc uses of <stdio.h> (rts/gc/libc.c): formatting for its error
 * reports, which go to the console through write(). */
#pragma once
#include <stdarg.h>
#include <stddef.h>
int vsnprintf(char* buf, size_t size, const char* format, va_list args);
