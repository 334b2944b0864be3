#include "parse/parser.h"

#include <pthread.h>

#include <exception>
#include <functional>

#include "CommonTokenStream.h"
#include "atn/ParserATNSimulator.h"
#include "atn/PredictionMode.h"
#include "FlLexer.h"
#include "FlParser.h"
#include "parse/ast_builder.h"
#include "parse/byte_stream.h"
#include "parse/contract_ends.h"
#include "parse/syntax_errors.h"

namespace fl::parse {

std::string module_name_for_path(std::string_view path) {
  size_t slash = path.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = base.find_last_of('.');
  if (dot != std::string_view::npos && dot > 0) base = base.substr(0, dot);
  std::string name(base);
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
  if (name == "Mvar") name = "MVar";  // stdlib/mvar.fl (LANGUAGE.md 6)
  return name;
}

namespace {

void report(Diagnostics& diags, const SyntaxError& error) {
  diags.error(error.loc, error.message);
  if (error.unclosed) diags.note(*error.unclosed, "this '" + error.unclosed_text + "' is not closed");
}

std::unique_ptr<ast::Module> parse_unguarded(SourceManager& sources, FileId file, Diagnostics& diags) {
  const SourceFile& source = sources.file(file);
  ByteStream input(source.text);
  flgrammar::FlLexer lexer(&input);
  lexer.removeErrorListeners();  // ERROR_CHAR catches everything the rules do not
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  if (auto error = find_lexical_error(tokens.getTokens(), file)) {
    report(diags, *error);
    return nullptr;
  }
  mark_contract_ends(tokens);

  flgrammar::FlParser parser(&tokens);
  parser.removeErrorListeners();
  auto strategy = std::make_shared<FirstErrorStrategy>(file, tokens.getTokens());
  parser.setErrorHandler(strategy);

  // SLL prediction resolves each choice from the input ahead and, where
  // the grammar is ambiguous, greedily, like yacc's shift preference:
  // `let`, `match`, `fun`... extend as far as possible and a dangling
  // `else` goes to the inner `if`. Full LL gives the same trees but checks
  // every such ambiguity up to the end of the file, which is quadratic
  // (minutes for a few thousand lines). Greedy is wrong only at the `=`
  // that ends a contract clause, which mark_contract_ends has found.
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  NestingGuard guard;
  parser.addParseListener(&guard);
  flgrammar::FlParser::SourceFileContext* tree = nullptr;
  try {
    tree = parser.sourceFile();
  } catch (const FirstErrorStrategy::Stop&) {
  } catch (const NestingGuard::TooDeep& deep) {
    diags.error(loc_of(*deep.token, file), "this expression is nested too deeply (more than " +
                                               std::to_string(NestingGuard::kMaxDepth) + " levels of syntax)");
    return nullptr;
  }
  parser.removeParseListener(&guard);
  if (strategy->error) {
    report(diags, *strategy->error);
    return nullptr;
  }

  unsigned errors_before = diags.error_count();
  auto module = build_module(tree, source, file, diags);
  if (diags.error_count() != errors_before) return nullptr;
  module->name = module_name_for_path(source.path);
  module->file = file;
  return module;
}

// ANTLR's adaptive prediction may look ahead through deeply nested input
// before NestingGuard sees the nesting (it recurses once or more per level
// of the lookahead's simulated call stack), so parsing runs on a thread
// with a large stack. Its pages are only touched, and so only committed,
// by input that needs them.
constexpr size_t kParserStackBytes = size_t{1} << 30;

void run_with_large_stack(const std::function<void()>& fn) {
  pthread_attr_t attr;
  pthread_t thread;
  bool started = pthread_attr_init(&attr) == 0 && pthread_attr_setstacksize(&attr, kParserStackBytes) == 0 &&
                 pthread_create(
                     &thread, &attr,
                     [](void* arg) -> void* {
                       (*static_cast<const std::function<void()>*>(arg))();
                       return nullptr;
                     },
                     const_cast<std::function<void()>*>(&fn)) == 0;
  pthread_attr_destroy(&attr);
  if (started) pthread_join(thread, nullptr);
  else fn();  // no thread (address space limits?): parse on this stack
}

}  // namespace

std::unique_ptr<ast::Module> parse_module(SourceManager& sources, FileId file, Diagnostics& diags) {
  std::unique_ptr<ast::Module> module;
  run_with_large_stack([&] {
    // ANTLR reports some internal failures by throwing; none of them may
    // end the compiler (and none may leave the thread).
    try {
      module = parse_unguarded(sources, file, diags);
    } catch (const std::exception& e) {
      diags.error(Loc{file, 1, 1}, std::string("internal error in the parser: ") + e.what());
    } catch (...) {
      diags.error(Loc{file, 1, 1}, "internal error in the parser");
    }
  });
  return module;
}

}  // namespace fl::parse
