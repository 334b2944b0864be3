#include "repl/session.h"

#include <gc.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "codegen/codegen.h"
#include "driver/link.h"
#include "driver/pipeline.h"
#include "parse/parser.h"
#include "repl/line_editor.h"

extern "C" char __executable_start[], etext[];

namespace fl::repl {

namespace {

constexpr const char* kToplevelModule = "Toplevel";
constexpr const char* kToplevelFile = "//toplevel//";

// rts.h's FlString and FlExnDesc.
struct FlString {
  int64_t len;
  char bytes[1];
};
struct FlExnDesc {
  const FlString* name;
  const FlString* (*show)(void* exn);
};

std::string text_of(const void* s) {
  auto* string = static_cast<const FlString*>(s);
  return string ? std::string(string->bytes, static_cast<size_t>(string->len)) : std::string("<?>");
}

// An answer's value, cut after kMaxAnswer bytes as OCaml's toplevel cuts
// big values (a list of a million elements is not read at a prompt).
constexpr size_t kMaxAnswer = 4000;
std::string answer_of(const void* s) {
  std::string text = text_of(s);
  if (text.size() > kMaxAnswer) text = text.substr(0, kMaxAnswer) + "...";
  return text;
}

const char* const kKeywords[] = {"and",  "as",   "assert", "begin", "do",   "done",      "downto", "else",
                                 "end",  "exception", "false", "for",  "fun",  "function",  "if",     "in",
                                 "let",  "match", "mod",   "not",  "of",   "open",      "rec",    "then",
                                 "to",   "true", "try",    "type", "when", "while",     "with"};

const char* const kDirectives[] = {":type", ":load", ":reload", ":env", ":help", ":quit"};

}  // namespace

Session::Session(int opt_level, bool time_phrases)
    : opt_level_(opt_level), time_phrases_(time_phrases), diags_(sources_, std::cout) {}

Session::~Session() { stop_runtime_signals(); }

void Session::error(const std::string& message) {
  flush_program_output();
  std::cout << "flc: error: " << message << std::endl;
}

// The runtime buffers the program's output; what the REPL prints goes
// after it.
void Session::flush_program_output() {
  if (flush_stdout_) flush_stdout_();
}

bool Session::start() {
  std::string problem;
  jit_ = Jit::create(driver::runtime_dir() + "/libfl_rts_host.a", problem);
  if (!jit_) {
    error(problem);
    return false;
  }
  bool runtime_safepoint = jit_->runtime_defines("fl_safepoint") && jit_->runtime_defines("fl_stack_limit");
  auto host = safepoint_symbols(runtime_safepoint);
  // What the linker defines for an executable, which the runtime may use
  // (the bounds of the program's code): flc's own.
  host.emplace_back("__executable_start", __executable_start);
  host.emplace_back("etext", etext);
  // Console input (read_line) comes after what the REPL read ahead.
  host.emplace_back("_ZN8platform9read_byteEv", reinterpret_cast<void*>(&LineEditor::read_byte));
  if (!jit_->define_host(host, problem)) {
    error(problem);
    return false;
  }

  // The standard modules, as the compiler reads them (driver/pipeline.cpp).
  std::set<std::string> stdlib_names;
  std::vector<ast::Module*> stdlib;
  for (const std::string& name : driver::stdlib_module_names()) {
    std::string path = driver::runtime_dir() + "/stdlib/" + name + ".fl";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      error("missing standard module " + path + " (is the build complete?)");
      return false;
    }
    std::stringstream text;
    text << in.rdbuf();
    auto module = parse::parse_module(sources_, sources_.add(path, text.str()), diags_);
    if (!module) return false;
    stdlib_names.insert(module->name);
    stdlib.push_back(module.get());
    modules_.push_back(std::move(module));
  }
  checker_ = std::make_unique<types::Checker>(arena_, diags_);
  // check_program takes its last module for the program's main one, which
  // is no module of its own: an empty one, so that the standard ones all are.
  auto main = std::make_unique<ast::Module>();
  main->name = kToplevelModule;
  std::vector<ast::Module*> checked = stdlib;
  checked.push_back(main.get());
  modules_.push_back(std::move(main));
  if (!checker_->check_program(checked, stdlib_names)) return false;

  codegen::Phrase phrase;
  phrase.entry = "fl_phrase_0";
  phrase.modules = stdlib;
  phrase.define_predefined_exceptions = true;
  for (types::Constructor* c : arena_.builtin("exn")->constructors) phrase.exceptions.insert(c);
  codegen::CodegenOptions options;
  options.safepoints = true;
  auto module = codegen::generate_phrase(jit_->context(), phrase, arena_, *checker_, diags_, options);
  if (!module) return false;
  if (!jit_->define_slots(phrase.globals, problem) || !jit_->add(std::move(module), level(), problem)) {
    error(problem);
    return false;
  }
  hooks_.protect = reinterpret_cast<void* (*)(void (*)(void*), void*)>(jit_->lookup("fl_repl_protect", problem));
  hooks_.current_handler = static_cast<void**>(jit_->lookup("fl_current_handler", problem));
  hooks_.raise = reinterpret_cast<void (*)(void*)>(jit_->lookup("fl_raise", problem));
  hooks_.stack_overflow = jit_->lookup("fl_exn_Stack_overflow", problem);
  if (!hooks_.protect || !hooks_.current_handler || !hooks_.raise || !hooks_.stack_overflow) {
    error(problem);
    return false;
  }
  flush_stdout_ = reinterpret_cast<void (*)()>(jit_->lookup("_ZN3rts12flush_stdoutEv", problem));
  // The collector as a host executable has it (heap size, and the start
  // callback that drops the atomic free lists: without it, objects would
  // be handed out twice).
  auto* init_collector = reinterpret_cast<void (*)()>(jit_->lookup("rts_host_init_collector", problem));
  if (!init_collector) {
    error(problem);
    return false;
  }
  init_collector();
  if (runtime_safepoint)
    use_runtime_safepoint(reinterpret_cast<void (*)()>(jit_->lookup_runtime("fl_safepoint")),
                          static_cast<uintptr_t*>(jit_->lookup_runtime("fl_stack_limit")));
  if (jit_->runtime_defines("fl_thread_self") && jit_->runtime_defines("fl_thread_id"))
    use_runtime_threads(reinterpret_cast<void* (*)()>(jit_->lookup_runtime("fl_thread_self")),
                        reinterpret_cast<int64_t (*)(void*)>(jit_->lookup_runtime("fl_thread_id")));
  void** shown = nullptr;
  return run_entry(phrase.entry, 0, shown);
}

// Runs a phrase's entry; `shown` receives its answers (fl strings, in
// memory the collector scans). False after an error, reported.
bool Session::run_entry(const std::string& entry, size_t answers, void**& shown) {
  std::string problem;
  auto* code = reinterpret_cast<void (*)(void*)>(jit_->lookup(entry, problem));
  if (!code) {
    error(problem);
    return false;
  }
  linked_ = true;
  linked_at_ = std::chrono::steady_clock::now();
  shown = static_cast<void**>(GC_MALLOC((answers + 1) * sizeof(void*)));
  std::cout.flush();
  RunResult result = run_protected(hooks_, code, shown);
  flush_program_output();
  switch (result.outcome) {
    case Outcome::Finished:
      return true;
    case Outcome::Raised:
      std::cout << "Exception: " << show_exception(result.exception) << "." << std::endl;
      return false;
    case Outcome::Interrupted:
      std::cout << "Interrupted." << std::endl;
      return false;
    case Outcome::Crashed:
      std::cout << "Fatal error: " << result.what << " during evaluation." << std::endl;
      return false;
  }
  return false;
}

std::string Session::show_exception(void* exception) {
  struct Call {
    void* exception;
    const FlString* shown;
  };
  Call call{exception, nullptr};
  // Its show is generated code too: protected like a phrase.
  RunResult result = run_protected(
      hooks_,
      [](void* arg) {
        auto* c = static_cast<Call*>(arg);
        auto* desc = *static_cast<FlExnDesc**>(c->exception);
        c->shown = desc->show(c->exception);
      },
      &call);
  flush_program_output();
  return result.outcome == Outcome::Finished ? text_of(call.shown) : "<exception>";
}

bool Session::eval(const std::string& text) {
  started_ = std::chrono::steady_clock::now();
  diags_.reset_errors();
  auto module = parse::parse_module(sources_, sources_.add(kToplevelFile, text), diags_);
  std::cout.flush();
  if (!module) return false;
  return run_phrase(std::move(module), level());
}

bool Session::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error("cannot read " + path);
    return false;
  }
  if (std::find(loaded_.begin(), loaded_.end(), path) == loaded_.end()) loaded_.push_back(path);
  std::stringstream text;
  text << in.rdbuf();
  started_ = std::chrono::steady_clock::now();
  diags_.reset_errors();
  auto module = parse::parse_module(sources_, sources_.add(path, text.str()), diags_);
  std::cout.flush();
  if (!module) return false;
  return run_phrase(std::move(module), level());
}

void Session::reload() {
  if (loaded_.empty()) {
    std::cout << "No file loaded yet (:load FILE.fl)." << std::endl;
    return;
  }
  std::vector<std::string> files = loaded_;
  for (const std::string& file : files) load(file);
}

// -O1 for everything, typed or loaded: the code runs as fast as compiled
// programs (bench/repl.sh), and -O2 would only add compile time.
int Session::level() const { return opt_level_ >= 0 ? opt_level_ : 1; }

bool Session::run_phrase(std::unique_ptr<ast::Module> module, int opt_level) {
  module->name = kToplevelModule;
  // `let _ = e` answers `- : t = v` as in OCaml's toplevel: it is `e`.
  for (auto& item : module->items) {
    if (item->kind != ast::Item::Kind::Let) continue;
    auto& let = item->as<ast::LetItem>();
    if (let.recursive || let.bindings.size() != 1) continue;
    ast::Binding& b = let.bindings[0];
    if (b.pattern->kind != ast::Pattern::Kind::Wildcard || !b.params.empty() || !b.contracts.empty()) continue;
    ast::ExprPtr e = std::move(b.body);
    if (b.return_type) {
      Loc at = e->loc;
      e = std::make_unique<ast::AnnotExpr>(at, std::move(e), std::move(b.return_type));
    }
    item = std::make_unique<ast::ExprItem>(item->loc, std::move(e));
  }
  types::TypeDef* exn = arena_.builtin("exn");
  size_t first_exception = exn->constructors.size();
  diags_.reset_errors();
  bool checked = checker_->check_phrase(*module);
  std::cout.flush();
  if (!checked) return false;

  Checked c;
  c.opt_level = opt_level;
  for (size_t i = first_exception; i < exn->constructors.size(); ++i) c.phrase.exceptions.insert(exn->constructors[i]);
  const types::ModuleEnv& env = *checker_->toplevel();
  // Whether it may wait until the weak type variables of its closures are
  // known (`let f = List.map (fun x -> x)`): only definitions whose
  // evaluation nobody can see, so that running them later changes nothing.
  bool quiet = true;
  for (auto& item : module->items) {
    switch (item->kind) {
      case ast::Item::Kind::Let:
        for (ast::Binding& b : item->as<ast::LetItem>().bindings) {
          quiet = quiet && evaluates_quietly(*b.body);
          std::vector<types::Symbol*> symbols;
          repl::pattern_symbols(*b.pattern, symbols);
          for (types::Symbol* sym : symbols) {
            c.answers.push_back({"", sym, nullptr, c.phrase.answers.size()});
            c.phrase.answers.push_back({sym, nullptr});
            c.defined.push_back({Definition::Kind::Value, sym->name, sym, ""});
          }
        }
        break;
      case ast::Item::Kind::Expr: {
        ast::Expr* e = item->as<ast::ExprItem>().expr.get();
        c.answers.push_back({"", nullptr, e, c.phrase.answers.size()});
        c.phrase.answers.push_back({nullptr, e});
        quiet = false;
        break;
      }
      case ast::Item::Kind::Type: {
        auto& t = item->as<ast::TypeItem>();
        std::string text = type_declaration(t, env.types);
        c.answers.push_back({text});
        for (auto& d : t.decls)
          if (auto it = env.types.find(d.name); it != env.types.end())
            c.defined.push_back({Definition::Kind::Type, d.name, nullptr, type_declaration(t, {{d.name, it->second}})});
        break;
      }
      case ast::Item::Kind::Exception: {
        const std::string& name = item->as<ast::ExceptionItem>().constructor.name;
        if (auto it = env.constructors.find(name); it != env.constructors.end()) {
          std::string text = exception_declaration(*it->second);
          c.answers.push_back({text});
          c.defined.push_back({Definition::Kind::Exception, name, nullptr, text});
        }
        quiet = false;  // later phrases may raise it
        break;
      }
      case ast::Item::Kind::Open:
        break;
    }
  }
  c.module = std::move(module);

  bool weak_closures = false;
  for (const Answer& a : c.answers) {
    if (!a.symbol) continue;
    // Its answer, <fun>, needs no run.
    quiet = quiet && types::resolve(a.symbol->scheme.body)->kind == types::Type::Kind::Arrow;
    if (!a.symbol->function && a.symbol->scheme.vars.empty())
      weak_closures = weak_closures || has_closure_variables(a.symbol->scheme.body, arena_);
  }
  if (quiet && weak_closures) {
    // What it uses of the deferred ones runs before it, later.
    for (Checked& d : deferred_)
      for (const Answer& a : d.answers)
        if (a.symbol) a.symbol->used = false;
    std::ostringstream out;
    for (const Answer& a : c.answers) {
      if (a.symbol) {
        a.symbol->used = false;  // from now on: used by a later phrase
        out << "val " << a.symbol->name << " : " << names_.scheme(a.symbol->scheme.body, false) << " = <fun>\n";
      } else {
        out << a.text << "\n";
      }
    }
    std::cout << out.str() << std::flush;
    for (Definition& d : c.defined) define(d);
    deferred_.push_back(std::move(c));
    return true;
  }
  run_deferred();
  return execute(c, true);
}

// Deferred definitions run before the phrase that needs them: once their
// closures' types are known, or when a phrase uses them anyway (then, as
// in a compiled program, what is still unknown becomes unit). They run in
// the order typed, so those before a ready one run with it: it may use them.
void Session::run_deferred() {
  size_t ready = 0;
  for (size_t i = 0; i < deferred_.size(); ++i)
    for (const Answer& a : deferred_[i].answers)
      if (a.symbol && (a.symbol->used || !has_closure_variables(a.symbol->scheme.body, arena_))) ready = i + 1;
  std::vector<Checked> now;
  std::move(deferred_.begin(), deferred_.begin() + static_cast<long>(ready), std::back_inserter(now));
  deferred_.erase(deferred_.begin(), deferred_.begin() + static_cast<long>(ready));
  for (Checked& c : now) execute(c, false);
}

// Compiles and runs a checked phrase; with `answer`, prints what it defined.
bool Session::execute(Checked& c, bool answer) {
  codegen::Phrase& phrase = c.phrase;
  phrase.entry = "fl_phrase_" + std::to_string(++phrase_count_);
  phrase.modules = {c.module.get()};
  phrase.earlier.clear();
  for (auto& m : modules_) phrase.earlier.push_back(m.get());
  bool weak = names_.weak_left();
  for (const Answer& a : c.answers)
    if (a.symbol && !a.symbol->function && a.symbol->scheme.vars.empty()) {
      fix_closure_variables(a.symbol->scheme.body, arena_);
      weak = weak || has_weak_variables(a.symbol->scheme.body);
    }
  // The instances of functions compiled by earlier phrases are called, not
  // generated again. Offered to later phrases: those optimised as typed
  // phrases are, compiled while no weak type variable was left (the code
  // of a function whose body met one would be at unit for good).
  phrase.instances = &instances_;
  phrase.export_instances = c.opt_level >= level() && !weak;

  codegen::CodegenOptions options;
  options.safepoints = true;
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  auto code = codegen::generate_phrase(jit_->context(), phrase, arena_, *checker_, diags_, options);
  std::cout.flush();
  auto t1 = Clock::now();
  std::string problem;
  bool ok = code != nullptr;
  if (ok && (!jit_->define_slots(phrase.globals, problem) || !jit_->add(std::move(code), c.opt_level, problem))) {
    error(problem);
    ok = false;
  }
  auto t2 = Clock::now();
  void** shown = nullptr;
  linked_ = false;
  ok = ok && run_entry(phrase.entry, phrase.answers.size(), shown);
  // Its code is there even when it raised.
  if (linked_) instances_.insert(phrase.new_instances.begin(), phrase.new_instances.end());
  auto t3 = Clock::now();
  if (time_phrases_) {
    auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
    std::cerr << "  " << phrase.entry << ": parse and check " << ms(t0 - started_) << " ms, lower " << ms(t1 - t0)
              << " ms, optimise " << ms(t2 - t1) << " ms";
    if (linked_)
      std::cerr << ", compile and link " << ms(linked_at_ - t2) << " ms, run " << ms(t3 - linked_at_) << " ms\n";
    else
      std::cerr << ", link " << ms(t3 - t2) << " ms\n";
  }
  modules_.push_back(std::move(c.module));
  if (!ok) {
    if (answer) checker_->undo_phrase();
    return false;
  }
  if (!answer) return true;
  std::ostringstream out;
  for (const Answer& a : c.answers) {
    if (a.symbol) {
      out << "val " << a.symbol->name << " : " << names_.scheme(a.symbol->scheme.body, false) << " = "
          << answer_of(shown[a.slot]) << "\n";
    } else if (a.expr) {
      out << "- : " << names_.scheme(a.expr->type, true) << " = " << answer_of(shown[a.slot]) << "\n";
    } else {
      out << a.text << "\n";
    }
  }
  std::cout << out.str() << std::flush;
  for (Definition& d : c.defined) define(std::move(d));
  return true;
}

void Session::define(Definition d) {
  definitions_.erase(std::remove_if(definitions_.begin(), definitions_.end(),
                                    [&](const Definition& old) { return old.kind == d.kind && old.name == d.name; }),
                     definitions_.end());
  definitions_.push_back(std::move(d));
}

void Session::type_of(const std::string& text) {
  diags_.reset_errors();
  auto module = parse::parse_module(sources_, sources_.add(kToplevelFile, text), diags_);
  std::cout.flush();
  if (!module) return;
  if (module->items.size() != 1 || module->items[0]->kind != ast::Item::Kind::Expr) {
    std::cout << ":type wants an expression" << std::endl;
    return;
  }
  module->name = kToplevelModule;
  bool checked = checker_->check_phrase(*module);
  std::cout.flush();
  if (checked) {
    std::cout << "- : " << names_.scheme(module->items[0]->as<ast::ExprItem>().expr->type, true) << std::endl;
    checker_->undo_phrase();
  }
  modules_.push_back(std::move(module));  // its symbols point into it
}

void Session::print_env() {
  std::ostringstream out;
  for (const Definition& d : definitions_) {
    if (d.kind == Definition::Kind::Value) out << "val " << d.name << " : " << names_.scheme(d.symbol->scheme.body, false) << "\n";
    else out << d.text << "\n";
  }
  if (definitions_.empty()) out << "Nothing is defined yet.\n";
  std::cout << out.str() << std::flush;
}

std::vector<std::string> Session::completions(const std::string& before, const std::string& word) const {
  std::vector<std::string> out;
  auto offer = [&](const std::string& candidate) {
    if (candidate.compare(0, word.size(), word) == 0) out.push_back(candidate);
  };
  bool line_start = before.find_first_not_of(" \t") == std::string::npos;
  if (line_start && !word.empty() && word[0] == ':') {
    for (const char* d : kDirectives) offer(d);
    return out;
  }
  if (!checker_) return out;
  auto offer_env = [&](const types::ModuleEnv& env, const std::string& prefix) {
    for (auto& [name, sym] : env.values) offer(prefix + name);
    for (auto& [name, ctor] : env.constructors) offer(prefix + name);
  };
  size_t dot = word.rfind('.');
  if (dot != std::string::npos) {
    std::string module = word.substr(0, dot);
    if (auto it = checker_->modules().find(module); it != checker_->modules().end()) offer_env(*it->second, module + ".");
  } else {
    if (checker_->toplevel()) offer_env(*checker_->toplevel(), "");
    for (const types::ModuleEnv* env : checker_->toplevel_opened()) offer_env(*env, "");
    offer_env(checker_->prelude(), "");
    for (auto& [name, env] : checker_->modules())
      if (name != "Prelude") offer(name + ".");
    for (const char* k : kKeywords) offer(k);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace fl::repl
