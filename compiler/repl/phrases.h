// Where a phrase typed at the REPL ends. A phrase ends at `;;`, or at the
// end of a line when what was typed so far is one complete phrase; input
// that is not finished yet (an open parenthesis, `let x =` with nothing
// after it, an open string or comment) goes on on the next line.
#pragma once

#include <string>
#include <vector>

namespace fl::repl {

// Splits `text` at each `;;` outside strings, characters and comments: the
// complete phrases (without their `;;`) and what follows the last one.
struct Split {
  std::vector<std::string> phrases;
  std::string rest;
};
Split split_phrases(const std::string& text);

enum class Completeness {
  Blank,       // only spaces and comments
  Complete,    // parses
  Incomplete,  // could become a phrase with more lines
  Invalid,     // a syntax error more lines cannot fix
};
Completeness completeness(const std::string& text);

// For input that is not a terminal: a line that cannot start a phrase
// (indented, or starting with `|`, `in`, `and`, `then`...) continues the
// one before it even when that one was complete.
bool continues_phrase(const std::string& line);

}  // namespace fl::repl
