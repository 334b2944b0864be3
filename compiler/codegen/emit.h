// From an LLVM module to the bytes on disk: the optimisation pipeline and
// the x86-64 back end.
#pragma once

#include <string>

#include <llvm/IR/Module.h>

namespace fl::codegen {

enum class OutputKind { LlvmIr, Assembly, Object };

// Runs LLVM's standard pipeline for -O<level> (0..3).
void optimize(llvm::Module& module, int level);

// Writes the module as IR text, assembly or an ELF object. The target is
// always x86-64 ELF, position independent, so one object links into a VM
// image and into a host (PIE) executable alike. Returns false and sets
// `error` on failure.
bool emit(llvm::Module& module, OutputKind kind, const std::string& path, int opt_level, std::string& error);

}  // namespace fl::codegen
