// Numeric primitives of the run-time system: the Float module's functions,
// string_of_float and the parsers behind int_of_string and float_of_string.
// The same code (rts/core/libm.cpp, float_format.cpp, parse_numbers.cpp) is
// compiled for the host and, freestanding, for the VM, so both targets give
// bit-identical results; none of it calls libc or libm.
#pragma once

#include <stddef.h>
#include <stdint.h>

struct FlString;

extern "C" {

// Float module. sqrt, floor, ceil, round and fmod are exact (correctly
// rounded); the others are within 1 ulp of the exact result. Special values
// (nan, +-inf, +-0) follow C99 Annex F. round rounds half-way cases away
// from zero.
double fl_float_sqrt(double x);
double fl_float_floor(double x);
double fl_float_ceil(double x);
double fl_float_round(double x);
double fl_float_fmod(double x, double y);
double fl_float_sin(double x);
double fl_float_cos(double x);
double fl_float_tan(double x);
double fl_float_atan(double x);
double fl_float_atan2(double y, double x);
double fl_float_exp(double x);
double fl_float_log(double x);
double fl_float_pow(double x, double y);

// OCaml's string_of_float: "%.12g", then a trailing "." if the result has
// only digits and '-' ("2.", "-0.", "0.1", "1e+20"); "nan", "inf", "-inf".
FlString* fl_string_of_float(double x);
// The same text into out (at least kFlFloatMaxChars bytes, no terminating
// NUL); returns its length. Allocates nothing.
enum { kFlFloatMaxChars = 32 };
size_t fl_format_float(double x, char* out);

// OCaml's int_of_string on 64-bit ints: [-+]? then decimal digits, or
// 0x/0X, 0o/0O, 0b/0B, 0u/0U followed by digits; '_' may follow any digit.
// Decimal accepts -2^63 .. 2^63-1; 0x, 0o, 0b and 0u accept 0 .. 2^64-1,
// wrapping into the negative ints (0xffffffffffffffff is -1), and a '-'
// before them negates modulo 2^64. Returns false on any other input.
bool fl_parse_int(const char* s, size_t len, int64_t* out);

// OCaml's float_of_string (strtod's syntax): optional leading white space,
// [-+]?, then decimal digits with an optional '.' and exponent [eE][-+]?d+,
// or 0x/0X hexadecimal digits with an optional '.' and exponent [pP][-+]?d+,
// or inf, infinity, nan, nan(chars) in any case; '_' anywhere is ignored.
// Correctly rounded (round half to even), overflow gives +-inf, underflow
// +-0 or a subnormal. Returns false on any other input.
bool fl_parse_float(const char* s, size_t len, double* out);
}
