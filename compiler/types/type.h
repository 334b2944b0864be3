// Types as the checker sees them: unification variables with levels
// (Rémy's level-based generalisation, as in OCaml), constructors with
// arguments (int, 'a list, user types), arrows and tuples.
#pragma once

#include <deque>
#include <string>
#include <vector>

namespace fl::types {

struct Type {
  enum class Kind { Var, Con, Arrow, Tuple };
  Kind kind;

  // Var: `link` is set once the variable is unified; follow it with
  // resolve(). `level` is the let-depth where the variable was created;
  // variables deeper than the current level are generalised.
  Type* link = nullptr;
  int level = 0;
  int id = 0;
  bool generic = false;  // quantified in some scheme

  // Con: name ("int", "list", "shape", "MVar.t") and arguments.
  std::string name;
  std::vector<Type*> args;  // Con arguments; Arrow {from, to}; Tuple elements
};

// Follows the links of unified variables to the representative.
Type* resolve(Type* t);

// A polymorphic type: `vars` are the generic variables of `body`.
struct Scheme {
  std::vector<Type*> vars;
  Type* body = nullptr;
};

// Owns every Type of a compilation; types are never freed individually.
class TypeArena {
 public:
  Type* var(int level);
  Type* con(std::string name, std::vector<Type*> args = {});
  Type* arrow(Type* from, Type* to);
  Type* tuple(std::vector<Type*> elements);

  // Shared ground types.
  Type* int_type() { return con("int"); }
  Type* float_type() { return con("float"); }
  Type* bool_type() { return con("bool"); }
  Type* char_type() { return con("char"); }
  Type* string_type() { return con("string"); }
  Type* unit_type() { return con("unit"); }
  Type* exn_type() { return con("exn"); }

 private:
  std::deque<Type> types_;
  int next_id_ = 0;
};

// Prints a type in fl syntax: `int -> 'a list`, `(int, string) result`.
// Variables are named 'a, 'b, ... in order of appearance within one call of
// the printer, so a whole message can share one namer.
class TypePrinter {
 public:
  std::string print(Type* t);

 private:
  void print(Type* t, int context, std::string& out);
  std::string name_of(Type* var);
  std::vector<std::pair<Type*, std::string>> names_;
};

std::string print_type(Type* t);

}  // namespace fl::types
