// The lexer's input: the source file as bytes, one byte per character.
//
// ANTLRInputStream decodes UTF-8 into code points, which would make columns
// count code points (the spec counts bytes, as OCaml does) and throws on
// invalid UTF-8. fl's source is UTF-8 only by convention: non-ASCII bytes
// may appear in strings and comments and pass through untouched.
#pragma once

#include <string_view>

#include "ANTLRInputStream.h"

namespace fl::parse {

class ByteStream : public antlr4::ANTLRInputStream {
 public:
  explicit ByteStream(std::string_view bytes) {
    _data.reserve(bytes.size());
    for (char c : bytes) _data.push_back(static_cast<unsigned char>(c));
    p = 0;
  }

  // Token text, back as the original bytes.
  std::string getText(const antlr4::misc::Interval& interval) override {
    if (interval.a < 0 || interval.b < interval.a) return {};
    size_t start = static_cast<size_t>(interval.a);
    size_t stop = static_cast<size_t>(interval.b);
    if (start >= _data.size()) return {};
    if (stop >= _data.size()) stop = _data.size() - 1;
    std::string text;
    text.reserve(stop - start + 1);
    for (size_t i = start; i <= stop; ++i) text += static_cast<char>(_data[i]);
    return text;
  }
};

}  // namespace fl::parse
