// From checker types to concrete types (the current instance's
// substitution applied) and on to LLVM types and heap layouts.
#include "codegen/lowering.h"

#include <algorithm>

#include <llvm/IR/MDBuilder.h>

namespace fl::codegen {

Type* Lowering::concrete(Type* t) {
  t = types::resolve(t);
  if (t->kind == Type::Kind::Var) {
    for (auto& [from, to] : subst_)
      if (from == t) return to;
    // Spec 9: type variables left unconstrained by the whole program are unit.
    return arena_.unit_type();
  }
  if (t->args.empty()) return t;
  std::vector<Type*> args;
  for (Type* a : t->args) args.push_back(concrete(a));
  // Ground already: sharing it rather than copying keeps the arena from
  // growing by a whole type at every use of a big one (a long curried type).
  if (std::equal(args.begin(), args.end(), t->args.begin())) return t;
  switch (t->kind) {
    case Type::Kind::Arrow: return arena_.arrow(args[0], args[1]);
    case Type::Kind::Tuple: return arena_.tuple(std::move(args));
    default: return arena_.con(t->def, std::move(args));
  }
}

llvm::Type* Lowering::lower_type(Type* t) {
  t = concrete(t);
  if (t->kind == Type::Kind::Con && t->def->predefined) {
    const std::string& n = t->name;
    if (n == "int") return b_.getInt64Ty();
    if (n == "float") return b_.getDoubleTy();
    if (n == "bool" || n == "unit") return b_.getInt1Ty();
    if (n == "char") return b_.getInt8Ty();
  }
  return b_.getPtrTy();
}

// Unique names for concrete types, for instance and helper names.
std::string Lowering::mangle(Type* t) { return types::print_type(concrete(t)); }

int Lowering::arrow_count(Type* t) {
  int n = 0;
  for (t = types::resolve(t); t->kind == Type::Kind::Arrow; t = types::resolve(t->args[1])) ++n;
  return n;
}

llvm::StructType* Lowering::block_type(const std::vector<Type*>& fields, bool tagged) {
  std::vector<llvm::Type*> types;
  if (tagged) types.push_back(b_.getInt64Ty());
  for (Type* f : fields) types.push_back(lower_type(f));
  return llvm::StructType::get(ctx_, types);
}

bool Lowering::is_atomic(const std::vector<Type*>& fields) {
  for (Type* f : fields)
    if (lower_type(f)->isPointerTy()) return false;
  return true;
}

// Small objects come inline from the runtime's per-size free lists
// (rts/core/heap.cpp), those without pointers from lists of their own; the
// rest from a call.
llvm::Value* Lowering::allocate(llvm::StructType* type, bool atomic) {
  constexpr uint64_t kGranule = 16, kSmallGranules = 16;  // rts.h: kFlSmallGranules
  uint64_t size = mod_->getDataLayout().getTypeAllocSize(type);
  if (size == 0) size = 8;
  uint64_t granules = (size + kGranule - 1) / kGranule;
  if (granules > kSmallGranules)
    return b_.CreateCall(runtime(atomic ? "fl_alloc_atomic" : "fl_alloc"), {b_.getInt64(size)});
  auto* lists_type = llvm::ArrayType::get(b_.getPtrTy(), kSmallGranules + 1);
  auto* lists = mod_->getOrInsertGlobal(atomic ? "fl_atomic_free_lists" : "fl_free_lists", lists_type);
  llvm::Value* head_ptr = b_.CreateConstInBoundsGEP2_64(lists_type, lists, 0, granules);
  llvm::Value* head = b_.CreateLoad(b_.getPtrTy(), head_ptr);
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  auto* pop = llvm::BasicBlock::Create(ctx_, "alloc.pop", f);
  auto* refill = llvm::BasicBlock::Create(ctx_, "alloc.refill", f);
  auto* done = llvm::BasicBlock::Create(ctx_, "alloc.done", f);
  b_.CreateCondBr(b_.CreateIsNotNull(head), pop, refill, llvm::MDBuilder(ctx_).createLikelyBranchWeights());
  b_.SetInsertPoint(pop);
  b_.CreateStore(b_.CreateLoad(b_.getPtrTy(), head), head_ptr);
  b_.CreateStore(llvm::ConstantPointerNull::get(b_.getPtrTy()), head);  // the link word
  b_.CreateBr(done);
  b_.SetInsertPoint(refill);
  llvm::Value* fresh = b_.CreateCall(runtime("fl_alloc_refill"), {b_.getInt64(granules), b_.getInt1(atomic)});
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  llvm::PHINode* object = b_.CreatePHI(b_.getPtrTy(), 2);
  object->addIncoming(head, pop);
  object->addIncoming(fresh, refill);
  return object;
}

llvm::Value* Lowering::undef_of(Type* t) { return llvm::UndefValue::get(lower_type(t)); }

}  // namespace fl::codegen
