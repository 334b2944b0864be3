// Name resolution and Hindley–Milner type inference (algorithm J with
// levels, as OCaml does it: Rémy, "Extension of ML type system with a
// sorted equational theory on types", 1992), with OCaml's value restriction.
//
// The checker annotates the AST in place: every Expr and Pattern gets its
// type, every VarExpr its Symbol. Errors go to Diagnostics; checking goes
// on after an error where it can, so one run reports several.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "support/diagnostics.h"
#include "types/symbol.h"
#include "types/type.h"

namespace fl::types {

class Checker {
 public:
  Checker(TypeArena& arena, Diagnostics& diags);

  // Checks the modules in order (dependencies first, the main module last).
  // Returns false when there were errors.
  bool check_program(std::vector<ast::Module*> modules);

  TypeArena& arena() { return arena_; }

 private:
  // Scopes of value names, innermost last.
  struct Scope {
    std::vector<std::pair<std::string, Symbol*>> values;
  };

  void check_item(ast::Item& item);
  void check_let(bool recursive, std::vector<ast::Binding>& bindings, bool top_level);

  Type* infer(ast::Expr& e);
  Type* infer_inner(ast::Expr& e);
  Type* infer_apply(ast::ApplyExpr& e);
  Type* infer_binary(ast::BinaryExpr& e);
  Type* infer_let(ast::LetExpr& e);
  Type* infer_function_body(ast::Binding& b);
  void expect(ast::Expr& e, Type* expected);

  // Binds the variables of `p` in the current scope; returns its type.
  Type* infer_pattern(ast::Pattern& p, bool top_level);
  Type* literal_type(const ast::Literal& lit);
  Type* type_of_annotation(const ast::TypeExpr& t);

  void unify(Type* a, Type* b, Loc loc, const char* what);
  bool unify_types(Type* a, Type* b);
  bool occurs(Type* var, Type* t);
  Scheme generalize(Type* t);
  void lower_levels(Type* t);
  Type* instantiate(const Scheme& s);

  Symbol* define(std::string name, Loc loc, Type* type, bool top_level);
  Symbol* lookup(const ast::Path& path);
  void report_unbound(const ast::Path& path, Loc loc, const char* what);
  void unsupported(Loc loc, const std::string& construct);
  void add_primitives();

  void enter_level() { ++level_; }
  void leave_level() { --level_; }
  void push_scope() { scopes_.emplace_back(); }
  void pop_scope() { scopes_.pop_back(); }

  TypeArena& arena_;
  Diagnostics& diags_;
  int level_ = 0;
  std::vector<Scope> scopes_;
  std::deque<Symbol> symbols_;
  std::string module_;  // the module being checked
  // Annotation variables ('a) of the binding being checked.
  std::map<std::string, Type*> type_vars_;
};

}  // namespace fl::types
