// The REPL's loop: reading lines, cutting them into phrases (phrases.h),
// the directives, and the session (session.h) that runs the phrases.
#include "repl/repl.h"

#include <gc.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "repl/line_editor.h"
#include "repl/phrases.h"
#include "repl/session.h"
#include "repl/signals.h"

namespace fl::repl {

namespace {

constexpr const char* kPrompt = "# ";
constexpr const char* kContinuation = "  ";

constexpr const char* kHelp =
    "Type a phrase: it ends with ;; or, when it is complete, at the end of the line.\n"
    "  :type EXPR   (:t)  the type of an expression, without running it\n"
    "  :load FILE   (:l)  run the items of a file, as if typed\n"
    "  :reload      (:r)  load the files loaded so far again\n"
    "  :env               what is defined: values, types, exceptions\n"
    "  :help        (:h)  this text\n"
    "  :quit        (:q)  leave (so does Ctrl-D); Ctrl-C interrupts a running phrase\n";

std::string trim(const std::string& s) {
  size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  size_t end = s.find_last_not_of(" \t\r\n");
  return s.substr(begin, end - begin + 1);
}

// A directive line: `:name argument`. Returns false for :quit.
bool directive(Session& session, const std::string& line) {
  std::string text = trim(line);
  if (text.size() >= 2 && text.compare(text.size() - 2, 2, ";;") == 0) text = trim(text.substr(0, text.size() - 2));
  size_t space = text.find_first_of(" \t");
  std::string name = text.substr(0, space);
  std::string argument = space == std::string::npos ? "" : trim(text.substr(space));
  if (name == ":quit" || name == ":q") return false;
  if (name == ":help" || name == ":h" || name == ":?") {
    std::cout << kHelp << std::flush;
  } else if (name == ":type" || name == ":t") {
    if (argument.empty()) std::cout << "usage: :type EXPR" << std::endl;
    else session.type_of(argument);
  } else if (name == ":load" || name == ":l") {
    if (argument.size() >= 2 && argument.front() == '"' && argument.back() == '"')
      argument = argument.substr(1, argument.size() - 2);
    if (argument.empty()) std::cout << "usage: :load FILE.fl" << std::endl;
    else session.load(argument);
  } else if (name == ":reload" || name == ":r") {
    session.reload();
  } else if (name == ":env") {
    session.print_env();
  } else {
    std::cout << "Unknown directive " << name << " (:help lists them)." << std::endl;
  }
  return true;
}

bool is_directive(const std::string& line) {
  std::string text = trim(line);
  return !text.empty() && text[0] == ':';
}

}  // namespace

int run(const driver::Options& options) {
  GC_INIT();  // the runtime's own set-up comes with it (Session::start)
  install_signal_handlers();

  bool interactive = isatty(0);
  // -O2, the default, means the REPL's own default, -O1 (Session::level);
  // another level is used as given.
  int opt_level = options.opt_level == 2 ? -1 : options.opt_level;
  Session session(opt_level, options.time_passes);
  if (!session.start()) return 1;
  if (interactive) std::cout << "fl version " FL_VERSION " (:help for help)\n" << std::endl;
  for (const std::string& file : options.files) session.load(file);

  LineEditor editor(interactive, [&](const std::string& before, const std::string& word) {
    return session.completions(before, word);
  });
  std::string pending;
  for (;;) {
    std::string line;
    LineEditor::Status status = editor.read(pending.empty() ? kPrompt : kContinuation, line);
    if (status == LineEditor::Status::Interrupted) {
      // Ctrl-C at the prompt drops what was typed.
      pending.clear();
      std::cout << std::endl;
      continue;
    }
    if (status == LineEditor::Status::End) {
      if (completeness(pending) != Completeness::Blank) session.eval(pending);
      if (interactive) std::cout << std::endl;
      break;
    }
    if (pending.empty() && is_directive(line)) {
      if (!directive(session, line)) break;
      continue;
    }
    pending += line;
    pending += '\n';
    Split split = split_phrases(pending);
    for (const std::string& phrase : split.phrases)
      if (completeness(phrase) != Completeness::Blank) session.eval(phrase);
    pending = split.rest;
    switch (completeness(pending)) {
      case Completeness::Blank:
        pending.clear();
        break;
      case Completeness::Incomplete:
        break;
      case Completeness::Invalid:
        session.eval(pending);  // reports the syntax error
        pending.clear();
        break;
      case Completeness::Complete: {
        // From a file or a pipe, a line that cannot start a phrase goes on
        // with the one before.
        auto next = editor.peek();
        if (next && continues_phrase(*next)) break;
        session.eval(pending);
        pending.clear();
        break;
      }
    }
  }
  return 0;
}

}  // namespace fl::repl
