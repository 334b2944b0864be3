// The REPL's incremental mode (codegen.h, generate_phrase): one LLVM module
// per phrase. What differs from a whole program:
//   - top-level values live in 8-byte slots that the REPL provides (external
//     declarations named fl.<linkage name>), so later phrases share them;
//   - the polymorphic values of earlier phrases are rebuilt from their AST;
//     the instances of functions that earlier phrases compiled are called
//     (Phrase::instances), others are generated here;
//   - exception descriptors are defined by the phrase that declares the
//     exception (the predefined ones by the first) and declared by others;
//   - the entry function is named per phrase and stores the show of each
//     answer in the array it is given;
//   - safe points, when asked for (Ctrl-C).
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/MDBuilder.h>

#include "codegen/lowering.h"

namespace fl::codegen {

using namespace fl::ast;

llvm::GlobalVariable* Lowering::phrase_global(const Symbol* sym, llvm::Type* type, bool define) {
  if (!phrase_) return nullptr;
  std::string name = "fl." + sym->linkage_name;
  llvm::GlobalVariable* g = mod_->getGlobalVariable(name, true);
  if (!g) {
    g = new llvm::GlobalVariable(*mod_, type, false, llvm::GlobalValue::ExternalLinkage, nullptr, name);
    g->setAlignment(llvm::Align(8));
    if (define) phrase_->globals.push_back(name);
  }
  globals_[sym] = g;
  return g;
}

llvm::GlobalVariable* Lowering::phrase_exception_declaration(const types::Constructor* ctor, const std::string& name) {
  if (!phrase_) return nullptr;
  bool predefined = arena_.builtin_exceptions().count(ctor->name) && arena_.builtin_exceptions().at(ctor->name) == ctor;
  if (predefined ? phrase_->define_predefined_exceptions : phrase_->exceptions.count(ctor) > 0) return nullptr;
  auto* type = llvm::StructType::get(ctx_, {b_.getPtrTy(), b_.getPtrTy()});
  auto* g = new llvm::GlobalVariable(*mod_, type, true, llvm::GlobalValue::ExternalLinkage, nullptr, name);
  g->setAlignment(llvm::Align(16));
  return g;
}

namespace {

// What an instance is, independently of names: the symbol and the ground
// type, declarations by identity (a shadowed `t` and the new `t` differ).
void type_key(Type* t, std::string& out) {
  t = types::resolve(t);
  switch (t->kind) {
    case Type::Kind::Var: out += "?"; return;
    case Type::Kind::Arrow: out += "->"; break;
    case Type::Kind::Tuple: out += "*"; break;
    case Type::Kind::Con: out += std::to_string(reinterpret_cast<uintptr_t>(t->def)); break;
  }
  out += "(";
  for (Type* a : t->args) {
    type_key(a, out);
    out += ",";
  }
  out += ")";
}

std::string instance_key(const Symbol* sym, Type* ground) {
  std::string key = std::to_string(reinterpret_cast<uintptr_t>(sym)) + ":";
  type_key(ground, key);
  return key;
}

}  // namespace

llvm::Function* Lowering::phrase_compiled_instance(const Symbol* sym, Type* ground, int arity) {
  if (!phrase_ || !phrase_->instances || sym->kind != Symbol::Kind::Global) return nullptr;
  auto it = phrase_->instances->find(instance_key(sym, ground));
  if (it == phrase_->instances->end()) return nullptr;
  if (llvm::Function* f = mod_->getFunction(it->second)) return f;
  auto* f = llvm::Function::Create(closure_signature(ground, arity), llvm::Function::ExternalLinkage, it->second, *mod_);
  f->setCallingConv(llvm::CallingConv::Tail);
  set_function_attributes(f);
  return f;
}

void Lowering::phrase_export_instance(const Symbol* sym, Type* ground, llvm::Function* f) {
  if (!phrase_ || !phrase_->export_instances || sym->kind != Symbol::Kind::Global) return;
  std::string name = phrase_->entry + ".f" + std::to_string(phrase_->new_instances.size());
  f->setName(name);
  f->setLinkage(llvm::Function::ExternalLinkage);
  phrase_->new_instances.emplace_back(instance_key(sym, ground), name);
}

void Lowering::store_answer(size_t k, llvm::Value* value, Type* type) {
  llvm::Value* builder = b_.CreateCall(runtime("fl_builder_new"), {});
  if (!value) value = undef_of(type);  // a function: shown as <fun>
  show_into(builder, value, type, false);
  llvm::Value* shown = b_.CreateCall(runtime("fl_builder_finish"), {builder});
  b_.CreateStore(shown, b_.CreateConstInBoundsGEP1_64(b_.getPtrTy(), phrase_answers_, k));
}

void Lowering::phrase_expression_answer(const Expr& e, llvm::Value* value) {
  if (block_terminated()) return;  // it raised
  for (size_t k = 0; k < phrase_->answers.size(); ++k)
    if (phrase_->answers[k].expr == &e) store_answer(k, value, e.type);
}

// The safe point, fused with the stack check (GHC's trick): the frame
// pointer is compared with `fl_stack_limit`, the running thread's limit,
// which the timer overwrites with UINTPTR_MAX to ask for preemption. One
// load and one compare (`cmp %rbp, fl_stack_limit(%rip); ja`), as cheap as
// testing a flag; fl_safepoint tells preemption from overflow. %rbp, not
// %rsp: an explicit read of %rsp right after the prologue's pushes costs
// the CPU a stack-pointer sync (fib: 30% slower); the frame lies below %rbp,
// within the limit's headroom (platform/threads.h).
void Lowering::safepoint_poll() {
  if (!options_.safepoints) return;
  llvm::Function* frame_address =
      llvm::Intrinsic::getDeclaration(mod_.get(), llvm::Intrinsic::frameaddress, {b_.getPtrTy()});
  llvm::Value* frame = b_.CreatePtrToInt(b_.CreateCall(frame_address, {b_.getInt32(0)}), b_.getInt64Ty());
  auto* limit_var = mod_->getOrInsertGlobal("fl_stack_limit", b_.getInt64Ty());
  llvm::LoadInst* limit = b_.CreateLoad(b_.getInt64Ty(), limit_var);
  limit->setVolatile(true);
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  auto* poll = llvm::BasicBlock::Create(ctx_, "safepoint", f);
  auto* go_on = llvm::BasicBlock::Create(ctx_, "safepoint.done", f);
  b_.CreateCondBr(b_.CreateICmpULT(frame, limit), poll, go_on, llvm::MDBuilder(ctx_).createUnlikelyBranchWeights());
  b_.SetInsertPoint(poll);
  b_.CreateCall(mod_->getOrInsertFunction("fl_safepoint", llvm::FunctionType::get(b_.getVoidTy(), false)), {});
  b_.CreateBr(go_on);
  b_.SetInsertPoint(go_on);
}

std::unique_ptr<llvm::Module> Lowering::run_phrase(Phrase& phrase) {
  phrase_ = &phrase;
  mod_ = std::make_unique<llvm::Module>(phrase.entry, ctx_);
  mod_->setTargetTriple("x86_64-unknown-linux-gnu");
  mod_->setDataLayout("e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128");
  if (!phrase.modules.empty()) start_debug_info(phrase.modules[0]->file);
  // The polymorphic values of what ran before are rebuilt at each use, as
  // lower_let does for the program's own.
  for (Module* m : phrase.earlier)
    for (auto& item : m->items) {
      if (item->kind != Item::Kind::Let) continue;
      for (auto& b : item->as<LetItem>().bindings) {
        if (b.pattern->kind != Pattern::Kind::Var) continue;
        Symbol* sym = b.pattern->as<VarPattern>().symbol;
        if (sym && !sym->function && !sym->scheme.vars.empty()) poly_values_[sym] = b.body.get();
      }
    }
  bool failed = false;
  try {
    if (phrase.define_predefined_exceptions) define_exception_descriptors();
    for (const types::Constructor* ctor : phrase.exceptions) exception_descriptor(ctor);
  } catch (LoweringFailed&) {
    failed = true;
  }
  auto* entry_type = llvm::FunctionType::get(b_.getVoidTy(), {b_.getPtrTy()}, false);
  auto* entry = llvm::Function::Create(entry_type, llvm::Function::ExternalLinkage, phrase.entry, *mod_);
  set_function_attributes(entry);
  phrase_answers_ = entry->getArg(0);
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", entry));
  try {
    for (Module* m : phrase.modules) lower_top_level(*m);
    for (size_t k = 0; k < phrase.answers.size() && !block_terminated(); ++k) {
      const Symbol* sym = phrase.answers[k].symbol;
      if (!sym) continue;
      llvm::Value* value = nullptr;
      if (sym->function || sym->kind == Symbol::Kind::Primitive) {
        value = nullptr;
      } else if (auto g = globals_.find(sym); g != globals_.end()) {
        value = b_.CreateLoad(g->second->getValueType(), g->second, sym->name);
      } else if (auto p = poly_values_.find(sym); p != poly_values_.end()) {
        subst_.clear();  // at unit: spec 9
        value = lower(*p->second);
      } else {
        continue;
      }
      store_answer(k, value, sym->scheme.body);
    }
    if (!block_terminated()) b_.CreateRetVoid();
  } catch (LoweringFailed&) {
    failed = true;
  }
  return finish_module(failed);
}

std::unique_ptr<llvm::Module> generate_phrase(llvm::LLVMContext& context, Phrase& phrase, types::TypeArena& arena,
                                              const types::Checker& checker, Diagnostics& diags,
                                              const CodegenOptions& options) {
  Lowering lowering(context, arena, checker, diags, options);
  return lowering.run_phrase(phrase);
}

}  // namespace fl::codegen
