// Unification with the occurs check, and let-generalisation by levels.
#include <algorithm>

#include "types/infer.h"

namespace fl::types {

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
    if (a->structural && !mark_structural(b, a->structural)) {
      structural_violation_ = b;
      structural_what_ = a->structural;
    }
    return true;
  }
  if (b->kind == Type::Kind::Var) return unify_types(b, a);
  if (a->kind != b->kind || a->def != b->def || a->args.size() != b->args.size()) return false;
  for (size_t i = 0; i < a->args.size(); ++i)
    if (!unify_types(a->args[i], b->args[i])) return false;
  return true;
}

// Marks the variables of `t` structural; false when `t` has a function,
// also inside the declarations of its variants and records.
bool Checker::mark_structural(Type* t, const char* what) {
  std::set<const TypeDef*> seen;
  return mark_structural(t, what, seen);
}

bool Checker::mark_structural(Type* t, const char* what, std::set<const TypeDef*>& seen) {
  t = resolve(t);
  if (t->kind == Type::Kind::Var) {
    if (!t->structural) t->structural = what;
    return true;
  }
  if (t->kind == Type::Kind::Arrow) return false;
  bool ok = true;
  for (Type* a : t->args) ok = mark_structural(a, what, seen) && ok;
  if (t->kind == Type::Kind::Con && t->def && !t->def->predefined && seen.insert(t->def).second) {
    for (const Constructor* c : t->def->constructors)
      for (Type* a : c->args) ok = mark_structural(arena_.substitute(a, t->def->params, t->args), what, seen) && ok;
    for (const Field* f : t->def->fields)
      ok = mark_structural(arena_.substitute(f->type, t->def->params, t->args), what, seen) && ok;
  }
  return ok;
}

void Checker::unify(Type* found, Type* expected, Loc loc, const char* what) {
  structural_violation_ = nullptr;
  bool unified = unify_types(found, expected);
  if (structural_violation_) {
    diags_.error(loc, std::string(structural_what_) + " is not defined on functions, and this value of type " +
                          print_type(structural_violation_) + " reaches it");
    structural_violation_ = nullptr;
  }
  if (unified) return;
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
  for (Type* v : s.vars) {
    Type* f = arena_.var(level_);
    f->structural = resolve(v)->structural;
    fresh.emplace_back(v, f);
  }
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
      default: return arena_.con(t->def, std::move(args));
    }
  };
  return copy(copy, s.body);
}

std::vector<Type*> Checker::fresh_params(const TypeDef* def) {
  std::vector<Type*> fresh;
  for (size_t i = 0; i < def->params.size(); ++i) fresh.push_back(arena_.var(level_));
  return fresh;
}

}  // namespace fl::types
