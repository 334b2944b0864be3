/* What bdwgc uses of <unistd.h> (rts/gc/libc.c). */
#pragma once
#include <stddef.h>
#include <stdint.h>
typedef long ssize_t;
ssize_t write(int fd, const void* bytes, size_t len);
/* Referenced by bdwgc's Unix heap code, which PLATFORM_GETMEM leaves
 * unused; always fails. */
void* sbrk(intptr_t increment);
