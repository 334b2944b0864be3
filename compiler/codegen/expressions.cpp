// Expressions and control flow. Every expression has a value (unit is an
// i1); lower_return handles tail positions, so that a call there is
// followed by its `ret` and LLVM's tailcc makes it a jump.
#include "codegen/lowering.h"

#include <llvm/IR/MDBuilder.h>

namespace fl::codegen {

using namespace fl::ast;

bool Lowering::block_terminated() { return b_.GetInsertBlock()->getTerminator() != nullptr; }

void Lowering::start_dead_block() {
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "dead", b_.GetInsertBlock()->getParent()));
}

void Lowering::emit_return(llvm::Value* value) {
  if (block_terminated()) return;
  b_.CreateRet(value);
}

llvm::Value* Lowering::string_literal(const std::string& s) {
  if (auto it = strings_.find(s); it != strings_.end()) return it->second;
  auto* bytes = llvm::ConstantDataArray::getString(ctx_, s, /*AddNull=*/false);
  auto* type = llvm::StructType::get(ctx_, {b_.getInt64Ty(), bytes->getType()});
  auto* init = llvm::ConstantStruct::get(type, {b_.getInt64(s.size()), bytes});
  auto* g = new llvm::GlobalVariable(*mod_, type, true, llvm::GlobalValue::PrivateLinkage, init, "fl.str");
  g->setAlignment(llvm::Align(8));
  g->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  strings_[s] = g;
  return g;
}

namespace {

llvm::Value* literal(llvm::IRBuilder<>& b, Lowering& l, const Literal& lit) {
  switch (lit.kind) {
    case Literal::Kind::Int: return b.getInt64(static_cast<uint64_t>(lit.int_value));
    case Literal::Kind::Bool: return b.getInt1(lit.int_value != 0);
    case Literal::Kind::Char: return b.getInt8(static_cast<uint8_t>(lit.int_value));
    case Literal::Kind::Float: return llvm::ConstantFP::get(b.getDoubleTy(), lit.float_value);
    case Literal::Kind::String: return l.string_literal(lit.string_value);
    case Literal::Kind::Unit: return b.getInt1(false);
  }
  return b.getInt1(false);
}

}  // namespace

llvm::Value* Lowering::lower(Expr& e) {
  if (!debug_ || !e.loc.valid()) return lower_expr(e);
  // The expression's own instructions, then its parent's again.
  llvm::DebugLoc here = debug_->at(b_.GetInsertBlock()->getParent(), e.loc);
  b_.SetCurrentDebugLocation(here);
  llvm::Value* v = lower_expr(e);
  b_.SetCurrentDebugLocation(here);
  return v;
}

llvm::Value* Lowering::lower_expr(Expr& e) {
  switch (e.kind) {
    case Expr::Kind::Literal:
      return literal(b_, *this, e.as<LiteralExpr>().value);
    case Expr::Kind::Var: {
      auto& v = e.as<VarExpr>();
      Symbol* sym = v.symbol;
      if (sym->kind == Symbol::Kind::Primitive || sym->function) return function_value(sym, e.type, e.loc);
      if (auto it = locals_.find(sym); it != locals_.end()) return it->second;
      if (auto it = globals_.find(sym); it != globals_.end())
        return b_.CreateLoad(it->second->getValueType(), it->second, sym->name);
      if (auto it = poly_values_.find(sym); it != poly_values_.end()) {
        // Rebuild the value at this use's type.
        Subst saved = subst_;
        match_types(sym->scheme.body, concrete(e.type), subst_);
        llvm::Value* value = lower(*it->second);
        subst_ = saved;
        return value;
      }
      if (sym->kind == Symbol::Kind::Global)
        if (llvm::GlobalVariable* g = phrase_global(sym, lower_type(sym->scheme.body), false))
          return b_.CreateLoad(g->getValueType(), g, sym->name);
      unsupported(e.loc, "this use of " + sym->name + " (a variable of an enclosing function)");
    }
    case Expr::Kind::Apply: {
      auto& a = e.as<ApplyExpr>();
      std::vector<Expr*> args;
      for (auto& arg : a.args) args.push_back(arg.get());
      return lower_apply(*a.function, std::move(args), e.type, false, e.loc);
    }
    case Expr::Kind::Unary:
      return lower_unary(e.as<UnaryExpr>());
    case Expr::Kind::Binary:
      return lower_binary(e.as<BinaryExpr>());
    case Expr::Kind::Fun:
    case Expr::Kind::Function:
    case Expr::Kind::OpValue:
      return lower_fun(e);
    case Expr::Kind::Let: {
      auto& let = e.as<LetExpr>();
      lower_let(let.recursive, let.bindings, false);
      return lower(*let.body);
    }
    case Expr::Kind::If: {
      auto& i = e.as<IfExpr>();
      llvm::Value* cond = lower(*i.condition);
      llvm::Function* f = b_.GetInsertBlock()->getParent();
      auto* then_block = llvm::BasicBlock::Create(ctx_, "then", f);
      auto* else_block = llvm::BasicBlock::Create(ctx_, "else", f);
      auto* join = llvm::BasicBlock::Create(ctx_, "join", f);
      b_.CreateCondBr(cond, then_block, else_block);
      std::vector<std::pair<llvm::Value*, llvm::BasicBlock*>> incoming;
      auto branch = [&](llvm::BasicBlock* block, Expr* body) {
        b_.SetInsertPoint(block);
        llvm::Value* v = body ? lower(*body) : unit();
        if (block_terminated()) return;
        incoming.emplace_back(v, b_.GetInsertBlock());
        b_.CreateBr(join);
      };
      branch(then_block, i.then_branch.get());
      branch(else_block, i.else_branch.get());
      b_.SetInsertPoint(join);
      if (incoming.empty()) {
        b_.CreateUnreachable();
        start_dead_block();
        return undef_of(e.type);
      }
      llvm::PHINode* phi = b_.CreatePHI(lower_type(e.type), incoming.size());
      for (auto& [v, block] : incoming) phi->addIncoming(v, block);
      return phi;
    }
    case Expr::Kind::Seq: {
      auto& s = e.as<SeqExpr>();
      lower(*s.first);
      return lower(*s.second);
    }
    case Expr::Kind::While: {
      auto& w = e.as<WhileExpr>();
      llvm::Function* f = b_.GetInsertBlock()->getParent();
      auto* cond_block = llvm::BasicBlock::Create(ctx_, "while.cond", f);
      auto* body_block = llvm::BasicBlock::Create(ctx_, "while.body", f);
      auto* exit_block = llvm::BasicBlock::Create(ctx_, "while.exit", f);
      b_.CreateBr(cond_block);
      b_.SetInsertPoint(cond_block);
      b_.CreateCondBr(lower(*w.condition), body_block, exit_block);
      b_.SetInsertPoint(body_block);
      lower(*w.body);
      if (!block_terminated()) {
        safepoint_poll();
        b_.CreateBr(cond_block);
      }
      b_.SetInsertPoint(exit_block);
      return unit();
    }
    case Expr::Kind::For: {
      auto& fe = e.as<ForExpr>();
      // OCaml evaluates both bounds once, before the first iteration, and
      // the loop runs zero times when they are out of order.
      llvm::Value* from = lower(*fe.from);
      llvm::Value* to = lower(*fe.to);
      llvm::Function* f = b_.GetInsertBlock()->getParent();
      llvm::BasicBlock* pre = b_.GetInsertBlock();
      auto* body_block = llvm::BasicBlock::Create(ctx_, "for.body", f);
      auto* exit_block = llvm::BasicBlock::Create(ctx_, "for.exit", f);
      llvm::Value* skip = fe.down ? b_.CreateICmpSLT(from, to) : b_.CreateICmpSGT(from, to);
      b_.CreateCondBr(skip, exit_block, body_block);
      b_.SetInsertPoint(body_block);
      llvm::PHINode* i = b_.CreatePHI(b_.getInt64Ty(), 2, fe.var);
      i->addIncoming(from, pre);
      locals_[fe.symbol] = i;
      lower(*fe.body);
      if (!block_terminated()) {
        safepoint_poll();
        // Test before stepping so that a bound of max_int cannot overflow.
        llvm::Value* done = b_.CreateICmpEQ(i, to);
        llvm::Value* next = fe.down ? b_.CreateSub(i, b_.getInt64(1)) : b_.CreateAdd(i, b_.getInt64(1));
        i->addIncoming(next, b_.GetInsertBlock());
        b_.CreateCondBr(done, exit_block, body_block);
      }
      b_.SetInsertPoint(exit_block);
      return unit();
    }
    case Expr::Kind::Annot:
      return lower(*e.as<AnnotExpr>().expr);
    case Expr::Kind::Match:
      return lower_match(e.as<MatchExpr>(), false);
    case Expr::Kind::Try:
      return lower_try(e.as<TryExpr>(), false);
    case Expr::Kind::Assert: {
      auto& a = e.as<AssertExpr>();
      llvm::Value* ok = lower(*a.condition);
      llvm::Function* f = b_.GetInsertBlock()->getParent();
      auto* fail_block = llvm::BasicBlock::Create(ctx_, "assert.fail", f);
      auto* ok_block = llvm::BasicBlock::Create(ctx_, "assert.ok", f);
      b_.CreateCondBr(ok, ok_block, fail_block, llvm::MDBuilder(ctx_).createLikelyBranchWeights());
      b_.SetInsertPoint(fail_block);
      const types::Constructor* ctor = arena_.exception("Assert_failure");
      llvm::Value* exn = construct(ctor, arena_.exn_type(),
                                   {string_literal(diags_.file_name(e.loc)),
                                    b_.getInt64(e.loc.line), b_.getInt64(e.loc.col)});
      lower_raise(exn);
      b_.SetInsertPoint(ok_block);
      return types::resolve(e.type)->kind == Type::Kind::Var || !types::is_builtin(e.type, "unit") ? undef_of(e.type)
                                                                                                   : unit();
    }
    case Expr::Kind::Construct:
    case Expr::Kind::Tuple:
    case Expr::Kind::List:
    case Expr::Kind::Array:
    case Expr::Kind::Record:
    case Expr::Kind::RecordUpdate:
    case Expr::Kind::Field:
    case Expr::Kind::SetField:
    case Expr::Kind::Index:
    case Expr::Kind::SetIndex:
    case Expr::Kind::StringIndex:
      return lower_data(e);
  }
  unsupported(e.loc, "this expression");
}

void Lowering::lower_return(Expr& e) {
  if (debug_ && e.loc.valid()) b_.SetCurrentDebugLocation(debug_->at(b_.GetInsertBlock()->getParent(), e.loc));
  switch (e.kind) {
    case Expr::Kind::If: {
      auto& i = e.as<IfExpr>();
      llvm::Value* cond = lower(*i.condition);
      llvm::Function* f = b_.GetInsertBlock()->getParent();
      auto* then_block = llvm::BasicBlock::Create(ctx_, "then", f);
      auto* else_block = llvm::BasicBlock::Create(ctx_, "else", f);
      b_.CreateCondBr(cond, then_block, else_block);
      b_.SetInsertPoint(then_block);
      lower_return(*i.then_branch);
      b_.SetInsertPoint(else_block);
      if (i.else_branch) lower_return(*i.else_branch);
      else emit_return(unit());
      start_dead_block();
      return;
    }
    case Expr::Kind::Let: {
      auto& let = e.as<LetExpr>();
      lower_let(let.recursive, let.bindings, false);
      lower_return(*let.body);
      return;
    }
    case Expr::Kind::Seq: {
      auto& s = e.as<SeqExpr>();
      lower(*s.first);
      lower_return(*s.second);
      return;
    }
    case Expr::Kind::Annot:
      lower_return(*e.as<AnnotExpr>().expr);
      return;
    case Expr::Kind::Match:
      lower_match(e.as<MatchExpr>(), true);
      return;
    case Expr::Kind::Apply: {
      auto& a = e.as<ApplyExpr>();
      std::vector<Expr*> args;
      for (auto& arg : a.args) args.push_back(arg.get());
      lower_apply(*a.function, std::move(args), e.type, true, e.loc);
      return;
    }
    case Expr::Kind::Binary: {
      auto& bin = e.as<BinaryExpr>();
      if (bin.op == BinaryOp::Pipe) {
        lower_pipe(bin, true);
        return;
      }
      if (bin.op == BinaryOp::AtAt) {
        lower_apply(*bin.left, {bin.right.get()}, e.type, true, e.loc);
        return;
      }
      if (bin.op == BinaryOp::And || bin.op == BinaryOp::Or) {
        // The right operand of && and || is in tail position, as in OCaml.
        llvm::Value* left = lower(*bin.left);
        llvm::Function* f = b_.GetInsertBlock()->getParent();
        auto* right_block = llvm::BasicBlock::Create(ctx_, "sc.right", f);
        auto* done_block = llvm::BasicBlock::Create(ctx_, "sc.done", f);
        bool is_and = bin.op == BinaryOp::And;
        b_.CreateCondBr(left, is_and ? right_block : done_block, is_and ? done_block : right_block);
        b_.SetInsertPoint(done_block);
        b_.CreateRet(b_.getInt1(!is_and));
        b_.SetInsertPoint(right_block);
        lower_return(*bin.right);
        start_dead_block();
        return;
      }
      break;
    }
    default:
      break;
  }
  emit_return(lower(e));
}

}  // namespace fl::codegen
