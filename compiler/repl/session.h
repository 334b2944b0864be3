// One REPL session: the standard modules, checked and run once at the
// start, then each phrase in turn:
//   parse → check against everything defined before (Checker::check_phrase)
//   → lower to its own LLVM module (codegen::generate_phrase) → add to the
//   JIT → run protected (signals.h) → print the answers (answers.h).
// A phrase that fails anywhere (syntax, types, an exception, Ctrl-C)
// defines nothing. Every phrase's AST stays alive: later phrases generate
// new instances of the functions it defined.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "codegen/codegen.h"
#include "repl/answers.h"
#include "repl/jit.h"
#include "repl/signals.h"
#include "support/diagnostics.h"
#include "support/source.h"
#include "types/infer.h"
#include "types/type.h"

namespace fl::repl {

class Session {
 public:
  // `opt_level` -1: the REPL's own default, -O1 (level()).
  // `time_phrases`: each phrase's pass times on stderr (--time-passes).
  Session(int opt_level, bool time_phrases);
  ~Session();

  // Loads, checks and runs the standard modules; false after errors.
  bool start();

  // Runs one phrase (what the user typed up to `;;` or the end of the
  // line); returns false when it failed.
  bool eval(const std::string& text);
  // :load FILE (its items run as one phrase), :reload, :type EXPR, :env.
  bool load(const std::string& path);
  void reload();
  void type_of(const std::string& text);
  void print_env();

  // Names for tab completion: `word` is being typed after `before`.
  std::vector<std::string> completions(const std::string& before, const std::string& word) const;

 private:
  bool run_phrase(std::unique_ptr<ast::Module> module, int opt_level);
  struct Checked;
  bool execute(Checked& c, bool answer);
  void run_deferred();
  int level() const;
  bool run_entry(const std::string& entry, size_t answers, void**& shown);
  std::string show_exception(void* exception);
  void flush_program_output();
  void error(const std::string& message);

  int opt_level_;
  bool time_phrases_;
  std::chrono::steady_clock::time_point started_;  // of the phrase being run
  SourceManager sources_;
  Diagnostics diags_;
  types::TypeArena arena_;
  std::unique_ptr<types::Checker> checker_;
  std::unique_ptr<Jit> jit_;
  RuntimeHooks hooks_;
  void (*flush_stdout_)() = nullptr;
  std::vector<std::unique_ptr<ast::Module>> modules_;  // standard modules, then phrases
  int phrase_count_ = 0;
  TypeNames names_;
  std::vector<std::string> loaded_;  // :load'ed files, for :reload
  std::map<std::string, std::string> instances_;  // compiled instances (codegen::Phrase::instances)
  bool linked_ = false;                           // the last phrase's module is in the JIT
  std::chrono::steady_clock::time_point linked_at_;  // when it was (for --time-passes)

  // What :env lists: the latest value, type and exception of each name.
  struct Definition {
    enum class Kind { Value, Type, Exception } kind;
    std::string name;
    types::Symbol* symbol = nullptr;  // values
    std::string text;                 // types and exceptions
  };
  std::vector<Definition> definitions_;
  void define(Definition d);

  // What to print once a phrase has run, in the order of its items.
  struct Answer {
    std::string text;                 // a declaration
    types::Symbol* symbol = nullptr;  // or `val name : type = ` ...
    ast::Expr* expr = nullptr;        // or `- : type = ` ...
    size_t slot = 0;                  // ... and the show in this slot
  };
  // A phrase that passed the type checker, to compile and run.
  struct Checked {
    std::unique_ptr<ast::Module> module;
    codegen::Phrase phrase;
    std::vector<Answer> answers;
    std::vector<Definition> defined;
    int opt_level = 1;
  };
  // Definitions of closures whose weak type variables are not known yet,
  // in the order typed (run_phrase, run_deferred).
  std::vector<Checked> deferred_;
};

}  // namespace fl::repl
