#include "parse/syntax_errors.h"

#include "FlLexer.h"
#include "FlParser.h"
#include "InputMismatchException.h"
#include "NoViableAltException.h"
#include "Parser.h"
#include "ParserRuleContext.h"
#include "Vocabulary.h"
#include "misc/IntervalSet.h"

namespace fl::parse {

using flgrammar::FlLexer;
using flgrammar::FlParser;

Loc loc_of(const antlr4::Token& token, FileId file) {
  return Loc{file, static_cast<uint32_t>(token.getLine()), static_cast<uint32_t>(token.getCharPositionInLine() + 1)};
}

Loc loc_after(const antlr4::Token& token, FileId file) {
  Loc loc = loc_of(token, file);
  for (char c : token.getText()) {
    if (c == '\n') {
      ++loc.line;
      loc.col = 1;
    } else {
      ++loc.col;
    }
  }
  return loc;
}

namespace {

std::string show_byte(unsigned char c) {
  if (c >= 0x20 && c < 0x7f) return std::string("'") + static_cast<char>(c) + "'";
  static const char* hex = "0123456789abcdef";
  return std::string("'\\x") + hex[c >> 4] + hex[c & 15] + "'";
}

std::string shorten(std::string text) {
  if (text.size() > 24) text = text.substr(0, 20) + "...";
  return text;
}

}  // namespace

std::optional<SyntaxError> find_lexical_error(const std::vector<antlr4::Token*>& tokens, FileId file) {
  for (antlr4::Token* t : tokens) {
    Loc loc = loc_of(*t, file);
    switch (t->getType()) {
      case FlLexer::COMMENT: return SyntaxError{loc, "unterminated comment", {}, {}};
      case FlLexer::UNTERMINATED_STRING: return SyntaxError{loc, "unterminated string literal", {}, {}};
      case FlLexer::BAD_NUMBER: return SyntaxError{loc, "invalid number literal '" + shorten(t->getText()) + "'", {}, {}};
      case FlLexer::ERROR_CHAR: {
        std::string text = t->getText();
        unsigned char c = text.empty() ? 0 : static_cast<unsigned char>(text[0]);
        if (c == '\'') return SyntaxError{loc, "invalid character literal", {}, {}};
        if (c >= 0x80)
          return SyntaxError{loc, "illegal character " + show_byte(c) + " (non-ASCII text may only appear in strings and comments)", {}, {}};
        return SyntaxError{loc, "illegal character " + show_byte(c), {}, {}};
      }
      default: break;
    }
  }
  return std::nullopt;
}

std::string describe_token(const antlr4::Token& token, const antlr4::dfa::Vocabulary& vocabulary) {
  switch (token.getType()) {
    case antlr4::Token::EOF: return "end of file";
    case FlLexer::STRING: return "string " + shorten(token.getText());
    case FlLexer::CHAR: return "character " + token.getText();
    case FlLexer::TYVAR: return "type variable " + token.getText();
    default: break;
  }
  std::string literal = vocabulary.getLiteralName(token.getType());
  if (!literal.empty()) return literal;  // already quoted: 'let'
  return "'" + shorten(token.getText()) + "'";
}

void FirstErrorStrategy::reportError(antlr4::Parser* parser, const antlr4::RecognitionException& e) {
  // A prediction failure points at the furthest token it could not match;
  // its expected set is the one at the start of the decision, so it is not
  // shown.
  const antlr4::misc::IntervalSet* expected = nullptr;
  antlr4::misc::IntervalSet set;
  if (dynamic_cast<const antlr4::InputMismatchException*>(&e)) {
    set = e.getExpectedTokens();
    expected = &set;
  }
  // Except after a binding's parameters (or type), where the choice is
  // between contract clauses and `=` (lang/Fl.g4): on its first token it
  // fails only for want of the `=`, the mistake this message is for.
  auto* no_alt = dynamic_cast<const antlr4::NoViableAltException*>(&e);
  auto* context = parser->getContext();
  if (no_alt && no_alt->getStartToken() == e.getOffendingToken() &&
      (dynamic_cast<FlParser::FunctionBindingContext*>(context) ||
       dynamic_cast<FlParser::ValueBindingContext*>(context))) {
    set = antlr4::misc::IntervalSet::of(FlParser::EQ);
    expected = &set;
  }
  record(parser, e.getOffendingToken(), expected);
}

void FirstErrorStrategy::recover(antlr4::Parser*, std::exception_ptr) { throw Stop{}; }

antlr4::Token* FirstErrorStrategy::recoverInline(antlr4::Parser* parser) {
  antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
  record(parser, parser->getCurrentToken(), &expected);
  throw Stop{};
}

void FirstErrorStrategy::record(antlr4::Parser* parser, antlr4::Token* offending,
                                const antlr4::misc::IntervalSet* expected_tokens) {
  if (error) return;
  if (!offending) offending = parser->getCurrentToken();
  const auto& vocabulary = parser->getVocabulary();
  SyntaxError err;
  err.message = "syntax error: unexpected " + describe_token(*offending, vocabulary);
  // The `=` that ends contract clauses is a token of its own (lang/Fl.g4),
  // but the same `=` to whoever wrote it.
  antlr4::misc::IntervalSet expected_set;
  const antlr4::misc::IntervalSet* expected = expected_tokens;
  if (expected && expected->contains(static_cast<size_t>(FlParser::CLAUSE_EQ))) {
    expected_set = *expected;
    expected_set.remove(static_cast<size_t>(FlParser::CLAUSE_EQ));
    expected_set.add(FlParser::EQ);
    expected = &expected_set;
  }
  // Name what was expected when it is short and certain; at the end of a
  // rule ANTLR only knows the one token it was about to match (often EOF,
  // where an item or `;;` would also do), so EOF is never offered.
  if (expected && !expected->isEmpty() && expected->size() <= 3 && !expected->contains(antlr4::Token::EOF)) {
    std::string list;
    size_t i = 0, n = expected->size();
    for (ssize_t type : expected->toList()) {
      std::string name = vocabulary.getLiteralName(static_cast<size_t>(type));
      if (name.empty()) {
        list.clear();  // a class of tokens (an identifier...): not worth listing
        break;
      }
      if (i++) list += i == n ? " or " : ", ";
      list += name;
    }
    if (!list.empty()) err.message += ", expecting " + list;
  }
  if (offending->getType() == antlr4::Token::EOF) {
    // Point just after the last token rather than at an empty last line,
    // and say which bracket is still open, the usual cause.
    std::vector<antlr4::Token*> open;
    antlr4::Token* last = nullptr;
    for (antlr4::Token* t : tokens_) {
      if (t->getType() == antlr4::Token::EOF) break;
      last = t;
      switch (t->getType()) {
        case FlLexer::LPAREN: case FlLexer::LBRACKET: case FlLexer::LBRACKET_BAR:
        case FlLexer::LBRACE: case FlLexer::KW_BEGIN:
          open.push_back(t);
          break;
        case FlLexer::RPAREN: case FlLexer::RBRACKET: case FlLexer::BAR_RBRACKET:
        case FlLexer::RBRACE: case FlLexer::KW_END:
          if (!open.empty()) open.pop_back();
          break;
        default: break;
      }
    }
    err.loc = last ? loc_after(*last, file_) : loc_of(*offending, file_);
    if (!open.empty()) {
      err.unclosed = loc_of(*open.back(), file_);
      err.unclosed_text = open.back()->getText();
    }
  } else {
    err.loc = loc_of(*offending, file_);
  }
  error = std::move(err);
}

void NestingGuard::enterEveryRule(antlr4::ParserRuleContext* ctx) {
  if (++depth_ > kMaxDepth) throw TooDeep{ctx->getStart()};
}

}  // namespace fl::parse
