#include "driver/pipeline.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <llvm/IR/LLVMContext.h>
#include <llvm/Support/raw_ostream.h>

#include "ast/printer.h"
#include "codegen/codegen.h"
#include "codegen/emit.h"
#include "parse/parser.h"
#include "support/diagnostics.h"
#include "types/infer.h"

namespace fl::driver {

namespace {

// Records each pass's wall time for --time-passes.
class PassTimer {
 public:
  explicit PassTimer(bool enabled) : enabled_(enabled) {}
  template <class F>
  auto run(const char* name, F&& pass) {
    auto start = std::chrono::steady_clock::now();
    auto result = pass();
    if (enabled_) {
      std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - start;
      std::cerr << "  " << name << ": " << ms.count() << " ms\n";
    }
    return result;
  }

 private:
  bool enabled_;
};

struct Frontend {
  SourceManager sources;
  Diagnostics diags{sources, std::cerr};
  std::vector<std::unique_ptr<ast::Module>> modules;
  types::TypeArena arena;
  // Owns the symbols that the annotated AST points at: it must outlive
  // code generation, not just checking.
  std::unique_ptr<types::Checker> checker;

  // Parses and checks; modules end up in dependency order, main last.
  bool run(const Options& options, PassTimer& timer) {
    for (const std::string& path : options.files) {
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        diags.error("cannot read " + path);
        return false;
      }
      std::stringstream text;
      text << in.rdbuf();
      FileId id = sources.add(path, text.str());
      auto module = timer.run("parse", [&] { return parse::parse_module(sources, id, diags); });
      if (module && options.dump_ast) ast::print_module(*module, std::cout);
      if (module) modules.push_back(std::move(module));
    }
    if (diags.has_errors()) return false;
    // The main module (named first) comes last: the others are its
    // dependencies and are initialised before it.
    std::rotate(modules.begin(), modules.begin() + 1, modules.end());
    std::vector<ast::Module*> ordered;
    for (auto& m : modules) ordered.push_back(m.get());
    checker = std::make_unique<types::Checker>(arena, diags);
    return timer.run("type check", [&] { return checker->check_program(ordered); });
  }
};

}  // namespace

bool check(const Options& options) {
  PassTimer timer(options.time_passes);
  Frontend frontend;
  return frontend.run(options, timer);
}

bool compile(const Options& options, Emit kind, const std::string& out_path) {
  PassTimer timer(options.time_passes);
  Frontend frontend;
  if (!frontend.run(options, timer)) return false;

  llvm::LLVMContext context;
  std::vector<ast::Module*> ordered;
  for (auto& m : frontend.modules) ordered.push_back(m.get());
  auto module = timer.run("lower to LLVM IR", [&] {
    return codegen::generate_program(context, ordered, frontend.arena, frontend.diags, codegen::CodegenOptions{});
  });
  if (!module) return false;
  timer.run("optimise", [&] {
    codegen::optimize(*module, options.opt_level);
    return true;
  });
  if (options.dump_llvm) module->print(llvm::outs(), nullptr);

  codegen::OutputKind output = kind == Emit::LlvmIr     ? codegen::OutputKind::LlvmIr
                               : kind == Emit::Assembly ? codegen::OutputKind::Assembly
                                                        : codegen::OutputKind::Object;
  std::string error;
  bool ok = timer.run("emit", [&] { return codegen::emit(*module, output, out_path, options.opt_level, error); });
  if (!ok) frontend.diags.error(error);
  return ok;
}

}  // namespace fl::driver
