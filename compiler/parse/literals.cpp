#include "parse/literals.h"

#include <charconv>
#include <limits>

namespace fl::parse {

namespace {

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

// Decodes the escape that starts at text[i] (a backslash) and advances i
// past it. Returns the byte, or nothing with `error` set.
std::optional<unsigned char> decode_escape(std::string_view text, size_t& i, std::string& error) {
  size_t start = i;
  if (i + 1 >= text.size()) {
    error = "unterminated escape sequence";
    return std::nullopt;
  }
  char c = text[i + 1];
  i += 2;
  switch (c) {
    case '\\': return '\\';
    case '"': return '"';
    case '\'': return '\'';
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 'b': return '\b';
    case '0': return '\0';
    case ' ': return ' ';
    case 'x': {
      if (i + 2 <= text.size() && digit_value(text[i]) < 16 && digit_value(text[i + 1]) < 16) {
        unsigned char v = static_cast<unsigned char>(digit_value(text[i]) * 16 + digit_value(text[i + 1]));
        i += 2;
        return v;
      }
      error = "invalid escape sequence: \\x must be followed by two hexadecimal digits";
      i = start;
      return std::nullopt;
    }
    default: break;
  }
  i = start;
  std::string shown(1, c);
  if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) shown = "?";
  error = "invalid escape sequence '\\" + shown + "'";
  return std::nullopt;
}

}  // namespace

Decoded<int64_t> decode_int(std::string_view text, bool negated) {
  Decoded<int64_t> out;
  int base = 10;
  size_t i = 0;
  if (text.size() > 2 && text[0] == '0') {
    char b = text[1];
    if (b == 'x' || b == 'X') base = 16;
    if (b == 'o' || b == 'O') base = 8;
    if (b == 'b' || b == 'B') base = 2;
    if (base != 10) i = 2;
  }
  // Accumulate in unsigned 64 bits; the limit depends on the base and sign.
  const uint64_t limit = base != 10 ? std::numeric_limits<uint64_t>::max()
                         : negated  ? uint64_t{1} << 63
                                    : (uint64_t{1} << 63) - 1;
  uint64_t value = 0;
  for (; i < text.size(); ++i) {
    if (text[i] == '_') continue;
    int d = digit_value(text[i]);
    if (d >= base) {
      out.error = "invalid digit in integer literal";
      out.error_offset = i;
      return out;
    }
    if (value > (limit - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) {
      out.error = "integer literal exceeds the range of int (64 bits)";
      return out;
    }
    value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
  }
  // Two's complement reinterpretation: 0xFFFFFFFFFFFFFFFF is -1, and -(2^63)
  // is min_int.
  int64_t v = static_cast<int64_t>(value);
  out.value = negated ? static_cast<int64_t>(0 - value) : v;
  return out;
}

Decoded<double> decode_float(std::string_view text) {
  Decoded<double> out;
  std::string digits;
  for (char c : text)
    if (c != '_') digits += c;
  // "2." is valid fl but not valid for from_chars.
  if (!digits.empty() && digits.back() == '.') digits += '0';
  size_t dot_e = digits.find_first_of("eE");
  if (dot_e != std::string::npos && dot_e > 0 && digits[dot_e - 1] == '.') digits.insert(dot_e, "0");
  double v = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec == std::errc::result_out_of_range) {
    // Overflow to infinity and underflow to zero, as OCaml's float_of_string.
    bool tiny = digits.find("e-") != std::string::npos || digits.find("E-") != std::string::npos;
    out.value = tiny ? 0.0 : std::numeric_limits<double>::infinity();
    return out;
  }
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    out.error = "invalid float literal";
    return out;
  }
  out.value = v;
  return out;
}

Decoded<int64_t> decode_char(std::string_view text) {
  Decoded<int64_t> out;
  // The lexer guarantees the quotes and one character or escape between them.
  std::string_view body = text.substr(1, text.size() - 2);
  if (body.empty()) {
    out.error = "empty character literal";
    return out;
  }
  if (body[0] != '\\') {
    out.value = static_cast<unsigned char>(body[0]);
    return out;
  }
  size_t i = 1;
  auto byte = decode_escape(text, i, out.error);
  if (!byte) {
    out.error_offset = i;
    return out;
  }
  if (i != text.size() - 1) {
    out.error = "invalid character literal";
    return out;
  }
  out.value = *byte;
  return out;
}

Decoded<std::string> decode_string(std::string_view text) {
  Decoded<std::string> out;
  std::string s;
  size_t end = text.size() - 1;  // the closing quote
  for (size_t i = 1; i < end;) {
    if (text[i] != '\\') {
      s += text[i++];
      continue;
    }
    char next = i + 1 < end ? text[i + 1] : '\0';
    if (next == '\n' || next == '\r') {
      // Line continuation: skip the newline and the indentation after it.
      i += 2;
      if (next == '\r' && i < end && text[i] == '\n') ++i;
      while (i < end && (text[i] == ' ' || text[i] == '\t')) ++i;
      continue;
    }
    auto byte = decode_escape(text, i, out.error);
    if (!byte) {
      out.error_offset = i;
      return out;
    }
    s += static_cast<char>(*byte);
  }
  out.value = std::move(s);
  return out;
}

}  // namespace fl::parse
