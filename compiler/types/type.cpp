#include "types/type.h"

#include "types/decls.h"

namespace fl::types {

Type* resolve(Type* t) {
  // Path compression keeps chains of links short.
  Type* root = t;
  while (root->kind == Type::Kind::Var && root->link) root = root->link;
  while (t->kind == Type::Kind::Var && t->link && t->link != root) {
    Type* next = t->link;
    t->link = root;
    t = next;
  }
  return root;
}

Type* TypeArena::var(int level) {
  Type& t = types_.emplace_back();
  t.kind = Type::Kind::Var;
  t.level = level;
  t.id = next_id_++;
  return &t;
}

Type* TypeArena::con(TypeDef* def, std::vector<Type*> args) {
  Type& t = types_.emplace_back();
  t.kind = Type::Kind::Con;
  t.def = def;
  t.name = def->name;
  t.args = std::move(args);
  return &t;
}

TypeDef* TypeArena::new_def() { return &defs_.emplace_back(); }
Constructor* TypeArena::new_constructor() { return &constructors_.emplace_back(); }
Field* TypeArena::new_field() { return &fields_.emplace_back(); }

TypeDef* TypeArena::builtin(const std::string& name) const {
  auto it = builtins_.find(name);
  return it == builtins_.end() ? nullptr : it->second;
}

bool is_builtin(Type* t, const char* name) {
  t = resolve(t);
  return t->kind == Type::Kind::Con && t->def && t->def->predefined && t->name == name;
}

Type* TypeArena::substitute(Type* t, const std::vector<Type*>& params, const std::vector<Type*>& args) {
  t = resolve(t);
  if (t->kind == Type::Kind::Var) {
    for (size_t i = 0; i < params.size(); ++i)
      if (resolve(params[i]) == t) return args[i];
    return t;
  }
  if (t->args.empty()) return t;
  std::vector<Type*> new_args;
  for (Type* a : t->args) new_args.push_back(substitute(a, params, args));
  switch (t->kind) {
    case Type::Kind::Arrow: return arrow(new_args[0], new_args[1]);
    case Type::Kind::Tuple: return tuple(std::move(new_args));
    default: return con(t->def, std::move(new_args));
  }
}

void TypeArena::rename(TypeDef* def, const std::string& name) {
  def->name = name;
  for (Type& t : types_)
    if (t.kind == Type::Kind::Con && t.def == def) t.name = name;
}

Type* TypeArena::arrow(Type* from, Type* to) {
  Type& t = types_.emplace_back();
  t.kind = Type::Kind::Arrow;
  t.args = {from, to};
  return &t;
}

Type* TypeArena::tuple(std::vector<Type*> elements) {
  Type& t = types_.emplace_back();
  t.kind = Type::Kind::Tuple;
  t.args = std::move(elements);
  return &t;
}

// Precedence contexts for parenthesisation: an arrow's left side and tuple
// elements need parentheses around arrows (and tuples inside tuples).
namespace {
enum Context { kTop = 0, kArrowLeft = 1, kTupleElement = 2, kConArg = 3 };
}

std::string TypePrinter::name_of(Type* var) {
  for (auto& [v, name] : names_)
    if (v == var) return name;
  size_t n = names_.size();
  std::string name = "'";
  name += static_cast<char>('a' + n % 26);
  if (n >= 26) name += std::to_string(n / 26);
  names_.emplace_back(var, name);
  return name;
}

std::string TypePrinter::print(Type* t) {
  std::string out;
  print(t, kTop, out);
  return out;
}

void TypePrinter::print(Type* t, int context, std::string& out) {
  t = resolve(t);
  switch (t->kind) {
    case Type::Kind::Var:
      out += name_of(t);
      return;
    case Type::Kind::Con:
      if (t->args.size() == 1) {
        print(t->args[0], kConArg, out);
        out += " ";
      } else if (t->args.size() > 1) {
        out += "(";
        for (size_t i = 0; i < t->args.size(); ++i) {
          if (i) out += ", ";
          print(t->args[i], kTop, out);
        }
        out += ") ";
      }
      out += t->name;
      return;
    case Type::Kind::Arrow: {
      bool paren = context != kTop;
      if (paren) out += "(";
      print(t->args[0], kArrowLeft, out);
      out += " -> ";
      print(t->args[1], kTop, out);
      if (paren) out += ")";
      return;
    }
    case Type::Kind::Tuple: {
      bool paren = context == kTupleElement || context == kConArg;
      if (paren) out += "(";
      for (size_t i = 0; i < t->args.size(); ++i) {
        if (i) out += " * ";
        print(t->args[i], kTupleElement, out);
      }
      if (paren) out += ")";
      return;
    }
  }
}

std::string print_type(Type* t) { return TypePrinter().print(t); }

}  // namespace fl::types
