// Function values and calls. Known functions are called directly; a
// closure is {code, arity, captured...} and its code takes the closure
// itself first. A call of an unknown function with n arguments checks the
// closure's arity: equal, a direct indirect call; otherwise a per-type
// helper (fl.apply) calls with fewer arguments and applies the result to
// the rest, or builds a partial application (fl.pap), as OCaml's caml_applyN
// and caml_curryN do, but typed: monomorphisation gives every call site
// the exact types of its arguments. A closure takes at most
// kMaxClosureArity arguments at once, so that the helpers have a bounded
// number of cases, whatever the length of a curried type.
#include "codegen/lowering.h"

#include <llvm/IR/MDBuilder.h>

namespace fl::codegen {

using namespace fl::ast;

namespace {

// The type left after applying `n` arguments to `fn_type`.
Type* result_after(Type* fn_type, size_t n) {
  Type* t = types::resolve(fn_type);
  for (size_t i = 0; i < n; ++i) t = types::resolve(t->args[1]);
  return t;
}

std::vector<Type*> params_upto(Type* fn_type, size_t n) {
  std::vector<Type*> params;
  Type* t = types::resolve(fn_type);
  for (size_t i = 0; i < n; ++i) {
    params.push_back(t->args[0]);
    t = types::resolve(t->args[1]);
  }
  return params;
}

}  // namespace

// The layout of a closure block capturing values of `captured` types.
static llvm::StructType* closure_layout(Lowering& l, const std::vector<llvm::Type*>& captured) {
  std::vector<llvm::Type*> fields{l.builder().getPtrTy(), l.builder().getInt64Ty()};
  fields.insert(fields.end(), captured.begin(), captured.end());
  return llvm::StructType::get(l.context(), fields);
}

// Fills a closure block of `layout`: its code, the number of arguments the
// code takes, and what it holds.
static void fill_closure(Lowering& l, llvm::StructType* layout, llvm::Value* block, llvm::Value* code, int64_t arity,
                         const std::vector<llvm::Value*>& held) {
  auto& b = l.builder();
  b.CreateStore(code, b.CreateStructGEP(layout, block, 0));
  b.CreateStore(b.getInt64(static_cast<uint64_t>(arity)), b.CreateStructGEP(layout, block, 1));
  for (unsigned i = 0; i < held.size(); ++i) b.CreateStore(held[i], b.CreateStructGEP(layout, block, 2 + i));
}

llvm::Value* Lowering::apply_closure(llvm::Value* closure, Type* fn_type, std::vector<llvm::Value*> args, bool tail) {
  Type* t = concrete(fn_type);
  size_t n = args.size();
  llvm::FunctionType* sig = closure_signature(t, static_cast<int>(n));
  auto* header = closure_layout(*this, {});
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  // No closure takes more than kMaxClosureArity arguments at once.
  bool may_be_exact = n <= static_cast<size_t>(kMaxClosureArity);
  auto* direct = may_be_exact ? llvm::BasicBlock::Create(ctx_, "apply.direct", f) : nullptr;
  auto* slow = llvm::BasicBlock::Create(ctx_, "apply.slow", f);
  if (may_be_exact)
    b_.CreateCondBr(b_.CreateICmpEQ(load_field(closure, header, 1), b_.getInt64(n)), direct, slow,
                    llvm::MDBuilder(ctx_).createLikelyBranchWeights());
  else
    b_.CreateBr(slow);

  std::vector<llvm::Value*> call_args{closure};
  call_args.insert(call_args.end(), args.begin(), args.end());
  std::vector<std::pair<llvm::Value*, llvm::BasicBlock*>> incoming;
  llvm::BasicBlock* join = tail ? nullptr : llvm::BasicBlock::Create(ctx_, "apply.join", f);
  auto finish = [&](llvm::CallInst* call) {
    call->setCallingConv(llvm::CallingConv::Tail);
    if (tail) {
      call->setTailCallKind(llvm::CallInst::TCK_Tail);
      b_.CreateRet(call);
    } else {
      incoming.emplace_back(call, b_.GetInsertBlock());
      b_.CreateBr(join);
    }
  };
  if (may_be_exact) {
    b_.SetInsertPoint(direct);
    llvm::Value* code = load_field(closure, header, 0);
    finish(b_.CreateCall(sig, code, call_args));
  }

  b_.SetInsertPoint(slow);
  std::string name = "fl.apply." + std::to_string(n) + "<" + mangle(t) + ">";
  llvm::Function* helper = functions_[name];
  if (!helper) {
    helper = llvm::Function::Create(sig, llvm::Function::InternalLinkage, name, *mod_);
    helper->setCallingConv(llvm::CallingConv::Tail);
    set_function_attributes(helper);
    functions_[name] = helper;
    llvm::IRBuilderBase::InsertPointGuard guard(b_);
    b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", helper));
    llvm::Value* self = helper->getArg(0);
    std::vector<llvm::Value*> given;
    for (size_t i = 0; i < n; ++i) given.push_back(helper->getArg(static_cast<unsigned>(i + 1)));
    if (n > static_cast<size_t>(kMaxClosureArity)) {
      // Too many for any closure: apply a group as big as the biggest
      // closure takes, then the rest. A case per arity, each applying the
      // rest, would call kMaxClosureArity helpers of about n arguments each
      // instead of one, and the back end's time grows faster than that.
      std::vector<llvm::Value*> group(given.begin(), given.begin() + kMaxClosureArity);
      llvm::Value* partial = apply_closure(self, t, group, /*tail=*/false);
      std::vector<llvm::Value*> rest(given.begin() + kMaxClosureArity, given.end());
      apply_closure(partial, result_after(t, kMaxClosureArity), rest, /*tail=*/true);
    } else {
      llvm::Value* k = load_field(self, header, 1);
      auto* bad = llvm::BasicBlock::Create(ctx_, "bad", helper);
      int spine = std::min(arrow_count(t), kMaxClosureArity);
      llvm::SwitchInst* sw = b_.CreateSwitch(k, bad, spine);
      for (int arity_k = 1; arity_k <= spine; ++arity_k) {
        if (static_cast<size_t>(arity_k) == n) continue;  // the caller's fast path
        auto* block = llvm::BasicBlock::Create(ctx_, "arity" + std::to_string(arity_k), helper);
        sw->addCase(b_.getInt64(arity_k), block);
        b_.SetInsertPoint(block);
        if (static_cast<size_t>(arity_k) < n) {
          // Too many arguments: call with arity_k, apply the result to the rest.
          std::vector<llvm::Value*> first{self};
          first.insert(first.end(), given.begin(), given.begin() + arity_k);
          llvm::Value* code_k = load_field(self, header, 0);
          llvm::CallInst* partial = b_.CreateCall(closure_signature(t, arity_k), code_k, first);
          partial->setCallingConv(llvm::CallingConv::Tail);
          std::vector<llvm::Value*> rest(given.begin() + arity_k, given.end());
          apply_closure(partial, result_after(t, arity_k), rest, /*tail=*/true);
        } else {
          // Too few: a partial application remembering the closure and args.
          std::string pap_name = "fl.pap." + std::to_string(arity_k) + "." + std::to_string(n) + "<" + mangle(t) + ">";
          llvm::Function* pap = functions_[pap_name];
          std::vector<llvm::Type*> saved{b_.getPtrTy()};
          for (Type* p : params_upto(t, n)) saved.push_back(lower_type(p));
          auto* pap_layout = closure_layout(*this, saved);
          if (!pap) {
            pap = new_function(pap_name, result_after(t, n), arity_k - static_cast<int>(n));
            functions_[pap_name] = pap;
            llvm::IRBuilderBase::InsertPointGuard inner(b_);
            b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", pap));
            llvm::Value* env = pap->getArg(0);
            llvm::Value* original = load_field(env, pap_layout, 2);
            std::vector<llvm::Value*> all{original};
            for (size_t i = 0; i < n; ++i) all.push_back(load_field(env, pap_layout, static_cast<unsigned>(3 + i)));
            for (unsigned i = 1; i < pap->arg_size(); ++i) all.push_back(pap->getArg(i));
            llvm::Value* code_k = load_field(original, header, 0);
            llvm::CallInst* call = b_.CreateCall(closure_signature(t, arity_k), code_k, all);
            call->setCallingConv(llvm::CallingConv::Tail);
            call->setTailCallKind(llvm::CallInst::TCK_Tail);
            b_.CreateRet(call);
          }
          llvm::Value* block_ptr = allocate(pap_layout, false);
          std::vector<llvm::Value*> held{self};
          held.insert(held.end(), given.begin(), given.end());
          fill_closure(*this, pap_layout, block_ptr, pap, arity_k - static_cast<int>(n), held);
          b_.CreateRet(block_ptr);
        }
      }
      b_.SetInsertPoint(bad);
      b_.CreateUnreachable();
    }
  }
  finish(b_.CreateCall(helper, call_args));

  if (tail) {
    start_dead_block();
    return nullptr;
  }
  b_.SetInsertPoint(join);
  llvm::PHINode* phi = b_.CreatePHI(sig->getReturnType(), incoming.size());
  for (auto& [v, block] : incoming) phi->addIncoming(v, block);
  return phi;
}

Lowering::ClosureEntry Lowering::closure_entry(llvm::Function* code, Type* fn_type, int arity) {
  if (arity <= kMaxClosureArity) return {code, arity};
  return {closure_stage(code, concrete(fn_type), arity, 0), kMaxClosureArity};
}

// The stage of a closure over `code` that takes parameters `done`, `done`+1,
// ...: the last calls `code`; the others return a closure of the next stage
// that holds their environment (at stage 0 the closure over `code`) and the
// arguments they took. Its code is O(arity), and there are arity /
// kMaxClosureArity stages.
llvm::Function* Lowering::closure_stage(llvm::Function* code, Type* t, int arity, int done) {
  std::string name = code->getName().str() + ".stage" + std::to_string(done);
  if (auto it = functions_.find(name); it != functions_.end()) return it->second;
  int take = std::min(kMaxClosureArity, arity - done);
  llvm::Function* stage = new_function(name, result_after(t, static_cast<size_t>(done)), take);
  functions_[name] = stage;
  std::vector<Type*> params = params_upto(t, static_cast<size_t>(arity));
  // The closure that stage `start` returns.
  auto layout_after = [&](int start) {
    std::vector<llvm::Type*> held{b_.getPtrTy()};
    for (int i = start; i < start + kMaxClosureArity; ++i) held.push_back(lower_type(params[static_cast<size_t>(i)]));
    return closure_layout(*this, held);
  };
  llvm::IRBuilderBase::InsertPointGuard guard(b_);
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", stage));
  llvm::Value* env = stage->getArg(0);
  if (done + take < arity) {
    auto* layout = layout_after(done);
    llvm::Value* block = allocate(layout, false);
    std::vector<llvm::Value*> held{env};
    for (int i = 0; i < take; ++i) held.push_back(stage->getArg(static_cast<unsigned>(1 + i)));
    fill_closure(*this, layout, block, closure_stage(code, t, arity, done + take),
                 std::min(kMaxClosureArity, arity - done - take), held);
    b_.CreateRet(block);
    return stage;
  }
  std::vector<llvm::Value*> args(static_cast<size_t>(arity) + 1);
  for (int i = 0; i < take; ++i) args[static_cast<size_t>(done + 1 + i)] = stage->getArg(static_cast<unsigned>(1 + i));
  for (int start = done - kMaxClosureArity; start >= 0; start -= kMaxClosureArity) {
    auto* layout = layout_after(start);
    for (int i = 0; i < kMaxClosureArity; ++i)
      args[static_cast<size_t>(start + 1 + i)] = load_field(env, layout, static_cast<unsigned>(3 + i));
    env = load_field(env, layout, 2);
  }
  args[0] = env;
  llvm::CallInst* call = b_.CreateCall(code, args);
  call->setCallingConv(llvm::CallingConv::Tail);
  call->setTailCallKind(llvm::CallInst::TCK_Tail);
  b_.CreateRet(call);
  return stage;
}

llvm::Value* Lowering::lower_apply(Expr& fn, std::vector<Expr*> args, Type* result_type, bool tail, Loc loc) {
  auto done = [&](llvm::Value* v) -> llvm::Value* {
    if (tail) {
      emit_return(v);
      start_dead_block();
      return nullptr;
    }
    return v;
  };
  // (fun x y -> body) a b: bind the arguments, no closure needed.
  if (fn.kind == Expr::Kind::Fun && args.size() == fn.as<FunExpr>().params.size()) {
    auto& f = fn.as<FunExpr>();
    Type* t = concrete(fn.type);
    for (size_t i = 0; i < args.size(); ++i) {
      bind_pattern(*f.params[i], lower(*args[i]), types::resolve(t)->args[0], false, loc);
      t = types::resolve(t)->args[1];
    }
    if (tail) {
      lower_return(*f.body);
      return nullptr;
    }
    return lower(*f.body);
  }

  Type* fn_type = concrete(fn.type);
  if (fn.kind == Expr::Kind::Var) {
    Symbol* sym = fn.as<VarExpr>().symbol;
    size_t arity = 0;
    if (sym->kind == Symbol::Kind::Primitive) arity = static_cast<size_t>(primitive_arity(*sym));
    else if (sym->function)
      arity = static_cast<size_t>(binding_arity(*sym->function));
    if (arity > 0 && args.size() >= arity) {
      std::vector<llvm::Value*> values;
      for (Expr* a : args) values.push_back(lower(*a));
      std::vector<llvm::Value*> first(values.begin(), values.begin() + static_cast<long>(arity));
      std::vector<llvm::Value*> rest(values.begin() + static_cast<long>(arity), values.end());
      bool exact = rest.empty();
      llvm::Value* result = nullptr;
      if (sym->kind == Symbol::Kind::Primitive) {
        result = lower_primitive(*sym, fn_type, first, loc);
      } else {
        llvm::Function* f = instance_of(sym, fn_type, loc);
        llvm::Value* env = llvm::ConstantPointerNull::get(b_.getPtrTy());
        if (sym->kind == Symbol::Kind::Local) {
          auto it = locals_.find(sym);
          if (it == locals_.end()) unsupported(loc, "this use of the local function " + sym->name);
          env = it->second;
        }
        std::vector<llvm::Value*> call_args{env};
        call_args.insert(call_args.end(), first.begin(), first.end());
        llvm::CallInst* call = b_.CreateCall(f, call_args);
        call->setCallingConv(llvm::CallingConv::Tail);
        if (tail && exact) {
          call->setTailCallKind(llvm::CallInst::TCK_Tail);
          b_.CreateRet(call);
          start_dead_block();
          return nullptr;
        }
        result = call;
      }
      if (exact) return done(result);
      return apply_closure(result, result_after(fn_type, arity), rest, tail);
    }
  }
  llvm::Value* closure = lower(fn);
  std::vector<llvm::Value*> values;
  for (Expr* a : args) values.push_back(lower(*a));
  (void)result_type;
  return apply_closure(closure, fn_type, values, tail);
}

// x |> f: x is evaluated first (operands go left to right). When f is a
// name or a function expression, evaluating it has no effect, and the call
// can be a direct one.
llvm::Value* Lowering::lower_pipe(BinaryExpr& e, bool tail) {
  Expr& f = *e.right;
  bool pure = f.kind == Expr::Kind::Var || f.kind == Expr::Kind::Fun || f.kind == Expr::Kind::Function ||
              f.kind == Expr::Kind::OpValue;
  if (pure) return lower_apply(f, {e.left.get()}, e.type, tail, e.loc);
  llvm::Value* x = lower(*e.left);
  llvm::Value* closure = lower(f);
  return apply_closure(closure, f.type, {x}, tail);
}

// ---------------------------------------------------------------------------
// Closures.

namespace {

// Calls `visit` on each direct sub-expression of `e`.
template <class F>
void for_each_child(const Expr& e, F&& visit) {
  switch (e.kind) {
    case Expr::Kind::Literal: case Expr::Kind::Var: case Expr::Kind::OpValue: break;
    case Expr::Kind::Construct: if (auto& a = e.as<ConstructExpr>().arg) visit(*a); break;
    case Expr::Kind::Apply:
      visit(*e.as<ApplyExpr>().function);
      for (auto& a : e.as<ApplyExpr>().args) visit(*a);
      break;
    case Expr::Kind::Unary: visit(*e.as<UnaryExpr>().operand); break;
    case Expr::Kind::Binary: visit(*e.as<BinaryExpr>().left); visit(*e.as<BinaryExpr>().right); break;
    case Expr::Kind::Fun: visit(*e.as<FunExpr>().body); break;
    case Expr::Kind::Function:
      for (auto& c : e.as<FunctionExpr>().cases) {
        if (c.guard) visit(*c.guard);
        visit(*c.body);
      }
      break;
    case Expr::Kind::Let:
      for (auto& b : e.as<LetExpr>().bindings) visit(*b.body);
      visit(*e.as<LetExpr>().body);
      break;
    case Expr::Kind::If: {
      auto& i = e.as<IfExpr>();
      visit(*i.condition);
      visit(*i.then_branch);
      if (i.else_branch) visit(*i.else_branch);
      break;
    }
    case Expr::Kind::Match:
      visit(*e.as<MatchExpr>().scrutinee);
      for (auto& c : e.as<MatchExpr>().cases) {
        if (c.guard) visit(*c.guard);
        visit(*c.body);
      }
      break;
    case Expr::Kind::Try:
      visit(*e.as<TryExpr>().body);
      for (auto& c : e.as<TryExpr>().handlers) {
        if (c.guard) visit(*c.guard);
        visit(*c.body);
      }
      break;
    case Expr::Kind::Seq: visit(*e.as<SeqExpr>().first); visit(*e.as<SeqExpr>().second); break;
    case Expr::Kind::Tuple: for (auto& x : e.as<TupleExpr>().elements) visit(*x); break;
    case Expr::Kind::List: for (auto& x : e.as<ListExpr>().elements) visit(*x); break;
    case Expr::Kind::Array: for (auto& x : e.as<ArrayExpr>().elements) visit(*x); break;
    case Expr::Kind::Record: for (auto& f : e.as<RecordExpr>().fields) visit(*f.value); break;
    case Expr::Kind::RecordUpdate:
      visit(*e.as<RecordUpdateExpr>().record);
      for (auto& f : e.as<RecordUpdateExpr>().fields) visit(*f.value);
      break;
    case Expr::Kind::Field: visit(*e.as<FieldExpr>().record); break;
    case Expr::Kind::SetField: visit(*e.as<SetFieldExpr>().record); visit(*e.as<SetFieldExpr>().value); break;
    case Expr::Kind::Index: visit(*e.as<IndexExpr>().array); visit(*e.as<IndexExpr>().index); break;
    case Expr::Kind::SetIndex:
      visit(*e.as<SetIndexExpr>().array);
      visit(*e.as<SetIndexExpr>().index);
      visit(*e.as<SetIndexExpr>().value);
      break;
    case Expr::Kind::StringIndex: visit(*e.as<StringIndexExpr>().string); visit(*e.as<StringIndexExpr>().index); break;
    case Expr::Kind::While: visit(*e.as<WhileExpr>().condition); visit(*e.as<WhileExpr>().body); break;
    case Expr::Kind::For:
      visit(*e.as<ForExpr>().from);
      visit(*e.as<ForExpr>().to);
      visit(*e.as<ForExpr>().body);
      break;
    case Expr::Kind::Assert: visit(*e.as<AssertExpr>().condition); break;
    case Expr::Kind::Annot: visit(*e.as<AnnotExpr>().expr); break;
  }
}

}  // namespace

void Lowering::collect_free_locals(const Expr& e, std::set<Symbol*>& out) {
  if (e.kind == Expr::Kind::Var) {
    Symbol* sym = e.as<VarExpr>().symbol;
    if (sym && sym->kind == Symbol::Kind::Local && out.insert(sym).second) {
      // A polymorphic value is rebuilt where it is used, from what it uses.
      if (auto it = poly_values_.find(sym); it != poly_values_.end()) collect_free_locals(*it->second, out);
    }
    return;
  }
  for_each_child(e, [&](const Expr& child) { collect_free_locals(child, out); });
}

std::vector<Symbol*> Lowering::captures_of(const Expr& body, const std::vector<PatternPtr>*,
                                           const std::set<Symbol*>& also) {
  std::set<Symbol*> used;
  collect_free_locals(body, used);
  std::vector<Symbol*> captures;
  for (Symbol* s : used)
    if (locals_.count(s) || also.count(s)) captures.push_back(s);
  // Deterministic order: by definition point.
  std::sort(captures.begin(), captures.end(), [](Symbol* a, Symbol* b) {
    return a->loc.line != b->loc.line ? a->loc.line < b->loc.line
           : a->loc.col != b->loc.col ? a->loc.col < b->loc.col
                                      : a->name < b->name;
  });
  return captures;
}

namespace {

llvm::Constant* static_closure(Lowering& l, llvm::Module& m, std::map<std::string, llvm::Constant*>& cache,
                               llvm::Function* code, Type* fn_type, int arity) {
  std::string name = "fl.closure." + code->getName().str();
  if (auto it = cache.find(name); it != cache.end()) return it->second;
  Lowering::ClosureEntry entry = l.closure_entry(code, fn_type, arity);
  code = entry.code;
  arity = entry.arity;
  auto& b = l.builder();
  auto* type = llvm::StructType::get(l.context(), {b.getPtrTy(), b.getInt64Ty()});
  auto* g = new llvm::GlobalVariable(m, type, true, llvm::GlobalValue::InternalLinkage,
                                     llvm::ConstantStruct::get(type, {code, b.getInt64(arity)}), name);
  g->setAlignment(llvm::Align(16));
  cache[name] = g;
  return g;
}

}  // namespace

llvm::Value* Lowering::function_value(Symbol* sym, Type* type, Loc loc) {
  Type* t = concrete(type);
  if (sym->kind == Symbol::Kind::Primitive) {
    int arity = primitive_arity(*sym);
    std::string name = "fl.prim." + sym->name + "<" + mangle(t) + ">";
    llvm::Function* f = functions_[name];
    if (!f) {
      f = new_function(name, t, arity);
      functions_[name] = f;
      llvm::IRBuilderBase::InsertPointGuard guard(b_);
      b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
      std::vector<llvm::Value*> args;
      for (unsigned i = 1; i < f->arg_size(); ++i) args.push_back(f->getArg(i));
      llvm::Value* v = lower_primitive(*sym, t, args, loc);
      emit_return(v);
    }
    return static_closure(*this, *mod_, constants_, f, t, arity);
  }
  Expr* body = nullptr;
  int arity = 0;
  {
    Binding& b = const_cast<Binding&>(*sym->function);
    arity = binding_arity(b);
    body = b.body.get();
  }
  (void)body;
  llvm::Function* code = instance_of(sym, t, loc);
  if (sym->kind != Symbol::Kind::Local) return static_closure(*this, *mod_, constants_, code, t, arity);
  auto it = locals_.find(sym);
  if (it == locals_.end()) unsupported(loc, "this use of the local function " + sym->name);
  if (sym->scheme.vars.empty()) return it->second;
  // A polymorphic local function at one type: a copy of its closure with
  // that instance's code.
  const LocalFunction& lf = local_functions_.at(sym);
  std::vector<llvm::Type*> slots;
  for (Symbol* c : lf.captures) slots.push_back(lower_type(c->scheme.body));
  auto* layout = closure_layout(*this, slots);
  llvm::Value* copy = allocate(layout, false);
  auto entry = closure_entry(code, t, arity);
  std::vector<llvm::Value*> held;
  for (unsigned i = 0; i < lf.captures.size(); ++i) held.push_back(load_field(it->second, layout, 2 + i));
  fill_closure(*this, layout, copy, entry.code, entry.arity, held);
  return copy;
}

// fun, function and operator values: a closure over the enclosing locals
// the body uses.
llvm::Value* Lowering::lower_fun(Expr& e) {
  Type* t = concrete(e.type);
  PendingBody body;
  body.type = t;
  body.loc = e.loc;
  body.origin = origin_of(e.loc);
  body.subst = subst_;
  int arity = 1;
  std::string kind;
  if (e.kind == Expr::Kind::Fun) {
    auto& f = e.as<FunExpr>();
    body.params = &f.params;
    body.body = f.body.get();
    arity = static_cast<int>(f.params.size());
    body.captures = captures_of(*f.body, &f.params, {});
    kind = "lambda";
  } else if (e.kind == Expr::Kind::Function) {
    auto& f = e.as<FunctionExpr>();
    body.cases = &f.cases;
    body.captures = captures_of(e, nullptr, {});
    kind = "function";
  } else {
    auto& op = e.as<OpValueExpr>();
    arity = op.unary ? 1 : 2;
    std::string name = std::string("fl.op.") + (op.unary ? unary_op_spelling(op.unary_op) : binary_op_spelling(op.binary)) +
                       "<" + mangle(t) + ">";
    llvm::Function* f = functions_[name];
    if (!f) {
      f = new_function(name, t, arity);
      functions_[name] = f;
      llvm::IRBuilderBase::InsertPointGuard guard(b_);
      b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
      Type* x_type = types::resolve(t)->args[0];
      llvm::Value* v = nullptr;
      if (op.unary) {
        v = lower_unary_value(op.unary_op, f->getArg(1), result_after(t, 1), e.loc);
      } else {
        Type* y_type = types::resolve(types::resolve(t)->args[1])->args[0];
        v = lower_binary_values(op.binary, x_type, y_type, f->getArg(1), f->getArg(2), result_after(t, 2), e.loc);
      }
      emit_return(v);
    }
    return static_closure(*this, *mod_, constants_, f, t, arity);
  }
  body.function = new_function("fl." + kind + "." + std::to_string(lambda_counter_++), t, arity);
  llvm::Function* code = body.function;
  std::vector<Symbol*> captures = body.captures;
  pending_.push_back(std::move(body));
  if (captures.empty()) return static_closure(*this, *mod_, constants_, code, t, arity);
  std::vector<llvm::Type*> slots;
  for (Symbol* c : captures) slots.push_back(locals_.at(c)->getType());
  auto* layout = closure_layout(*this, slots);
  llvm::Value* block = allocate(layout, false);
  auto entry = closure_entry(code, t, arity);
  std::vector<llvm::Value*> held;
  for (Symbol* c : captures) held.push_back(locals_.at(c));
  fill_closure(*this, layout, block, entry.code, entry.arity, held);
  return block;
}

// let [rec] f x = ... and g y = ... inside a function: one closure block
// each, allocated before any is filled, so that they can capture each other.
void Lowering::lower_local_functions(std::vector<Binding>& bindings) {
  std::vector<Binding*> functions;
  for (auto& b : bindings) {
    Symbol* sym = b.pattern->kind == Pattern::Kind::Var ? b.pattern->as<VarPattern>().symbol : nullptr;
    if (sym && sym->function) {
      functions.push_back(&b);
      continue;
    }
    llvm::Value* value = lower(*b.body);
    bind_pattern(*b.pattern, value, b.body->type, false, b.loc);
  }
  std::set<Symbol*> group;
  for (Binding* b : functions) group.insert(b->pattern->as<VarPattern>().symbol);
  struct Pending {
    Symbol* sym;
    llvm::StructType* layout;
    llvm::Value* block;
  };
  std::vector<Pending> blocks;
  for (Binding* b : functions) {
    Symbol* sym = b->pattern->as<VarPattern>().symbol;
    std::set<Symbol*> others = group;
    others.erase(sym);
    LocalFunction lf;
    lf.arity = binding_arity(*b);
    lf.captures = captures_of(*b->body, &b->params, others);
    lf.captures.erase(std::remove(lf.captures.begin(), lf.captures.end(), sym), lf.captures.end());
    std::vector<llvm::Type*> slots;
    for (Symbol* c : lf.captures) slots.push_back(group.count(c) ? b_.getPtrTy() : locals_.at(c)->getType());
    auto* layout = closure_layout(*this, slots);
    llvm::Value* block = allocate(layout, false);
    local_functions_[sym] = lf;
    locals_[sym] = block;
    blocks.push_back({sym, layout, block});
  }
  for (Pending& p : blocks) {
    const LocalFunction& lf = local_functions_.at(p.sym);
    // A polymorphic one is called through copies made at each use.
    ClosureEntry entry{nullptr, std::min(lf.arity, kMaxClosureArity)};
    if (p.sym->scheme.vars.empty())
      entry = closure_entry(instance_of(p.sym, p.sym->scheme.body, p.sym->loc), p.sym->scheme.body, lf.arity);
    llvm::Value* code = entry.code ? static_cast<llvm::Value*>(entry.code) : llvm::ConstantPointerNull::get(b_.getPtrTy());
    std::vector<llvm::Value*> held;
    for (Symbol* c : lf.captures) held.push_back(locals_.at(c));
    fill_closure(*this, p.layout, p.block, code, entry.arity, held);
  }
}

}  // namespace fl::codegen
