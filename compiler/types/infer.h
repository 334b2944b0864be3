// Name resolution and Hindley–Milner type inference (algorithm J with
// levels, as OCaml does it: Rémy, "Extension of ML type system with a
// sorted equational theory on types", 1992), with OCaml's value restriction.
//
// The checker annotates the AST in place: every Expr and Pattern gets its
// type, every name its Symbol, Constructor or Field. Errors go to
// Diagnostics; checking goes on after an error where it can, so one run
// reports several.
#pragma once

#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "match/decision_tree.h"
#include "support/diagnostics.h"
#include "types/decls.h"
#include "types/symbol.h"
#include "types/type.h"

namespace fl::types {

// The top-level names of one module (a file, a standard module, or the
// prelude and Prim tables).
struct ModuleEnv {
  std::string name;
  std::map<std::string, Symbol*> values;
  std::map<std::string, TypeDef*> types;
  std::map<std::string, Constructor*> constructors;
  std::map<std::string, Field*> fields;
};

class Checker {
 public:
  Checker(TypeArena& arena, Diagnostics& diags);

  // Checks the modules in order (dependencies first, the main module last).
  // Modules whose name is in `stdlib_modules` may use Prim. Returns false
  // when there were errors.
  bool check_program(std::vector<ast::Module*> modules, const std::set<std::string>& stdlib_modules = {});

  TypeArena& arena() { return arena_; }

  const std::set<std::string>& stdlib_modules() const { return stdlib_modules_; }

  // A top-level value of a checked module ("Map", "to_list"), or null.
  Symbol* find_global(const std::string& module, const std::string& name) const;

  // The REPL (compiler/repl/): after check_program has checked the standard
  // modules, phrases are checked one at a time against one top-level
  // module, named after the first phrase, whose names persist from phrase
  // to phrase (a later definition shadows an earlier one; a shadowed type
  // is renamed `t/2`, as OCaml prints it). Top-level values and exceptions
  // get linkage names unique in the session. A phrase with errors changes
  // nothing; undo_phrase forgets the last phrase that checked (its
  // evaluation failed).
  bool check_phrase(ast::Module& phrase);
  void undo_phrase();
  const ModuleEnv* toplevel() const { return toplevel_; }
  const std::vector<const ModuleEnv*>& toplevel_opened() const { return toplevel_opened_; }
  const ModuleEnv& prelude() const { return prelude_; }
  const std::map<std::string, ModuleEnv*>& modules() const { return module_index_; }

 private:
  struct Scope {
    std::vector<std::pair<std::string, Symbol*>> values;
  };

  // Items and declarations (declarations.cpp).
  void check_item(ast::Item& item);
  void check_item_inner(ast::Item& item);
  void declare_types(ast::TypeItem& item);
  void declare_exception(ast::ExceptionItem& item);
  Type* type_of_annotation(const ast::TypeExpr& t);
  // `params` names a declaration's parameters; null for an annotation,
  // whose variables are those of the binding (type_vars_).
  Type* type_of_declaration(const ast::TypeExpr& t, const std::map<std::string, Type*>* params);

  // Lookups: local scopes, then the module being checked, the opened
  // modules (last opened first), the prelude; qualified names go straight
  // to their module.
  Symbol* lookup_value(const ast::Path& path);
  Constructor* lookup_constructor(const ast::Path& path, Loc loc);
  // Type-directed, as in OCaml: a constructor or the fields that several
  // types declare belong to the expected type when it is known, and a
  // record expression to the type that has all its fields.
  Constructor* constructor_for(const ast::Path& path, Loc loc, Type* expected);
  TypeDef* record_for(const ast::RecordExpr& e, Field* first, Type* expected);
  // The field named as `f` of the record type `record`, when that type is
  // already known; `f` otherwise.
  Field* field_in(Field* f, Type* record);
  Field* lookup_field(const ast::Path& path, Loc loc);
  TypeDef* lookup_type(const ast::Path& path, Loc loc);
  template <class T>
  T* lookup_named(const ast::Path& path, Loc loc, std::map<std::string, T*> ModuleEnv::*table, const char* what);
  const ModuleEnv* module_named(const std::string& name, Loc loc);
  std::vector<const ModuleEnv*> unqualified_envs() const;

  // Expressions (infer.cpp).
  void check_let(bool recursive, std::vector<ast::Binding>& bindings, bool top_level);
  Type* infer(ast::Expr& e);
  Type* infer_inner(ast::Expr& e);
  Type* infer_apply(ast::ApplyExpr& e);
  Type* infer_binary(ast::BinaryExpr& e);
  Type* infer_let(ast::LetExpr& e);
  Type* infer_construct(ast::ConstructExpr& e);
  Type* infer_record(ast::RecordExpr& e);
  Type* infer_record_update(ast::RecordUpdateExpr& e);
  Type* infer_cases(std::vector<ast::MatchCase>& cases, Type* scrutinee, Loc loc, bool is_try);
  Type* infer_function_body(ast::Binding& b);
  Type* infer_op_value(ast::OpValueExpr& e);
  Type* field_type(Field* f, Type* record, Loc loc);
  void expect(ast::Expr& e, Type* expected);
  Type* infer_parameter(ast::Pattern& p);
  void report_match(const std::vector<match::Clause>& clauses, Type* scrutinee, Loc loc, bool is_try);
  void analyse_pending_matches();
  struct PendingMatch {
    std::vector<match::Clause> clauses;
    Type* scrutinee;
    Loc loc;
    bool is_try;
  };
  std::vector<PendingMatch> pending_matches_;

  // Patterns (patterns.cpp): bind the variables of `p` in the current
  // scope; returns its type.
  Type* infer_pattern(ast::Pattern& p, bool top_level);
  Type* infer_pattern_inner(ast::Pattern& p, bool top_level, std::map<std::string, Symbol*>& bound);
  Type* literal_type(const ast::Literal& lit);

  // Unification and generalisation (unify.cpp).
  void unify(Type* found, Type* expected, Loc loc, const char* what);
  bool unify_types(Type* a, Type* b);
  bool occurs(Type* var, Type* t);
  bool mark_structural(Type* t, const char* what);
  bool mark_structural(Type* t, const char* what, std::set<const TypeDef*>& seen);
  Type* structural_violation_ = nullptr;
  const char* structural_what_ = nullptr;
  Scheme generalize(Type* t);
  void lower_levels(Type* t);
  Type* instantiate(const Scheme& s);
  // Fresh instance of a declaration's parameters, for constructors/fields.
  std::vector<Type*> fresh_params(const TypeDef* def);

  Symbol* define(std::string name, Loc loc, Type* type, bool top_level);
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
  std::vector<Scope> scopes_;  // local scopes only
  std::deque<Symbol> symbols_;
  std::deque<ModuleEnv> modules_;   // checked modules, by name below
  std::map<std::string, ModuleEnv*> module_index_;
  ModuleEnv prelude_;  // predefined types, exceptions, prelude primitives
  ModuleEnv prim_;     // Prim: the standard library's primitives
  ModuleEnv* current_ = nullptr;
  std::vector<const ModuleEnv*> opened_;
  // While typing the right side of an or-pattern: the left side's variables.
  std::map<std::string, Symbol*>* or_right_ = nullptr;
  // The type expected of the next expression or pattern inferred (set just
  // before infer/infer_pattern_inner, taken by it), and of the one being
  // inferred now: what constructor_for and record_for go by.
  Type* hint_ = nullptr;
  Type* expected_here_ = nullptr;
  Type* pattern_hint_ = nullptr;
  bool in_stdlib_ = false;
  std::set<std::string> stdlib_modules_;
  bool is_main_ = false;
  // Uses of =, <>, <, compare, hash... and their operand types, checked
  // once the whole program is typed: none may involve a function or exn.
  struct StructuralUse {
    Loc loc;
    Type* operand;
    const char* what;
  };
  std::vector<StructuralUse> structural_uses_;
  void check_structural_uses();

  // Annotation variables ('a) of the binding being checked.
  std::map<std::string, Type*> type_vars_;

  // The REPL's top level (check_phrase) and what undoes its last phrase.
  ModuleEnv* toplevel_ = nullptr;
  std::vector<const ModuleEnv*> toplevel_opened_;
  struct PhraseUndo {
    ModuleEnv env;
    std::vector<const ModuleEnv*> opened;
    std::vector<std::pair<TypeDef*, std::string>> renamed;  // shadowed types and their old names
    bool valid = false;
  };
  PhraseUndo undo_;
  int toplevel_serial_ = 0;
  std::map<std::string, int> shadowed_types_;
};

}  // namespace fl::types
