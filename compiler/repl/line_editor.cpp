#include "repl/line_editor.h"

#include <errno.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

// libedit's readline emulation (Debian's libedit-dev).
#include <editline/readline.h>

#include "repl/signals.h"

namespace fl::repl {

namespace {

LineEditor::Completer* active_completer = nullptr;

// Bytes of standard input read ahead (peek) and not consumed yet.
std::string unread;
std::vector<std::string> matches;
size_t next_match = 0;

char* match_generator(const char*, int state) {
  if (state == 0) next_match = 0;
  if (next_match >= matches.size()) return nullptr;
  return strdup(matches[next_match++].c_str());
}

char** complete(const char* text, int start, int) {
  std::string before(rl_line_buffer, static_cast<size_t>(start));
  size_t first = before.find_first_not_of(" \t");
  // `:load FILE`: libedit's own file name completion.
  if (first != std::string::npos && before[first] == ':' && before.find(' ', first) != std::string::npos &&
      (before.compare(first, 5, ":load") == 0 || before.compare(first, 3, ":l ") == 0))
    return nullptr;
  rl_attempted_completion_over = 1;
  if (!active_completer) return nullptr;
  matches = (*active_completer)(before, text);
  if (matches.empty()) return nullptr;
  // `List.` goes on with the module's names; a complete name gets a space.
  rl_completion_append_character = matches.size() == 1 && matches[0].back() == '.' ? '\0' : ' ';
  return rl_completion_matches(text, match_generator);
}

}  // namespace

LineEditor::LineEditor(bool interactive, Completer completer) : interactive_(interactive) {
  if (!interactive_) return;
  active_completer = new Completer(std::move(completer));
  rl_readline_name = "flc";
  rl_attempted_completion_function = complete;
  using_history();
  if (const char* home = std::getenv("HOME")) {
    history_path_ = std::string(home) + "/.fl_history";
    read_history(history_path_.c_str());
  }
}

LineEditor::~LineEditor() {
  if (!interactive_) return;
  if (!history_path_.empty()) {
    write_history(history_path_.c_str());
    history_truncate_file(history_path_.c_str(), 1000);
  }
  delete active_completer;
  active_completer = nullptr;
}

LineEditor::Status LineEditor::read(const char* prompt, std::string& line) {
  if (!interactive_) return read_plain(line) ? Status::Line : Status::End;
  take_interrupt();
  char* text = readline(prompt);
  if (!text) return take_interrupt() ? Status::Interrupted : Status::End;
  line = text;
  std::free(text);
  if (take_interrupt()) return Status::Interrupted;
  if (line.find_first_not_of(" \t") != std::string::npos) {
    add_history(line.c_str());
    if (!history_path_.empty()) write_history(history_path_.c_str());
  }
  return Status::Line;
}

std::optional<std::string> LineEditor::peek() {
  if (interactive_) return std::nullopt;
  std::string line;
  bool got = read_plain(line);
  // Put it back, newline included, for whoever reads next.
  if (got) unread.insert(0, line + "\n");
  if (!got) return std::nullopt;
  return line;
}

int LineEditor::read_byte() {
  if (!unread.empty()) {
    auto c = static_cast<unsigned char>(unread.front());
    unread.erase(0, 1);
    return c;
  }
  for (;;) {
    unsigned char c;
    ssize_t n = ::read(0, &c, 1);
    if (n == 1) return c;
    if (n == 0 || errno != EINTR) return -1;
    interrupt_point();  // Ctrl-C during read_line
  }
}

bool LineEditor::read_plain(std::string& line) {
  line.clear();
  for (;;) {
    int c = read_byte();
    if (c < 0) return !line.empty();
    if (c == '\n') return true;
    line += static_cast<char>(c);
  }
}

}  // namespace fl::repl
