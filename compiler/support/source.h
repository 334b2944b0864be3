// Source files and positions. Every diagnostic points into a SourceFile so
// that it can print the line and a caret under the column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fl {

using FileId = uint32_t;

// A position: 1-based line and column (columns count bytes, as OCaml does).
struct Loc {
  FileId file = 0;
  uint32_t line = 0;
  uint32_t col = 0;
  bool valid() const { return line != 0; }
};

struct SourceFile {
  std::string path;  // as given on the command line
  std::string text;

  // The text of 1-based line `line`, without its newline.
  std::string_view line_text(uint32_t line) const;
};

class SourceManager {
 public:
  FileId add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return files_[id]; }
  size_t size() const { return files_.size(); }

 private:
  std::vector<SourceFile> files_;
};

}  // namespace fl
