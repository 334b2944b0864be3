#include "types/infer.h"

#include <algorithm>
#include <utility>

#include "match/decision_tree.h"

namespace fl::types {

using namespace fl::ast;

namespace {

// `let f x = ...` and `let f = fun x -> ...`: calls with enough arguments
// become direct calls to the binding's code.
bool defines_function(const Binding& b) {
  return !b.params.empty() || (b.body && (b.body->kind == Expr::Kind::Fun || b.body->kind == Expr::Kind::Function));
}

// OCaml's value restriction: only syntactic values are generalised.
bool is_syntactic_value(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::Literal:
    case Expr::Kind::Var:
    case Expr::Kind::Fun:
    case Expr::Kind::Function:
    case Expr::Kind::OpValue:
      return true;
    case Expr::Kind::Construct: {
      auto& c = e.as<ConstructExpr>();
      return !c.arg || is_syntactic_value(*c.arg);
    }
    case Expr::Kind::Tuple: {
      for (auto& el : e.as<TupleExpr>().elements)
        if (!is_syntactic_value(*el)) return false;
      return true;
    }
    case Expr::Kind::List: {
      for (auto& el : e.as<ListExpr>().elements)
        if (!is_syntactic_value(*el)) return false;
      return true;
    }
    case Expr::Kind::Annot:
      return is_syntactic_value(*e.as<AnnotExpr>().expr);
    default:
      return false;
  }
}

bool binding_is_value(const Binding& b) { return !b.params.empty() || is_syntactic_value(*b.body); }

}  // namespace

Type* Checker::infer_function_body(Binding& b) {
  // Parameters are patterns bound in a scope of their own.
  std::vector<Type*> param_types;
  for (auto& p : b.params) param_types.push_back(infer_parameter(*p));
  Type* result = nullptr;
  if (!b.contracts.empty()) unsupported(b.contracts.front().loc, "contracts");
  if (b.return_type) result = type_of_annotation(*b.return_type);
  hint_ = result;
  Type* body = infer(*b.body);
  if (result) unify(body, result, b.body->loc, "the function's result");
  Type* t = body;
  for (size_t i = param_types.size(); i-- > 0;) t = arena_.arrow(param_types[i], t);
  return t;
}

void Checker::check_let(bool recursive, std::vector<Binding>& bindings, bool top_level) {
  type_vars_.clear();
  enter_level();
  std::vector<Type*> types(bindings.size());
  std::vector<Symbol*> rec_symbols(bindings.size(), nullptr);
  if (recursive) {
    // The names are visible in every body, monomorphically.
    for (size_t i = 0; i < bindings.size(); ++i) {
      Binding& b = bindings[i];
      if (!b.name()) {
        diags_.error(b.loc, "only variables are allowed as the left-hand side of `let rec`");
        continue;
      }
      types[i] = arena_.var(level_);
      rec_symbols[i] = define(*b.name(), b.pattern->loc, types[i], top_level);
      b.pattern->as<VarPattern>().symbol = rec_symbols[i];
      b.pattern->type = types[i];
      if (defines_function(b)) rec_symbols[i]->function = &b;
    }
  }
  for (size_t i = 0; i < bindings.size(); ++i) {
    Binding& b = bindings[i];
    push_scope();
    Type* t = b.params.empty() ? nullptr : infer_function_body(b);
    pop_scope();
    if (!t) {
      Type* annotation = b.return_type ? type_of_annotation(*b.return_type) : nullptr;
      hint_ = annotation;
      t = infer(*b.body);
      if (annotation) unify(t, annotation, b.body->loc, "this binding");
    }
    if (recursive && rec_symbols[i]) {
      if (b.params.empty() && b.body->kind != Expr::Kind::Fun && b.body->kind != Expr::Kind::Function)
        diags_.error(b.body->loc, "this kind of expression is not allowed as right-hand side of `let rec`");
      unify(types[i], t, b.body->loc, "this recursive definition");
    }
    types[i] = t;
  }
  leave_level();

  for (size_t i = 0; i < bindings.size(); ++i) {
    Binding& b = bindings[i];
    bool generalizable = binding_is_value(b);
    if (recursive && rec_symbols[i]) {
      if (generalizable) rec_symbols[i]->scheme = generalize(types[i]);
      else lower_levels(types[i]);
      continue;
    }
    // Non-recursive: bind the pattern's variables now, after the body.
    unsigned errors_before = diags_.error_count();
    enter_level();
    Type* pt = infer_pattern(*b.pattern, top_level);
    leave_level();
    unify(pt, types[i], b.pattern->loc, "this pattern");
    if (b.pattern->kind != Pattern::Kind::Var && diags_.error_count() == errors_before)
      report_match({{b.pattern.get(), false}}, types[i], b.pattern->loc, false);
    if (b.pattern->kind == Pattern::Kind::Var) {
      Symbol* sym = b.pattern->as<VarPattern>().symbol;
      if (sym && defines_function(b)) sym->function = &b;
      if (sym && generalizable) sym->scheme = generalize(types[i]);
    }
    if (!generalizable) lower_levels(types[i]);
  }
}

// ---------------------------------------------------------------------------
// Expressions.

Type* Checker::infer(Expr& e) {
  expected_here_ = std::exchange(hint_, nullptr);
  Type* t = infer_inner(e);
  e.type = t;
  return t;
}

void Checker::expect(Expr& e, Type* expected) {
  hint_ = expected;
  unify(infer(e), expected, e.loc, "this expression");
}

Type* Checker::infer_inner(Expr& e) {
  switch (e.kind) {
    case Expr::Kind::Literal:
      return literal_type(e.as<LiteralExpr>().value);

    case Expr::Kind::Var: {
      auto& v = e.as<VarExpr>();
      Symbol* sym = lookup_value(v.name);
      if (!sym) {
        report_unbound(v.name, e.loc, "value");
        return arena_.var(level_);
      }
      sym->used = true;
      v.symbol = sym;
      Type* t = instantiate(sym->scheme);
      if (sym->primitive == Primitive::Compare || sym->primitive == Primitive::Hash ||
          sym->primitive == Primitive::Show) {
        Type* operand = resolve(t)->args[0];
        const char* what = sym->primitive == Primitive::Hash   ? "hash"
                           : sym->primitive == Primitive::Show ? "show"
                                                               : "comparison";
        structural_uses_.push_back({e.loc, operand, what});
        mark_structural(operand, what);
      }
      return t;
    }

    case Expr::Kind::Apply:
      return infer_apply(e.as<ApplyExpr>());

    case Expr::Kind::Unary: {
      auto& u = e.as<UnaryExpr>();
      switch (u.op) {
        case UnaryOp::Neg: expect(*u.operand, arena_.int_type()); return arena_.int_type();
        case UnaryOp::FNeg: expect(*u.operand, arena_.float_type()); return arena_.float_type();
        case UnaryOp::Not: expect(*u.operand, arena_.bool_type()); return arena_.bool_type();
        case UnaryOp::Deref: {
          Type* t = arena_.var(level_);
          expect(*u.operand, arena_.ref_type(t));
          return t;
        }
      }
      return arena_.var(level_);
    }

    case Expr::Kind::Binary:
      return infer_binary(e.as<BinaryExpr>());

    case Expr::Kind::Fun: {
      auto& f = e.as<FunExpr>();
      push_scope();
      std::vector<Type*> params;
      for (auto& p : f.params) params.push_back(infer_parameter(*p));
      Type* t = infer(*f.body);
      pop_scope();
      for (size_t i = params.size(); i-- > 0;) t = arena_.arrow(params[i], t);
      return t;
    }

    case Expr::Kind::Let:
      return infer_let(e.as<LetExpr>());

    case Expr::Kind::If: {
      auto& i = e.as<IfExpr>();
      expect(*i.condition, arena_.bool_type());
      Type* t = infer(*i.then_branch);
      if (i.else_branch) {
        unify(infer(*i.else_branch), t, i.else_branch->loc, "this branch");
      } else {
        unify(t, arena_.unit_type(), i.then_branch->loc, "a `then` branch without `else`");
      }
      return t;
    }

    case Expr::Kind::Seq: {
      auto& s = e.as<SeqExpr>();
      Type* first = infer(*s.first);
      Type* r = resolve(first);
      if (r->kind == Type::Kind::Arrow)
        diags_.warning(s.first->loc, "this function application is partial, maybe some arguments are missing");
      else if (!(r->kind == Type::Kind::Con && r->name == "unit") && r->kind != Type::Kind::Var)
        diags_.warning(s.first->loc, "this expression should have type unit");
      return infer(*s.second);
    }

    case Expr::Kind::While: {
      auto& w = e.as<WhileExpr>();
      expect(*w.condition, arena_.bool_type());
      expect(*w.body, arena_.unit_type());
      return arena_.unit_type();
    }

    case Expr::Kind::For: {
      auto& f = e.as<ForExpr>();
      expect(*f.from, arena_.int_type());
      expect(*f.to, arena_.int_type());
      push_scope();
      f.symbol = define(f.var, f.var_loc, arena_.int_type(), false);
      expect(*f.body, arena_.unit_type());
      pop_scope();
      return arena_.unit_type();
    }

    case Expr::Kind::Annot: {
      auto& a = e.as<AnnotExpr>();
      Type* annotation = type_of_annotation(*a.annotation);
      hint_ = annotation;
      Type* t = infer(*a.expr);
      unify(t, annotation, a.expr->loc, "this expression");
      return t;
    }

    case Expr::Kind::Construct:
      return infer_construct(e.as<ConstructExpr>());
    case Expr::Kind::OpValue:
      return infer_op_value(e.as<OpValueExpr>());
    case Expr::Kind::Function: {
      auto& f = e.as<FunctionExpr>();
      Type* param = arena_.var(level_);
      return arena_.arrow(param, infer_cases(f.cases, param, e.loc, false));
    }
    case Expr::Kind::Match: {
      auto& m = e.as<MatchExpr>();
      return infer_cases(m.cases, infer(*m.scrutinee), e.loc, false);
    }
    case Expr::Kind::Try: {
      auto& t = e.as<TryExpr>();
      Type* result = infer(*t.body);
      unify(infer_cases(t.handlers, arena_.exn_type(), e.loc, true), result, e.loc, "this handler");
      return result;
    }
    case Expr::Kind::Tuple: {
      std::vector<Type*> elements;
      for (auto& el : e.as<TupleExpr>().elements) elements.push_back(infer(*el));
      return arena_.tuple(std::move(elements));
    }
    case Expr::Kind::List: {
      Type* element = arena_.var(level_);
      for (auto& el : e.as<ListExpr>().elements) expect(*el, element);
      return arena_.list_type(element);
    }
    case Expr::Kind::Array: {
      Type* element = arena_.var(level_);
      for (auto& el : e.as<ArrayExpr>().elements) expect(*el, element);
      return arena_.array_type(element);
    }
    case Expr::Kind::Record:
      return infer_record(e.as<RecordExpr>());
    case Expr::Kind::RecordUpdate:
      return infer_record_update(e.as<RecordUpdateExpr>());
    case Expr::Kind::Field: {
      auto& f = e.as<FieldExpr>();
      Type* record = infer(*f.record);
      f.info = field_in(lookup_field(f.field, e.loc), record);
      return f.info ? field_type(f.info, record, f.record->loc) : arena_.var(level_);
    }
    case Expr::Kind::SetField: {
      auto& f = e.as<SetFieldExpr>();
      Type* record = infer(*f.record);
      f.info = field_in(lookup_field(f.field, e.loc), record);
      if (!f.info) {
        infer(*f.value);
        return arena_.unit_type();
      }
      if (!f.info->is_mutable) diags_.error(e.loc, "the record field " + f.info->name + " is not mutable");
      expect(*f.value, field_type(f.info, record, f.record->loc));
      return arena_.unit_type();
    }
    case Expr::Kind::Index: {
      auto& i = e.as<IndexExpr>();
      Type* element = arena_.var(level_);
      expect(*i.array, arena_.array_type(element));
      expect(*i.index, arena_.int_type());
      return element;
    }
    case Expr::Kind::SetIndex: {
      auto& i = e.as<SetIndexExpr>();
      Type* element = arena_.var(level_);
      expect(*i.array, arena_.array_type(element));
      expect(*i.index, arena_.int_type());
      expect(*i.value, element);
      return arena_.unit_type();
    }
    case Expr::Kind::StringIndex: {
      auto& i = e.as<StringIndexExpr>();
      expect(*i.string, arena_.string_type());
      expect(*i.index, arena_.int_type());
      return arena_.char_type();
    }
    case Expr::Kind::Assert: {
      auto& a = e.as<AssertExpr>();
      expect(*a.condition, arena_.bool_type());
      // `assert false` never returns, so it fits anywhere, as in OCaml.
      auto* c = a.condition.get();
      if (c->kind == Expr::Kind::Literal && c->as<LiteralExpr>().value.kind == Literal::Kind::Bool &&
          c->as<LiteralExpr>().value.int_value == 0)
        return arena_.var(level_);
      return arena_.unit_type();
    }
  }
  return arena_.var(level_);
}

Type* Checker::infer_apply(ApplyExpr& e) {
  Type* ft = infer(*e.function);
  for (auto& arg : e.args) {
    if (resolve(ft)->kind == Type::Kind::Arrow) hint_ = resolve(ft)->args[0];
    Type* at = infer(*arg);
    Type* f = resolve(ft);
    if (f->kind == Type::Kind::Arrow) {
      unify(at, f->args[0], arg->loc, "this argument");
      ft = f->args[1];
      continue;
    }
    Type* result = arena_.var(level_);
    if (!unify_types(f, arena_.arrow(at, result))) {
      TypePrinter printer;
      diags_.error(e.function->loc, "this expression has type " + printer.print(f) +
                                        "\n  It is not a function; it cannot be applied.");
      return arena_.var(level_);
    }
    ft = result;
  }
  return ft;
}

Type* Checker::infer_binary(BinaryExpr& e) {
  Type* i = arena_.int_type();
  Type* f = arena_.float_type();
  Type* b = arena_.bool_type();
  auto both = [&](Type* operand, Type* result) {
    expect(*e.left, operand);
    expect(*e.right, operand);
    return result;
  };
  switch (e.op) {
    case BinaryOp::Add: case BinaryOp::Sub: case BinaryOp::Mul: case BinaryOp::Div:
    case BinaryOp::Mod: case BinaryOp::Land: case BinaryOp::Lor: case BinaryOp::Lxor:
    case BinaryOp::Lsl: case BinaryOp::Lsr: case BinaryOp::Asr:
      return both(i, i);
    case BinaryOp::FAdd: case BinaryOp::FSub: case BinaryOp::FMul: case BinaryOp::FDiv:
    case BinaryOp::FPow:
      return both(f, f);
    case BinaryOp::And: case BinaryOp::Or:
      return both(b, b);
    case BinaryOp::Concat:
      return both(arena_.string_type(), arena_.string_type());
    case BinaryOp::Eq: case BinaryOp::Ne: case BinaryOp::Lt: case BinaryOp::Gt:
    case BinaryOp::Le: case BinaryOp::Ge: case BinaryOp::PhysEq: case BinaryOp::PhysNe: {
      Type* operand = infer(*e.left);
      expect(*e.right, operand);
      if (e.op != BinaryOp::PhysEq && e.op != BinaryOp::PhysNe) {
        const char* what = e.op == BinaryOp::Eq || e.op == BinaryOp::Ne ? "equality" : "comparison";
        Loc at = e.op_loc.valid() ? e.op_loc : e.loc;
        structural_uses_.push_back({at, operand, what});
        // Later unifications are checked through the variables' flag.
        if (!mark_structural(operand, what))
          diags_.error(at, std::string(what) + " is not defined on functions: the operands have type " +
                               print_type(operand));
      }
      return b;
    }
    case BinaryOp::Pipe: {  // x |> f  ==  f x
      Type* x = infer(*e.left);
      Type* result = arena_.var(level_);
      expect(*e.right, arena_.arrow(x, result));
      return result;
    }
    case BinaryOp::AtAt: {  // f @@ x  ==  f x
      Type* result = arena_.var(level_);
      Type* x = arena_.var(level_);
      expect(*e.left, arena_.arrow(x, result));
      expect(*e.right, x);
      return result;
    }
    case BinaryOp::Cons: {
      Type* element = infer(*e.left);
      Type* list = arena_.list_type(element);
      expect(*e.right, list);
      return list;
    }
    case BinaryOp::Append: {
      Type* list = arena_.list_type(arena_.var(level_));
      expect(*e.left, list);
      expect(*e.right, list);
      return list;
    }
    case BinaryOp::Assign: {
      Type* value = arena_.var(level_);
      expect(*e.left, arena_.ref_type(value));
      expect(*e.right, value);
      return arena_.unit_type();
    }
  }
  infer(*e.left);
  infer(*e.right);
  return arena_.var(level_);
}

Type* Checker::infer_let(LetExpr& e) {
  push_scope();
  auto saved = type_vars_;
  check_let(e.recursive, e.bindings, /*top_level=*/false);
  type_vars_ = saved;
  Type* t = infer(*e.body);
  pop_scope();
  return t;
}


// ---------------------------------------------------------------------------
// Data: constructors, records, cases.

Type* Checker::infer_construct(ConstructExpr& e) {
  Constructor* ctor = constructor_for(e.constructor, e.loc, expected_here_);
  if (!ctor) {
    if (e.arg) infer(*e.arg);
    return arena_.var(level_);
  }
  e.ctor = ctor;
  std::vector<Type*> fresh = fresh_params(ctor->owner);
  std::vector<Type*> args;
  for (Type* a : ctor->args) args.push_back(arena_.substitute(a, ctor->owner->params, fresh));
  auto arity_error = [&](size_t given) {
    diags_.error(e.loc, "the constructor " + ctor->name + " expects " + std::to_string(args.size()) +
                            " argument(s), but is applied here to " + std::to_string(given) + " argument(s)");
  };
  if (!e.arg) {
    if (!args.empty()) arity_error(0);
  } else if (args.empty()) {
    arity_error(1);
    infer(*e.arg);
  } else if (args.size() == 1) {
    expect(*e.arg, args[0]);
  } else if (e.arg->kind != Expr::Kind::Tuple || e.arg->as<TupleExpr>().elements.size() != args.size()) {
    arity_error(e.arg->kind == Expr::Kind::Tuple ? e.arg->as<TupleExpr>().elements.size() : 1);
    infer(*e.arg);
  } else {
    auto& elements = e.arg->as<TupleExpr>().elements;
    for (size_t i = 0; i < args.size(); ++i) expect(*elements[i], args[i]);
    e.arg->type = arena_.tuple(args);
  }
  return arena_.con(ctor->owner, fresh);
}

Field* Checker::field_in(Field* f, Type* record) {
  Type* t = resolve(record);
  if (f && t->kind == Type::Kind::Con && t->def && t->def->kind == TypeDef::Kind::Record)
    for (Field* own : t->def->fields)
      if (own->name == f->name) return own;
  return f;
}

Type* Checker::field_type(Field* f, Type* record, Loc loc) {
  std::vector<Type*> fresh = fresh_params(f->owner);
  unify(record, arena_.con(f->owner, fresh), loc, "this expression");
  return arena_.substitute(f->type, f->owner->params, fresh);
}

Type* Checker::infer_record(RecordExpr& e) {
  Type* expected = expected_here_;
  TypeDef* owner = nullptr;
  std::vector<Type*> fresh;
  std::vector<bool> given;
  for (auto& f : e.fields) {
    Field* field = lookup_field(f.name, f.loc);
    if (!field) {
      infer(*f.value);
      continue;
    }
    if (!owner) {
      owner = record_for(e, field, expected);
      fresh = fresh_params(owner);
      given.assign(owner->fields.size(), false);
    }
    field = field_in(field, arena_.con(owner, fresh));
    if (field->owner != owner) {
      diags_.error(f.loc, "the field " + field->name + " does not belong to the type " + owner->name);
      infer(*f.value);
      continue;
    }
    if (given[field->index]) diags_.error(f.loc, "the field " + field->name + " is defined several times");
    given[field->index] = true;
    f.field = field;
    expect(*f.value, arena_.substitute(field->type, owner->params, fresh));
  }
  if (!owner) return arena_.var(level_);
  for (Field* field : owner->fields)
    if (!given[field->index]) diags_.error(e.loc, "some record fields are undefined: " + field->name);
  return arena_.con(owner, fresh);
}

Type* Checker::infer_record_update(RecordUpdateExpr& e) {
  Type* record = infer(*e.record);
  for (auto& f : e.fields) {
    Field* field = field_in(lookup_field(f.name, f.loc), record);
    if (!field) {
      infer(*f.value);
      continue;
    }
    f.field = field;
    expect(*f.value, field_type(field, record, e.record->loc));
  }
  return record;
}

Type* Checker::infer_cases(std::vector<MatchCase>& cases, Type* scrutinee, Loc loc, bool is_try) {
  Type* result = arena_.var(level_);
  unsigned pattern_errors = 0;
  for (MatchCase& c : cases) {
    push_scope();
    unsigned before = diags_.error_count();
    pattern_hint_ = scrutinee;
    unify(infer_pattern(*c.pattern, false), scrutinee, c.pattern->loc, "this pattern");
    pattern_errors += diags_.error_count() - before;
    if (c.guard) expect(*c.guard, arena_.bool_type());
    unify(infer(*c.body), result, c.body->loc, "this expression");
    pop_scope();
  }
  std::vector<match::Clause> clauses;
  for (MatchCase& c : cases) clauses.push_back({c.pattern.get(), c.guard != nullptr});
  // Patterns with errors are half-typed: they are not analysed.
  if (pattern_errors == 0) report_match(clauses, scrutinee, loc, is_try);
  return result;
}

// A function parameter is a one-case match that must be exhaustive.
Type* Checker::infer_parameter(Pattern& p) {
  unsigned before = diags_.error_count();
  Type* t = infer_pattern(p, false);
  if (diags_.error_count() == before && p.kind != Pattern::Kind::Var) report_match({{&p, false}}, t, p.loc, false);
  return t;
}

// Analysed once the whole top-level item is typed, so that every pattern's
// type is as known as it will be.
void Checker::report_match(const std::vector<match::Clause>& clauses, Type* scrutinee, Loc loc, bool is_try) {
  pending_matches_.push_back({clauses, scrutinee, loc, is_try});
}

void Checker::analyse_pending_matches() {
  for (const PendingMatch& m : pending_matches_) {
    match::Analysis analysis = match::analyse_match(m.clauses, m.scrutinee);
    if (!m.is_try && !analysis.exhaustive) diags_.error(m.loc, "this match does not cover: " + analysis.missing);
    for (size_t i : analysis.unused) diags_.error(m.clauses[i].pattern->loc, "this case is unused");
  }
  pending_matches_.clear();
}

// `( + )` and friends: the operator's type as a curried function.
Type* Checker::infer_op_value(OpValueExpr& e) {
  Type* i = arena_.int_type();
  Type* f = arena_.float_type();
  Type* b = arena_.bool_type();
  Type* s = arena_.string_type();
  auto fn2 = [&](Type* x, Type* y, Type* r) { return arena_.arrow(x, arena_.arrow(y, r)); };
  if (e.unary) {
    switch (e.unary_op) {
      case UnaryOp::Neg: return arena_.arrow(i, i);
      case UnaryOp::FNeg: return arena_.arrow(f, f);
      case UnaryOp::Not: return arena_.arrow(b, b);
      case UnaryOp::Deref: {
        Type* a = arena_.var(level_);
        return arena_.arrow(arena_.ref_type(a), a);
      }
    }
  }
  Type* a = arena_.var(level_);
  switch (e.binary) {
    case BinaryOp::Add: case BinaryOp::Sub: case BinaryOp::Mul: case BinaryOp::Div:
    case BinaryOp::Mod: case BinaryOp::Land: case BinaryOp::Lor: case BinaryOp::Lxor:
    case BinaryOp::Lsl: case BinaryOp::Lsr: case BinaryOp::Asr:
      return fn2(i, i, i);
    case BinaryOp::FAdd: case BinaryOp::FSub: case BinaryOp::FMul: case BinaryOp::FDiv: case BinaryOp::FPow:
      return fn2(f, f, f);
    case BinaryOp::Eq: case BinaryOp::Ne: case BinaryOp::Lt: case BinaryOp::Gt:
    case BinaryOp::Le: case BinaryOp::Ge:
      a->structural = e.binary == BinaryOp::Eq || e.binary == BinaryOp::Ne ? "equality" : "comparison";
      return fn2(a, a, b);
    case BinaryOp::PhysEq: case BinaryOp::PhysNe:
      return fn2(a, a, b);
    case BinaryOp::And: case BinaryOp::Or:
      return fn2(b, b, b);
    case BinaryOp::Cons:
      return fn2(a, arena_.list_type(a), arena_.list_type(a));
    case BinaryOp::Append:
      return fn2(arena_.list_type(a), arena_.list_type(a), arena_.list_type(a));
    case BinaryOp::Concat:
      return fn2(s, s, s);
    case BinaryOp::Pipe: {
      Type* r = arena_.var(level_);
      return fn2(a, arena_.arrow(a, r), r);
    }
    case BinaryOp::AtAt: {
      Type* r = arena_.var(level_);
      return fn2(arena_.arrow(a, r), a, r);
    }
    case BinaryOp::Assign:
      return fn2(arena_.ref_type(a), a, arena_.unit_type());
  }
  return a;
}

}  // namespace fl::types
