#include "support/diagnostics.h"

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
  out_ << file.path << ":" << loc.line << ":" << loc.col << ": " << severity_name(severity) << ": "
       << message << "\n";
  std::string_view line = file.line_text(loc.line);
  out_ << "  " << line << "\n  ";
  // Keep tabs in the caret line so the caret lines up under tabbed source.
  for (uint32_t i = 1; i < loc.col && i - 1 < line.size(); ++i) out_ << (line[i - 1] == '\t' ? '\t' : ' ');
  out_ << "^\n";
}

}  // namespace fl
