// Runaway recursion must raise Stack_overflow (LANGUAGE.md 5), so the
// optimiser may not turn every recursion into a loop: see recursion.cpp.
#pragma once

#include <llvm/IR/Module.h>

namespace fl::codegen {

// Marks `notail` the self-calls in non-tail position that no other
// self-call precedes on every path (dominates), before the optimiser runs.
void keep_recursion_on_stack(llvm::Module& module);

}  // namespace fl::codegen
