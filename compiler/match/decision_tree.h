// Pattern matching, compiled once for the whole clause list of a `match`,
// `function`, `try` or `let` pattern into a decision tree (Maranget,
// "Compiling pattern matching to good decision trees", ML 2008): every
// sub-value of the scrutinee is tested at most once on any path, never
// clause by clause. Code generation walks the tree (codegen/).
//
// Input patterns are the type checker's annotated AST: every Pattern has its
// `type`, constructor patterns their `ctor`, record patterns their fields'
// `field`, variables and aliases their `symbol`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "types/decls.h"

namespace fl::match {

// A sub-value of the scrutinee. Occurrence 0 is the scrutinee itself; the
// others are field `index` of occurrence `parent`, read as:
//   parent a tuple               -> element `index`
//   parent a record              -> the field whose Field::index is `index`
//   parent built by constructor `ctor` (variants, exceptions, list `::`)
//                                -> argument `index` of `ctor`
//   parent an array (known to have length >= index + 1) -> element `index`
// `type` is the occurrence's type (the pattern type it was found at).
//
// A Switch case on a constructor or an array length has an occurrence for
// each of its arguments / elements (ctor = that constructor, null for
// arrays); a tuple or record is never switched on: its components get
// occurrences directly, every element of a tuple but only the record fields
// some clause looks at. The same (parent, index, ctor) is one occurrence
// everywhere in the tree, so codegen may load each once on a path.
struct Occurrence {
  int parent = -1;
  int index = 0;
  const types::Constructor* ctor = nullptr;  // when the parent is a constructed value
  types::Type* type = nullptr;
};

// What a Switch tests an occurrence against.
struct Test {
  enum class Kind { Constructor, Literal, ArrayLength };
  Kind kind = Kind::Constructor;
  const types::Constructor* ctor = nullptr;  // Constructor (incl. exceptions, [] and ::)
  ast::Literal literal;                       // Literal: int, char, string, float, bool
                                              // (unit has one value: `()` is never tested)
  int64_t length = 0;                         // ArrayLength: exactly this many elements
};

struct Binding {
  types::Symbol* symbol = nullptr;  // a VarPattern's or AliasPattern's symbol
  int occurrence = 0;
};

// Identical subtrees are one node, reached from several parents: the tree
// is a DAG, so that or-patterns side by side make a node per column rather
// than a leaf per combination of alternatives. A walk over it must keep
// track of the nodes it has seen, or it is exponential again.
struct Decision;
using DecisionPtr = std::shared_ptr<const Decision>;

struct Decision {
  enum class Kind {
    Fail,    // no clause matches: a `match` raises Match_failure-like error,
             // a `try` re-raises (codegen decides); never reached when exhaustive
    Leaf,    // clause `clause` matches with `bindings`
    Guard,   // bind, evaluate clause `clause`'s guard; true -> run the clause
             // body, false -> continue with `otherwise`
    Switch,  // test occurrence `occurrence`: the first case whose test holds,
             // else `fallback` (null when the cases cover every value)
  };
  Kind kind = Kind::Fail;
  size_t clause = 0;               // Leaf, Guard
  std::vector<Binding> bindings;   // Leaf, Guard
  DecisionPtr otherwise;           // Guard
  int occurrence = 0;              // Switch
  std::vector<std::pair<Test, DecisionPtr>> cases;  // Switch
  DecisionPtr fallback;            // Switch

  // Calls f on each node this one leads to (a shared node once per edge).
  template <class F>
  void for_each_child(F&& f) const {
    if (otherwise) f(*otherwise);
    for (auto& [test, sub] : cases) f(*sub);
    if (fallback) f(*fallback);
  }
};

struct Clause {
  const ast::Pattern* pattern = nullptr;
  bool guarded = false;
};

struct CompiledMatch {
  std::vector<Occurrence> occurrences;  // [0] is the scrutinee
  DecisionPtr tree;
};

// Builds the decision tree for `clauses` against a scrutinee of type
// `scrutinee_type`. Clauses are tried in order (first match wins).
CompiledMatch compile_match(const std::vector<Clause>& clauses, types::Type* scrutinee_type);

// Exhaustiveness and usefulness (Maranget, "Warnings for pattern matching",
// JFP 2007). Guarded clauses do not count towards exhaustiveness.
struct Analysis {
  bool exhaustive = true;
  std::string missing;         // when not: one value not covered, in fl syntax
                               // ("Node (Leaf, _, Node _)", "[]", "_ :: _", "[_]",
                               // "Some 0", "(_, false)", "{ x = 0; _ }", "[|_; _|]";
                               // `_` alone for exceptions: see witness.h)
  std::vector<size_t> unused;  // clauses that can never be selected
};
Analysis analyse_match(const std::vector<Clause>& clauses, types::Type* scrutinee_type);

}  // namespace fl::match
