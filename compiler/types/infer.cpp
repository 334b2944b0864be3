#include "types/infer.h"

#include <algorithm>

#include "types/suggest.h"

namespace fl::types {

using namespace fl::ast;

Checker::Checker(TypeArena& arena, Diagnostics& diags) : arena_(arena), diags_(diags) {
  push_scope();
  add_primitives();
}

// ---------------------------------------------------------------------------
// The prelude primitives (spec 8.1) that the compiler lowers itself.

void Checker::add_primitives() {
  struct Entry {
    const char* name;
    Primitive primitive;
    Type* type;
  };
  Type* i = arena_.int_type();
  Type* s = arena_.string_type();
  Type* u = arena_.unit_type();
  Type* b = arena_.bool_type();
  auto fn = [&](Type* a, Type* r) { return arena_.arrow(a, r); };
  Type* any = arena_.var(1);  // generic: level above the top
  any->generic = true;
  Type* any2 = arena_.var(1);
  any2->generic = true;
  const Entry entries[] = {
      {"print_string", Primitive::PrintString, fn(s, u)},
      {"print_endline", Primitive::PrintEndline, fn(s, u)},
      {"print_int", Primitive::PrintInt, fn(i, u)},
      {"print_newline", Primitive::PrintNewline, fn(u, u)},
      {"prerr_endline", Primitive::PrerrEndline, fn(s, u)},
      {"exit", Primitive::Exit, fn(i, any)},
      {"not", Primitive::Not, fn(b, b)},
      {"succ", Primitive::Succ, fn(i, i)},
      {"pred", Primitive::Pred, fn(i, i)},
      {"abs", Primitive::Abs, fn(i, i)},
      {"ignore", Primitive::Ignore, fn(any2, u)},
      {"string_of_int", Primitive::StringOfInt, fn(i, s)},
      {"string_of_bool", Primitive::StringOfBool, fn(b, s)},
  };
  for (const Entry& e : entries) {
    Symbol& sym = symbols_.emplace_back();
    sym.kind = Symbol::Kind::Primitive;
    sym.name = e.name;
    sym.linkage_name = e.name;
    sym.primitive = e.primitive;
    sym.scheme.body = e.type;
    if (e.primitive == Primitive::Exit) sym.scheme.vars = {any};
    if (e.primitive == Primitive::Ignore) sym.scheme.vars = {any2};
    scopes_.back().values.emplace_back(e.name, &sym);
  }
}

// ---------------------------------------------------------------------------
// Program and items.

bool Checker::check_program(std::vector<Module*> modules) {
  for (Module* m : modules) {
    module_ = m->name;
    push_scope();  // the module's own top level
    for (auto& item : m->items) check_item(*item);
    // Top-level names of non-main modules stay visible qualified; the slice
    // keeps them in scope unqualified too only within their own module.
    pop_scope();
  }
  return !diags_.has_errors();
}

void Checker::check_item(Item& item) {
  switch (item.kind) {
    case Item::Kind::Let: {
      auto& let = item.as<LetItem>();
      check_let(let.recursive, let.bindings, /*top_level=*/true);
      return;
    }
    case Item::Kind::Expr: {
      auto& e = item.as<ExprItem>();
      enter_level();
      infer(*e.expr);
      leave_level();
      return;
    }
    case Item::Kind::Type:
      unsupported(item.loc, "type declarations");
      return;
    case Item::Kind::Exception:
      unsupported(item.loc, "exception declarations");
      return;
    case Item::Kind::Open:
      unsupported(item.loc, "open");
      return;
  }
}

namespace {

// `let f x = ...` and `let f = fun x -> ...`: calls with enough arguments
// become direct calls to the binding's code.
bool defines_function(const Binding& b) {
  return !b.params.empty() || (b.body && b.body->kind == Expr::Kind::Fun);
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
  for (auto& p : b.params) param_types.push_back(infer_pattern(*p, false));
  Type* result = b.return_type ? type_of_annotation(*b.return_type) : nullptr;
  if (!b.contracts.empty()) unsupported(b.contracts.front().loc, "contracts");
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
      t = infer(*b.body);
      if (b.return_type) unify(t, type_of_annotation(*b.return_type), b.body->loc, "this binding");
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
    enter_level();
    Type* pt = infer_pattern(*b.pattern, top_level);
    leave_level();
    unify(pt, types[i], b.pattern->loc, "this pattern");
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
  Type* t = infer_inner(e);
  e.type = t;
  return t;
}

void Checker::expect(Expr& e, Type* expected) { unify(infer(e), expected, e.loc, "this expression"); }

Type* Checker::infer_inner(Expr& e) {
  switch (e.kind) {
    case Expr::Kind::Literal:
      return literal_type(e.as<LiteralExpr>().value);

    case Expr::Kind::Var: {
      auto& v = e.as<VarExpr>();
      Symbol* sym = lookup(v.name);
      if (!sym) {
        report_unbound(v.name, e.loc, "value");
        return arena_.var(level_);
      }
      sym->used = true;
      v.symbol = sym;
      return instantiate(sym->scheme);
    }

    case Expr::Kind::Apply:
      return infer_apply(e.as<ApplyExpr>());

    case Expr::Kind::Unary: {
      auto& u = e.as<UnaryExpr>();
      switch (u.op) {
        case UnaryOp::Neg: expect(*u.operand, arena_.int_type()); return arena_.int_type();
        case UnaryOp::FNeg: expect(*u.operand, arena_.float_type()); return arena_.float_type();
        case UnaryOp::Not: expect(*u.operand, arena_.bool_type()); return arena_.bool_type();
        case UnaryOp::Deref: unsupported(e.loc, "references"); infer(*u.operand); return arena_.var(level_);
      }
      return arena_.var(level_);
    }

    case Expr::Kind::Binary:
      return infer_binary(e.as<BinaryExpr>());

    case Expr::Kind::Fun: {
      auto& f = e.as<FunExpr>();
      push_scope();
      std::vector<Type*> params;
      for (auto& p : f.params) params.push_back(infer_pattern(*p, false));
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
      Type* t = infer(*a.expr);
      unify(t, type_of_annotation(*a.annotation), a.expr->loc, "this expression");
      return t;
    }

    case Expr::Kind::Construct: unsupported(e.loc, "constructors"); break;
    case Expr::Kind::OpValue: unsupported(e.loc, "operators as values"); break;
    case Expr::Kind::Function: unsupported(e.loc, "`function`"); break;
    case Expr::Kind::Match: unsupported(e.loc, "`match`"); break;
    case Expr::Kind::Try: unsupported(e.loc, "`try`"); break;
    case Expr::Kind::Tuple: unsupported(e.loc, "tuples"); break;
    case Expr::Kind::List: unsupported(e.loc, "lists"); break;
    case Expr::Kind::Array: unsupported(e.loc, "arrays"); break;
    case Expr::Kind::Record: unsupported(e.loc, "records"); break;
    case Expr::Kind::RecordUpdate: unsupported(e.loc, "record update"); break;
    case Expr::Kind::Field: unsupported(e.loc, "record fields"); break;
    case Expr::Kind::SetField: unsupported(e.loc, "mutable fields"); break;
    case Expr::Kind::Index: unsupported(e.loc, "array indexing"); break;
    case Expr::Kind::SetIndex: unsupported(e.loc, "array update"); break;
    case Expr::Kind::StringIndex: unsupported(e.loc, "string indexing"); break;
    case Expr::Kind::Assert: unsupported(e.loc, "assert"); break;
  }
  return arena_.var(level_);
}

Type* Checker::infer_apply(ApplyExpr& e) {
  Type* ft = infer(*e.function);
  for (auto& arg : e.args) {
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
    case BinaryOp::Cons: unsupported(e.loc, "lists"); break;
    case BinaryOp::Append: unsupported(e.loc, "lists"); break;
    case BinaryOp::Assign: unsupported(e.loc, "references"); break;
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
// Patterns.

Type* Checker::infer_pattern(Pattern& p, bool top_level) {
  Type* t = nullptr;
  switch (p.kind) {
    case Pattern::Kind::Wildcard:
      t = arena_.var(level_);
      break;
    case Pattern::Kind::Var: {
      auto& v = p.as<VarPattern>();
      t = arena_.var(level_);
      v.symbol = define(v.name, p.loc, t, top_level);
      break;
    }
    case Pattern::Kind::Literal:
      t = literal_type(p.as<LiteralPattern>().value);
      if (p.as<LiteralPattern>().value.kind != Literal::Kind::Unit) unsupported(p.loc, "literal patterns");
      break;
    case Pattern::Kind::Annot: {
      auto& a = p.as<AnnotPattern>();
      t = infer_pattern(*a.pattern, top_level);
      unify(t, type_of_annotation(*a.annotation), p.loc, "this pattern");
      break;
    }
    default:
      unsupported(p.loc, "this kind of pattern");
      t = arena_.var(level_);
      break;
  }
  p.type = t;
  return t;
}

Type* Checker::literal_type(const Literal& lit) {
  switch (lit.kind) {
    case Literal::Kind::Int: return arena_.int_type();
    case Literal::Kind::Float: return arena_.float_type();
    case Literal::Kind::Char: return arena_.char_type();
    case Literal::Kind::String: return arena_.string_type();
    case Literal::Kind::Bool: return arena_.bool_type();
    case Literal::Kind::Unit: return arena_.unit_type();
  }
  return arena_.unit_type();
}

Type* Checker::type_of_annotation(const TypeExpr& t) {
  switch (t.kind) {
    case TypeExpr::Kind::Var: {
      auto& v = t.as<TypeVarExpr>();
      auto it = type_vars_.find(v.name);
      if (it != type_vars_.end()) return it->second;
      Type* var = arena_.var(level_);
      type_vars_[v.name] = var;
      return var;
    }
    case TypeExpr::Kind::Arrow: {
      auto& a = t.as<ArrowTypeExpr>();
      return arena_.arrow(type_of_annotation(*a.from), type_of_annotation(*a.to));
    }
    case TypeExpr::Kind::Tuple: {
      std::vector<Type*> elements;
      for (auto& el : t.as<TupleTypeExpr>().elements) elements.push_back(type_of_annotation(*el));
      return arena_.tuple(std::move(elements));
    }
    case TypeExpr::Kind::Con: {
      auto& c = t.as<TypeConExpr>();
      static const char* const ground[] = {"int", "float", "bool", "char", "string", "unit", "exn"};
      if (c.name.modules.empty() && c.args.empty())
        for (const char* g : ground)
          if (c.name.name == g) return arena_.con(g);
      diags_.error(t.loc, "unbound type constructor " + c.name.str());
      return arena_.var(level_);
    }
  }
  return arena_.var(level_);
}

// ---------------------------------------------------------------------------
// Unification and generalisation.

bool Checker::occurs(Type* var, Type* t) {
  t = resolve(t);
  if (t == var) return true;
  if (t->kind == Type::Kind::Var) {
    // Lower the level so the variable is not generalised too early.
    if (t->level > var->level) t->level = var->level;
    return false;
  }
  for (Type* a : t->args)
    if (occurs(var, a)) return true;
  return false;
}

bool Checker::unify_types(Type* a, Type* b) {
  a = resolve(a);
  b = resolve(b);
  if (a == b) return true;
  if (a->kind == Type::Kind::Var) {
    if (occurs(a, b)) return false;
    a->link = b;
    return true;
  }
  if (b->kind == Type::Kind::Var) return unify_types(b, a);
  if (a->kind != b->kind || a->name != b->name || a->args.size() != b->args.size()) return false;
  for (size_t i = 0; i < a->args.size(); ++i)
    if (!unify_types(a->args[i], b->args[i])) return false;
  return true;
}

void Checker::unify(Type* found, Type* expected, Loc loc, const char* what) {
  if (unify_types(found, expected)) return;
  TypePrinter printer;  // one namer, so 'a means the same in both types
  std::string f = printer.print(found);
  std::string x = printer.print(expected);
  diags_.error(loc, std::string(what) + " has type " + f + " but an expression was expected of type " + x);
}

// A type that is not generalised keeps its variables monomorphic ("weak"):
// moving them to the current level stops any enclosing let from
// generalising them later.
void Checker::lower_levels(Type* t) {
  t = resolve(t);
  if (t->kind == Type::Kind::Var) {
    if (t->level > level_) t->level = level_;
    return;
  }
  for (Type* a : t->args) lower_levels(a);
}

Scheme Checker::generalize(Type* t) {
  Scheme s;
  s.body = t;
  std::vector<Type*> stack{t};
  while (!stack.empty()) {
    Type* u = resolve(stack.back());
    stack.pop_back();
    if (u->kind == Type::Kind::Var) {
      if (u->level > level_ && std::find(s.vars.begin(), s.vars.end(), u) == s.vars.end()) {
        u->generic = true;
        s.vars.push_back(u);
      }
      continue;
    }
    for (Type* a : u->args) stack.push_back(a);
  }
  return s;
}

Type* Checker::instantiate(const Scheme& s) {
  if (s.vars.empty()) return s.body;
  std::vector<std::pair<Type*, Type*>> fresh;
  for (Type* v : s.vars) fresh.emplace_back(v, arena_.var(level_));
  // Copies the parts of the body that mention generic variables.
  auto copy = [&](auto& self, Type* t) -> Type* {
    t = resolve(t);
    if (t->kind == Type::Kind::Var) {
      for (auto& [from, to] : fresh)
        if (from == t) return to;
      return t;
    }
    if (t->args.empty()) return t;
    std::vector<Type*> args;
    bool changed = false;
    for (Type* a : t->args) {
      Type* c = self(self, a);
      changed |= c != resolve(a);
      args.push_back(c);
    }
    if (!changed) return t;
    switch (t->kind) {
      case Type::Kind::Arrow: return arena_.arrow(args[0], args[1]);
      case Type::Kind::Tuple: return arena_.tuple(std::move(args));
      default: return arena_.con(t->name, std::move(args));
    }
  };
  return copy(copy, s.body);
}

// ---------------------------------------------------------------------------
// Names.

Symbol* Checker::define(std::string name, Loc loc, Type* type, bool top_level) {
  Symbol& sym = symbols_.emplace_back();
  sym.kind = top_level ? Symbol::Kind::Global : Symbol::Kind::Local;
  sym.name = name;
  sym.linkage_name = top_level ? module_ + "." + name : name;
  sym.loc = loc;
  sym.scheme.body = type;
  scopes_.back().values.emplace_back(std::move(name), &sym);
  return &sym;
}

Symbol* Checker::lookup(const Path& path) {
  if (!path.modules.empty()) return nullptr;  // qualified names: later
  for (size_t s = scopes_.size(); s-- > 0;) {
    auto& values = scopes_[s].values;
    for (size_t i = values.size(); i-- > 0;)
      if (values[i].first == path.name) return values[i].second;
  }
  return nullptr;
}

void Checker::report_unbound(const Path& path, Loc loc, const char* what) {
  std::vector<std::string> candidates;
  for (auto& scope : scopes_)
    for (auto& [name, sym] : scope.values) candidates.push_back(name);
  std::string message = std::string("unbound ") + what + " " + path.str();
  if (auto hint = closest_name(path.name, candidates)) message += " (did you mean " + *hint + "?)";
  diags_.error(loc, message);
}

void Checker::unsupported(Loc loc, const std::string& construct) {
  diags_.error(loc, "not supported yet: " + construct);
}

}  // namespace fl::types
