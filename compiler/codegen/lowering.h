// The state of lowering one program to LLVM IR, split by concern:
//   lowering.cpp     the program, top-level items, instances of functions
//   types.cpp        concrete types, LLVM types, data layouts, allocation
//   expressions.cpp  expressions, control flow, tail positions
//   closures.cpp     function values: closures, captures, unknown calls
//   data.cpp         tuples, records, constructors, lists, arrays, strings
//   matching.cpp     decision trees (match/), let patterns, try and raise
//   generic.cpp      the type-directed =, compare, hash and show
//   operators.cpp    arithmetic and comparison operators
//   primitives.cpp   the primitives of types/primitives.cpp
//   runtime.cpp      declarations of the runtime's C ABI (rts/include/rts.h)
//
// Representation: int i64, float double, bool and unit i1, char i8, every
// other value a pointer (strings, tuples, records, variants, arrays,
// closures, exceptions). A constant constructor is the odd "pointer"
// 2*tag+1; a constructed value is a heap block, with a tag word first
// unless it is its type's only non-constant constructor. A closure is
// {code, arity, captured...}; its code takes the closure itself first.
#pragma once

#include <deque>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include "ast/ast.h"
#include "codegen/codegen.h"
#include "codegen/debug_info.h"
#include "match/decision_tree.h"
#include "support/diagnostics.h"
#include "types/symbol.h"
#include "types/type.h"

namespace fl::codegen {

using types::Symbol;
using types::Type;

// Thrown past the current function's lowering when a construct cannot be
// compiled; the error has already been reported.
struct LoweringFailed {};

using Subst = std::vector<std::pair<Type*, Type*>>;

// Extends `subst` with what makes `generic` (a scheme's body) equal to the
// concrete type `concrete_type`.
void match_types(Type* generic, Type* concrete_type, Subst& subst);

class Lowering {
 public:
  Lowering(llvm::LLVMContext& context, types::TypeArena& arena, const types::Checker& checker, Diagnostics& diags,
           const CodegenOptions& options);

  std::unique_ptr<llvm::Module> run(std::vector<ast::Module*> modules);
  // The REPL's incremental mode (phrase.cpp).
  std::unique_ptr<llvm::Module> run_phrase(Phrase& phrase);

  llvm::IRBuilder<>& builder() { return b_; }
  llvm::LLVMContext& context() { return ctx_; }
  [[noreturn]] void unsupported(Loc loc, const std::string& construct);
  [[noreturn]] void fail(Loc loc, const std::string& message);

  // -- types.cpp --
  Type* concrete(Type* t);  // under the current instance's substitution
  llvm::Type* lower_type(Type* t);
  std::string mangle(Type* t);
  int arrow_count(Type* t);  // of a concrete type
  // A block's LLVM type: an optional tag word, then one field per type.
  llvm::StructType* block_type(const std::vector<Type*>& fields, bool tagged);
  llvm::Value* allocate(llvm::StructType* type, bool atomic);
  bool is_atomic(const std::vector<Type*>& fields);
  llvm::Value* unit() { return b_.getInt1(false); }

  // -- expressions.cpp --
  llvm::Value* lower(ast::Expr& e);
  // Lowers `e` in tail position: emits the `ret` itself, so that calls are
  // real tail calls at every optimisation level.
  void lower_return(ast::Expr& e);
  llvm::Value* lower_binary(ast::BinaryExpr& e);
  llvm::Value* lower_unary(ast::UnaryExpr& e);
  llvm::Value* lower_unary_value(ast::UnaryOp op, llvm::Value* x, Type* result_type, Loc loc);
  llvm::Value* lower_binary_values(ast::BinaryOp op, Type* x_type, Type* y_type, llvm::Value* x, llvm::Value* y,
                                   Type* result_type, Loc loc);
  llvm::Value* lower_comparison(ast::BinaryOp op, Type* operand_type, llvm::Value* x, llvm::Value* y, Loc loc);
  llvm::Value* string_literal(const std::string& s);
  bool block_terminated();
  void start_dead_block();
  // Returns `value` from the current function, or emits a `ret`.
  void emit_return(llvm::Value* value);

  // -- closures.cpp --
  // A call `fn args` where `tail` asks for a tail call and return.
  llvm::Value* lower_apply(ast::Expr& fn, std::vector<ast::Expr*> args, Type* result_type, bool tail, Loc loc);
  llvm::Value* lower_pipe(ast::BinaryExpr& e, bool tail);
  llvm::Value* apply_closure(llvm::Value* closure, Type* fn_type, std::vector<llvm::Value*> args, bool tail);
  // A closure's arity is at most this, so that the apply helpers, which have
  // a case per arity a closure may have, stay small: with a case per
  // parameter of the type, n curried parameters cost O(n^3) IR.
  static constexpr int kMaxClosureArity = 8;
  // The code and arity a closure over `code` holds: `code` itself, or for
  // more parameters the first stage of a chain that takes them in groups.
  struct ClosureEntry {
    llvm::Function* code;
    int arity;
  };
  ClosureEntry closure_entry(llvm::Function* code, Type* fn_type, int arity);
  llvm::Value* lower_fun(ast::Expr& fun);
  llvm::Value* function_value(Symbol* sym, Type* type, Loc loc);
  void lower_local_functions(std::vector<ast::Binding>& bindings);

  // -- data.cpp --
  llvm::Value* construct(const types::Constructor* ctor, Type* type, const std::vector<llvm::Value*>& args);
  // The fields of a value built by `ctor` (at concrete variant type `type`).
  std::vector<Type*> constructor_fields(const types::Constructor* ctor, Type* type);
  llvm::StructType* constructor_layout(const types::Constructor* ctor, Type* type);
  llvm::StructType* constructor_layout(const types::Constructor* ctor, const std::vector<Type*>& fields);
  enum class TagPlace { None, Pointer, Word };
  TagPlace tag_place(const types::Constructor* ctor);
  // Argument `index` of `v`, a value built by `ctor` (whose layout the
  // second form is given: walks over all the fields compute it once).
  llvm::Value* constructor_field(llvm::Value* v, const types::Constructor* ctor, Type* type, unsigned index);
  llvm::Value* constructor_field(llvm::Value* v, const types::Constructor* ctor, llvm::StructType* layout,
                                 unsigned index);
  llvm::Value* variant_tag(llvm::Value* v, Type* type);
  std::vector<Type*> record_fields(Type* type);
  std::vector<Type*> tuple_fields(Type* type);
  llvm::Value* load_field(llvm::Value* block, llvm::StructType* layout, unsigned index);
  llvm::Value* lower_data(ast::Expr& e);
  llvm::Value* array_element_ptr(llvm::Value* array, Type* element, llvm::Value* index);
  llvm::Value* array_length(llvm::Value* array);
  void check_index(llvm::Value* index, llvm::Value* length);

  // -- matching.cpp --
  // Runs the cases against `scrutinee`; in tail position emits returns.
  // `elements`: when the scrutinee is a tuple expression, its element
  // values, and `scrutinee` is null: the tuple is only built if a case
  // binds it whole (`match x, y with ...` allocates nothing).
  llvm::Value* lower_cases(const std::vector<ast::MatchCase>& cases, llvm::Value* scrutinee, Type* type,
                           Type* result_type, bool tail, Loc loc, bool reraise,
                           const std::vector<llvm::Value*>* elements = nullptr);
  llvm::Value* lower_match(ast::MatchExpr& m, bool tail);
  llvm::Value* build_tuple(Type* type, const std::vector<llvm::Value*>& values);
  void bind_pattern(const ast::Pattern& p, llvm::Value* value, Type* type, bool top_level, Loc loc);
  llvm::Value* lower_try(ast::TryExpr& e, bool tail);
  llvm::Value* lower_raise(llvm::Value* exn);
  llvm::Constant* exception_descriptor(const types::Constructor* ctor);
  void set_local(Symbol* sym, llvm::Value* value);

  // -- generic.cpp --
  llvm::Function* equal_function(Type* t, Loc loc);
  llvm::Function* compare_function(Type* t, Loc loc, bool total = true);
  llvm::Function* hash_function(Type* t, Loc loc);
  llvm::Function* show_function(Type* t);
  llvm::Function* append_function(Type* list_type);
  void check_regular(Type* t, Loc loc);
  Loc show_loc_;  // the `show` being lowered, for check_regular
  Type* nested_instance(types::TypeDef* def);
  std::map<const types::TypeDef*, Type*> nested_;  // nested_instance's answers
  // Appends the shown value to the runtime string builder `builder`;
  // `as_argument` puts parentheses around negative numbers and applied
  // constructors (spec 9, show).
  void show_into(llvm::Value* builder, llvm::Value* v, Type* t, bool as_argument);
  llvm::Function* show_exception_function(const types::Constructor* ctor);
  bool show_library_type(llvm::Value* builder, llvm::Value* x, Type* t, llvm::Value* as_argument);

  // -- primitives.cpp --
  llvm::Value* lower_primitive(const Symbol& prim, Type* fn_type, const std::vector<llvm::Value*>& args, Loc loc);
  llvm::Value* lower_external(const Symbol& prim, Type* fn_type, const std::vector<llvm::Value*>& args);
  int primitive_arity(const Symbol& prim);

  // -- phrase.cpp --
  // The slot of a top-level value in the REPL's incremental mode, or null
  // when compiling a whole program.
  llvm::GlobalVariable* phrase_global(const Symbol* sym, llvm::Type* type, bool define);
  // An exception declared by an earlier phrase: a declaration; or null.
  llvm::GlobalVariable* phrase_exception_declaration(const types::Constructor* ctor, const std::string& name);
  // After a top-level expression item: its answer, if the REPL wants it.
  void phrase_expression_answer(const ast::Expr& e, llvm::Value* value);
  // A safe point, when CodegenOptions::safepoints asks for them.
  void safepoint_poll();
  // A top-level function's instance compiled by an earlier phrase (a
  // declaration), or null; and this phrase's, offered to later ones.
  llvm::Function* phrase_compiled_instance(const Symbol* sym, Type* ground, int arity);
  void phrase_export_instance(const Symbol* sym, Type* ground, llvm::Function* f);

  // -- runtime.cpp --
  llvm::FunctionCallee runtime(const char* name);
  // Calls a runtime function that never returns and goes on in a dead block.
  void call_noreturn(const char* name, std::vector<llvm::Value*> args);
  llvm::Value* undef_of(Type* t);

  // A function being generated, on the pending list until its body is.
  struct PendingBody {
    llvm::Function* function = nullptr;
    std::vector<ast::PatternPtr>* params = nullptr;  // Fun / binding
    const std::vector<ast::MatchCase>* cases = nullptr;  // `function`
    ast::Expr* body = nullptr;
    Loc loc;
    Subst subst;
    std::vector<Symbol*> captures;  // loaded from the closure, slots 2...
    Symbol* self = nullptr;         // a local function's own name
    Type* type = nullptr;           // the concrete function type
    Loc origin;                     // the program's code that needed it
  };
  llvm::Function* new_function(const std::string& name, Type* fn_type, int arity);
  llvm::FunctionType* closure_signature(Type* fn_type, int arity);
  void set_function_attributes(llvm::Function* f);

  // A local function's closure layout: what it captures.
  struct LocalFunction {
    std::vector<Symbol*> captures;
    int arity = 0;
  };

 private:
  llvm::Function* instance_of(Symbol* sym, Type* instance_type, Loc loc);
  llvm::Function* closure_stage(llvm::Function* code, Type* fn_type, int arity, int done);
  void lower_pending(PendingBody& body);
  void lower_top_level(ast::Module& m);
  void lower_let(bool recursive, std::vector<ast::Binding>& bindings, bool top_level);
  void define_exception_descriptors();
  void collect_free_locals(const ast::Expr& e, std::set<Symbol*>& out);
  void collect_free_locals(const ast::Pattern& p, std::set<Symbol*>& out);
  std::vector<Symbol*> captures_of(const ast::Expr& body, const std::vector<ast::PatternPtr>* params,
                                   const std::set<Symbol*>& also);

  llvm::LLVMContext& ctx_;
  types::TypeArena& arena_;
  const types::Checker& checker_;
  Diagnostics& diags_;
  CodegenOptions options_;
  std::unique_ptr<DebugInfo> debug_;  // with -g
  void start_debug_info(FileId main);
  llvm::Value* lower_expr(ast::Expr& e);
  std::unique_ptr<llvm::Module> mod_;
  llvm::IRBuilder<> b_;

  Subst subst_;  // of the function being lowered
  std::unordered_map<const Symbol*, llvm::Value*> locals_;
  std::unordered_map<const Symbol*, llvm::GlobalVariable*> globals_;
  std::unordered_map<const Symbol*, LocalFunction> local_functions_;
  std::unordered_map<const Symbol*, ast::Expr*> poly_values_;  // rebuilt at each use
  std::map<std::string, llvm::Function*> functions_;  // instances and helpers, by name
  std::map<std::string, llvm::Constant*> constants_;  // static closures, by name
  std::deque<PendingBody> pending_;
  std::map<std::string, llvm::Constant*> strings_;
  std::map<const types::Constructor*, llvm::GlobalVariable*> exception_descriptors_;
  std::unordered_map<const Symbol*, int> local_ids_;  // for unique names
  int lambda_counter_ = 0;
  // Errors found in standard-library code name the program's code that
  // needed it: the origin of the function being lowered.
  std::set<FileId> stdlib_files_;
  Loc origin_;
  Loc origin_of(Loc use) const { return stdlib_files_.count(use.file) && origin_.valid() ? origin_ : use; }
  // The REPL's incremental mode (phrase.cpp).
  Phrase* phrase_ = nullptr;
  llvm::Value* phrase_answers_ = nullptr;  // the entry's answers array
  void store_answer(size_t k, llvm::Value* value, Type* type);
  // Generates the pending functions and checks the module.
  std::unique_ptr<llvm::Module> finish_module(bool failed);

  friend class GenericFunctions;
  friend class ApplyHelpers;
};

}  // namespace fl::codegen
