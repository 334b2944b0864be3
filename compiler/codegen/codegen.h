// LLVM IR generation from the typed AST.
//
// Monomorphisation happens here, on demand: a polymorphic function is
// generated once per concrete type it is used at (the instance's type
// variables are substituted while its body is lowered), so ints, floats and
// bools are never boxed. Functions use LLVM's `tailcc` and every call in
// tail position is marked `tail`, which LLVM guarantees to turn into a jump.
#pragma once

#include <memory>
#include <vector>

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include "ast/ast.h"
#include "support/diagnostics.h"
#include "types/infer.h"
#include "types/type.h"

namespace fl::codegen {

struct CodegenOptions {
  // The same object is linked into VM images and host executables, so it
  // never uses the red zone: interrupts in the VM arrive on the current
  // stack.
  bool red_zone = false;
};

// Generates the whole program: the instances of every function reachable
// from the main module's top level, and `fl_main`, which evaluates the
// top-level items of all modules in order. Returns null after errors.
// `checker` gives access to standard functions that generated code calls
// (Map.to_list for show).
std::unique_ptr<llvm::Module> generate_program(llvm::LLVMContext& context, std::vector<ast::Module*> modules,
                                               types::TypeArena& arena, const types::Checker& checker,
                                               Diagnostics& diags, const CodegenOptions& options);

}  // namespace fl::codegen
