// codegen/recursion.cpp: which self-calls are kept as real calls (notail),
// so that LLVM's tail-recursion elimination cannot turn a runaway
// recursion into a loop, and which it may still eliminate.
#include <gtest/gtest.h>
#include <llvm/AsmParser/Parser.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/SourceMgr.h>

#include <string>
#include <vector>

#include "codegen/emit.h"
#include "codegen/recursion.h"

namespace {

// The tail-call kinds of the self-calls of @f, in order, after the marking.
std::vector<std::string> marked(const std::string& ir, bool optimise = false) {
  llvm::LLVMContext context;
  llvm::SMDiagnostic error;
  std::unique_ptr<llvm::Module> module = llvm::parseAssemblyString(ir, error, context);
  EXPECT_TRUE(module) << error.getMessage().str();
  if (!module) return {};
  if (optimise) fl::codegen::optimize(*module, 2);
  else fl::codegen::keep_recursion_on_stack(*module);
  std::vector<std::string> kinds;
  llvm::Function* f = module->getFunction("f");
  for (llvm::BasicBlock& block : *f)
    for (llvm::Instruction& i : block)
      if (auto* call = llvm::dyn_cast<llvm::CallInst>(&i); call && call->getCalledFunction() == f)
        kinds.push_back(call->isNoTailCall() ? "notail" : call->isTailCall() ? "tail" : "call");
  return kinds;
}

// One self-call, then `tail_code`: f n = if n = 0 then 0 else ... f (n - 1).
std::string one_self_call(const std::string& call_then_return) {
  return R"(
define i64 @f(i64 %n) {
entry:
  %zero = icmp eq i64 %n, 0
  br i1 %zero, label %done, label %more
more:
  %m = sub i64 %n, 1
)" + call_then_return + R"(
done:
  ret i64 0
})";
}

// let rec f n = if n = 0 then 0 else 1 + f (n - 1)
const std::string kDeep = one_self_call("  %r = call i64 @f(i64 %m)\n  %s = add i64 %r, 1\n  ret i64 %s");

// A call in tail position stays one (constant stack).
const std::string kTail = one_self_call("  %r = tail call i64 @f(i64 %m)\n  ret i64 %r");

// let rec f n = if n < 2 then n else f (n - 1) + f (n - 2)
const char* kFib = R"(
define i64 @f(i64 %n) {
entry:
  %small = icmp slt i64 %n, 2
  br i1 %small, label %done, label %more
more:
  %a = sub i64 %n, 1
  %x = call i64 @f(i64 %a)
  %b = sub i64 %n, 2
  %y = call i64 @f(i64 %b)
  %s = add i64 %x, %y
  ret i64 %s
done:
  ret i64 %n
})";

// Two self-calls on different paths: neither precedes the other.
const char* kBranches = R"(
define i64 @f(i64 %n) {
entry:
  %zero = icmp eq i64 %n, 0
  br i1 %zero, label %done, label %more
more:
  %m = sub i64 %n, 1
  %odd = trunc i64 %n to i1
  br i1 %odd, label %left, label %right
left:
  %l = call i64 @f(i64 %m)
  %ls = add i64 %l, 1
  ret i64 %ls
right:
  %r = call i64 @f(i64 %m)
  %rs = add i64 %r, 2
  ret i64 %rs
done:
  ret i64 0
})";

TEST(KeepRecursionOnStack, TheOnlySelfCallStaysACall) {
  EXPECT_EQ(marked(kDeep), std::vector<std::string>{"notail"});
  // After the whole -O2 pipeline: still a recursion, not a loop.
  EXPECT_EQ(marked(kDeep, true), std::vector<std::string>{"notail"});
}

TEST(KeepRecursionOnStack, ALaterSelfCallMayBecomeALoop) {
  EXPECT_EQ(marked(kFib), (std::vector<std::string>{"notail", "call"}));
  // -O2 eliminates the second call (a loop), keeps the first.
  EXPECT_EQ(marked(kFib, true), std::vector<std::string>{"notail"});
}

TEST(KeepRecursionOnStack, SelfCallsOnSeparatePathsAllStay) {
  EXPECT_EQ(marked(kBranches), (std::vector<std::string>{"notail", "notail"}));
}

TEST(KeepRecursionOnStack, TailCallsAreLeftAlone) {
  EXPECT_EQ(marked(kTail), std::vector<std::string>{"tail"});
}

}  // namespace
