#include "support/source.h"

namespace fl {

std::string_view SourceFile::line_text(uint32_t line) const {
  size_t start = 0;
  for (uint32_t l = 1; l < line; ++l) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  if (end == std::string::npos) end = text.size();
  std::string_view view(text.data() + start, end - start);
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  return view;
}

FileId SourceManager::add(std::string path, std::string text) {
  files_.push_back(SourceFile{std::move(path), std::move(text)});
  return static_cast<FileId>(files_.size() - 1);
}

}  // namespace fl
