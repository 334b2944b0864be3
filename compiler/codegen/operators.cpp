// Operators: integer and float arithmetic with OCaml's semantics, the
// type-directed comparisons, short-circuit && and ||, pipes.
#include "codegen/lowering.h"

#include <llvm/IR/MDBuilder.h>

namespace fl::codegen {

using namespace fl::ast;

namespace {
bool is_con(Type* t, const char* name) {
  t = types::resolve(t);
  return t->kind == Type::Kind::Con && t->name == name;
}
}  // namespace

llvm::Value* Lowering::lower_unary(UnaryExpr& e) {
  llvm::Value* x = lower(*e.operand, false);
  switch (e.op) {
    case UnaryOp::Neg: return b_.CreateSub(b_.getInt64(0), x);
    case UnaryOp::FNeg: return b_.CreateFNeg(x);
    case UnaryOp::Not: return b_.CreateNot(x);
    case UnaryOp::Deref: break;
  }
  unsupported(e.loc, "references");
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

llvm::Value* Lowering::lower_binary(BinaryExpr& e, bool tail) {
  switch (e.op) {
    case BinaryOp::And:
    case BinaryOp::Or: {
      llvm::Value* left = lower(*e.left, false);
      llvm::BasicBlock* left_end = b_.GetInsertBlock();
      llvm::Function* f = left_end->getParent();
      auto* right_block = llvm::BasicBlock::Create(ctx_, "sc.right", f);
      auto* join = llvm::BasicBlock::Create(ctx_, "sc.join", f);
      bool is_and = e.op == BinaryOp::And;
      if (is_and)
        b_.CreateCondBr(left, right_block, join);
      else
        b_.CreateCondBr(left, join, right_block);
      b_.SetInsertPoint(right_block);
      llvm::Value* right = lower(*e.right, false);
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
      return lower_call(*e.right, {e.left.get()}, tail, e.loc);
    case BinaryOp::AtAt:
      return lower_call(*e.left, {e.right.get()}, tail, e.loc);
    default:
      break;
  }

  // Both operands, left to right (spec section 9).
  Type* operand_type = concrete(e.left->type);
  llvm::Value* x = lower(*e.left, false);
  llvm::Value* y = lower(*e.right, false);
  switch (e.op) {
    case BinaryOp::Add: return b_.CreateAdd(x, y);
    case BinaryOp::Sub: return b_.CreateSub(x, y);
    case BinaryOp::Mul: return b_.CreateMul(x, y);
    case BinaryOp::Div:
    case BinaryOp::Mod: return lower_division(*this, e.op, x, y);
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
    case BinaryOp::Concat: return b_.CreateCall(runtime("fl_string_concat"), {x, y});
    case BinaryOp::Eq: case BinaryOp::Ne: case BinaryOp::Lt: case BinaryOp::Gt:
    case BinaryOp::Le: case BinaryOp::Ge: case BinaryOp::PhysEq: case BinaryOp::PhysNe:
      break;
    default:
      unsupported(e.loc, std::string("the operator ") + binary_op_spelling(e.op));
  }

  // Comparisons.
  if (is_con(operand_type, "unit")) {
    bool holds = e.op == BinaryOp::Eq || e.op == BinaryOp::Le || e.op == BinaryOp::Ge || e.op == BinaryOp::PhysEq;
    return b_.getInt1(holds);
  }
  if (is_con(operand_type, "float")) {
    switch (e.op) {
      case BinaryOp::Eq: case BinaryOp::PhysEq: return b_.CreateFCmpOEQ(x, y);
      case BinaryOp::Ne: case BinaryOp::PhysNe: return b_.CreateFCmpUNE(x, y);
      case BinaryOp::Lt: return b_.CreateFCmpOLT(x, y);
      case BinaryOp::Gt: return b_.CreateFCmpOGT(x, y);
      case BinaryOp::Le: return b_.CreateFCmpOLE(x, y);
      default: return b_.CreateFCmpOGE(x, y);
    }
  }
  bool scalar = is_con(operand_type, "int") || is_con(operand_type, "bool") || is_con(operand_type, "char");
  bool string = is_con(operand_type, "string");
  if (!scalar && !string)
    unsupported(e.loc, "comparison at type " + types::print_type(operand_type));
  if (string && (e.op == BinaryOp::PhysEq || e.op == BinaryOp::PhysNe)) {
    llvm::Value* same = b_.CreateICmpEQ(x, y);
    return e.op == BinaryOp::PhysEq ? same : b_.CreateNot(same);
  }
  if (string) {
    // Structural comparison of strings goes through the runtime's compare.
    x = b_.CreateCall(runtime("fl_string_compare"), {x, y});
    y = b_.getInt64(0);
  }
  // bool and char are unsigned: false < true, '\x00' < '\xff'.
  bool is_signed = !is_con(operand_type, "bool") && !is_con(operand_type, "char");
  switch (e.op) {
    case BinaryOp::Eq: case BinaryOp::PhysEq: return b_.CreateICmpEQ(x, y);
    case BinaryOp::Ne: case BinaryOp::PhysNe: return b_.CreateICmpNE(x, y);
    case BinaryOp::Lt: return is_signed ? b_.CreateICmpSLT(x, y) : b_.CreateICmpULT(x, y);
    case BinaryOp::Gt: return is_signed ? b_.CreateICmpSGT(x, y) : b_.CreateICmpUGT(x, y);
    case BinaryOp::Le: return is_signed ? b_.CreateICmpSLE(x, y) : b_.CreateICmpULE(x, y);
    default: return is_signed ? b_.CreateICmpSGE(x, y) : b_.CreateICmpUGE(x, y);
  }
}

}  // namespace fl::codegen
