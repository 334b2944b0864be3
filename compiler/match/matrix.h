// The clause patterns in the simple form both halves of pattern matching
// work on (compile.cpp builds decision trees, exhaustiveness.cpp checks
// coverage): every pattern is a wildcard, a head applied to sub-patterns, or
// an or-pattern. Lists, `Node _`, records with absent fields, aliases and
// annotations are all rewritten into that form here, once.
#pragma once

#include <deque>
#include <vector>

#include "ast/ast.h"
#include "types/decls.h"

namespace fl::match {

// What a value is tested against at the top of a pattern. A Tuple or Record
// head always holds (such types have exactly one shape); the others split
// the values of their type.
struct Head {
  enum class Kind { Constructor, Tuple, Record, Literal, Array };
  Kind kind = Kind::Tuple;
  const types::Constructor* ctor = nullptr;  // Constructor
  const types::TypeDef* record = nullptr;    // Record
  ast::Literal literal;                      // Literal (never unit: `()` is a wildcard)
  size_t arity = 0;  // sub-patterns: constructor arguments, tuple elements,
                     // record fields (declaration order), array elements

  bool operator==(const Head& other) const;
};

struct Pat {
  enum class Kind { Any, Head, Or };
  Kind kind = Kind::Any;
  types::Type* type = nullptr;              // the pattern's type, when known
  std::vector<types::Symbol*> binders;      // variables and aliases bound here
  Head head;                                // Head
  std::vector<const Pat*> args;             // Head: `head.arity` sub-patterns; Or: alternatives
};

// Owns the simple patterns of one match.
class PatPool {
 public:
  const Pat* lower(const ast::Pattern& p);
  // A wildcard binding nothing, of type `type` (null when unknown).
  const Pat* any(types::Type* type = nullptr);

 private:
  Pat* make(Pat::Kind kind, types::Type* type);
  const Pat* constructor(const types::Constructor* ctor, types::Type* type, std::vector<const Pat*> args);
  std::deque<Pat> pats_;
  const Pat* blank_ = nullptr;
};

// The alternatives of `p` when it is an or-pattern (nested ones flattened,
// left to right), else `p` itself; `binders` receives the variables bound
// on the or-patterns themselves (`(A | B) as x`), once per alternative.
struct Alternative {
  const Pat* pat;
  std::vector<types::Symbol*> binders;
};
std::vector<Alternative> alternatives(const Pat* p);

// The distinct heads of a column, in order of first appearance, looking
// through or-patterns.
void collect_heads(const Pat* p, std::vector<Head>& heads);

// True when `heads` (all of one type) cover every value of that type.
bool is_complete(const std::vector<Head>& heads);

// A value `heads` do not cover, with wildcard arguments: the first missing
// constructor of a variant, an unused literal, an unused array length. Only
// for incomplete signatures of Constructor (non-exception), Literal and Array
// heads; returns false when no such head can be named (exceptions).
bool missing_head(const std::vector<Head>& heads, Head& out);

}  // namespace fl::match
