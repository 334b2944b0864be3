#include "support/diagnostics.h"

#include <string>

namespace fl {

namespace {
const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}
}  // namespace

void Diagnostics::error(const std::string& message) {
  ++errors_;
  out_ << "flc: error: " << message << "\n";
}

void Diagnostics::report(Severity severity, Loc loc, const std::string& message) {
  if (severity == Severity::Error) ++errors_;
  if (!loc.valid() || loc.file >= sources_.size()) {
    out_ << "flc: " << severity_name(severity) << ": " << message << "\n";
    return;
  }
  const SourceFile& file = sources_.file(loc.file);
  std::string_view line = file.line_text(loc.line);
  // Built whole and written at once: std::cerr is unbuffered, and a caret
  // line written a character at a time cost a system call per column (many
  // errors on one long line took minutes).
  std::string text = file.path + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col) + ": " +
                     severity_name(severity) + ": " + message + "\n  ";
  text += line;
  text += "\n  ";
  // Keep tabs in the caret line so the caret lines up under tabbed source.
  for (uint32_t i = 1; i < loc.col && i - 1 < line.size(); ++i) text += line[i - 1] == '\t' ? '\t' : ' ';
  text += "^\n";
  out_ << text;
}

}  // namespace fl
