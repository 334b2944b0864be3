// Compiler messages in the one format of TOOLS.md:
//   FILE:LINE:COL: error: message
//     <the source line>
//     <caret under COL>
#pragma once

#include <ostream>
#include <string>

#include "support/source.h"

namespace fl {

enum class Severity { Error, Warning, Note };

class Diagnostics {
 public:
  Diagnostics(const SourceManager& sources, std::ostream& out) : sources_(sources), out_(out) {}

  void error(Loc loc, const std::string& message) { report(Severity::Error, loc, message); }
  void warning(Loc loc, const std::string& message) { report(Severity::Warning, loc, message); }
  void note(Loc loc, const std::string& message) { report(Severity::Note, loc, message); }
  // A message with no position (driver errors): "flc: error: ...".
  void error(const std::string& message);

  void report(Severity severity, Loc loc, const std::string& message);

  // The file of `loc` as given to flc (for Assert_failure and the like).
  const std::string& file_name(Loc loc) const { return sources_.file(loc.file).path; }

  unsigned error_count() const { return errors_; }
  bool has_errors() const { return errors_ > 0; }
  // The REPL counts each phrase's errors afresh.
  void reset_errors() { errors_ = 0; }

 private:
  const SourceManager& sources_;
  std::ostream& out_;
  unsigned errors_ = 0;
};

}  // namespace fl
