// Pattern matching from decision trees (match/decision_tree.h), let
// patterns, exceptions: try, raise and the descriptors of exception
// constructors.
#include "codegen/lowering.h"

#include <llvm/IR/MDBuilder.h>

#include <set>

namespace fl::codegen {

using namespace fl::ast;

namespace {

// Emits one compiled match. Occurrence values are loaded on the path that
// needs them (after the test that makes the load valid); each clause body
// is emitted once, its variables arriving through phis from every leaf
// that selects it. A node of the decision DAG with several parents is
// emitted once too, in a block of its own that they all branch to; as the
// values loaded on one path into it are not there on the others, it starts
// again from the values known at the root (every path into a node has made
// the tests its loads need: they come with its matrix's columns).
class MatchEmitter {
 public:
  MatchEmitter(Lowering& l, const match::CompiledMatch& m, llvm::Value* scrutinee, Loc loc)
      : l_(l), b_(l.builder()), m_(m), loc_(loc) {
    if (scrutinee) values_[0] = scrutinee;
  }

  struct Arrival {
    llvm::BasicBlock* block;
    std::vector<std::pair<Symbol*, llvm::Value*>> bindings;
  };
  std::map<size_t, std::vector<Arrival>> arrivals;  // by clause
  std::map<size_t, llvm::BasicBlock*> bodies;
  std::vector<llvm::BasicBlock*> failures;

  // `guard(clause)` lowers a clause's guard with its variables bound.
  template <class Guard>
  void emit(const match::Decision& root, std::map<int, llvm::Value*> values, Guard&& guard) {
    count_parents(root);
    roots_ = values;
    emit_node(root, std::move(values), guard);
  }

 private:
  void count_parents(const match::Decision& d) {
    d.for_each_child([&](const match::Decision& child) {
      if (++parents_[&child] == 1) count_parents(child);
    });
  }

  template <class Guard>
  void emit_node(const match::Decision& d, std::map<int, llvm::Value*> values, Guard& guard) {
    if (parents_[&d] > 1) {
      llvm::BasicBlock*& shared = shared_[&d];
      if (shared) {
        b_.CreateBr(shared);
        return;
      }
      shared = llvm::BasicBlock::Create(l_.context(), "match.shared", b_.GetInsertBlock()->getParent());
      b_.CreateBr(shared);
      b_.SetInsertPoint(shared);
      values = roots_;
    }
    values_.swap(values);
    switch (d.kind) {
      case match::Decision::Kind::Fail:
        failures.push_back(b_.GetInsertBlock());
        break;
      case match::Decision::Kind::Leaf:
        arrive(d.clause, bind(d.bindings));
        break;
      case match::Decision::Kind::Guard: {
        auto bound = bind(d.bindings);
        for (auto& [sym, v] : bound) l_.set_local(sym, v);
        llvm::Value* ok = guard(d.clause);
        llvm::Function* f = b_.GetInsertBlock()->getParent();
        auto* yes = llvm::BasicBlock::Create(l_.context(), "guard.yes", f);
        auto* no = llvm::BasicBlock::Create(l_.context(), "guard.no", f);
        b_.CreateCondBr(ok, yes, no);
        b_.SetInsertPoint(yes);
        arrive(d.clause, bound);
        b_.SetInsertPoint(no);
        emit_node(*d.otherwise, values_, guard);
        break;
      }
      case match::Decision::Kind::Switch:
        emit_switch(d, guard);
        break;
    }
    values_.swap(values);
  }

  std::vector<std::pair<Symbol*, llvm::Value*>> bind(const std::vector<match::Binding>& bindings) {
    std::vector<std::pair<Symbol*, llvm::Value*>> out;
    for (const match::Binding& b : bindings) out.emplace_back(b.symbol, value(b.occurrence));
    return out;
  }

  void arrive(size_t clause, std::vector<std::pair<Symbol*, llvm::Value*>> bound) {
    llvm::BasicBlock*& body = bodies[clause];
    if (!body) body = llvm::BasicBlock::Create(l_.context(), "case" + std::to_string(clause), b_.GetInsertBlock()->getParent());
    arrivals[clause].push_back({b_.GetInsertBlock(), std::move(bound)});
    b_.CreateBr(body);
  }

  llvm::Value* value(int occ) {
    if (auto it = values_.find(occ); it != values_.end()) return it->second;
    const match::Occurrence& o = m_.occurrences[static_cast<size_t>(occ)];
    llvm::Value* parent = value(o.parent);
    Type* parent_type = l_.concrete(m_.occurrences[static_cast<size_t>(o.parent)].type);
    llvm::Value* v = nullptr;
    auto index = static_cast<unsigned>(o.index);
    if (o.ctor) {
      v = l_.constructor_field(parent, o.ctor, parent_type, index);
    } else if (parent_type->kind == Type::Kind::Tuple) {
      v = l_.load_field(parent, l_.block_type(l_.tuple_fields(parent_type), false), index);
    } else if (parent_type->def && parent_type->def->kind == types::TypeDef::Kind::Record) {
      v = l_.load_field(parent, l_.block_type(l_.record_fields(parent_type), false), index);
    } else {  // an array
      Type* element = types::resolve(parent_type)->args[0];
      v = b_.CreateLoad(l_.lower_type(element), l_.array_element_ptr(parent, element, b_.getInt64(o.index)));
    }
    values_[occ] = v;
    return v;
  }

  template <class Guard>
  void emit_switch(const match::Decision& d, Guard& guard) {
    llvm::Function* f = b_.GetInsertBlock()->getParent();
    llvm::Value* v = value(d.occurrence);
    Type* type = l_.concrete(m_.occurrences[static_cast<size_t>(d.occurrence)].type);
    auto* otherwise = llvm::BasicBlock::Create(l_.context(), "match.else", f);
    std::vector<llvm::BasicBlock*> targets;
    for (size_t i = 0; i < d.cases.size(); ++i)
      targets.push_back(llvm::BasicBlock::Create(l_.context(), "match.case", f));
    const match::Test* first = d.cases.empty() ? nullptr : &d.cases[0].first;
    bool is_exception = first && first->kind == match::Test::Kind::Constructor && first->ctor->is_exception;
    bool is_chain = is_exception || (first && first->kind == match::Test::Kind::Literal &&
                                     (first->literal.kind == Literal::Kind::String ||
                                      first->literal.kind == Literal::Kind::Float));
    if (is_chain) {
      // Tests one after the other: descriptors, strings, floats.
      for (size_t i = 0; i < d.cases.size(); ++i) {
        const match::Test& t = d.cases[i].first;
        llvm::Value* hit = nullptr;
        if (is_exception) {
          llvm::Value* desc = b_.CreateLoad(b_.getPtrTy(), v);
          hit = b_.CreateICmpEQ(desc, l_.exception_descriptor(t.ctor));
        } else if (t.literal.kind == Literal::Kind::String) {
          hit = b_.CreateTrunc(b_.CreateCall(l_.runtime("fl_string_equal"), {v, l_.string_literal(t.literal.string_value)}),
                               b_.getInt1Ty());
        } else {
          hit = b_.CreateFCmpOEQ(v, llvm::ConstantFP::get(b_.getDoubleTy(), t.literal.float_value));
        }
        auto* next = i + 1 < d.cases.size() ? llvm::BasicBlock::Create(l_.context(), "match.next", f) : otherwise;
        b_.CreateCondBr(hit, targets[i], next);
        b_.SetInsertPoint(next);
      }
    } else {
      llvm::Value* key = nullptr;
      auto key_of = [&](const match::Test& t) -> llvm::ConstantInt* {
        switch (t.kind) {
          case match::Test::Kind::Constructor: return b_.getInt64(t.ctor->tag);
          case match::Test::Kind::ArrayLength: return b_.getInt64(t.length);
          case match::Test::Kind::Literal:
            switch (t.literal.kind) {
              case Literal::Kind::Char: return b_.getInt8(static_cast<uint8_t>(t.literal.int_value));
              case Literal::Kind::Bool: case Literal::Kind::Unit: return b_.getInt1(t.literal.int_value != 0);
              default: return b_.getInt64(static_cast<uint64_t>(t.literal.int_value));
            }
        }
        return b_.getInt64(0);
      };
      if (!first) key = b_.getInt64(0);
      else if (first->kind == match::Test::Kind::Constructor) key = l_.variant_tag(v, type);
      else if (first->kind == match::Test::Kind::ArrayLength) key = l_.array_length(v);
      else key = v;
      llvm::SwitchInst* sw = b_.CreateSwitch(key, otherwise, static_cast<unsigned>(d.cases.size()));
      for (size_t i = 0; i < d.cases.size(); ++i) sw->addCase(key_of(d.cases[i].first), targets[i]);
    }
    std::map<int, llvm::Value*> here = values_;
    for (size_t i = 0; i < d.cases.size(); ++i) {
      b_.SetInsertPoint(targets[i]);
      emit_node(*d.cases[i].second, here, guard);
    }
    b_.SetInsertPoint(otherwise);
    if (d.fallback) {
      emit_node(*d.fallback, here, guard);
    } else {
      b_.CreateUnreachable();
    }
  }

  Lowering& l_;
  llvm::IRBuilder<>& b_;
  const match::CompiledMatch& m_;
  Loc loc_;
  std::map<int, llvm::Value*> values_;
  std::map<int, llvm::Value*> roots_;  // the values known before any test
  std::map<const match::Decision*, int> parents_;
  std::map<const match::Decision*, llvm::BasicBlock*> shared_;
};

}  // namespace

void Lowering::set_local(Symbol* sym, llvm::Value* value) { locals_[sym] = value; }

namespace {

bool binds_whole(const match::Decision& d, std::set<const match::Decision*>& seen) {
  if (!seen.insert(&d).second) return false;
  for (const match::Binding& b : d.bindings)
    if (b.occurrence == 0) return true;
  bool found = false;
  d.for_each_child([&](const match::Decision& child) { found = found || binds_whole(child, seen); });
  return found;
}

bool binds_whole(const match::Decision& d) {
  std::set<const match::Decision*> seen;
  return binds_whole(d, seen);
}

}  // namespace

llvm::Value* Lowering::lower_match(MatchExpr& m, bool tail) {
  Expr& s = *m.scrutinee;
  if (s.kind == Expr::Kind::Tuple) {
    std::vector<llvm::Value*> elements;
    for (auto& el : s.as<TupleExpr>().elements) elements.push_back(lower(*el));
    return lower_cases(m.cases, nullptr, s.type, m.type, tail, m.loc, false, &elements);
  }
  return lower_cases(m.cases, lower(s), s.type, m.type, tail, m.loc, false);
}

llvm::Value* Lowering::lower_cases(const std::vector<MatchCase>& cases, llvm::Value* scrutinee, Type* type,
                                   Type* result_type, bool tail, Loc loc, bool reraise,
                                   const std::vector<llvm::Value*>* elements) {
  std::vector<match::Clause> clauses;
  for (const MatchCase& c : cases) clauses.push_back({c.pattern.get(), c.guard != nullptr});
  match::CompiledMatch compiled = match::compile_match(clauses, type);
  std::map<int, llvm::Value*> known;
  if (elements) {
    if (binds_whole(*compiled.tree)) scrutinee = build_tuple(type, *elements);
    for (size_t i = 1; i < compiled.occurrences.size(); ++i) {
      const match::Occurrence& o = compiled.occurrences[i];
      if (o.parent == 0 && !o.ctor) known[static_cast<int>(i)] = (*elements)[static_cast<size_t>(o.index)];
    }
  }
  if (scrutinee) known[0] = scrutinee;
  MatchEmitter emitter(*this, compiled, scrutinee, loc);
  emitter.emit(*compiled.tree, known, [&](size_t clause) { return lower(*cases[clause].guard); });

  llvm::Function* f = b_.GetInsertBlock()->getParent();
  llvm::BasicBlock* join = tail ? nullptr : llvm::BasicBlock::Create(ctx_, "match.join", f);
  std::vector<std::pair<llvm::Value*, llvm::BasicBlock*>> incoming;
  for (auto& [clause, block] : emitter.bodies) {
    b_.SetInsertPoint(block);
    const auto& arrivals = emitter.arrivals[clause];
    for (size_t i = 0; i < arrivals[0].bindings.size(); ++i) {
      auto [sym, first_value] = arrivals[0].bindings[i];
      if (arrivals.size() == 1) {
        locals_[sym] = first_value;
        continue;
      }
      llvm::PHINode* phi = b_.CreatePHI(first_value->getType(), static_cast<unsigned>(arrivals.size()), sym->name);
      for (const auto& a : arrivals) {
        llvm::Value* v = nullptr;
        for (auto& [s, value] : a.bindings)
          if (s == sym) v = value;
        phi->addIncoming(v, a.block);
      }
      locals_[sym] = phi;
    }
    if (tail) {
      lower_return(*cases[clause].body);
      continue;
    }
    llvm::Value* v = lower(*cases[clause].body);
    if (block_terminated()) continue;
    incoming.emplace_back(v, b_.GetInsertBlock());
    b_.CreateBr(join);
  }
  for (llvm::BasicBlock* failure : emitter.failures) {
    b_.SetInsertPoint(failure);
    if (reraise) {
      lower_raise(scrutinee);
    } else {
      const types::Constructor* ctor = arena_.exception("Match_failure");
      lower_raise(construct(ctor, arena_.exn_type(),
                            {string_literal(diags_.file_name(loc)), b_.getInt64(loc.line), b_.getInt64(loc.col)}));
    }
    if (!block_terminated()) b_.CreateUnreachable();
  }
  if (tail) {
    start_dead_block();
    return nullptr;
  }
  b_.SetInsertPoint(join);
  if (incoming.empty()) {
    b_.CreateUnreachable();
    start_dead_block();
    return undef_of(result_type);
  }
  llvm::PHINode* phi = b_.CreatePHI(lower_type(result_type), static_cast<unsigned>(incoming.size()));
  for (auto& [v, block] : incoming) phi->addIncoming(v, block);
  return phi;
}

// `let p = value`: a variable binds directly; other patterns go through a
// one-clause match (the checker made sure they cannot fail).
void Lowering::bind_pattern(const Pattern& p, llvm::Value* value, Type* type, bool top_level, Loc loc) {
  auto bind_symbol = [&](Symbol* sym, llvm::Value* v) {
    if (!top_level) {
      locals_[sym] = v;
      return;
    }
    llvm::GlobalVariable* g = phrase_global(sym, v->getType(), true);
    if (!g)
      g = new llvm::GlobalVariable(*mod_, v->getType(), false, llvm::GlobalValue::InternalLinkage,
                                   llvm::Constant::getNullValue(v->getType()), "fl." + sym->linkage_name);
    globals_[sym] = g;
    b_.CreateStore(v, g);
  };
  switch (p.kind) {
    case Pattern::Kind::Var:
      bind_symbol(p.as<VarPattern>().symbol, value);
      return;
    case Pattern::Kind::Wildcard:
      return;
    case Pattern::Kind::Annot:
      bind_pattern(*p.as<AnnotPattern>().pattern, value, type, top_level, loc);
      return;
    default:
      break;
  }
  std::vector<match::Clause> clauses{{&p, false}};
  match::CompiledMatch compiled = match::compile_match(clauses, p.type);
  MatchEmitter emitter(*this, compiled, value, loc);
  emitter.emit(*compiled.tree, {{0, value}}, [&](size_t) -> llvm::Value* { return b_.getInt1(true); });
  for (llvm::BasicBlock* failure : emitter.failures) {
    b_.SetInsertPoint(failure);
    const types::Constructor* ctor = arena_.exception("Match_failure");
    lower_raise(construct(ctor, arena_.exn_type(),
                          {string_literal(diags_.file_name(loc)), b_.getInt64(loc.line), b_.getInt64(loc.col)}));
    if (!block_terminated()) b_.CreateUnreachable();
  }
  llvm::BasicBlock* body = emitter.bodies.count(0) ? emitter.bodies[0] : nullptr;
  if (!body) {
    start_dead_block();
    return;
  }
  b_.SetInsertPoint(body);
  const auto& arrivals = emitter.arrivals[0];
  for (size_t i = 0; i < arrivals[0].bindings.size(); ++i) {
    auto [sym, first_value] = arrivals[0].bindings[i];
    llvm::Value* v = first_value;
    if (arrivals.size() > 1) {
      llvm::PHINode* phi = b_.CreatePHI(first_value->getType(), static_cast<unsigned>(arrivals.size()), sym->name);
      for (const auto& a : arrivals)
        for (auto& [s, value] : a.bindings)
          if (s == sym) phi->addIncoming(value, a.block);
      v = phi;
    }
    bind_symbol(sym, v);
  }
}

// ---------------------------------------------------------------------------
// Exceptions.

llvm::Value* Lowering::lower_raise(llvm::Value* exn) {
  llvm::CallInst* call = b_.CreateCall(runtime("fl_raise"), {exn});
  call->setDoesNotReturn();
  b_.CreateUnreachable();
  start_dead_block();
  return nullptr;
}

// try: a handler record on this function's frame, linked into the runtime's
// chain; fl_try_enter returns a second time, with 1, when something raises.
llvm::Value* Lowering::lower_try(TryExpr& e, bool) {
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  auto* handler_type = llvm::StructType::get(ctx_, {llvm::ArrayType::get(b_.getInt64Ty(), 8), b_.getPtrTy()});
  llvm::AllocaInst* handler = nullptr;
  {
    llvm::IRBuilderBase::InsertPointGuard guard(b_);
    b_.SetInsertPoint(&f->getEntryBlock(), f->getEntryBlock().begin());
    handler = b_.CreateAlloca(handler_type, nullptr, "handler");
  }
  auto* chain = mod_->getOrInsertGlobal("fl_current_handler", b_.getPtrTy());
  llvm::Value* previous = b_.CreateLoad(b_.getPtrTy(), chain);
  b_.CreateStore(previous, b_.CreateStructGEP(handler_type, handler, 1));
  // LLVM does not see the jump from a raise back to this point; to it, the
  // handlers run right after fl_try_enter. So that it keeps (and re-reads)
  // what the body stores into the heap blocks it uses (a ref it
  // increments), those blocks are handed to fl_try_enter: they escape
  // before the body runs.
  std::vector<llvm::Value*> heap_locals;
  for (Symbol* s : captures_of(*e.body, nullptr, {}))
    if (locals_.at(s)->getType()->isPointerTy()) heap_locals.push_back(locals_.at(s));
  llvm::Value* escaped = llvm::ConstantPointerNull::get(b_.getPtrTy());
  if (!heap_locals.empty()) {
    auto* array_type = llvm::ArrayType::get(b_.getPtrTy(), heap_locals.size());
    {
      llvm::IRBuilderBase::InsertPointGuard guard(b_);
      b_.SetInsertPoint(&f->getEntryBlock(), f->getEntryBlock().begin());
      escaped = b_.CreateAlloca(array_type, nullptr, "try.escaped");
    }
    for (size_t i = 0; i < heap_locals.size(); ++i)
      b_.CreateStore(heap_locals[i], b_.CreateConstInBoundsGEP2_64(array_type, escaped, 0, i));
  }
  llvm::CallInst* entered = b_.CreateCall(runtime("fl_try_enter"), {handler, escaped});
  entered->addFnAttr(llvm::Attribute::ReturnsTwice);
  auto* body_block = llvm::BasicBlock::Create(ctx_, "try.body", f);
  auto* caught = llvm::BasicBlock::Create(ctx_, "try.caught", f);
  auto* join = llvm::BasicBlock::Create(ctx_, "try.join", f);
  b_.CreateCondBr(b_.CreateICmpEQ(entered, b_.getInt64(0)), body_block, caught);

  std::vector<std::pair<llvm::Value*, llvm::BasicBlock*>> incoming;
  b_.SetInsertPoint(body_block);
  b_.CreateStore(handler, chain);
  llvm::Value* v = lower(*e.body);
  if (!block_terminated()) {
    b_.CreateStore(b_.CreateLoad(b_.getPtrTy(), b_.CreateStructGEP(handler_type, handler, 1)), chain);
    incoming.emplace_back(v, b_.GetInsertBlock());
    b_.CreateBr(join);
  }
  b_.SetInsertPoint(caught);
  llvm::Value* exn = b_.CreateLoad(b_.getPtrTy(), mod_->getOrInsertGlobal("fl_current_exception", b_.getPtrTy()));
  llvm::Value* handled = lower_cases(e.handlers, exn, arena_.exn_type(), e.type, false, e.loc, /*reraise=*/true);
  if (!block_terminated()) {
    incoming.emplace_back(handled, b_.GetInsertBlock());
    b_.CreateBr(join);
  }
  b_.SetInsertPoint(join);
  if (incoming.empty()) {
    b_.CreateUnreachable();
    start_dead_block();
    return undef_of(e.type);
  }
  llvm::PHINode* phi = b_.CreatePHI(lower_type(e.type), static_cast<unsigned>(incoming.size()));
  for (auto& [value, block] : incoming) phi->addIncoming(value, block);
  return phi;
}

// {name, show}: what the runtime needs to print an uncaught exception.
// The predefined ones have C names, since the runtime raises them too.
llvm::Constant* Lowering::exception_descriptor(const types::Constructor* ctor) {
  if (auto it = exception_descriptors_.find(ctor); it != exception_descriptors_.end()) return it->second;
  auto* type = llvm::StructType::get(ctx_, {b_.getPtrTy(), b_.getPtrTy()});
  bool predefined = arena_.builtin_exceptions().count(ctor->name) &&
                    arena_.builtin_exceptions().at(ctor->name) == ctor;
  std::string name = predefined ? "fl_exn_" + ctor->name : "fl.exn." + ctor->linkage_name;
  if (llvm::GlobalVariable* declared = phrase_exception_declaration(ctor, name)) {
    exception_descriptors_[ctor] = declared;
    return declared;
  }
  auto* g = new llvm::GlobalVariable(*mod_, type, true,
                                     predefined || phrase_ ? llvm::GlobalValue::ExternalLinkage : llvm::GlobalValue::InternalLinkage,
                                     nullptr, name);
  g->setAlignment(llvm::Align(16));
  exception_descriptors_[ctor] = g;
  llvm::Function* show = show_exception_function(ctor);
  g->setInitializer(llvm::ConstantStruct::get(type, {llvm::cast<llvm::Constant>(string_literal(ctor->name)), show}));
  return g;
}

void Lowering::define_exception_descriptors() {
  for (auto& [name, ctor] : arena_.builtin_exceptions()) exception_descriptor(ctor);
}

}  // namespace fl::codegen
