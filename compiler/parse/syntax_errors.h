// Turning what ANTLR finds wrong into one human message.
//
// The parser stops at the first error: ANTLR's recovery invents tokens and
// reports follow-on errors that confuse more than they help. Lexical errors
// (illegal characters, unterminated strings and comments, malformed
// numbers) are found first, by scanning the token stream, so the parser
// only ever sees well-formed tokens.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "DefaultErrorStrategy.h"
#include "Token.h"
#include "tree/ParseTreeListener.h"
#include "support/source.h"

namespace fl::parse {

struct SyntaxError {
  Loc loc;
  std::string message;
  // Where an unclosed bracket was opened, when the error is an unexpected
  // end of file; reported as a note.
  std::optional<Loc> unclosed;
  std::string unclosed_text;
};

// The position just after `token`, for errors at the end of the file.
Loc loc_after(const antlr4::Token& token, FileId file);
Loc loc_of(const antlr4::Token& token, FileId file);

// The first lexical error among `tokens`, if any.
std::optional<SyntaxError> find_lexical_error(const std::vector<antlr4::Token*>& tokens, FileId file);

// "'let'", "end of file", "string \"abc\"".
std::string describe_token(const antlr4::Token& token, const antlr4::dfa::Vocabulary& vocabulary);

// Records the first syntax error and stops the parse by throwing Stop,
// which the generated code does not catch.
class FirstErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  struct Stop {};

  FirstErrorStrategy(FileId file, std::vector<antlr4::Token*> tokens) : file_(file), tokens_(std::move(tokens)) {}

  void reportError(antlr4::Parser* parser, const antlr4::RecognitionException& e) override;
  void recover(antlr4::Parser* parser, std::exception_ptr e) override;
  antlr4::Token* recoverInline(antlr4::Parser* parser) override;
  // No resynchronisation inside loops: the error surfaces at the next
  // prediction or match, on the same token.
  void sync(antlr4::Parser* parser) override {}

  std::optional<SyntaxError> error;

 private:
  void record(antlr4::Parser* parser, antlr4::Token* offending, const antlr4::misc::IntervalSet* expected);

  FileId file_;
  std::vector<antlr4::Token*> tokens_;  // all of the file's tokens, owned by the token stream
};

// Caps how deeply rules may nest, so that 10,000 nested parentheses give an
// error rather than overflow the stack of the parser, of the AST builder or
// of the passes that recurse over the AST after it. Left-recursive chains
// count too (each `+` in `a + b + ...` deepens the tree by one).
class NestingGuard : public antlr4::tree::ParseTreeListener {
 public:
  struct TooDeep {
    antlr4::Token* token;
  };
  static constexpr size_t kMaxDepth = 3000;

  void enterEveryRule(antlr4::ParserRuleContext* ctx) override;
  void exitEveryRule(antlr4::ParserRuleContext*) override { --depth_; }
  void visitTerminal(antlr4::tree::TerminalNode*) override {}
  void visitErrorNode(antlr4::tree::ErrorNode*) override {}

 private:
  size_t depth_ = 0;
};

}  // namespace fl::parse
