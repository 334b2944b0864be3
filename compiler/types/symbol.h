// What a name refers to once resolved: a local variable, a top-level value
// of some module, or a primitive of the runtime. The checker creates one
// Symbol per binding occurrence; uses point at it (ast::VarExpr::symbol).
#pragma once

#include <string>

#include "support/source.h"
#include "types/type.h"

namespace fl::ast {
struct Binding;
}

namespace fl::types {

// Prelude functions implemented by the compiler and the runtime rather than
// in fl. Codegen lowers each one (codegen/primitives.cpp).
enum class Primitive {
  None,
  PrintString, PrintEndline, PrintInt, PrintNewline, PrerrEndline,
  Exit, Not, Succ, Pred, Abs, Ignore, StringOfInt, StringOfBool,
};

struct Symbol {
  enum class Kind { Local, Global, Primitive };
  Kind kind = Kind::Local;
  std::string name;         // as written
  std::string linkage_name; // globals: "Module.name", unique per program
  Loc loc;
  Scheme scheme;            // monomorphic locals have no vars
  Primitive primitive = Primitive::None;
  // The `let` binding that defines it, when it is a function with
  // parameters: calls to it with enough arguments are direct calls.
  const ast::Binding* function = nullptr;
  bool used = false;
};

}  // namespace fl::types
