// Builds the AST (ast/ast.h) from an ANTLR parse tree of lang/Fl.g4.
//
// The tree is already known to be syntactically valid; what is checked
// here is what the grammar cannot say: literal contents and ranges, the
// left side of `<-`, contracts only on functions.
#pragma once

#include <memory>

#include "FlParser.h"
#include "ast/ast.h"
#include "support/diagnostics.h"
#include "support/source.h"

namespace fl::parse {

// Reports errors to `diags` and still returns a (partial) module; the
// caller checks the error count.
std::unique_ptr<ast::Module> build_module(flgrammar::FlParser::SourceFileContext* tree, const SourceFile& source,
                                          FileId file, Diagnostics& diags);

}  // namespace fl::parse
