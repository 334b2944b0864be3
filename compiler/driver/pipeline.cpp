#include "driver/pipeline.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>

#include <llvm/IR/LLVMContext.h>
#include <llvm/Support/raw_ostream.h>

#include "ast/printer.h"
#include "codegen/codegen.h"
#include "codegen/emit.h"
#include "driver/link.h"
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

  // Parses and checks: the standard modules, then the program's other
  // files, then the main one (named first).
  bool run(const Options& options, PassTimer& timer) {
    std::vector<std::unique_ptr<ast::Module>> stdlib;
    std::set<std::string> stdlib_names;
    for (const char* name : kStdlibModules) {
      std::string path = runtime_dir() + "/stdlib/" + name + ".fl";
      auto module = parse_file(path, options, timer);
      if (!module) {
        if (!diags.has_errors()) diags.error("missing standard module " + path + " (is the build complete?)");
        return false;
      }
      stdlib_names.insert(module->name);
      stdlib.push_back(std::move(module));
    }
    std::vector<std::unique_ptr<ast::Module>> program;
    for (const std::string& path : options.files) {
      auto module = parse_file(path, options, timer);
      if (!module) continue;
      if (stdlib_names.count(module->name) && &path != &options.files.front())
        diags.error("the file " + path + " is named after the standard module " + module->name);
      if (options.dump_ast) ast::print_module(*module, std::cout);
      program.push_back(std::move(module));
    }
    if (diags.has_errors()) return false;
    // The main module (named first) comes last: the others are its
    // dependencies and are initialised before it.
    std::rotate(program.begin(), program.begin() + 1, program.end());
    for (auto& m : stdlib) modules.push_back(std::move(m));
    for (auto& m : program) modules.push_back(std::move(m));
    std::vector<ast::Module*> ordered;
    for (auto& m : modules) ordered.push_back(m.get());
    checker = std::make_unique<types::Checker>(arena, diags);
    bool ok = timer.run("type check", [&] { return checker->check_program(ordered, stdlib_names); });
    if (ok && options.dump_typed) dump_typed(*modules.back());
    return ok;
  }

  // --dump-typed: the main module's top-level names with their types, as
  // an interface would list them.
  static void dump_typed(const ast::Module& m) {
    types::TypePrinter printer;
    for (const auto& item : m.items) {
      if (item->kind == ast::Item::Kind::Type) {
        for (const auto& d : item->as<ast::TypeItem>().decls) std::cout << "type " << d.name << "\n";
      } else if (item->kind == ast::Item::Kind::Exception) {
        std::cout << "exception " << item->as<ast::ExceptionItem>().constructor.name << "\n";
      } else if (item->kind == ast::Item::Kind::Let) {
        for (const auto& b : item->as<ast::LetItem>().bindings) print_pattern_values(*b.pattern);
      }
    }
  }

  static void print_pattern_values(const ast::Pattern& p) {
    if (p.kind == ast::Pattern::Kind::Var) {
      const types::Symbol* sym = p.as<ast::VarPattern>().symbol;
      if (sym) std::cout << "val " << sym->name << " : " << types::print_type(sym->scheme.body) << "\n";
      return;
    }
    if (p.kind == ast::Pattern::Kind::Tuple)
      for (const auto& e : p.as<ast::TuplePattern>().elements) print_pattern_values(*e);
    if (p.kind == ast::Pattern::Kind::Annot) print_pattern_values(*p.as<ast::AnnotPattern>().pattern);
  }

  // In dependency order.
  static constexpr const char* kStdlibModules[] = {"prelude", "char",   "int",    "float",   "option",
                                                   "result",  "list",   "string", "array",   "buffer",
                                                   "map",     "hashtbl", "thread", "mvar",  "chan",
                                                   "sys",     "file",   "net"};

 private:
  std::unique_ptr<ast::Module> parse_file(const std::string& path, const Options&, PassTimer& timer) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      diags.error("cannot read " + path);
      return nullptr;
    }
    std::stringstream text;
    text << in.rdbuf();
    FileId id = sources.add(path, text.str());
    return timer.run("parse", [&] { return parse::parse_module(sources, id, diags); });
  }
};

}  // namespace

std::vector<std::string> stdlib_module_names() {
  return {std::begin(Frontend::kStdlibModules), std::end(Frontend::kStdlibModules)};
}

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
  // Safe points (preemption, rts/core/scheduler.cpp) where a second thread
  // can exist: in programs that mention Thread.spawn.
  codegen::CodegenOptions codegen_options;
  const types::Symbol* spawn = frontend.checker->find_global("Thread", "spawn");
  codegen_options.safepoints = spawn != nullptr && spawn->used;
  codegen_options.stack_bytes = options.stack_bytes;
  codegen_options.debug_info = options.debug_info;
  codegen_options.optimized = options.opt_level > 0;
  auto module = timer.run("lower to LLVM IR", [&] {
    return codegen::generate_program(context, ordered, frontend.arena, *frontend.checker, frontend.diags,
                                     codegen_options);
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
