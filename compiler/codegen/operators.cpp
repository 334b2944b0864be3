// Operators: integer and float arithmetic with OCaml's semantics, the
// type-directed comparisons, short-circuit && and ||, pipes, lists, refs.
#include "codegen/lowering.h"

#include <llvm/IR/MDBuilder.h>

namespace fl::codegen {

using namespace fl::ast;

llvm::Value* Lowering::lower_unary(UnaryExpr& e) { return lower_unary_value(e.op, lower(*e.operand), e.type, e.loc); }

llvm::Value* Lowering::lower_unary_value(UnaryOp op, llvm::Value* x, Type* result_type, Loc) {
  switch (op) {
    case UnaryOp::Neg: return b_.CreateSub(b_.getInt64(0), x);
    case UnaryOp::FNeg: return b_.CreateFNeg(x);
    case UnaryOp::Not: return b_.CreateNot(x);
    case UnaryOp::Deref: {
      // A ref is a record with one field, `contents`.
      return b_.CreateLoad(lower_type(result_type), x);
    }
  }
  return x;
}

// Integer division and remainder as OCaml defines them: truncation toward
// zero, Division_by_zero on a zero divisor, and min_int / -1 = min_int
// (where the hardware instruction would trap).
static llvm::Value* lower_division(Lowering& l, BinaryOp op, llvm::Value* x, llvm::Value* d) {
  auto& b = l.builder();
  llvm::Function* f = b.GetInsertBlock()->getParent();
  auto* zero = llvm::BasicBlock::Create(l.context(), "div.zero", f);
  auto* ok = llvm::BasicBlock::Create(l.context(), "div.ok", f);
  b.CreateCondBr(b.CreateICmpEQ(d, b.getInt64(0)), zero, ok, llvm::MDBuilder(l.context()).createUnlikelyBranchWeights());
  b.SetInsertPoint(zero);
  b.CreateCall(l.runtime("fl_raise_division_by_zero"), {});
  b.CreateUnreachable();
  b.SetInsertPoint(ok);
  llvm::Value* minus_one = b.CreateICmpEQ(d, b.getInt64(-1));
  llvm::Value* safe = b.CreateSelect(minus_one, b.getInt64(1), d);
  if (op == BinaryOp::Div) return b.CreateSelect(minus_one, b.CreateSub(b.getInt64(0), x), b.CreateSDiv(x, safe));
  return b.CreateSelect(minus_one, b.getInt64(0), b.CreateSRem(x, safe));
}

llvm::Value* Lowering::lower_binary(BinaryExpr& e) {
  switch (e.op) {
    case BinaryOp::And:
    case BinaryOp::Or: {
      llvm::Value* left = lower(*e.left);
      llvm::BasicBlock* left_end = b_.GetInsertBlock();
      llvm::Function* f = left_end->getParent();
      auto* right_block = llvm::BasicBlock::Create(ctx_, "sc.right", f);
      auto* join = llvm::BasicBlock::Create(ctx_, "sc.join", f);
      bool is_and = e.op == BinaryOp::And;
      if (is_and) b_.CreateCondBr(left, right_block, join);
      else b_.CreateCondBr(left, join, right_block);
      b_.SetInsertPoint(right_block);
      llvm::Value* right = lower(*e.right);
      llvm::BasicBlock* right_end = b_.GetInsertBlock();
      bool right_returns = !block_terminated();
      if (right_returns) b_.CreateBr(join);
      b_.SetInsertPoint(join);
      llvm::PHINode* phi = b_.CreatePHI(b_.getInt1Ty(), 2);
      phi->addIncoming(b_.getInt1(!is_and), left_end);
      if (right_returns) phi->addIncoming(right, right_end);
      return phi;
    }
    case BinaryOp::Pipe:
      return lower_pipe(e, false);
    case BinaryOp::AtAt:
      return lower_apply(*e.left, {e.right.get()}, e.type, false, e.loc);
    default:
      break;
  }
  // Both operands, left to right (spec section 9).
  llvm::Value* x = lower(*e.left);
  llvm::Value* y = lower(*e.right);
  return lower_binary_values(e.op, e.left->type, e.right->type, x, y, e.type, e.loc);
}

llvm::Value* Lowering::lower_binary_values(BinaryOp op, Type* x_type, Type* y_type, llvm::Value* x, llvm::Value* y,
                                           Type* result_type, Loc loc) {
  switch (op) {
    case BinaryOp::Add: return b_.CreateAdd(x, y);
    case BinaryOp::Sub: return b_.CreateSub(x, y);
    case BinaryOp::Mul: return b_.CreateMul(x, y);
    case BinaryOp::Div:
    case BinaryOp::Mod: return lower_division(*this, op, x, y);
    case BinaryOp::Land: return b_.CreateAnd(x, y);
    case BinaryOp::Lor: return b_.CreateOr(x, y);
    case BinaryOp::Lxor: return b_.CreateXor(x, y);
    // A shift by 64 or more is poison in LLVM; OCaml leaves it unspecified,
    // so take the hardware's behaviour (count modulo 64).
    case BinaryOp::Lsl: return b_.CreateShl(x, b_.CreateAnd(y, 63));
    case BinaryOp::Lsr: return b_.CreateLShr(x, b_.CreateAnd(y, 63));
    case BinaryOp::Asr: return b_.CreateAShr(x, b_.CreateAnd(y, 63));
    case BinaryOp::FAdd: return b_.CreateFAdd(x, y);
    case BinaryOp::FSub: return b_.CreateFSub(x, y);
    case BinaryOp::FMul: return b_.CreateFMul(x, y);
    case BinaryOp::FDiv: return b_.CreateFDiv(x, y);
    case BinaryOp::FPow: return b_.CreateCall(runtime("fl_float_pow"), {x, y});
    case BinaryOp::Concat: return b_.CreateCall(runtime("fl_string_concat"), {x, y});
    case BinaryOp::And: return b_.CreateAnd(x, y);
    case BinaryOp::Or: return b_.CreateOr(x, y);
    case BinaryOp::Cons: {
      Type* list = concrete(result_type);
      return construct(list->def->constructors[1], list, {x, y});
    }
    case BinaryOp::Append: {
      Type* list = concrete(result_type);
      return b_.CreateCall(append_function(list), {x, y});
    }
    case BinaryOp::Assign:
      b_.CreateStore(y, x);
      return unit();
    case BinaryOp::Pipe:
      return apply_closure(y, y_type, {x}, false);
    case BinaryOp::AtAt:
      return apply_closure(x, x_type, {y}, false);
    case BinaryOp::Eq: case BinaryOp::Ne: case BinaryOp::Lt: case BinaryOp::Gt:
    case BinaryOp::Le: case BinaryOp::Ge: case BinaryOp::PhysEq: case BinaryOp::PhysNe:
      return lower_comparison(op, x_type, x, y, loc);
  }
  unsupported(loc, std::string("the operator ") + binary_op_spelling(op));
}

llvm::Value* Lowering::lower_comparison(BinaryOp op, Type* operand_type, llvm::Value* x, llvm::Value* y, Loc loc) {
  Type* t = concrete(operand_type);
  llvm::Type* lt = lower_type(t);
  if (op == BinaryOp::PhysEq || op == BinaryOp::PhysNe) {
    llvm::Value* same = lt->isDoubleTy() ? b_.CreateFCmpOEQ(x, y) : b_.CreateICmpEQ(x, y);
    return op == BinaryOp::PhysEq ? same : b_.CreateNot(same);
  }
  if (lt->isDoubleTy()) {
    switch (op) {
      case BinaryOp::Eq: return b_.CreateFCmpOEQ(x, y);
      case BinaryOp::Ne: return b_.CreateFCmpUNE(x, y);
      case BinaryOp::Lt: return b_.CreateFCmpOLT(x, y);
      case BinaryOp::Gt: return b_.CreateFCmpOGT(x, y);
      case BinaryOp::Le: return b_.CreateFCmpOLE(x, y);
      default: return b_.CreateFCmpOGE(x, y);
    }
  }
  if (lt->isIntegerTy()) {
    // bool and char are unsigned: false < true, '\x00' < '\xff'.
    bool is_signed = lt->isIntegerTy(64);
    switch (op) {
      case BinaryOp::Eq: return b_.CreateICmpEQ(x, y);
      case BinaryOp::Ne: return b_.CreateICmpNE(x, y);
      case BinaryOp::Lt: return is_signed ? b_.CreateICmpSLT(x, y) : b_.CreateICmpULT(x, y);
      case BinaryOp::Gt: return is_signed ? b_.CreateICmpSGT(x, y) : b_.CreateICmpUGT(x, y);
      case BinaryOp::Le: return is_signed ? b_.CreateICmpSLE(x, y) : b_.CreateICmpULE(x, y);
      default: return is_signed ? b_.CreateICmpSGE(x, y) : b_.CreateICmpUGE(x, y);
    }
  }
  if (op == BinaryOp::Eq || op == BinaryOp::Ne) {
    llvm::Value* same = b_.CreateCall(equal_function(t, loc), {x, y});
    return op == BinaryOp::Eq ? same : b_.CreateNot(same);
  }
  // -1, 0, 1, or 2 when a nan makes the operands unordered.
  llvm::Value* c = b_.CreateCall(compare_function(t, loc, /*total=*/false), {x, y});
  switch (op) {
    case BinaryOp::Lt: return b_.CreateICmpEQ(c, b_.getInt64(-1));
    case BinaryOp::Gt: return b_.CreateICmpEQ(c, b_.getInt64(1));
    case BinaryOp::Le: return b_.CreateICmpSLE(c, b_.getInt64(0));
    default: return b_.CreateICmpULT(c, b_.getInt64(2));
  }
}

}  // namespace fl::codegen
