// Modules, top-level items, type and exception declarations, type
// annotations, and the lookup of every kind of name.
#include <algorithm>

#include "types/infer.h"
#include "types/suggest.h"

namespace fl::types {

using namespace fl::ast;

Checker::Checker(TypeArena& arena, Diagnostics& diags) : arena_(arena), diags_(diags) {
  prelude_.name = "Stdlib";
  prim_.name = "Prim";
  for (auto& [name, def] : arena_.builtins()) {
    prelude_.types[name] = def;
    for (Constructor* c : def->constructors)
      if (def->kind != TypeDef::Kind::Exn) prelude_.constructors[c->name] = c;
    for (Field* f : def->fields) prelude_.fields[f->name] = f;
  }
  for (auto& [name, c] : arena_.builtin_exceptions()) prelude_.constructors[name] = c;
  add_primitives();
}

bool Checker::check_program(std::vector<Module*> modules, const std::set<std::string>& stdlib_modules) {
  stdlib_modules_.insert(stdlib_modules.begin(), stdlib_modules.end());
  for (size_t m = 0; m < modules.size(); ++m) {
    Module* module = modules[m];
    ModuleEnv& env = modules_.emplace_back();
    env.name = module->name;
    current_ = &env;
    in_stdlib_ = stdlib_modules.count(module->name) > 0;
    is_main_ = m + 1 == modules.size();
    opened_.clear();
    // The prelude written in fl is open in every later module.
    if (module_index_.count("Prelude")) opened_.push_back(module_index_["Prelude"]);
    for (auto& item : module->items) check_item(*item);
    // The main file is not a module of its own (spec 2): map.fl must not
    // hide the standard Map.
    if (!is_main_) module_index_[module->name] = &env;
  }
  current_ = nullptr;
  check_structural_uses();
  return !diags_.has_errors();
}

bool Checker::check_phrase(Module& phrase) {
  if (!toplevel_) {
    toplevel_ = &modules_.emplace_back();
    toplevel_->name = phrase.name;
    if (module_index_.count("Prelude")) toplevel_opened_.push_back(module_index_["Prelude"]);
  }
  PhraseUndo undo{*toplevel_, toplevel_opened_, {}, false};
  size_t first_symbol = symbols_.size();
  TypeDef* exn = arena_.builtin("exn");
  size_t first_exception = exn->constructors.size();
  unsigned errors = diags_.error_count();
  current_ = toplevel_;
  in_stdlib_ = false;
  is_main_ = true;
  opened_ = toplevel_opened_;
  structural_uses_.clear();
  for (auto& item : phrase.items) check_item(*item);
  check_structural_uses();
  structural_uses_.clear();
  current_ = nullptr;
  if (diags_.error_count() != errors) {
    *toplevel_ = std::move(undo.env);
    undo_.valid = false;
    return false;
  }
  toplevel_opened_ = opened_;
  // Names unique in the session: a redefinition is another global.
  for (size_t i = first_symbol; i < symbols_.size(); ++i)
    if (symbols_[i].kind == Symbol::Kind::Global)
      symbols_[i].linkage_name += "/" + std::to_string(++toplevel_serial_);
  for (size_t i = first_exception; i < exn->constructors.size(); ++i)
    exn->constructors[i]->linkage_name += "/" + std::to_string(++toplevel_serial_);
  for (auto& item : phrase.items) {
    if (item->kind != Item::Kind::Type) continue;
    for (TypeDecl& d : item->as<TypeItem>().decls) {
      auto old = undo.env.types.find(d.name);
      if (old == undo.env.types.end() || old->second == toplevel_->types[d.name]) continue;
      undo.renamed.emplace_back(old->second, old->second->name);
      arena_.rename(old->second, d.name + "/" + std::to_string(++shadowed_types_[d.name] + 1));
    }
  }
  undo.valid = true;
  undo_ = std::move(undo);
  return true;
}

void Checker::undo_phrase() {
  if (!undo_.valid || !toplevel_) return;
  *toplevel_ = std::move(undo_.env);
  toplevel_opened_ = std::move(undo_.opened);
  for (auto& [def, name] : undo_.renamed) arena_.rename(def, name);
  undo_ = PhraseUndo{};
}

void Checker::check_item(Item& item) {
  check_item_inner(item);
  analyse_pending_matches();
}

void Checker::check_item_inner(Item& item) {
  switch (item.kind) {
    case Item::Kind::Let: {
      auto& let = item.as<LetItem>();
      check_let(let.recursive, let.bindings, /*top_level=*/true);
      return;
    }
    case Item::Kind::Expr: {
      auto& e = item.as<ExprItem>();
      type_vars_.clear();
      enter_level();
      infer(*e.expr);
      leave_level();
      return;
    }
    case Item::Kind::Type:
      declare_types(item.as<TypeItem>());
      return;
    case Item::Kind::Exception:
      declare_exception(item.as<ExceptionItem>());
      return;
    case Item::Kind::Open: {
      auto& o = item.as<OpenItem>();
      if (const ModuleEnv* env = module_named(o.module, item.loc)) opened_.push_back(env);
      return;
    }
  }
}

namespace {

std::string qualified(const ModuleEnv& env, bool is_main, const std::string& name) {
  return is_main ? name : env.name + "." + name;
}

}  // namespace

// All the declarations of one `type ... and ...` are entered before any
// right-hand side is read, so they may refer to each other.
void Checker::declare_types(TypeItem& item) {
  std::vector<TypeDef*> defs;
  for (TypeDecl& d : item.decls) {
    TypeDef* def = arena_.new_def();
    def->name = qualified(*current_, is_main_ || (in_stdlib_ && current_->name == "Prelude"), d.name);
    def->loc = d.loc;
    for (size_t i = 0; i < d.params.size(); ++i) {
      Type* p = arena_.var(0);
      p->generic = true;
      def->params.push_back(p);
    }
    current_->types[d.name] = def;
    defs.push_back(def);
  }
  for (size_t k = 0; k < item.decls.size(); ++k) {
    TypeDecl& d = item.decls[k];
    TypeDef* def = defs[k];
    std::map<std::string, Type*> params;
    for (size_t i = 0; i < d.params.size(); ++i) {
      if (params.count(d.params[i])) diags_.error(d.loc, "the type parameter '" + d.params[i] + " occurs several times");
      params[d.params[i]] = def->params[i];
    }
    switch (d.kind) {
      case TypeDecl::Kind::Variant:
        def->kind = TypeDef::Kind::Variant;
        for (ConstructorDecl& cd : d.constructors) {
          Constructor* c = arena_.new_constructor();
          c->name = cd.name;
          c->linkage_name = qualified(*current_, is_main_, cd.name);
          c->loc = cd.loc;
          c->owner = def;
          c->tag = static_cast<int>(def->constructors.size());
          for (auto& a : cd.args) c->args.push_back(type_of_declaration(*a, &params));
          for (Constructor* other : def->constructors)
            if (other->name == c->name) diags_.error(cd.loc, "two constructors are named " + c->name);
          def->constructors.push_back(c);
          current_->constructors[c->name] = c;
        }
        break;
      case TypeDecl::Kind::Record:
        def->kind = TypeDef::Kind::Record;
        for (FieldDecl& fd : d.fields) {
          Field* f = arena_.new_field();
          f->name = fd.name;
          f->loc = fd.loc;
          f->owner = def;
          f->index = static_cast<int>(def->fields.size());
          f->is_mutable = fd.is_mutable;
          f->type = type_of_declaration(*fd.type, &params);
          for (Field* other : def->fields)
            if (other->name == f->name) diags_.error(fd.loc, "two fields are named " + f->name);
          def->fields.push_back(f);
          current_->fields[f->name] = f;
        }
        break;
      case TypeDecl::Kind::Alias:
        def->kind = TypeDef::Kind::Alias;
        def->alias = type_of_declaration(*d.alias, &params);
        break;
      case TypeDecl::Kind::Abstract:
        // A value the runtime makes (MVar.t, Tcp.conn...): a pointer that
        // only the module's primitives look into.
        def->kind = TypeDef::Kind::Builtin;
        break;
    }
  }
  // An alias that expands to itself would make the checker loop.
  for (TypeDef* def : defs) {
    if (def->kind != TypeDef::Kind::Alias) continue;
    std::vector<Type*> stack{def->alias};
    while (!stack.empty()) {
      Type* t = resolve(stack.back());
      stack.pop_back();
      if (t->kind == Type::Kind::Con && t->def == def) {
        diags_.error(def->loc, "the type abbreviation " + def->name + " is cyclic");
        def->alias = arena_.unit_type();
        break;
      }
      for (Type* a : t->args) stack.push_back(a);
    }
  }
}

void Checker::declare_exception(ExceptionItem& item) {
  ConstructorDecl& cd = item.constructor;
  TypeDef* exn = arena_.builtin("exn");
  Constructor* c = arena_.new_constructor();
  c->name = cd.name;
  c->linkage_name = current_->name + "." + cd.name;
  c->loc = cd.loc;
  c->owner = exn;
  c->tag = static_cast<int>(exn->constructors.size());
  c->is_exception = true;
  const std::map<std::string, Type*> no_params;
  for (auto& a : cd.args) c->args.push_back(type_of_declaration(*a, &no_params));
  exn->constructors.push_back(c);
  current_->constructors[c->name] = c;
}

// ---------------------------------------------------------------------------
// Type expressions.

Type* Checker::type_of_annotation(const TypeExpr& t) {
  // Annotation variables are shared within one binding (type_vars_).
  return type_of_declaration(t, nullptr);
}

Type* Checker::type_of_declaration(const TypeExpr& t, const std::map<std::string, Type*>* params) {
  switch (t.kind) {
    case TypeExpr::Kind::Var: {
      auto& v = t.as<TypeVarExpr>();
      if (params) {
        if (auto it = params->find(v.name); it != params->end()) return it->second;
        diags_.error(t.loc, "the type variable '" + v.name + " is unbound in this declaration");
        return arena_.unit_type();
      }
      auto it = type_vars_.find(v.name);
      if (it != type_vars_.end()) return it->second;
      Type* var = arena_.var(level_);
      type_vars_[v.name] = var;
      return var;
    }
    case TypeExpr::Kind::Arrow: {
      auto& a = t.as<ArrowTypeExpr>();
      return arena_.arrow(type_of_declaration(*a.from, params), type_of_declaration(*a.to, params));
    }
    case TypeExpr::Kind::Tuple: {
      std::vector<Type*> elements;
      for (auto& el : t.as<TupleTypeExpr>().elements) elements.push_back(type_of_declaration(*el, params));
      return arena_.tuple(std::move(elements));
    }
    case TypeExpr::Kind::Con: {
      auto& c = t.as<TypeConExpr>();
      TypeDef* def = lookup_type(c.name, t.loc);
      if (!def) return arena_.var(level_);
      std::vector<Type*> args;
      for (auto& a : c.args) args.push_back(type_of_declaration(*a, params));
      if (args.size() != def->params.size()) {
        diags_.error(t.loc, "the type constructor " + c.name.str() + " expects " +
                                std::to_string(def->params.size()) + " argument(s), but is here applied to " +
                                std::to_string(args.size()) + " argument(s)");
        return arena_.var(level_);
      }
      if (def->kind == TypeDef::Kind::Alias && def->alias) return arena_.substitute(def->alias, def->params, args);
      return arena_.con(def, std::move(args));
    }
  }
  return arena_.var(level_);
}

// ---------------------------------------------------------------------------
// Names.

std::vector<const ModuleEnv*> Checker::unqualified_envs() const {
  std::vector<const ModuleEnv*> envs;
  if (current_) envs.push_back(current_);
  for (size_t i = opened_.size(); i-- > 0;) envs.push_back(opened_[i]);
  envs.push_back(&prelude_);
  return envs;
}

const ModuleEnv* Checker::module_named(const std::string& name, Loc loc) {
  if (name == "Prim" && in_stdlib_) return &prim_;
  auto it = module_index_.find(name);
  if (it != module_index_.end()) return it->second;
  std::vector<std::string> candidates;
  for (auto& [n, env] : module_index_) candidates.push_back(n);
  std::string message = "unbound module " + name;
  if (auto hint = closest_name(name, candidates)) message += " (did you mean " + *hint + "?)";
  diags_.error(loc, message);
  return nullptr;
}

namespace {

// The first function or exception type inside `t`, following declarations.
Type* unstructured_part(TypeArena& arena, Type* t, std::set<const TypeDef*>& seen) {
  t = resolve(t);
  if (t->kind == Type::Kind::Arrow) return t;
  if (t->kind == Type::Kind::Con && t->def && t->def->kind == TypeDef::Kind::Exn) return t;
  for (Type* a : t->args)
    if (Type* bad = unstructured_part(arena, a, seen)) return bad;
  if (t->kind == Type::Kind::Con && t->def && !t->def->predefined && seen.insert(t->def).second) {
    for (const Constructor* c : t->def->constructors)
      for (Type* a : c->args)
        if (Type* bad = unstructured_part(arena, arena.substitute(a, t->def->params, t->args), seen)) return bad;
    for (const Field* f : t->def->fields)
      if (Type* bad = unstructured_part(arena, arena.substitute(f->type, t->def->params, t->args), seen)) return bad;
  }
  return nullptr;
}

}  // namespace

// Spec 9: =, compare and hash are not defined on exn (show is). Functions
// are caught as they are unified (Type::structural); exceptions here, once
// the whole program is typed.
void Checker::check_structural_uses() {
  for (const StructuralUse& use : structural_uses_) {
    if (std::string(use.what) == "show") continue;
    std::set<const TypeDef*> seen;
    Type* bad = unstructured_part(arena_, use.operand, seen);
    if (bad && resolve(bad)->kind != Type::Kind::Arrow)
      diags_.error(use.loc, std::string(use.what) + " is not defined on exceptions: this operand has type " +
                                print_type(use.operand));
  }
}

Symbol* Checker::find_global(const std::string& module, const std::string& name) const {
  auto m = module_index_.find(module);
  if (m == module_index_.end()) return nullptr;
  auto v = m->second->values.find(name);
  return v == m->second->values.end() ? nullptr : v->second;
}

Symbol* Checker::lookup_value(const Path& path) {
  if (!path.modules.empty()) {
    auto it = module_index_.find(path.modules.back());
    const ModuleEnv* env = it != module_index_.end() ? it->second
                           : path.modules.back() == "Prim" && in_stdlib_ ? &prim_ : nullptr;
    if (!env) return nullptr;
    auto v = env->values.find(path.name);
    return v == env->values.end() ? nullptr : v->second;
  }
  for (size_t s = scopes_.size(); s-- > 0;) {
    auto& values = scopes_[s].values;
    for (size_t i = values.size(); i-- > 0;)
      if (values[i].first == path.name) return values[i].second;
  }
  for (const ModuleEnv* env : unqualified_envs())
    if (auto v = env->values.find(path.name); v != env->values.end()) return v->second;
  return nullptr;
}

// Constructors, fields and types are looked up alike: a qualified name in
// its module, an unqualified one in the module being checked, the opened
// modules and the prelude; a miss is reported with the closest name.
template <class T>
T* Checker::lookup_named(const Path& path, Loc loc, std::map<std::string, T*> ModuleEnv::*table, const char* what) {
  auto find = [&](const ModuleEnv* env) -> T* {
    auto it = (env->*table).find(path.name);
    return it == (env->*table).end() ? nullptr : it->second;
  };
  if (!path.modules.empty()) {
    const ModuleEnv* env = module_named(path.modules.back(), loc);
    if (!env) return nullptr;
    if (T* found = find(env)) return found;
  } else {
    for (const ModuleEnv* env : unqualified_envs())
      if (T* found = find(env)) return found;
  }
  std::vector<std::string> candidates;
  std::vector<const ModuleEnv*> searched = unqualified_envs();
  if (!path.modules.empty()) searched = {module_named(path.modules.back(), loc)};
  for (const ModuleEnv* env : searched)
    for (auto& entry : env->*table) candidates.push_back(entry.first);
  std::string message = std::string("unbound ") + what + " " + path.str();
  if (auto hint = closest_name(path.name, candidates)) message += " (did you mean " + *hint + "?)";
  diags_.error(loc, message);
  return nullptr;
}

Constructor* Checker::lookup_constructor(const Path& path, Loc loc) {
  return lookup_named(path, loc, &ModuleEnv::constructors, "constructor");
}

Constructor* Checker::constructor_for(const Path& path, Loc loc, Type* expected) {
  Type* t = expected ? resolve(expected) : nullptr;
  if (t && path.modules.empty() && t->kind == Type::Kind::Con && t->def)
    for (Constructor* c : t->def->constructors)
      if (c->name == path.name && !c->is_exception) return c;  // exceptions shadow by scope
  return lookup_constructor(path, loc);
}

TypeDef* Checker::record_for(const RecordExpr& e, Field* first, Type* expected) {
  auto has_all = [&](const TypeDef* def) {
    if (def->kind != TypeDef::Kind::Record) return false;
    for (const auto& f : e.fields) {
      bool found = false;
      for (const Field* own : def->fields) found = found || own->name == f.name.name;
      if (!found) return false;
    }
    return true;
  };
  Type* t = expected ? resolve(expected) : nullptr;
  if (t && t->kind == Type::Kind::Con && t->def && has_all(t->def)) return t->def;
  // A type with exactly these fields, then one with at least these.
  auto exact = [&](const TypeDef* def) { return has_all(def) && def->fields.size() == e.fields.size(); };
  auto find = [&](auto fits) -> TypeDef* {
    if (fits(first->owner)) return first->owner;
    for (const ModuleEnv* env : unqualified_envs())
      for (const auto& [name, def] : env->types)
        if (fits(def)) return def;
    return nullptr;
  };
  if (TypeDef* def = find(exact)) return def;
  if (TypeDef* def = find(has_all)) return def;
  return first->owner;
}

Field* Checker::lookup_field(const Path& path, Loc loc) {
  return lookup_named(path, loc, &ModuleEnv::fields, "record field");
}

TypeDef* Checker::lookup_type(const Path& path, Loc loc) {
  return lookup_named(path, loc, &ModuleEnv::types, "type constructor");
}

void Checker::report_unbound(const Path& path, Loc loc, const char* what) {
  std::vector<std::string> candidates;
  if (path.modules.empty()) {
    for (auto& scope : scopes_)
      for (auto& [name, sym] : scope.values) candidates.push_back(name);
    for (const ModuleEnv* env : unqualified_envs())
      for (auto& [name, sym] : env->values) candidates.push_back(name);
  } else if (const ModuleEnv* env = module_named(path.modules.back(), loc)) {
    for (auto& [name, sym] : env->values) candidates.push_back(name);
  } else {
    return;  // the module was reported
  }
  std::string message = std::string("unbound ") + what + " " + path.str();
  if (auto hint = closest_name(path.name, candidates)) message += " (did you mean " + *hint + "?)";
  diags_.error(loc, message);
}

Symbol* Checker::define(std::string name, Loc loc, Type* type, bool top_level) {
  Symbol& sym = symbols_.emplace_back();
  sym.kind = top_level ? Symbol::Kind::Global : Symbol::Kind::Local;
  sym.name = name;
  sym.linkage_name = top_level ? current_->name + "." + name : name;
  sym.loc = loc;
  sym.scheme.body = type;
  if (top_level) current_->values[name] = &sym;
  else scopes_.back().values.emplace_back(std::move(name), &sym);
  return &sym;
}

void Checker::unsupported(Loc loc, const std::string& construct) {
  diags_.error(loc, "not supported yet: " + construct);
}

}  // namespace fl::types
