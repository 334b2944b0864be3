// The compiler's passes, in order, in one place: parse → resolve and infer
// → lower to LLVM IR (monomorphising) → optimise → emit. Each pass can be
// timed (--time-passes) and its result dumped (--dump-ast, --dump-llvm).
#pragma once

#include <string>
#include <vector>

#include "driver/options.h"

namespace fl::driver {

// Compiles the program of `options.files` into `out_path` as `kind`
// (Image means an object file here: linking is link.h's). Reports errors on
// stderr; returns false after any.
bool compile(const Options& options, Emit kind, const std::string& out_path);

// `flc check`: parse and type-check only.
bool check(const Options& options);

// The standard modules, in dependency order ("prelude", "char"...), in
// runtime_dir()/stdlib/NAME.fl (the REPL loads them too).
std::vector<std::string> stdlib_module_names();

}  // namespace fl::driver
