// LLVM IR generation from the typed AST.
//
// Monomorphisation happens here, on demand: a polymorphic function is
// generated once per concrete type it is used at (the instance's type
// variables are substituted while its body is lowered), so ints, floats and
// bools are never boxed. Functions use LLVM's `tailcc` and every call in
// tail position is marked `tail`, which LLVM guarantees to turn into a jump.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include "ast/ast.h"
#include "support/diagnostics.h"
#include "types/infer.h"
#include "types/type.h"

namespace fl::codegen {

// The number of parameters of a function binding's code: a call with that
// many arguments runs it, fewer make a closure.
int binding_arity(const ast::Binding& b);

struct CodegenOptions {
  // The same object is linked into VM images and host executables, so it
  // never uses the red zone: interrupts in the VM arrive on the current
  // stack.
  bool red_zone = false;
  // Safe points: every function entry and loop back-edge compares the
  // frame pointer with `fl_stack_limit` (i64) and calls `fl_safepoint()`
  // when it is below: the thread's stack is short, or the timer asked for
  // preemption by storing UINTPTR_MAX there (the REPL: Ctrl-C interrupts
  // a running phrase the same way).
  bool safepoints = false;
  // Each thread's stack limit in bytes, defined as the constant
  // `fl_stack_bytes` of a whole program (flc --stack); 0: not defined (the
  // runtime's default, 64 MiB, applies).
  uint64_t stack_bytes = 0;
  // -g: DWARF line tables (codegen/debug_info.h).
  bool debug_info = false;
  bool optimized = true;  // recorded in the debug info
};

// The REPL's incremental mode (compiler/repl/): one LLVM module per phrase,
// run in a JIT session. Functions are generated again in every module that
// uses them (internal instances, as in generate_program); top-level values
// are shared: each is an 8-byte slot named in `globals`, which the caller
// provides (external declarations only); exception descriptors are defined
// by the phrase that declares the exception and declared by later ones.
struct PhraseAnswer {  // a value to show once the phrase has run
  const types::Symbol* symbol = nullptr;  // a top-level name of the phrase
  const ast::Expr* expr = nullptr;        // or a top-level expression item
};
struct Phrase {
  // `void entry(ptr answers)`: runs the items of `modules` in order, then
  // stores the show of answer k (an fl string) at answers[k].
  std::string entry;
  std::vector<ast::Module*> modules;
  std::vector<ast::Module*> earlier;  // already run (their polymorphic values are rebuilt here)
  std::vector<PhraseAnswer> answers;
  std::set<const types::Constructor*> exceptions;  // declared by this phrase
  bool define_predefined_exceptions = false;       // the first phrase
  // Instances of top-level functions that earlier phrases compiled, by
  // instance_key: called, not generated again. Null: none are shared.
  const std::map<std::string, std::string>* instances = nullptr;
  bool export_instances = false;  // offer this phrase's instances (new_instances)
  // Out: the value slots this phrase defines, and its instances.
  std::vector<std::string> globals;
  std::vector<std::pair<std::string, std::string>> new_instances;
};
std::unique_ptr<llvm::Module> generate_phrase(llvm::LLVMContext& context, Phrase& phrase, types::TypeArena& arena,
                                              const types::Checker& checker, Diagnostics& diags,
                                              const CodegenOptions& options);

// Generates the whole program: the instances of every function reachable
// from the main module's top level, and `fl_main`, which evaluates the
// top-level items of all modules in order. Returns null after errors.
// `checker` gives access to standard functions that generated code calls
// (Map.to_list for show).
std::unique_ptr<llvm::Module> generate_program(llvm::LLVMContext& context, std::vector<ast::Module*> modules,
                                               types::TypeArena& arena, const types::Checker& checker,
                                               Diagnostics& diags, const CodegenOptions& options);

}  // namespace fl::codegen
