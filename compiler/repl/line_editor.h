// Reading the REPL's input: from a terminal through libedit (line editing,
// history in ~/.fl_history, tab completion), otherwise plain lines from
// standard input, read byte by byte so that a phrase calling read_line
// reads the input that follows it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace fl::repl {

class LineEditor {
 public:
  // Completes `word`, the text before it on the line being `before`.
  using Completer = std::function<std::vector<std::string>(const std::string& before, const std::string& word)>;

  LineEditor(bool interactive, Completer completer);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  enum class Status { Line, End, Interrupted };
  // A line without its newline.
  Status read(const char* prompt, std::string& line);
  // The next line, without consuming it (input that is not a terminal).
  std::optional<std::string> peek();

  // Standard input as phrases see it (read_line): what peek() looked at
  // comes first. The runtime's platform::read_byte, replaced (session.cpp).
  static int read_byte();

  bool interactive() const { return interactive_; }

 private:
  bool read_plain(std::string& line);

  bool interactive_;
  std::string history_path_;
};

}  // namespace fl::repl
