// The predefined types and exceptions (spec sections 3 and 5). list,
// option, result and ref are ordinary declarations, written here instead of
// in fl so that every module sees them without an `open`.
#include "types/decls.h"
#include "types/type.h"

namespace fl::types {

TypeArena::TypeArena() { add_builtins(); }

void TypeArena::add_builtins() {
  auto def = [&](const char* name, TypeDef::Kind kind, int params) {
    TypeDef* d = new_def();
    d->name = name;
    d->kind = kind;
    d->predefined = true;
    for (int i = 0; i < params; ++i) {
      Type* p = var(0);
      p->generic = true;
      d->params.push_back(p);
    }
    builtins_[name] = d;
    return d;
  };
  auto constructor = [&](TypeDef* owner, const char* name, std::vector<Type*> args) {
    Constructor* c = new_constructor();
    c->name = name;
    c->linkage_name = name;
    c->owner = owner;
    c->tag = static_cast<int>(owner->constructors.size());
    c->args = std::move(args);
    c->is_exception = owner->kind == TypeDef::Kind::Exn;
    owner->constructors.push_back(c);
    return c;
  };

  for (const char* ground : {"int", "float", "bool", "char", "string", "unit"})
    def(ground, TypeDef::Kind::Builtin, 0);
  def("array", TypeDef::Kind::Builtin, 1);

  TypeDef* list = def("list", TypeDef::Kind::Variant, 1);
  constructor(list, "[]", {});
  constructor(list, "::", {list->params[0], con(list, {list->params[0]})});

  TypeDef* option = def("option", TypeDef::Kind::Variant, 1);
  constructor(option, "None", {});
  constructor(option, "Some", {option->params[0]});

  TypeDef* result = def("result", TypeDef::Kind::Variant, 2);
  constructor(result, "Ok", {result->params[0]});
  constructor(result, "Error", {result->params[1]});

  TypeDef* ref = def("ref", TypeDef::Kind::Record, 1);
  Field* contents = new_field();
  contents->name = "contents";
  contents->owner = ref;
  contents->is_mutable = true;
  contents->type = ref->params[0];
  ref->fields.push_back(contents);

  TypeDef* exn = def("exn", TypeDef::Kind::Exn, 0);
  Type* string = con(builtin("string"));
  Type* integer = con(builtin("int"));
  const std::pair<const char*, std::vector<Type*>> exceptions[] = {
      {"Not_found", {}},
      {"Failure", {string}},
      {"Invalid_argument", {string}},
      {"Division_by_zero", {}},
      {"End_of_file", {}},
      {"Stack_overflow", {}},
      {"Out_of_memory", {}},
      {"Sys_error", {string}},
      {"Exit", {}},
      {"Assert_failure", {string, integer, integer}},
      {"Contract_failure", {string}},
      {"Deadlock", {}},
      // Raised by a `let` pattern or `match` that fails at run time; the
      // checker rejects non-exhaustive matches, so only `try` re-raise
      // paths and unreachable code ever name it.
      {"Match_failure", {string, integer, integer}},
  };
  for (auto& [name, args] : exceptions) exceptions_[name] = constructor(exn, name, args);
}

}  // namespace fl::types
