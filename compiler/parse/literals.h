// Decoding of literal tokens into values (LANGUAGE.md section 1). The lexer
// only finds where a literal ends; these functions check its contents, so
// that an error can say exactly what is wrong with it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fl::parse {

// The result of decoding, or the reason it failed ("integer literal exceeds
// the range of int"). `error_offset` is the byte offset of the fault within
// the token text, so the caret can point at a bad escape.
template <class T>
struct Decoded {
  std::optional<T> value;
  std::string error;
  size_t error_offset = 0;
};

// `42`, `0x2A`, `0o17`, `0b1010`, `1_000`. `negated` folds a preceding
// unary minus, so that -9223372036854775808 fits. Hexadecimal, octal and
// binary literals may use all 64 bits (0xFFFFFFFFFFFFFFFF is -1).
Decoded<int64_t> decode_int(std::string_view text, bool negated);

// `3.14`, `1e-3`, `2.`, `1_000.5`.
Decoded<double> decode_float(std::string_view text);

// A character literal with its quotes: `'a'`, `'\n'`, `'\x41'`. Value 0..255.
Decoded<int64_t> decode_char(std::string_view text);

// A string literal with its quotes. Escapes: \\ \" \' \n \t \r \b \0 \xHH,
// `\ ` (a space) and a backslash before a newline, which skips the newline
// and the blanks that follow (as in OCaml).
Decoded<std::string> decode_string(std::string_view text);

}  // namespace fl::parse
