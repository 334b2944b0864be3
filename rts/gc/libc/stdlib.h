/* What bdwgc uses of <stdlib.h> (rts/gc/libc.c). atoi, atol and strtoul
 * appear only behind GETENV, which is always null here (NO_GETENV): they
 * are declared, never called, never defined. */
#pragma once
#include <stddef.h>
_Noreturn void abort(void);
_Noreturn void exit(int status);
int atoi(const char* s);
long atol(const char* s);
unsigned long strtoul(const char* s, char** end, int base);
