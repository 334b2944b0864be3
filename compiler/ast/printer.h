// A readable, fully parenthesized S-expression dump of the AST, for
// `flc --dump-ast` and for tests: every operator application is its own
// list, so the output shows exactly how precedence grouped the source.
//
//   1 + 2 * 3            (+ 1 (* 2 3))
//   f x (g y)            (apply f x (apply g y))
//   Some (1, "a")        (Some (tuple 1 "a"))
//   let x = 1 in x       (let (bind x 1) x)
#pragma once

#include <ostream>
#include <string>

#include "ast/ast.h"

namespace fl::ast {

// One item per line, inside `(module Name ...)`.
void print_module(const Module& module, std::ostream& out);

void print_item(const Item& item, std::ostream& out);
void print_expr(const Expr& expr, std::ostream& out);
void print_pattern(const Pattern& pattern, std::ostream& out);
void print_type(const TypeExpr& type, std::ostream& out);

std::string to_string(const Expr& expr);
std::string to_string(const Pattern& pattern);
std::string to_string(const TypeExpr& type);
std::string to_string(const Item& item);

// A literal as fl source would write it: 42, -7, 2., 'a', "a\n", true, ().
std::string literal_to_string(const Literal& literal);

}  // namespace fl::ast
