#include "repl/phrases.h"

#include <cctype>
#include <set>
#include <sstream>

#include "parse/parser.h"
#include "support/diagnostics.h"
#include "support/source.h"

namespace fl::repl {

namespace {

// Walks fl text as the lexer would, far enough to know what is code:
// strings, character literals, nested `(* *)` comments (with strings in
// them, as OCaml lexes them) and `//` comments.
struct Scanner {
  const std::string& s;
  size_t i = 0;
  bool in_string = false;
  bool in_line_comment = false;
  int comment_depth = 0;

  bool at(size_t k, const char* text) const { return s.compare(k, std::char_traits<char>::length(text), text) == 0; }

  // Advances over one unit; returns true when it was code (outside any
  // string or comment), setting `code_start` to where it began.
  bool step(size_t& code_start) {
    char c = s[i];
    if (in_line_comment) {
      if (c == '\n') in_line_comment = false;
      ++i;
      return false;
    }
    if (in_string) {
      if (c == '\\' && i + 1 < s.size()) i += 2;
      else {
        if (c == '"') in_string = false;
        ++i;
      }
      return false;
    }
    if (comment_depth > 0) {
      if (at(i, "(*")) ++comment_depth, i += 2;
      else if (at(i, "*)")) --comment_depth, i += 2;
      else if (c == '"') in_string = true, ++i;
      else ++i;
      return false;
    }
    code_start = i;
    if (at(i, "(*")) {
      comment_depth = 1;
      i += 2;
      return false;
    }
    if (at(i, "//")) {
      in_line_comment = true;
      i += 2;
      return false;
    }
    if (c == '"') {
      in_string = true;
      ++i;
      return true;
    }
    if (c == '\'') {
      // A character literal; otherwise a type variable or a prime.
      if (i + 1 < s.size() && s[i + 1] == '\\') {
        size_t close = s.find('\'', i + 2);
        if (close != std::string::npos && close - i <= 6) {
          i = close + 1;
          return true;
        }
      } else if (i + 2 < s.size() && s[i + 2] == '\'') {
        i += 3;
        return true;
      }
    }
    ++i;
    return true;
  }

  bool inside_something() const { return in_string || comment_depth > 0; }
};

bool has_code(const std::string& text) {
  Scanner scan{text};
  size_t start = 0;
  while (scan.i < text.size()) {
    if (scan.step(start) && !std::isspace(static_cast<unsigned char>(text[start]))) return true;
  }
  return false;
}

}  // namespace

Split split_phrases(const std::string& text) {
  Split split;
  Scanner scan{text};
  size_t phrase_start = 0, code = 0;
  while (scan.i < text.size()) {
    size_t before = scan.i;
    if (scan.step(code) && code == before && scan.at(before, ";;")) {
      split.phrases.push_back(text.substr(phrase_start, before - phrase_start));
      scan.i = before + 2;
      phrase_start = scan.i;
    }
  }
  split.rest = text.substr(phrase_start);
  return split;
}

Completeness completeness(const std::string& text) {
  Scanner scan{text};
  size_t start = 0;
  bool code = false;
  while (scan.i < text.size())
    if (scan.step(start) && !std::isspace(static_cast<unsigned char>(text[start]))) code = true;
  if (scan.inside_something()) return Completeness::Incomplete;
  if (!code) return Completeness::Blank;
  SourceManager sources;
  std::ostringstream messages;
  Diagnostics diags(sources, messages);
  FileId file = sources.add("//toplevel//", text);
  if (parse::parse_module(sources, file, diags)) return Completeness::Complete;
  return messages.str().find("unexpected end of file") != std::string::npos ? Completeness::Incomplete
                                                                          : Completeness::Invalid;
}

bool continues_phrase(const std::string& line) {
  if (line.empty() || !has_code(line)) return false;
  if (line[0] == ' ' || line[0] == '\t') return true;
  static const std::set<std::string> keywords = {"in",  "and",    "then", "else", "with", "do", "done",
                                                 "end", "downto", "to",   "of",   "when", "as"};
  size_t n = 0;
  while (n < line.size() && (std::isalnum(static_cast<unsigned char>(line[n])) || line[n] == '_')) ++n;
  if (n > 0) return keywords.count(line.substr(0, n)) > 0;
  static const char* operators[] = {"|", ")", "]", "}", ";", "->", "::", "@", "^", "+", "*", "=",
                                    "<", ">", "&&", ".", ","};
  for (const char* op : operators)
    if (line.compare(0, std::char_traits<char>::length(op), op) == 0) return true;
  return false;
}

}  // namespace fl::repl
