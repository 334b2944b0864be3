// What the REPL prints after a phrase, as OCaml's toplevel does:
//   val x : int = 3
//   - : string list = ["a"; "b"]
//   val f : 'a list -> int = <fun>
//   val r : '_weak1 list ref = { contents = [] }
//   type shape = Circle of float | Square of float
//   exception E of int
// Values are shown by the code the compiler generates for `show`
// (codegen's show_into, run inside the phrase); types are printed here.
#pragma once

#include <map>
#include <string>

#include "ast/ast.h"
#include "types/decls.h"
#include "types/symbol.h"
#include "types/type.h"

namespace fl::repl {

class TypeNames {
 public:
  // A value's type: its generic variables are 'a, 'b...; the others are
  // weak ('_weak1...), numbered once for the whole session. With
  // `known_weak_only`, only variables already printed as weak are weak
  // (the type of an expression, which is not generalised).
  std::string scheme(types::Type* t, bool known_weak_only);
  // Whether a weak variable printed before is still a variable.
  bool weak_left() const;

 private:
  std::map<types::Type*, int> weak_;
};

// Whether `t` has variables that are not generic.
bool has_weak_variables(types::Type* t);

// `type 'a t = A | B of 'a` for the declarations of one `type` item, as
// they now are in `env_types` (the top level's).
std::string type_declaration(const ast::TypeItem& item, const std::map<std::string, types::TypeDef*>& env_types);
std::string exception_declaration(const types::Constructor& c);

// A top-level value computed once (not a function, not polymorphic) is
// compiled at the types it has now, its weak variables as unit (spec 9).
// That is harmless for data (`ref []` holds no element yet) but not for
// code: a closure in it (`List.map f`, `ref (fun x -> x)`) would be called
// later at another type. So the weak variables under an arrow become unit
// for good, and a later use at another type is a type error.
void fix_closure_variables(types::Type* t, types::TypeArena& arena);
bool has_closure_variables(types::Type* t, types::TypeArena& arena);

// Whether evaluating `e` can neither fail nor be seen (no call runs, no
// output, no exception): a value, or a closure made by partial application
// of a known function. Such a definition may run later than typed
// (Session: deferred until its closures' weak type variables are known).
bool evaluates_quietly(const ast::Expr& e);

// The names a pattern binds, in order.
void pattern_symbols(const ast::Pattern& p, std::vector<types::Symbol*>& out);

}  // namespace fl::repl
