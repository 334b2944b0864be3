// libFuzzer target for flc's front end (tests/fuzz/README.md): every input
// is one fl source file, the main module `fuzz.fl`, taken through what
// `flc check` and `flc build --emit llvm` do before optimising and writing
// anything: parse (parse/), the AST dump of --dump-ast (ast/printer), type
// check with the exhaustiveness checks (types/, match/), and, for programs
// that check, lowering to LLVM IR (codegen/, which verifies the IR it
// made). No optimisation, no object file, no linking.
//
// A finding is what flc must never do on any input: crash, trip ASan or
// UBSan, hang (run.sh passes -timeout=10), or print a diagnostic that says
// "internal error" (an invariant the compiler caught itself, such as
// invalid LLVM IR). FL_FUZZ_ALLOW_INTERNAL_ERRORS=1 lets those pass.
//
// The standard library. flc parses and checks the standard modules
// (stdlib/*.fl) before the program, with the same arena, checker and
// diagnostics, and lowers their top-level items with it. The target does
// the same for every input, so that programs may use List, String,
// Hashtbl... as the seed corpus does, and so that the checker sees them as
// in flc: each input gets a fresh SourceManager, arena, checker and ASTs.
// Nothing carries over from one input to the next, so every finding
// reproduces on its own with `flc check` / `flc build`. (One checker for
// all inputs, with the stdlib checked once, cannot work: its error count,
// module table and symbols would leak from one program into the next.)
//
// Two things keep this fast enough to fuzz (checking all of the stdlib
// under ASan costs more than most inputs):
//  - An input gets the standard modules it names (the module's name occurs
//    in its text: `List.map`, `open List`, `int List.t`...) with the
//    modules those depend on, and always the prelude, which is open in
//    every file. A program that names no other module is checked exactly as
//    flc would check it; one that does sees the same names. Set
//    FL_FUZZ_FULL_STDLIB=1 for every module on every input.
//  - The stdlib sources are parsed by ANTLR once, at start-up, and their
//    parse trees kept: each input rebuilds the ASTs from them with the
//    parser's own AST builder (parse/ast_builder.h). Start-up checks that
//    this gives the same ASTs as parse::parse_module.
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <streambuf>
#include <string>
#include <type_traits>
#include <vector>

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include "CommonTokenStream.h"
#include "FlLexer.h"
#include "FlParser.h"
#include "atn/ParserATNSimulator.h"
#include "atn/PredictionMode.h"
#include "ast/printer.h"
#include "codegen/codegen.h"
#include "driver/pipeline.h"
#include "parse/ast_builder.h"
#include "parse/byte_stream.h"
#include "parse/contract_ends.h"
#include "parse/parser.h"
#include "support/diagnostics.h"
#include "support/source.h"
#include "types/infer.h"

namespace {

// One standard module, parsed once.
struct StdlibModule {
  std::string path;
  std::string text;
  std::string name;       // "List"
  std::vector<bool> deps;  // by index: the earlier modules it names, transitively
  // The parse and what its tree points into.
  std::unique_ptr<fl::parse::ByteStream> input;
  std::unique_ptr<flgrammar::FlLexer> lexer;
  std::unique_ptr<antlr4::CommonTokenStream> tokens;
  std::unique_ptr<flgrammar::FlParser> parser;
  flgrammar::FlParser::SourceFileContext* tree = nullptr;
};

std::vector<StdlibModule> stdlib;
bool full_stdlib = false;
bool internal_errors_allowed = false;

bool env_flag(const char* name) {
  const char* v = std::getenv(name);
  return v && *v && std::string(v) != "0";
}

[[noreturn]] void fail(const std::string& what, const std::string& output) {
  std::fprintf(stderr, "fl-fuzz-frontend: %s\n%s\n", what.c_str(), output.c_str());
  std::fflush(stderr);
  std::abort();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path, "");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Parses a standard module with ANTLR as parse/parser.cpp does (contract
// ends marked, SLL prediction; the stdlib has no syntax errors and is not
// deeply nested, so none of parser.cpp's guards is needed) and keeps the
// tree.
void parse_once(StdlibModule& m) {
  m.input = std::make_unique<fl::parse::ByteStream>(m.text);
  m.lexer = std::make_unique<flgrammar::FlLexer>(m.input.get());
  m.tokens = std::make_unique<antlr4::CommonTokenStream>(m.lexer.get());
  m.tokens->fill();
  fl::parse::mark_contract_ends(*m.tokens);
  m.parser = std::make_unique<flgrammar::FlParser>(m.tokens.get());
  m.parser->getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  m.tree = m.parser->sourceFile();
  if (m.parser->getNumberOfSyntaxErrors() != 0) fail("syntax errors in " + m.path, "");
}

// The standard modules (indices into `stdlib`) a program with this text
// gets: the prelude, those it names, and their dependencies.
std::vector<bool> modules_for(const std::string& text) {
  std::vector<bool> use(stdlib.size(), full_stdlib);
  use[0] = true;  // the prelude
  for (size_t i = 1; i < stdlib.size(); ++i) {
    if (text.find(stdlib[i].name) == std::string::npos) continue;
    use[i] = true;
    for (size_t j = 0; j < i; ++j)
      if (stdlib[i].deps[j]) use[j] = true;
  }
  return use;
}

// Where the diagnostics go: kept for check_no_internal_error, and also
// written to /dev/null as flc writes them to its unbuffered std::cerr, a
// system call per insertion, so that output that costs flc minutes costs
// the target as much.
class DiagnosticsBuf : public std::streambuf {
 public:
  std::string text;

 protected:
  int_type overflow(int_type c) override {
    if (c == traits_type::eof()) return traits_type::not_eof(c);
    char ch = traits_type::to_char_type(c);
    text += ch;
    discard(&ch, 1);
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    text.append(s, static_cast<size_t>(n));
    discard(s, static_cast<size_t>(n));
    return n;
  }

 private:
  static void discard(const char* s, size_t n) {
    static const int null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null_fd >= 0) (void)!write(null_fd, s, n);
  }
};

// One run of the front end, all of it fresh.
struct Run {
  fl::SourceManager sources;
  DiagnosticsBuf buf;
  std::ostream out{&buf};  // the diagnostics
  fl::Diagnostics diags{sources, out};
  std::vector<std::unique_ptr<fl::ast::Module>> modules;
  fl::types::TypeArena arena;
  std::unique_ptr<fl::types::Checker> checker;  // owns the symbols codegen reads

  // Builds the ASTs of the standard modules in `use` and parses `program`
  // (if any); then checks them all, as pipeline.cpp's Frontend does.
  bool check(const std::vector<bool>& use, const std::string* program) {
    std::set<std::string> stdlib_names;
    for (size_t i = 0; i < stdlib.size(); ++i) {
      if (!use[i]) continue;
      fl::FileId id = sources.add(stdlib[i].path, stdlib[i].text);
      auto module = fl::parse::build_module(stdlib[i].tree, sources.file(id), id, diags);
      if (diags.has_errors()) fail("the AST builder rejected " + stdlib[i].path, buf.text);
      module->name = fl::parse::module_name_for_path(stdlib[i].path);
      module->file = id;
      stdlib_names.insert(module->name);
      modules.push_back(std::move(module));
    }
    if (program) {
      fl::FileId id = sources.add("fuzz.fl", *program);
      auto module = fl::parse::parse_module(sources, id, diags);
      if (!module) return false;
      std::ostringstream dump;  // --dump-ast
      fl::ast::print_module(*module, dump);
      modules.push_back(std::move(module));
    }
    std::vector<fl::ast::Module*> ordered;
    for (auto& m : modules) ordered.push_back(m.get());
    checker = std::make_unique<fl::types::Checker>(arena, diags);
    return checker->check_program(ordered, stdlib_names);
  }

  // Lowers the checked program to LLVM IR (verified by codegen), with the
  // options pipeline.cpp's compile() chooses.
  bool lower() {
    llvm::LLVMContext context;
    std::vector<fl::ast::Module*> ordered;
    for (auto& m : modules) ordered.push_back(m.get());
    fl::codegen::CodegenOptions options;
    const fl::types::Symbol* spawn = checker->find_global("Thread", "spawn");
    options.safepoints = spawn != nullptr && spawn->used;
    return fl::codegen::generate_program(context, ordered, arena, *checker, diags, options) != nullptr;
  }

  // An error whose message starts "internal error" (not a source line of
  // the input quoted under a diagnostic: those are indented).
  void check_no_internal_error() {
    if (internal_errors_allowed) return;
    const std::string& text = buf.text;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line[0] == ' ') continue;
      size_t at = line.find("error: ");
      if (at != std::string::npos && line.compare(at + 7, 14, "internal error") == 0)
        fail("the front end reported an internal error", text);
    }
  }
};

// flc checks and lowers on its main thread, with the usual 8 MB stack (the
// parser has a thread of its own, parse/parser.cpp): parse::NestingGuard's
// limit on nesting keeps the recursive passes well within it. Under ASan
// at -O1 their frames are about 4.5 times as big as in the -O3 release
// build (a chain of 2990 `|>` needs about 2 MB in flc, more than 8 MB
// here), so the target gives them 32 MB: a stack overflow here should be
// one in flc too (confirm it with build/bin/flc).
constexpr size_t kStackBytes = size_t{32} << 20;

template <class F>
void on_release_sized_stack(F&& body) {
  using Body = std::remove_reference_t<F>;
  pthread_attr_t attr;
  pthread_t thread;
  if (pthread_attr_init(&attr) != 0 || pthread_attr_setstacksize(&attr, kStackBytes) != 0)
    fail("cannot set a thread's stack size", "");
  auto run = [](void* arg) -> void* {
    (*static_cast<Body*>(arg))();
    return nullptr;
  };
  if (pthread_create(&thread, &attr, run, &body) != 0) fail("cannot start a thread", "");
  pthread_attr_destroy(&attr);
  pthread_join(thread, nullptr);
}

// Start-up checks: the kept parse trees give parse_module's ASTs, and the
// whole standard library checks and lowers.
void self_test() {
  for (StdlibModule& m : stdlib) {
    fl::SourceManager sources;
    std::ostringstream out;
    fl::Diagnostics diags(sources, out);
    fl::FileId id = sources.add(m.path, m.text);
    auto parsed = fl::parse::parse_module(sources, id, diags);
    auto built = fl::parse::build_module(m.tree, sources.file(id), id, diags);
    if (!parsed || diags.has_errors()) fail("cannot parse " + m.path, out.str());
    std::ostringstream a, b;
    fl::ast::print_module(*parsed, a);
    built->name = parsed->name;
    fl::ast::print_module(*built, b);
    if (a.str() != b.str()) fail("the kept parse tree of " + m.path + " does not give parse_module's AST", "");
  }

  Run run;
  std::vector<bool> all(stdlib.size(), true);
  if (!run.check(all, nullptr) || !run.lower())
    fail("the standard library does not compile", run.buf.text);
}

}  // namespace

// ANTLR's generated visitors `dynamic_cast` on every node, and libstdc++'s
// dynamic_cast compares type names with strcmp. ASan's strcmp interceptor
// (a weak symbol, which this one replaces) hands each comparison to
// libFuzzer, which records the two type names as comparison operands: a
// fifth of the run time, and mangled C++ names spliced into the inputs.
// fl's front end has no strcmp of its own on input bytes. Not instrumented
// either: its comparisons would be recorded all the same.
extern "C" __attribute__((no_sanitize("coverage", "address", "undefined"))) int strcmp(const char* a,
                                                                                      const char* b) {
  const auto* x = reinterpret_cast<const unsigned char*>(a);
  const auto* y = reinterpret_cast<const unsigned char*>(b);
  while (*x && *x == *y) ++x, ++y;
  return *x - *y;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  full_stdlib = env_flag("FL_FUZZ_FULL_STDLIB");
  internal_errors_allowed = env_flag("FL_FUZZ_ALLOW_INTERNAL_ERRORS");
  const char* dir_env = std::getenv("FL_FUZZ_STDLIB_DIR");
  std::string dir = dir_env && *dir_env ? dir_env : FL_FUZZ_STDLIB_DIR;

  // The standard modules flc reads, in dependency order.
  std::vector<std::string> names = fl::driver::stdlib_module_names();
  if (names.empty() || names.front() != "prelude") fail("the standard modules do not start with the prelude", "");
  stdlib.resize(names.size());
  for (size_t i = 0; i < stdlib.size(); ++i) {
    StdlibModule& m = stdlib[i];
    m.path = dir + "/" + names[i] + ".fl";
    m.text = read_file(m.path);
    m.name = fl::parse::module_name_for_path(m.path);
    parse_once(m);
    // Dependencies: the earlier modules it names, with theirs.
    m.deps.assign(stdlib.size(), false);
    for (size_t j = 1; j < i; ++j) {
      if (m.text.find(stdlib[j].name) == std::string::npos) continue;
      m.deps[j] = true;
      for (size_t k = 0; k < j; ++k)
        if (stdlib[j].deps[k]) m.deps[k] = true;
    }
  }
  self_test();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string program(reinterpret_cast<const char*>(data), size);
  on_release_sized_stack([&] {
    Run run;
    if (run.check(modules_for(program), &program)) run.lower();
    run.check_no_internal_error();
  });
  return 0;
}
