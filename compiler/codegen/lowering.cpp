#include "codegen/lowering.h"

#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

namespace fl::codegen {

using namespace fl::ast;

Lowering::Lowering(llvm::LLVMContext& context, types::TypeArena& arena, const types::Checker& checker,
                   Diagnostics& diags, const CodegenOptions& options)
    : ctx_(context), arena_(arena), checker_(checker), diags_(diags), options_(options), b_(context) {}

void Lowering::unsupported(Loc loc, const std::string& construct) { fail(loc, "not supported yet: " + construct); }

void Lowering::fail(Loc loc, const std::string& message) {
  diags_.error(loc, message);
  Loc origin = origin_of(loc);
  if (origin.valid() && origin.file != loc.file) diags_.note(origin, "needed by this use");
  throw LoweringFailed{};
}

void Lowering::set_function_attributes(llvm::Function* f) {
  if (!options_.red_zone) f->addFnAttr(llvm::Attribute::NoRedZone);
  f->addFnAttr("frame-pointer", "all");  // cheap backtraces in panics
}

int binding_arity(const Binding& b) {
  if (!b.params.empty()) return static_cast<int>(b.params.size());
  if (b.body->kind == Expr::Kind::Fun) return static_cast<int>(b.body->as<FunExpr>().params.size());
  return 1;  // function | ...
}

llvm::FunctionType* Lowering::closure_signature(Type* fn_type, int arity) {
  std::vector<llvm::Type*> params{b_.getPtrTy()};
  Type* t = types::resolve(fn_type);
  for (int i = 0; i < arity; ++i) {
    params.push_back(lower_type(t->args[0]));
    t = types::resolve(t->args[1]);
  }
  return llvm::FunctionType::get(lower_type(t), params, false);
}

void Lowering::start_debug_info(FileId main) {
  debug_.reset();
  if (options_.debug_info) debug_ = std::make_unique<DebugInfo>(*mod_, diags_, options_.optimized, main);
}

llvm::Function* Lowering::new_function(const std::string& name, Type* fn_type, int arity) {
  auto* f = llvm::Function::Create(closure_signature(fn_type, arity), llvm::Function::InternalLinkage, name, *mod_);
  f->setCallingConv(llvm::CallingConv::Tail);
  set_function_attributes(f);
  return f;
}

namespace {

// What a function binding's code is made of: its parameters and body,
// seeing through `let f = fun x -> ...` and `let f = function ...`.
void set_body(const Binding& b, Lowering::PendingBody& body) {
  auto& binding = const_cast<Binding&>(b);
  if (!binding.params.empty()) {
    body.params = &binding.params;
    body.body = binding.body.get();
  } else if (binding.body->kind == Expr::Kind::Fun) {
    body.params = &binding.body->as<FunExpr>().params;
    body.body = binding.body->as<FunExpr>().body.get();
  } else {
    body.cases = &binding.body->as<FunctionExpr>().cases;
  }
}

}  // namespace

void match_types(Type* generic, Type* concrete_type, Subst& subst) {
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

// The code of a let-bound function at one concrete type, generated once.
llvm::Function* Lowering::instance_of(Symbol* sym, Type* instance_type, Loc loc) {
  Type* ground = concrete(instance_type);
  std::string name = "fl." + sym->linkage_name;
  if (sym->kind == Symbol::Kind::Local) {
    auto [it, fresh] = local_ids_.try_emplace(sym, static_cast<int>(local_ids_.size()));
    name += "." + std::to_string(it->second);
  }
  if (!sym->scheme.vars.empty() || sym->kind == Symbol::Kind::Local) name += "<" + mangle(ground) + ">";
  if (auto it = functions_.find(name); it != functions_.end()) return it->second;

  PendingBody body;
  set_body(*sym->function, body);
  body.loc = loc;
  body.origin = origin_of(loc);
  body.type = ground;
  int arity = binding_arity(*sym->function);
  if (arrow_count(ground) < arity) fail(loc, "internal error: " + sym->name + " has too few arrows");
  // The REPL: an instance that an earlier phrase compiled (phrase.cpp).
  if (llvm::Function* compiled = phrase_compiled_instance(sym, ground, arity)) {
    functions_[name] = compiled;
    return compiled;
  }
  body.function = new_function(name, ground, arity);
  functions_[name] = body.function;
  phrase_export_instance(sym, ground, body.function);
  // The instance maps the scheme's generic variables to this use's types;
  // the variables of enclosing functions keep the enclosing substitution.
  body.subst = subst_;
  match_types(sym->scheme.body, ground, body.subst);
  if (sym->kind == Symbol::Kind::Local) {
    auto it = local_functions_.find(sym);
    if (it == local_functions_.end()) fail(loc, "internal error: local function " + sym->name + " has no closure");
    body.captures = it->second.captures;
    body.self = sym;
  }
  pending_.push_back(std::move(body));
  return pending_.back().function;
}

void Lowering::lower_pending(PendingBody& body) {
  subst_ = body.subst;
  origin_ = body.origin;
  locals_.clear();
  llvm::Function* f = body.function;
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
  if (debug_) b_.SetCurrentDebugLocation(debug_->at(f, body.loc));
  safepoint_poll();
  llvm::Value* env = f->getArg(0);
  if (!body.captures.empty()) {
    std::vector<Type*> slots;
    for (Symbol* c : body.captures) slots.push_back(c->scheme.body);
    llvm::StructType* layout = block_type(slots, /*tagged=*/false);
    // Closure blocks have two header words (code, arity) where a tagged
    // block has one; the captures start at field 2.
    std::vector<llvm::Type*> fields{b_.getPtrTy(), b_.getInt64Ty()};
    for (unsigned i = 0; i < layout->getNumElements(); ++i) fields.push_back(layout->getElementType(i));
    auto* closure = llvm::StructType::get(ctx_, fields);
    for (size_t i = 0; i < body.captures.size(); ++i)
      locals_[body.captures[i]] = load_field(env, closure, static_cast<unsigned>(2 + i));
  }
  if (body.self) locals_[body.self] = env;
  Type* t = types::resolve(body.type);
  if (body.cases) {
    llvm::Value* arg = f->getArg(1);
    Type* param = t->args[0];
    lower_cases(*body.cases, arg, param, t->args[1], /*tail=*/true, body.loc, false);
    return;
  }
  for (size_t i = 0; i < body.params->size(); ++i) {
    bind_pattern(*(*body.params)[i], f->getArg(static_cast<unsigned>(i + 1)), t->args[0], false, body.loc);
    t = types::resolve(t->args[1]);
  }
  lower_return(*body.body);
}

// ---------------------------------------------------------------------------
// Let bindings and the program.

void Lowering::lower_let(bool recursive, std::vector<Binding>& bindings, bool top_level) {
  if (!top_level) {
    bool functions = false;
    for (auto& b : bindings)
      if (b.pattern->kind == Pattern::Kind::Var && b.pattern->as<VarPattern>().symbol &&
          b.pattern->as<VarPattern>().symbol->function)
        functions = true;
    if (functions) {
      lower_local_functions(bindings);
      return;
    }
  }
  (void)recursive;
  for (auto& b : bindings) {
    if (b.pattern->kind == Pattern::Kind::Var) {
      Symbol* sym = b.pattern->as<VarPattern>().symbol;
      // Functions are generated on demand, once per instance type;
      // polymorphic values are rebuilt at each use (they are syntactic
      // values, so this cannot be told apart).
      if (top_level && sym->function) continue;
      if (!sym->scheme.vars.empty()) {
        poly_values_[sym] = b.body.get();
        continue;
      }
    }
    llvm::Value* value = lower(*b.body);
    bind_pattern(*b.pattern, value, b.body->type, top_level, b.loc);
  }
}

void Lowering::lower_top_level(Module& m) {
  for (auto& item : m.items) {
    switch (item->kind) {
      case Item::Kind::Let: {
        auto& let = item->as<LetItem>();
        lower_let(let.recursive, let.bindings, true);
        break;
      }
      case Item::Kind::Expr: {
        llvm::Value* value = lower(*item->as<ExprItem>().expr);
        if (phrase_) phrase_expression_answer(*item->as<ExprItem>().expr, value);
        break;
      }
      default:
        break;  // declarations have no code
    }
    if (block_terminated()) start_dead_block();
  }
}

std::unique_ptr<llvm::Module> Lowering::run(std::vector<Module*> modules) {
  mod_ = std::make_unique<llvm::Module>(modules.empty() ? "fl" : modules.back()->name, ctx_);
  // Layouts are computed while lowering (allocation sizes), so the module
  // knows its target from the start; emit.cpp sets the same again.
  mod_->setTargetTriple("x86_64-unknown-linux-gnu");
  mod_->setDataLayout("e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128");
  if (!modules.empty()) start_debug_info(modules.back()->file);
  for (Module* m : modules)
    if (checker_.stdlib_modules().count(m->name)) stdlib_files_.insert(m->file);
  bool failed = false;
  try {
    define_exception_descriptors();
  } catch (LoweringFailed&) {
    failed = true;
  }
  auto* main_type = llvm::FunctionType::get(b_.getVoidTy(), false);
  auto* main = llvm::Function::Create(main_type, llvm::Function::ExternalLinkage, "fl_main", *mod_);
  set_function_attributes(main);
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", main));
  try {
    for (Module* m : modules) lower_top_level(*m);
    if (!block_terminated()) b_.CreateRetVoid();
  } catch (LoweringFailed&) {
    failed = true;
  }
  return finish_module(failed);
}

std::unique_ptr<llvm::Module> Lowering::finish_module(bool failed) {
  // Generating a function may ask for more; each failure is reported and
  // the others still get checked.
  while (!pending_.empty()) {
    PendingBody body = std::move(pending_.front());
    pending_.pop_front();
    try {
      lower_pending(body);
    } catch (LoweringFailed&) {
      failed = true;
    }
  }
  if (failed || diags_.has_errors()) return nullptr;
  // Lowering leaves a fresh block after every return or raise, for code
  // that can never run; those blocks end here.
  for (llvm::Function& f : *mod_)
    for (llvm::BasicBlock& block : f)
      if (!block.getTerminator()) llvm::IRBuilder<>(&block).CreateUnreachable();
  if (debug_) debug_->finish();
  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (llvm::verifyModule(*mod_, &os)) {
    diags_.error("internal error: generated LLVM IR is invalid:\n" + os.str());
    return nullptr;
  }
  return std::move(mod_);
}

std::unique_ptr<llvm::Module> generate_program(llvm::LLVMContext& context, std::vector<Module*> modules,
                                               types::TypeArena& arena, const types::Checker& checker,
                                               Diagnostics& diags, const CodegenOptions& options) {
  Lowering lowering(context, arena, checker, diags, options);
  std::unique_ptr<llvm::Module> module = lowering.run(std::move(modules));
  if (module && options.stack_bytes != 0) {
    // The runtime (and the VM's kernel, for the main stack) read it.
    auto* i64 = llvm::Type::getInt64Ty(context);
    new llvm::GlobalVariable(*module, i64, /*isConstant=*/true, llvm::GlobalValue::ExternalLinkage,
                             llvm::ConstantInt::get(i64, options.stack_bytes), "fl_stack_bytes");
  }
  return module;
}

}  // namespace fl::codegen
