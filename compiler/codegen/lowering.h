// The state of lowering one program to LLVM IR. Split over several files:
// lowering.cpp (functions, instances, let, control flow), operators.cpp
// (arithmetic and comparison), primitives.cpp (prelude primitives) and
// runtime.cpp (declarations of the runtime's C ABI, rts/include/rts.h).
#pragma once

#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include "ast/ast.h"
#include "codegen/codegen.h"
#include "support/diagnostics.h"
#include "types/symbol.h"
#include "types/type.h"

namespace fl::codegen {

using types::Symbol;
using types::Type;

// Thrown past the current function's lowering when a construct cannot be
// compiled; the error has already been reported.
struct LoweringFailed {};

class Lowering {
 public:
  Lowering(llvm::LLVMContext& context, types::TypeArena& arena, Diagnostics& diags, const CodegenOptions& options);

  std::unique_ptr<llvm::Module> run(std::vector<ast::Module*> modules);

  // -- used by operators.cpp and primitives.cpp --
  llvm::IRBuilder<>& builder() { return b_; }
  llvm::LLVMContext& context() { return ctx_; }
  llvm::Module& module() { return *mod_; }
  [[noreturn]] void unsupported(Loc loc, const std::string& construct);

  // The concrete (ground) type of `t` in the instance being generated.
  Type* concrete(Type* t);
  // The LLVM type of a value of fl type `t`; nullptr for unit, which has
  // no run-time representation at all.
  llvm::Type* lower_type(Type* t);

  llvm::Value* lower(ast::Expr& e, bool tail);
  llvm::Value* lower_binary(ast::BinaryExpr& e, bool tail);
  llvm::Value* lower_unary(ast::UnaryExpr& e);
  llvm::Value* lower_primitive(types::Primitive p, Type* fn_type, std::vector<ast::Expr*> args, Loc loc);
  llvm::Value* string_literal(const std::string& s);

  // Runtime entry points (runtime.cpp).
  llvm::FunctionCallee runtime(const char* name);
  // Calls a runtime function that never returns and continues in a fresh,
  // unreachable block so lowering can go on.
  void call_noreturn(const char* name, std::vector<llvm::Value*> args);
  // A placeholder value of type `t` for code after a call that never returns.
  llvm::Value* undef_of(Type* t);
  bool block_terminated();

 private:
  struct Instance {
    const ast::Binding* binding;
    Symbol* symbol;
    llvm::Function* function;
    std::vector<std::pair<Type*, Type*>> subst;
  };

  // A function binding: its parameters and body, seeing through
  // `let f = fun x -> ...`.
  struct FunctionShape {
    std::vector<ast::PatternPtr>* params;
    ast::Expr* body;
  };
  static bool shape_of(const ast::Binding& b, FunctionShape& out);

  llvm::Function* instance_of(Symbol* sym, Type* instance_type, Loc loc);
  void lower_instance(Instance& inst);
  void lower_top_level(ast::Module& m);
  void lower_let_bindings(std::vector<ast::Binding>& bindings, bool top_level);
  void bind_pattern(ast::Pattern& p, llvm::Value* value, bool top_level);
  llvm::Value* lower_var(ast::VarExpr& v);
  llvm::Value* lower_call(ast::Expr& fn, std::vector<ast::Expr*> args, bool tail, Loc loc);
  llvm::Value* lower_if(ast::IfExpr& e, bool tail);
  llvm::Value* lower_while(ast::WhileExpr& e);
  llvm::Value* lower_for(ast::ForExpr& e);
  void match_types(Type* generic, Type* concrete, std::vector<std::pair<Type*, Type*>>& subst);
  void set_function_attributes(llvm::Function* f);

  llvm::LLVMContext& ctx_;
  types::TypeArena& arena_;
  Diagnostics& diags_;
  CodegenOptions options_;
  std::unique_ptr<llvm::Module> mod_;
  llvm::IRBuilder<> b_;

  std::vector<std::pair<Type*, Type*>> subst_;  // of the instance being lowered
  std::unordered_map<const Symbol*, llvm::Value*> locals_;
  std::unordered_map<const Symbol*, llvm::GlobalVariable*> globals_;
  std::map<std::string, llvm::Function*> instances_;  // by mangled name
  std::deque<Instance> pending_;
  std::map<std::string, llvm::Constant*> strings_;
};

}  // namespace fl::codegen
