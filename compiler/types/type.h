// Types as the checker sees them: unification variables with levels
// (Rémy's level-based generalisation, as in OCaml), constructors with
// arguments (int, 'a list, user types), arrows and tuples.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "support/source.h"

namespace fl::types {

struct TypeDef;
struct Constructor;
struct Field;

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
  // Var: compared, hashed or shown somewhere (=, compare, min, Map keys...),
  // so it must never become a function type (spec 4).
  // Which operation ("equality", "hash"...), for the error message.
  const char* structural = nullptr;

  // Con: name ("int", "list", "shape", "MVar.t") and arguments.
  std::string name;
  TypeDef* def = nullptr;   // Con: its declaration (types/decls.h)
  std::vector<Type*> args;  // Con arguments; Arrow {from, to}; Tuple elements
};

// Follows the links of unified variables to the representative.
Type* resolve(Type* t);

// A polymorphic type: `vars` are the generic variables of `body`.
struct Scheme {
  std::vector<Type*> vars;
  Type* body = nullptr;
};

// A variant constructor or an exception. Arguments are written in terms of
// the owner's parameters (generic variables); `Node of 'a tree * 'a` has two.
struct Constructor {
  std::string name;            // as declared: "Node"
  std::string linkage_name;    // unique in the program: "Util.Node", "Not_found"
  Loc loc;
  TypeDef* owner = nullptr;    // the variant type; the exn TypeDef for exceptions
  int tag = 0;                 // declaration order among all the owner's constructors
  std::vector<Type*> args;     // empty for a constant constructor
  bool is_exception = false;
};

// A record field; `index` is its position in the record's memory layout.
struct Field {
  std::string name;
  Loc loc;
  TypeDef* owner = nullptr;
  int index = 0;
  bool is_mutable = false;
  Type* type = nullptr;  // in terms of the owner's parameters
};

struct TypeDef {
  enum class Kind {
    Builtin,   // int, float, bool, char, string, unit, array, abstract runtime types
    Variant,   // including list, option, result
    Record,    // including ref
    Alias,
    Exn,       // the open type of exceptions: constructors added by `exception`
  };
  Kind kind = Kind::Builtin;
  std::string name;           // as printed in messages: "shape", "Util.shape", "list"
  Loc loc;
  std::vector<Type*> params;  // generic variables
  std::vector<Constructor*> constructors;  // Variant, Exn
  std::vector<Field*> fields;              // Record
  Type* alias = nullptr;                   // Alias: in terms of params
  bool predefined = false;                 // by the language, not a program
};

// Owns every Type and type declaration of a compilation; nothing is freed
// individually. It starts with the predefined types (int ... string, exn,
// array, list, option, result, ref) and exceptions (types/builtins.cpp).
class TypeArena {
 public:
  TypeArena();

  Type* var(int level);
  Type* con(TypeDef* def, std::vector<Type*> args = {});
  Type* arrow(Type* from, Type* to);
  Type* tuple(std::vector<Type*> elements);

  TypeDef* new_def();
  Constructor* new_constructor();
  Field* new_field();

  // The predefined type named `name` ("int", "list", "ref"...), or null.
  TypeDef* builtin(const std::string& name) const;
  const std::map<std::string, TypeDef*>& builtins() const { return builtins_; }
  // Predefined exceptions by name ("Not_found", "Failure"...).
  const std::map<std::string, Constructor*>& builtin_exceptions() const { return exceptions_; }
  Constructor* exception(const std::string& name) const { return exceptions_.at(name); }

  Type* int_type() { return con(builtin("int")); }
  Type* float_type() { return con(builtin("float")); }
  Type* bool_type() { return con(builtin("bool")); }
  Type* char_type() { return con(builtin("char")); }
  Type* string_type() { return con(builtin("string")); }
  Type* unit_type() { return con(builtin("unit")); }
  Type* exn_type() { return con(builtin("exn")); }
  Type* list_type(Type* element) { return con(builtin("list"), {element}); }
  Type* array_type(Type* element) { return con(builtin("array"), {element}); }
  Type* ref_type(Type* element) { return con(builtin("ref"), {element}); }

  // Substitutes `args` for the generic `params` in `t` (a declaration's
  // constructor argument or field type, or an alias body).
  Type* substitute(Type* t, const std::vector<Type*>& params, const std::vector<Type*>& args);

  // Renames a declaration and every type naming it (the REPL prints a
  // shadowed type as `t/2`).
  void rename(TypeDef* def, const std::string& name);

 private:
  void add_builtins();

  std::deque<Type> types_;
  std::deque<TypeDef> defs_;
  std::deque<Constructor> constructors_;
  std::deque<Field> fields_;
  std::map<std::string, TypeDef*> builtins_;
  std::map<std::string, Constructor*> exceptions_;
  int next_id_ = 0;
};

// True when `t` (resolved) is the predefined type `name`.
bool is_builtin(Type* t, const char* name);

// Prints a type in fl syntax: `int -> 'a list`, `(int, string) result`.
// Variables are named 'a, 'b, ... in order of appearance within one call of
// the printer, so a whole message can share one namer.
class TypePrinter {
 public:
  std::string print(Type* t);
  // Names `var` (resolved) in what this printer prints: '_weak1 (the REPL).
  void set_name(Type* var, std::string name) { names_.emplace_back(var, std::move(name)); }

 private:
  void print(Type* t, int context, std::string& out);
  std::string name_of(Type* var);
  std::vector<std::pair<Type*, std::string>> names_;
};

std::string print_type(Type* t);

}  // namespace fl::types
