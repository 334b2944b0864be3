#include "parse/contract_ends.h"

#include <memory>
#include <vector>

#include "BailErrorStrategy.h"
#include "Exceptions.h"
#include "FlParser.h"
#include "WritableToken.h"
#include "atn/ParserATNSimulator.h"
#include "atn/PredictionMode.h"
#include "parse/syntax_errors.h"

namespace fl::parse {

namespace {

using flgrammar::FlParser;

// A `let` right after one of these cannot be part of the expression: it
// starts the next item.
bool ends_expression(size_t type) {
  switch (type) {
    case FlParser::LIDENT: case FlParser::QLIDENT: case FlParser::UIDENT: case FlParser::QUIDENT:
    case FlParser::INT: case FlParser::FLOAT: case FlParser::CHAR: case FlParser::STRING:
    case FlParser::KW_TRUE: case FlParser::KW_FALSE:
    case FlParser::RPAREN: case FlParser::RBRACKET: case FlParser::BAR_RBRACKET: case FlParser::RBRACE:
    case FlParser::KW_END: case FlParser::KW_DONE:
      return true;
    default: return false;
  }
}

bool closes(size_t opener, size_t closer) {
  switch (closer) {
    case FlParser::RPAREN: return opener == FlParser::LPAREN;
    case FlParser::RBRACKET: return opener == FlParser::LBRACKET;
    case FlParser::BAR_RBRACKET: return opener == FlParser::LBRACKET_BAR;
    case FlParser::RBRACE: return opener == FlParser::LBRACE;
    case FlParser::KW_END: return opener == FlParser::KW_BEGIN;
    case FlParser::KW_IN: return opener == FlParser::KW_LET;
    case FlParser::KW_THEN: return opener == FlParser::KW_IF;
    case FlParser::KW_WITH: return opener == FlParser::KW_MATCH || opener == FlParser::KW_TRY;
    case FlParser::KW_DONE: return opener == FlParser::KW_WHILE || opener == FlParser::KW_FOR;
    default: return false;
  }
}

// The `=` at which the clause starting at `start` could end, in order. A
// clause that ends at an `=` has closed every bracket it opened, counting
// `let ... in`, `if ... then`, `match`/`try ... with` and `while`/`for ...
// done` as brackets, so its end is among the `=` outside them. The scan
// stops where the binding must have ended: at a bracket that the clause did
// not open, at `and` or at the next item (the tokens lang/Fl.g4's
// bodyProbe ends at: keep the two alike), or at the next clause, where it
// returns none: this clause ends where the next begins.
std::vector<size_t> possible_ends(const std::vector<antlr4::Token*>& tokens, size_t start) {
  std::vector<size_t> ends;
  std::vector<size_t> open;
  for (size_t i = start; i < tokens.size(); ++i) {
    size_t type = tokens[i]->getType();
    switch (type) {
      case FlParser::EQ:
        if (open.empty()) ends.push_back(i);
        break;
      case FlParser::KW_REQUIRES: case FlParser::KW_ENSURES:
        if (open.empty()) return {};
        break;
      case FlParser::KW_AND:
        if (open.empty()) return ends;
        break;
      case antlr4::Token::EOF: case FlParser::SEMISEMI: case FlParser::TOP_LET: case FlParser::KW_TYPE:
      case FlParser::KW_EXCEPTION: case FlParser::KW_OPEN:
        return ends;
      case FlParser::KW_LET:
        if (i > start && ends_expression(tokens[i - 1]->getType())) return ends;
        open.push_back(type);
        break;
      case FlParser::LPAREN: case FlParser::LBRACKET: case FlParser::LBRACKET_BAR: case FlParser::LBRACE:
      case FlParser::KW_BEGIN: case FlParser::KW_IF: case FlParser::KW_MATCH: case FlParser::KW_TRY:
      case FlParser::KW_WHILE: case FlParser::KW_FOR:
        open.push_back(type);
        break;
      case FlParser::KW_WITH:
        if (!open.empty() && open.back() == FlParser::LBRACE) break;  // `{ r with x = e }`
        [[fallthrough]];
      case FlParser::RPAREN: case FlParser::RBRACKET: case FlParser::BAR_RBRACKET: case FlParser::RBRACE:
      case FlParser::KW_END: case FlParser::KW_IN: case FlParser::KW_THEN: case FlParser::KW_DONE:
        if (open.empty() || !closes(open.back(), type)) return ends;
        open.pop_back();
        break;
      default: break;
    }
  }
  return ends;
}

// Whether `rule` parses the tokens from `start` on, predicting as the real
// parse does (SLL). A fresh parser each time: ANTLR's parser keeps every
// rule context it made until it is destroyed.
bool parses(antlr4::CommonTokenStream& tokens, size_t start, void (*rule)(FlParser&)) {
  NestingGuard guard;  // deep nesting is the real parse's to report
  FlParser parser(&tokens);
  parser.removeErrorListeners();
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  parser.setBuildParseTree(false);
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.addParseListener(&guard);
  tokens.seek(start);
  try {
    rule(parser);
  } catch (const antlr4::ParseCancellationException&) {
    return false;
  } catch (const NestingGuard::TooDeep&) {
    return false;
  }
  return true;
}

void set_type(antlr4::Token* token, size_t type) { dynamic_cast<antlr4::WritableToken&>(*token).setType(type); }

// Makes CLAUSE_EQ the last of `ends` after which the clause from `start`
// and the binding's body parse. The body is tried first, as it is what
// usually fails, and quickly (`a = b | C -> ...` in a `match` of the clause).
void mark_end(antlr4::CommonTokenStream& tokens, const std::vector<antlr4::Token*>& all, size_t start,
              const std::vector<size_t>& ends) {
  for (auto end = ends.rbegin(); end != ends.rend(); ++end) {
    set_type(all[*end], FlParser::CLAUSE_EQ);
    if (parses(tokens, *end + 1, [](FlParser& p) { p.bodyProbe(); }) &&
        parses(tokens, start, [](FlParser& p) { p.clauseProbe(); }))
      return;
    set_type(all[*end], FlParser::EQ);
  }
  // None: the binding has a syntax error, which the parse will report.
}

}  // namespace

void mark_contract_ends(antlr4::CommonTokenStream& tokens) {
  std::vector<antlr4::Token*> all = tokens.getTokens();
  // From the last clause back, so that the clauses of a binding nested in a
  // clause have their ends when that clause is parsed.
  for (size_t i = all.size(); i-- > 0;) {
    size_t type = all[i]->getType();
    if (type != FlParser::KW_REQUIRES && type != FlParser::KW_ENSURES) continue;
    std::vector<size_t> ends = possible_ends(all, i + 1);
    if (!ends.empty()) mark_end(tokens, all, i + 1, ends);
  }
  tokens.seek(0);
}

}  // namespace fl::parse
