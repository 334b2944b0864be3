// LLVM's tail-recursion elimination also handles "accumulator recursion":
// `1 + deep (n - 1)` becomes a loop that adds as it goes. Then
// `deep 1_000_000_000` runs in constant stack and returns, where the
// language says a call that is not a tail call takes stack, and runaway
// recursion raises Stack_overflow (conformance program stack_overflow).
// But the same transformation makes `fib (n - 1) + fib (n - 2)` a loop over
// its second call, which halves the calls of fib: keep it where it cannot
// hide a runaway recursion.
//
// The rule: a self-call in non-tail position is marked `notail` (which the
// elimination respects) unless another self-call dominates it, i.e. comes
// first on every path to it. The first self-call of every path then stays
// a real call, so each level of a recursion still takes a frame, and a
// recursion without end still overflows; only the later calls of a level
// (fib's second) may become a loop.
#include "codegen/recursion.h"

#include <llvm/IR/Dominators.h>
#include <llvm/IR/Instructions.h>

#include <vector>

namespace fl::codegen {

void keep_recursion_on_stack(llvm::Module& module) {
  for (llvm::Function& f : module) {
    if (f.isDeclaration()) continue;
    std::vector<llvm::CallInst*> self_calls;
    for (llvm::BasicBlock& block : f)
      for (llvm::Instruction& i : block)
        if (auto* call = llvm::dyn_cast<llvm::CallInst>(&i))
          if (call->getCalledFunction() == &f) self_calls.push_back(call);
    if (self_calls.empty()) continue;
    llvm::DominatorTree dominators(f);
    for (llvm::CallInst* call : self_calls) {
      if (call->isTailCall() || call->isMustTailCall()) continue;  // a tail call: a jump
      bool preceded = false;
      for (llvm::CallInst* other : self_calls)
        if (other != call && dominators.dominates(other, call)) preceded = true;
      if (!preceded) call->setTailCallKind(llvm::CallInst::TCK_NoTail);
    }
  }
}

}  // namespace fl::codegen
