// What a name refers to once resolved: a local variable, a top-level value
// of some module, or a primitive of the compiler and runtime. The checker
// creates one Symbol per binding occurrence; uses point at it
// (ast::VarExpr::symbol).
#pragma once

#include <string>

#include "support/source.h"
#include "types/type.h"

namespace fl::ast {
struct Binding;
}

namespace fl::types {

// Functions implemented by the compiler and the runtime rather than in fl
// (types/primitives.cpp gives their names and types; codegen lowers them).
enum class Primitive {
  None,
  // Prelude (spec 8.1).
  PrintString, PrintEndline, PrintInt, PrintFloat, PrintChar, PrintNewline, PrerrEndline, PrerrString,
  ReadLine, Exit, Not, Succ, Pred, Abs, Ignore, StringOfInt, StringOfBool, StringOfFloat,
  FloatOfInt, IntOfFloat, IntOfChar, CharOfInt, Raise, Ref, Compare, Hash, Show,
  // Prim, visible to the standard library only.
  StringLength, StringUnsafeGet, StringCreate, StringUnsafeSet, StringBlit,
  ArrayMake, ArrayLength, ArrayUnsafeGet, ArrayUnsafeSet,
  FloatSqrt, FloatSin, FloatCos, FloatTan, FloatAtan, FloatExp, FloatLog, FloatFloor, FloatCeil,
  FloatAtan2, FloatPow, FloatOfStringOpt, IntOfStringOpt,
  // Threads and MVars (stdlib/thread.fl, stdlib/mvar.fl; rts_threads.h).
  ThreadSpawn, ThreadYield, ThreadSleepMs, ThreadSelf, ThreadId,
  MVarCreateEmpty, MVarCreate, MVarTake, MVarRead, MVarPut, MVarTryTake,
  // A plain call of the runtime function named by the symbol's
  // linkage_name, whose C signature follows the fl type (types/primitives.cpp).
  External,
};

struct Symbol {
  enum class Kind { Local, Global, Primitive };
  Kind kind = Kind::Local;
  std::string name;          // as written
  std::string linkage_name;  // globals: "Module.name", unique per program
  Loc loc;
  Scheme scheme;             // monomorphic locals have no vars
  Primitive primitive = Primitive::None;
  // The `let` binding that defines it, when it is a function: calls to it
  // with enough arguments are direct calls.
  const ast::Binding* function = nullptr;
  bool used = false;
};

}  // namespace fl::types
