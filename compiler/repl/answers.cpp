#include "repl/answers.h"

#include <algorithm>
#include <set>

#include "codegen/codegen.h"

namespace fl::repl {

using types::Type;

namespace {

void variables_in_order(Type* t, std::vector<Type*>& out) {
  t = types::resolve(t);
  if (t->kind == Type::Kind::Var) {
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    return;
  }
  for (Type* a : t->args) variables_in_order(a, out);
}

std::string letter(size_t n) {
  std::string name = "'";
  name += static_cast<char>('a' + n % 26);
  if (n >= 26) name += std::to_string(n / 26);
  return name;
}

// A constructor argument or a tuple element in a declaration: arrows and
// tuples in parentheses.
std::string argument(types::TypePrinter& printer, Type* t) {
  std::string text = printer.print(t);
  Type* r = types::resolve(t);
  return r->kind == Type::Kind::Arrow || r->kind == Type::Kind::Tuple ? "(" + text + ")" : text;
}

std::string constructor_text(types::TypePrinter& printer, const types::Constructor& c) {
  std::string text = c.name;
  for (size_t i = 0; i < c.args.size(); ++i) text += (i ? " * " : " of ") + argument(printer, c.args[i]);
  return text;
}

}  // namespace

std::string TypeNames::scheme(Type* t, bool known_weak_only) {
  std::vector<Type*> vars;
  variables_in_order(t, vars);
  types::TypePrinter printer;
  size_t letters = 0;
  for (Type* v : vars) {
    // Variables named weak before may since have been unified with others.
    auto weak = std::find_if(weak_.begin(), weak_.end(), [&](auto& entry) { return types::resolve(entry.first) == v; });
    if (weak == weak_.end() && !known_weak_only && !v->generic)
      weak = weak_.emplace(v, static_cast<int>(weak_.size()) + 1).first;
    printer.set_name(v, weak != weak_.end() ? "'_weak" + std::to_string(weak->second) : letter(letters++));
  }
  return printer.print(t);
}

bool TypeNames::weak_left() const {
  for (auto& [var, number] : weak_)
    if (types::resolve(var)->kind == Type::Kind::Var) return true;
  return false;
}

bool has_weak_variables(Type* t) {
  std::vector<Type*> vars;
  variables_in_order(t, vars);
  for (Type* v : vars)
    if (!v->generic) return true;
  return false;
}

std::string type_declaration(const ast::TypeItem& item, const std::map<std::string, types::TypeDef*>& env_types) {
  std::string out;
  for (size_t k = 0; k < item.decls.size(); ++k) {
    const ast::TypeDecl& d = item.decls[k];
    auto it = env_types.find(d.name);
    if (it == env_types.end()) continue;
    const types::TypeDef& def = *it->second;
    types::TypePrinter printer;
    std::string params;
    for (size_t i = 0; i < def.params.size() && i < d.params.size(); ++i) {
      printer.set_name(types::resolve(def.params[i]), "'" + d.params[i]);
      params += (i ? ", '" : "'") + d.params[i];
    }
    if (d.params.size() > 1) params = "(" + params + ")";
    if (!params.empty()) params += " ";
    if (k) out += "\n";
    out += (k ? "and " : "type ") + params + d.name;
    switch (def.kind) {
      case types::TypeDef::Kind::Variant: {
        out += " =";
        for (size_t i = 0; i < def.constructors.size(); ++i)
          out += (i ? " | " : " ") + constructor_text(printer, *def.constructors[i]);
        break;
      }
      case types::TypeDef::Kind::Record: {
        out += " = {";
        for (const types::Field* f : def.fields)
          out += std::string(" ") + (f->is_mutable ? "mutable " : "") + f->name + " : " + printer.print(f->type) + ";";
        out += " }";
        break;
      }
      case types::TypeDef::Kind::Alias:
        if (def.alias) out += " = " + printer.print(def.alias);
        break;
      default:
        break;  // abstract
    }
  }
  return out;
}

std::string exception_declaration(const types::Constructor& c) {
  types::TypePrinter printer;
  return "exception " + constructor_text(printer, c);
}

namespace {

// Calls `found` on each weak variable of `t` under an arrow, through
// declarations too: a record may hold a function of its parameter
// (`{ f : 'a -> unit }`).
template <class Found>
void closure_variables(Type* t, types::TypeArena& arena, Found found) {
  std::set<std::pair<const types::TypeDef*, bool>> seen;
  auto walk = [&](auto& self, Type* u, bool under_arrow) -> void {
    u = types::resolve(u);
    if (u->kind == Type::Kind::Var) {
      if (under_arrow && !u->generic) found(u);
      return;
    }
    for (Type* a : u->args) self(self, a, under_arrow || u->kind == Type::Kind::Arrow);
    const types::TypeDef* def = u->kind == Type::Kind::Con ? u->def : nullptr;
    if (!def || def->predefined || !seen.insert({def, under_arrow}).second) return;
    for (const types::Constructor* c : def->constructors)
      for (Type* a : c->args) self(self, arena.substitute(a, def->params, u->args), under_arrow);
    for (const types::Field* f : def->fields) self(self, arena.substitute(f->type, def->params, u->args), under_arrow);
  };
  walk(walk, t, false);
}

}  // namespace

void fix_closure_variables(Type* t, types::TypeArena& arena) {
  closure_variables(t, arena, [&](Type* v) { v->link = arena.unit_type(); });
}

bool has_closure_variables(Type* t, types::TypeArena& arena) {
  bool any = false;
  closure_variables(t, arena, [&](Type*) { any = true; });
  return any;
}

bool evaluates_quietly(const ast::Expr& e) {
  using K = ast::Expr::Kind;
  switch (e.kind) {
    case K::Literal: case K::Var: case K::OpValue: case K::Fun: case K::Function:
      return true;
    case K::Construct: {
      const ast::Expr* arg = e.as<ast::ConstructExpr>().arg.get();
      return arg == nullptr || evaluates_quietly(*arg);
    }
    case K::Tuple:
      for (const ast::ExprPtr& x : e.as<ast::TupleExpr>().elements)
        if (!evaluates_quietly(*x)) return false;
      return true;
    case K::Annot:
      return evaluates_quietly(*e.as<ast::AnnotExpr>().expr);
    case K::Apply: {
      // A known function given fewer arguments than it takes: a closure.
      const auto& apply = e.as<ast::ApplyExpr>();
      if (apply.function->kind != K::Var) return false;
      const types::Symbol* f = apply.function->as<ast::VarExpr>().symbol;
      if (!f || !f->function || apply.args.size() >= static_cast<size_t>(codegen::binding_arity(*f->function)))
        return false;
      for (const ast::ExprPtr& x : apply.args)
        if (!evaluates_quietly(*x)) return false;
      return true;
    }
    default:
      return false;
  }
}

void pattern_symbols(const ast::Pattern& p, std::vector<types::Symbol*>& out) {
  using K = ast::Pattern::Kind;
  switch (p.kind) {
    case K::Var:
      if (p.as<ast::VarPattern>().symbol) out.push_back(p.as<ast::VarPattern>().symbol);
      return;
    case K::Alias: {
      auto& a = p.as<ast::AliasPattern>();
      pattern_symbols(*a.pattern, out);
      if (a.symbol) out.push_back(a.symbol);
      return;
    }
    case K::Construct:
      if (p.as<ast::ConstructPattern>().arg) pattern_symbols(*p.as<ast::ConstructPattern>().arg, out);
      return;
    case K::Tuple:
      for (auto& e : p.as<ast::TuplePattern>().elements) pattern_symbols(*e, out);
      return;
    case K::List:
      for (auto& e : p.as<ast::ListPattern>().elements) pattern_symbols(*e, out);
      return;
    case K::Array:
      for (auto& e : p.as<ast::ArrayPattern>().elements) pattern_symbols(*e, out);
      return;
    case K::Cons:
      pattern_symbols(*p.as<ast::ConsPattern>().head, out);
      pattern_symbols(*p.as<ast::ConsPattern>().tail, out);
      return;
    case K::Record:
      for (auto& f : p.as<ast::RecordPattern>().fields)
        if (f.pattern) pattern_symbols(*f.pattern, out);
      return;
    case K::Or:
      pattern_symbols(*p.as<ast::OrPattern>().left, out);
      return;
    case K::Annot:
      pattern_symbols(*p.as<ast::AnnotPattern>().pattern, out);
      return;
    default:
      return;
  }
}

}  // namespace fl::repl
