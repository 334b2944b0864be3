// The front of the pipeline: source text -> AST (ast/ast.h).
//
// lang/Fl.g4 is turned into an ANTLR lexer and parser at build time; this
// module runs them and builds the AST from the parse tree
// (parse/ast_builder.cpp). Errors go to `diags` in the usual
// `FILE:LINE:COL: error: ...` form; only the first syntax error of a file
// is reported, since what follows it is guesswork.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "ast/ast.h"
#include "support/diagnostics.h"
#include "support/source.h"

namespace fl::parse {

// Parses one file. Returns null when it had errors (all of them reported).
// Never throws.
std::unique_ptr<ast::Module> parse_module(SourceManager& sources, FileId file, Diagnostics& diags);

// The module a file defines: its base name without extension, capitalized
// (`src/net_util.fl` is `Net_util`).
std::string module_name_for_path(std::string_view path);

}  // namespace fl::parse
