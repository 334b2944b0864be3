#include "codegen/lowering.h"

#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

namespace fl::codegen {

using namespace fl::ast;

Lowering::Lowering(llvm::LLVMContext& context, types::TypeArena& arena, Diagnostics& diags,
                   const CodegenOptions& options)
    : ctx_(context), arena_(arena), diags_(diags), options_(options), b_(context) {}

void Lowering::unsupported(Loc loc, const std::string& construct) {
  diags_.error(loc, "not supported yet: " + construct);
  throw LoweringFailed{};
}

// ---------------------------------------------------------------------------
// Types.

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
  switch (t->kind) {
    case Type::Kind::Arrow: return arena_.arrow(args[0], args[1]);
    case Type::Kind::Tuple: return arena_.tuple(std::move(args));
    default: return arena_.con(t->name, std::move(args));
  }
}

llvm::Type* Lowering::lower_type(Type* t) {
  t = concrete(t);
  if (t->kind == Type::Kind::Con) {
    if (t->name == "unit") return nullptr;
    if (t->name == "int") return b_.getInt64Ty();
    if (t->name == "bool") return b_.getInt1Ty();
    if (t->name == "char") return b_.getInt8Ty();
    if (t->name == "float") return b_.getDoubleTy();
  }
  return b_.getPtrTy();  // strings and every heap value
}

llvm::Value* Lowering::undef_of(Type* t) {
  llvm::Type* lt = lower_type(t);
  return lt ? llvm::UndefValue::get(lt) : nullptr;
}

bool Lowering::block_terminated() { return b_.GetInsertBlock()->getTerminator() != nullptr; }

void Lowering::call_noreturn(const char* name, std::vector<llvm::Value*> args) {
  b_.CreateCall(runtime(name), args);
  b_.CreateUnreachable();
  // Code after the call is dead; give it a block of its own so that the
  // lowering of the rest of the expression needs no special case.
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "dead", f));
}

// ---------------------------------------------------------------------------
// Functions and their instances.

bool Lowering::shape_of(const Binding& b, FunctionShape& out) {
  auto& binding = const_cast<Binding&>(b);
  if (!binding.params.empty()) {
    out = {&binding.params, binding.body.get()};
    return true;
  }
  if (binding.body && binding.body->kind == Expr::Kind::Fun) {
    auto& f = binding.body->as<FunExpr>();
    out = {&f.params, f.body.get()};
    return true;
  }
  return false;
}

void Lowering::match_types(Type* generic, Type* concrete_type, std::vector<std::pair<Type*, Type*>>& subst) {
  generic = types::resolve(generic);
  concrete_type = types::resolve(concrete_type);
  if (generic->kind == Type::Kind::Var) {
    for (auto& [from, to] : subst)
      if (from == generic) return;
    subst.emplace_back(generic, concrete_type);
    return;
  }
  if (generic->kind != concrete_type->kind || generic->args.size() != concrete_type->args.size()) return;
  for (size_t i = 0; i < generic->args.size(); ++i) match_types(generic->args[i], concrete_type->args[i], subst);
}

void Lowering::set_function_attributes(llvm::Function* f) {
  if (!options_.red_zone) f->addFnAttr(llvm::Attribute::NoRedZone);
  f->addFnAttr("frame-pointer", "all");  // cheap backtraces in panics
}

llvm::Function* Lowering::instance_of(Symbol* sym, Type* instance_type, Loc loc) {
  Type* ground = concrete(instance_type);
  std::string mangled = "fl." + sym->linkage_name;
  if (!sym->scheme.vars.empty()) mangled += "<" + types::print_type(ground) + ">";
  if (auto it = instances_.find(mangled); it != instances_.end()) return it->second;

  FunctionShape shape;
  if (!shape_of(*sym->function, shape)) unsupported(loc, "function values");
  std::vector<llvm::Type*> params;
  Type* t = ground;
  for (size_t i = 0; i < shape.params->size(); ++i) {
    t = types::resolve(t);
    if (t->kind != Type::Kind::Arrow) unsupported(loc, "this function's type");
    if (llvm::Type* lt = lower_type(t->args[0])) params.push_back(lt);
    t = t->args[1];
  }
  llvm::Type* ret = lower_type(t);
  auto* fn_type = llvm::FunctionType::get(ret ? ret : b_.getVoidTy(), params, false);
  auto* f = llvm::Function::Create(fn_type, llvm::Function::InternalLinkage, mangled, *mod_);
  f->setCallingConv(llvm::CallingConv::Tail);
  set_function_attributes(f);
  instances_[mangled] = f;

  Instance inst{sym->function, sym, f, {}};
  // The instance's substitution maps the scheme's generic variables to the
  // concrete types at this use; variables of enclosing instances (for local
  // functions) keep the enclosing substitution.
  inst.subst = subst_;
  match_types(sym->scheme.body, ground, inst.subst);
  pending_.push_back(std::move(inst));
  return f;
}

void Lowering::lower_instance(Instance& inst) {
  subst_ = inst.subst;
  locals_.clear();
  FunctionShape shape;
  shape_of(*inst.binding, shape);
  llvm::Function* f = inst.function;
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
  auto arg = f->arg_begin();
  for (auto& p : *shape.params) {
    llvm::Value* value = nullptr;
    if (lower_type(p->type)) value = &*arg++;
    bind_pattern(*p, value, false);
  }
  llvm::Value* result = lower(*shape.body, /*tail=*/true);
  if (block_terminated()) return;
  if (f->getReturnType()->isVoidTy())
    b_.CreateRetVoid();
  else
    b_.CreateRet(result);
}

void Lowering::bind_pattern(Pattern& p, llvm::Value* value, bool top_level) {
  switch (p.kind) {
    case Pattern::Kind::Var: {
      auto& v = p.as<VarPattern>();
      if (!top_level) {
        locals_[v.symbol] = value;
        return;
      }
      llvm::Type* lt = lower_type(p.type);
      if (!lt) return;  // a unit global holds nothing
      auto* g = new llvm::GlobalVariable(*mod_, lt, false, llvm::GlobalValue::InternalLinkage,
                                         llvm::Constant::getNullValue(lt), "fl." + v.symbol->linkage_name);
      globals_[v.symbol] = g;
      b_.CreateStore(value, g);
      return;
    }
    case Pattern::Kind::Wildcard:
    case Pattern::Kind::Literal:  // only () reaches here: the checker refuses others
      return;
    case Pattern::Kind::Annot:
      bind_pattern(*p.as<AnnotPattern>().pattern, value, top_level);
      return;
    default:
      unsupported(p.loc, "this kind of pattern");
  }
}

// ---------------------------------------------------------------------------
// The program.

void Lowering::lower_let_bindings(std::vector<Binding>& bindings, bool top_level) {
  for (auto& b : bindings) {
    FunctionShape shape;
    // Functions are generated on demand, once per instance type.
    if (b.name() && shape_of(b, shape)) continue;
    llvm::Value* value = lower(*b.body, false);
    bind_pattern(*b.pattern, value, top_level);
  }
}

void Lowering::lower_top_level(Module& m) {
  for (auto& item : m.items) {
    switch (item->kind) {
      case Item::Kind::Let:
        lower_let_bindings(item->as<LetItem>().bindings, true);
        break;
      case Item::Kind::Expr:
        lower(*item->as<ExprItem>().expr, false);
        break;
      default:
        unsupported(item->loc, "this top-level item");
    }
    if (block_terminated()) b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "dead", b_.GetInsertBlock()->getParent()));
  }
}

std::unique_ptr<llvm::Module> Lowering::run(std::vector<Module*> modules) {
  mod_ = std::make_unique<llvm::Module>(modules.empty() ? "fl" : modules.back()->name, ctx_);
  auto* main_type = llvm::FunctionType::get(b_.getVoidTy(), false);
  auto* main = llvm::Function::Create(main_type, llvm::Function::ExternalLinkage, "fl_main", *mod_);
  set_function_attributes(main);
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", main));
  bool failed = false;
  try {
    for (Module* m : modules) lower_top_level(*m);
    if (!block_terminated()) b_.CreateRetVoid();
  } catch (LoweringFailed&) {
    failed = true;
  }
  // Generating an instance may ask for more; each failure is reported and
  // the others still get checked.
  while (!pending_.empty()) {
    Instance inst = std::move(pending_.front());
    pending_.pop_front();
    try {
      lower_instance(inst);
    } catch (LoweringFailed&) {
      failed = true;
    }
  }
  if (failed || diags_.has_errors()) return nullptr;
  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (llvm::verifyModule(*mod_, &os)) {
    diags_.error("internal error: generated LLVM IR is invalid:\n" + os.str());
    return nullptr;
  }
  return std::move(mod_);
}

// ---------------------------------------------------------------------------
// Expressions.

llvm::Value* Lowering::lower(Expr& e, bool tail) {
  switch (e.kind) {
    case Expr::Kind::Literal: {
      const Literal& lit = e.as<LiteralExpr>().value;
      switch (lit.kind) {
        case Literal::Kind::Int: return b_.getInt64(static_cast<uint64_t>(lit.int_value));
        case Literal::Kind::Bool: return b_.getInt1(lit.int_value != 0);
        case Literal::Kind::Char: return b_.getInt8(static_cast<uint8_t>(lit.int_value));
        case Literal::Kind::Float: return llvm::ConstantFP::get(b_.getDoubleTy(), lit.float_value);
        case Literal::Kind::String: return string_literal(lit.string_value);
        case Literal::Kind::Unit: return nullptr;
      }
      return nullptr;
    }
    case Expr::Kind::Var:
      return lower_var(e.as<VarExpr>());
    case Expr::Kind::Apply: {
      auto& a = e.as<ApplyExpr>();
      std::vector<Expr*> args;
      for (auto& arg : a.args) args.push_back(arg.get());
      return lower_call(*a.function, std::move(args), tail, e.loc);
    }
    case Expr::Kind::Unary:
      return lower_unary(e.as<UnaryExpr>());
    case Expr::Kind::Binary:
      return lower_binary(e.as<BinaryExpr>(), tail);
    case Expr::Kind::Let: {
      auto& let = e.as<LetExpr>();
      lower_let_bindings(let.bindings, false);
      return lower(*let.body, tail);
    }
    case Expr::Kind::If:
      return lower_if(e.as<IfExpr>(), tail);
    case Expr::Kind::Seq: {
      auto& s = e.as<SeqExpr>();
      lower(*s.first, false);
      return lower(*s.second, tail);
    }
    case Expr::Kind::While:
      return lower_while(e.as<WhileExpr>());
    case Expr::Kind::For:
      return lower_for(e.as<ForExpr>());
    case Expr::Kind::Annot:
      return lower(*e.as<AnnotExpr>().expr, tail);
    case Expr::Kind::Fun:
      unsupported(e.loc, "anonymous functions as values");
    default:
      unsupported(e.loc, "this expression");
  }
}

llvm::Value* Lowering::lower_var(VarExpr& v) {
  Symbol* sym = v.symbol;
  switch (sym->kind) {
    case Symbol::Kind::Local: {
      auto it = locals_.find(sym);
      if (it == locals_.end()) {
        if (sym->function) unsupported(v.loc, "local functions as values");
        unsupported(v.loc, "closures (this function uses the variable " + sym->name + " of an enclosing function)");
      }
      return it->second;
    }
    case Symbol::Kind::Global: {
      if (sym->function) unsupported(v.loc, "functions as values");
      auto it = globals_.find(sym);
      llvm::Type* lt = lower_type(v.type);
      if (!lt) return nullptr;
      if (it == globals_.end()) unsupported(v.loc, "this use of " + sym->name);
      return b_.CreateLoad(lt, it->second, sym->name);
    }
    case Symbol::Kind::Primitive:
      unsupported(v.loc, "primitives as values");
  }
  return nullptr;
}

llvm::Value* Lowering::lower_call(Expr& fn, std::vector<Expr*> args, bool tail, Loc loc) {
  if (fn.kind == Expr::Kind::Fun && args.size() == fn.as<FunExpr>().params.size()) {
    // (fun x y -> body) a b: bind the arguments, no function needed.
    auto& f = fn.as<FunExpr>();
    for (size_t i = 0; i < args.size(); ++i) bind_pattern(*f.params[i], lower(*args[i], false), false);
    return lower(*f.body, tail);
  }
  if (fn.kind != Expr::Kind::Var) unsupported(fn.loc, "calling a computed function");
  auto& v = fn.as<VarExpr>();
  Symbol* sym = v.symbol;
  if (sym->kind == Symbol::Kind::Primitive) return lower_primitive(sym->primitive, v.type, std::move(args), loc);
  FunctionShape shape;
  if (!sym->function || !shape_of(*sym->function, shape)) unsupported(fn.loc, "calling a function value");
  if (args.size() < shape.params->size()) unsupported(loc, "partial application");
  if (args.size() > shape.params->size()) unsupported(loc, "applying the result of a function");
  // Local functions are lifted to the top level: their instances see no
  // locals of the enclosing function (lower_var reports captures).
  llvm::Function* f = instance_of(sym, v.type, fn.loc);
  std::vector<llvm::Value*> values;
  for (Expr* a : args) {
    llvm::Value* value = lower(*a, false);
    if (value) values.push_back(value);
  }
  llvm::CallInst* call = b_.CreateCall(f, values);
  call->setCallingConv(llvm::CallingConv::Tail);
  // tailcc guarantees that a call marked `tail` in tail position is a jump;
  // the caller must be tailcc too (fl_main, the C entry, is not).
  if (tail && b_.GetInsertBlock()->getParent()->getCallingConv() == llvm::CallingConv::Tail)
    call->setTailCallKind(llvm::CallInst::TCK_Tail);
  return f->getReturnType()->isVoidTy() ? nullptr : call;
}

llvm::Value* Lowering::lower_if(IfExpr& e, bool tail) {
  llvm::Value* cond = lower(*e.condition, false);
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  auto* then_block = llvm::BasicBlock::Create(ctx_, "then", f);
  auto* else_block = llvm::BasicBlock::Create(ctx_, "else", f);
  auto* join = llvm::BasicBlock::Create(ctx_, "join", f);
  b_.CreateCondBr(cond, then_block, else_block);

  llvm::Type* result_type = lower_type(e.type);
  std::vector<std::pair<llvm::Value*, llvm::BasicBlock*>> incoming;
  auto branch = [&](llvm::BasicBlock* block, Expr* body) {
    b_.SetInsertPoint(block);
    llvm::Value* v = body ? lower(*body, tail) : nullptr;
    if (block_terminated()) return;  // the branch never returns
    incoming.emplace_back(v, b_.GetInsertBlock());
    b_.CreateBr(join);
  };
  branch(then_block, e.then_branch.get());
  branch(else_block, e.else_branch.get());
  b_.SetInsertPoint(join);
  if (incoming.empty()) {
    b_.CreateUnreachable();
    b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "dead", f));
    return undef_of(e.type);
  }
  if (!result_type) return nullptr;
  llvm::PHINode* phi = b_.CreatePHI(result_type, incoming.size());
  for (auto& [v, block] : incoming) phi->addIncoming(v, block);
  return phi;
}

llvm::Value* Lowering::lower_while(WhileExpr& e) {
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  auto* cond_block = llvm::BasicBlock::Create(ctx_, "while.cond", f);
  auto* body_block = llvm::BasicBlock::Create(ctx_, "while.body", f);
  auto* exit_block = llvm::BasicBlock::Create(ctx_, "while.exit", f);
  b_.CreateBr(cond_block);
  b_.SetInsertPoint(cond_block);
  b_.CreateCondBr(lower(*e.condition, false), body_block, exit_block);
  b_.SetInsertPoint(body_block);
  lower(*e.body, false);
  if (!block_terminated()) b_.CreateBr(cond_block);
  b_.SetInsertPoint(exit_block);
  return nullptr;
}

llvm::Value* Lowering::lower_for(ForExpr& e) {
  // OCaml evaluates both bounds once, before the first iteration, and the
  // loop runs zero times when they are out of order.
  llvm::Value* from = lower(*e.from, false);
  llvm::Value* to = lower(*e.to, false);
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  llvm::BasicBlock* pre = b_.GetInsertBlock();
  auto* body_block = llvm::BasicBlock::Create(ctx_, "for.body", f);
  auto* exit_block = llvm::BasicBlock::Create(ctx_, "for.exit", f);
  llvm::Value* skip = e.down ? b_.CreateICmpSLT(from, to) : b_.CreateICmpSGT(from, to);
  b_.CreateCondBr(skip, exit_block, body_block);
  b_.SetInsertPoint(body_block);
  llvm::PHINode* i = b_.CreatePHI(b_.getInt64Ty(), 2, e.var);
  i->addIncoming(from, pre);
  locals_[e.symbol] = i;
  lower(*e.body, false);
  if (!block_terminated()) {
    // Test before stepping so that a bound of max_int cannot overflow.
    llvm::Value* done = b_.CreateICmpEQ(i, to);
    llvm::Value* next = e.down ? b_.CreateSub(i, b_.getInt64(1)) : b_.CreateAdd(i, b_.getInt64(1));
    i->addIncoming(next, b_.GetInsertBlock());
    b_.CreateCondBr(done, exit_block, body_block);
  }
  b_.SetInsertPoint(exit_block);
  return nullptr;
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

std::unique_ptr<llvm::Module> generate_program(llvm::LLVMContext& context, std::vector<Module*> modules,
                                               types::TypeArena& arena, Diagnostics& diags,
                                               const CodegenOptions& options) {
  Lowering lowering(context, arena, diags, options);
  return lowering.run(std::move(modules));
}

}  // namespace fl::codegen
