// The abstract syntax of fl: everything lang/Fl.g4 parses, with source
// locations. The parser builds it (parse/), the name resolver and the type
// checker annotate it (types/), later passes lower it.
//
// Nodes are plain structs owned through unique_ptr. Each family (Expr,
// Pattern, TypeExpr, Item) has a `kind` tag; `as<T>()` is a checked
// static downcast, so no RTTI is needed.
#pragma once

#include <cassert>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/source.h"

namespace fl::types {
struct Type;
struct Symbol;
struct Constructor;
struct Field;
}

namespace fl::ast {

// A possibly qualified name: `x`, `List.map`, `Some`, `Net_util.Parse_error`.
struct Path {
  std::vector<std::string> modules;  // qualifiers, outermost first
  std::string name;

  std::string str() const {
    std::string s;
    for (const auto& m : modules) s += m + ".";
    return s + name;
  }
};

// ---------------------------------------------------------------------------
// Literals, shared by expressions and patterns.

struct Literal {
  enum class Kind { Int, Float, Char, String, Bool, Unit };
  Kind kind = Kind::Unit;
  int64_t int_value = 0;  // Int, Char (0..255), Bool (0/1)
  double float_value = 0;
  std::string string_value;  // String, already unescaped
};

// ---------------------------------------------------------------------------
// Type expressions, as written in annotations and declarations.

struct TypeExpr {
  enum class Kind { Var, Con, Arrow, Tuple };
  Kind kind;
  Loc loc;
  explicit TypeExpr(Kind k, Loc l) : kind(k), loc(l) {}
  virtual ~TypeExpr() = default;
  template <class T> T& as() { assert(kind == T::kKind); return static_cast<T&>(*this); }
  template <class T> const T& as() const { assert(kind == T::kKind); return static_cast<const T&>(*this); }
};
using TypeExprPtr = std::unique_ptr<TypeExpr>;

struct TypeVarExpr : TypeExpr {  // 'a
  static constexpr Kind kKind = Kind::Var;
  std::string name;  // without the quote
  TypeVarExpr(Loc l, std::string n) : TypeExpr(kKind, l), name(std::move(n)) {}
};

struct TypeConExpr : TypeExpr {  // int, 'a list, (int, string) result, MVar.t
  static constexpr Kind kKind = Kind::Con;
  Path name;
  std::vector<TypeExprPtr> args;
  TypeConExpr(Loc l, Path n) : TypeExpr(kKind, l), name(std::move(n)) {}
};

struct ArrowTypeExpr : TypeExpr {  // t1 -> t2
  static constexpr Kind kKind = Kind::Arrow;
  TypeExprPtr from, to;
  ArrowTypeExpr(Loc l, TypeExprPtr f, TypeExprPtr t)
      : TypeExpr(kKind, l), from(std::move(f)), to(std::move(t)) {}
};

struct TupleTypeExpr : TypeExpr {  // t1 * t2 * ...
  static constexpr Kind kKind = Kind::Tuple;
  std::vector<TypeExprPtr> elements;
  explicit TupleTypeExpr(Loc l) : TypeExpr(kKind, l) {}
};

// ---------------------------------------------------------------------------
// Patterns.

struct Pattern {
  enum class Kind { Wildcard, Var, Literal, Construct, Tuple, List, Cons, Record, Array, Or, Alias, Annot };
  Kind kind;
  Loc loc;
  types::Type* type = nullptr;  // set by the type checker
  explicit Pattern(Kind k, Loc l) : kind(k), loc(l) {}
  virtual ~Pattern() = default;
  template <class T> T& as() { assert(kind == T::kKind); return static_cast<T&>(*this); }
  template <class T> const T& as() const { assert(kind == T::kKind); return static_cast<const T&>(*this); }
};
using PatternPtr = std::unique_ptr<Pattern>;

struct WildcardPattern : Pattern {
  static constexpr Kind kKind = Kind::Wildcard;
  explicit WildcardPattern(Loc l) : Pattern(kKind, l) {}
};

struct VarPattern : Pattern {
  static constexpr Kind kKind = Kind::Var;
  std::string name;
  types::Symbol* symbol = nullptr;  // the variable it defines; set by the checker
  VarPattern(Loc l, std::string n) : Pattern(kKind, l), name(std::move(n)) {}
};

struct LiteralPattern : Pattern {
  static constexpr Kind kKind = Kind::Literal;
  Literal value;
  LiteralPattern(Loc l, Literal v) : Pattern(kKind, l), value(std::move(v)) {}
};

struct ConstructPattern : Pattern {  // None, Some p, Node (l, x, r)
  static constexpr Kind kKind = Kind::Construct;
  Path constructor;
  PatternPtr arg;  // null for a constant constructor
  types::Constructor* ctor = nullptr;  // set by the checker
  ConstructPattern(Loc l, Path c, PatternPtr a)
      : Pattern(kKind, l), constructor(std::move(c)), arg(std::move(a)) {}
};

struct TuplePattern : Pattern {
  static constexpr Kind kKind = Kind::Tuple;
  std::vector<PatternPtr> elements;
  explicit TuplePattern(Loc l) : Pattern(kKind, l) {}
};

struct ListPattern : Pattern {  // [], [a; b]
  static constexpr Kind kKind = Kind::List;
  std::vector<PatternPtr> elements;
  explicit ListPattern(Loc l) : Pattern(kKind, l) {}
};

struct ConsPattern : Pattern {  // h :: t
  static constexpr Kind kKind = Kind::Cons;
  PatternPtr head, tail;
  ConsPattern(Loc l, PatternPtr h, PatternPtr t) : Pattern(kKind, l), head(std::move(h)), tail(std::move(t)) {}
};

struct RecordPattern : Pattern {  // { x; y = 0.0; _ }
  static constexpr Kind kKind = Kind::Record;
  struct Field {
    Loc loc;
    Path name;
    PatternPtr pattern;  // `{ x }` puns to a VarPattern "x"
    types::Field* field = nullptr;  // set by the checker
  };
  std::vector<Field> fields;
  bool open = false;  // ends with `; _`
  explicit RecordPattern(Loc l) : Pattern(kKind, l) {}
};

struct ArrayPattern : Pattern {  // [| a; b |]
  static constexpr Kind kKind = Kind::Array;
  std::vector<PatternPtr> elements;
  explicit ArrayPattern(Loc l) : Pattern(kKind, l) {}
};

struct OrPattern : Pattern {  // p1 | p2
  static constexpr Kind kKind = Kind::Or;
  PatternPtr left, right;
  OrPattern(Loc l, PatternPtr a, PatternPtr b) : Pattern(kKind, l), left(std::move(a)), right(std::move(b)) {}
};

struct AliasPattern : Pattern {  // p as x
  static constexpr Kind kKind = Kind::Alias;
  PatternPtr pattern;
  std::string name;
  types::Symbol* symbol = nullptr;  // the variable it defines; set by the checker
  AliasPattern(Loc l, PatternPtr p, std::string n) : Pattern(kKind, l), pattern(std::move(p)), name(std::move(n)) {}
};

struct AnnotPattern : Pattern {  // (p : t)
  static constexpr Kind kKind = Kind::Annot;
  PatternPtr pattern;
  TypeExprPtr annotation;
  AnnotPattern(Loc l, PatternPtr p, TypeExprPtr t)
      : Pattern(kKind, l), pattern(std::move(p)), annotation(std::move(t)) {}
};

// ---------------------------------------------------------------------------
// Expressions.

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// `requires e` / `ensures e` on a let-bound function.
struct Contract {
  enum class Kind { Requires, Ensures };
  Kind kind;
  Loc loc;          // start of the clause's expression
  std::string text; // its source text, white space folded (spec section 9)
  ExprPtr condition;
};

// One `case` of match / function / try: `| p when g -> e`.
struct MatchCase {
  PatternPtr pattern;
  ExprPtr guard;  // may be null
  ExprPtr body;
};

// One binding of `let` / `let rec ... and ...`.
//   let f (x : int) y : int requires ... = body   -> name "f", params [x; y]
//   let (a, b) = e                                 -> pattern, no params
struct Binding {
  Loc loc;
  PatternPtr pattern;               // the bound pattern; a VarPattern for functions
  std::vector<PatternPtr> params;   // empty for a plain value binding
  TypeExprPtr return_type;          // `: t` before `=`, may be null
  std::vector<Contract> contracts;  // requires first, then ensures
  ExprPtr body;

  // The function's name when the pattern is a variable.
  const std::string* name() const {
    return pattern && pattern->kind == Pattern::Kind::Var ? &pattern->as<VarPattern>().name : nullptr;
  }
};

enum class UnaryOp { Neg, FNeg, Not, Deref };

enum class BinaryOp {
  Add, Sub, Mul, Div, Mod, Land, Lor, Lxor, Lsl, Lsr, Asr,
  FAdd, FSub, FMul, FDiv, FPow,
  Eq, Ne, Lt, Gt, Le, Ge, PhysEq, PhysNe,
  And, Or,
  Cons, Append, Concat,
  Pipe, AtAt,
  Assign,  // r := e
};

const char* binary_op_spelling(BinaryOp op);
const char* unary_op_spelling(UnaryOp op);

struct Expr {
  enum class Kind {
    Literal, Var, Construct, OpValue, Apply, Unary, Binary,
    Fun, Function, Let, If, Match, Try, Seq,
    Tuple, List, Array, Record, RecordUpdate, Field, SetField,
    Index, SetIndex, StringIndex, While, For, Assert, Annot,
  };
  Kind kind;
  Loc loc;
  types::Type* type = nullptr;  // set by the type checker
  explicit Expr(Kind k, Loc l) : kind(k), loc(l) {}
  virtual ~Expr() = default;
  template <class T> T& as() { assert(kind == T::kKind); return static_cast<T&>(*this); }
  template <class T> const T& as() const { assert(kind == T::kKind); return static_cast<const T&>(*this); }
};

struct LiteralExpr : Expr {
  static constexpr Kind kKind = Kind::Literal;
  Literal value;
  LiteralExpr(Loc l, Literal v) : Expr(kKind, l), value(std::move(v)) {}
};

struct VarExpr : Expr {  // x, List.map
  static constexpr Kind kKind = Kind::Var;
  Path name;
  types::Symbol* symbol = nullptr;  // what it names; set by the checker
  VarExpr(Loc l, Path n) : Expr(kKind, l), name(std::move(n)) {}
};

// A constructor, applied to its argument when it has one. `Some` alone (not
// applied) is also a Construct with a null arg; the type checker decides.
struct ConstructExpr : Expr {
  static constexpr Kind kKind = Kind::Construct;
  Path constructor;
  ExprPtr arg;
  types::Constructor* ctor = nullptr;  // set by the checker
  ConstructExpr(Loc l, Path c, ExprPtr a) : Expr(kKind, l), constructor(std::move(c)), arg(std::move(a)) {}
};

// An operator used as a value: `( + )`, `( *. )`, `( ^ )`, `( :: )`...
struct OpValueExpr : Expr {
  static constexpr Kind kKind = Kind::OpValue;
  bool unary = false;
  BinaryOp binary = BinaryOp::Add;
  UnaryOp unary_op = UnaryOp::Neg;
  explicit OpValueExpr(Loc l) : Expr(kKind, l) {}
};

struct ApplyExpr : Expr {  // f a b c
  static constexpr Kind kKind = Kind::Apply;
  ExprPtr function;
  std::vector<ExprPtr> args;
  ApplyExpr(Loc l, ExprPtr f) : Expr(kKind, l), function(std::move(f)) {}
};

struct UnaryExpr : Expr {
  static constexpr Kind kKind = Kind::Unary;
  UnaryOp op;
  ExprPtr operand;
  UnaryExpr(Loc l, UnaryOp o, ExprPtr e) : Expr(kKind, l), op(o), operand(std::move(e)) {}
};

struct BinaryExpr : Expr {
  static constexpr Kind kKind = Kind::Binary;
  BinaryOp op;
  Loc op_loc;
  ExprPtr left, right;
  BinaryExpr(Loc l, BinaryOp o, ExprPtr a, ExprPtr b)
      : Expr(kKind, l), op(o), left(std::move(a)), right(std::move(b)) {}
};

struct FunExpr : Expr {  // fun p1 p2 -> body
  static constexpr Kind kKind = Kind::Fun;
  std::vector<PatternPtr> params;
  ExprPtr body;
  explicit FunExpr(Loc l) : Expr(kKind, l) {}
};

struct FunctionExpr : Expr {  // function | p -> e | ...
  static constexpr Kind kKind = Kind::Function;
  std::vector<MatchCase> cases;
  explicit FunctionExpr(Loc l) : Expr(kKind, l) {}
};

struct LetExpr : Expr {  // let [rec] b1 and b2 in body
  static constexpr Kind kKind = Kind::Let;
  bool recursive = false;
  std::vector<Binding> bindings;
  ExprPtr body;
  explicit LetExpr(Loc l) : Expr(kKind, l) {}
};

struct IfExpr : Expr {
  static constexpr Kind kKind = Kind::If;
  ExprPtr condition, then_branch, else_branch;  // else may be null
  explicit IfExpr(Loc l) : Expr(kKind, l) {}
};

struct MatchExpr : Expr {
  static constexpr Kind kKind = Kind::Match;
  ExprPtr scrutinee;
  std::vector<MatchCase> cases;
  explicit MatchExpr(Loc l) : Expr(kKind, l) {}
};

struct TryExpr : Expr {
  static constexpr Kind kKind = Kind::Try;
  ExprPtr body;
  std::vector<MatchCase> handlers;
  explicit TryExpr(Loc l) : Expr(kKind, l) {}
};

struct SeqExpr : Expr {  // e1; e2
  static constexpr Kind kKind = Kind::Seq;
  ExprPtr first, second;
  SeqExpr(Loc l, ExprPtr a, ExprPtr b) : Expr(kKind, l), first(std::move(a)), second(std::move(b)) {}
};

struct TupleExpr : Expr {
  static constexpr Kind kKind = Kind::Tuple;
  std::vector<ExprPtr> elements;
  explicit TupleExpr(Loc l) : Expr(kKind, l) {}
};

struct ListExpr : Expr {  // [a; b; c]
  static constexpr Kind kKind = Kind::List;
  std::vector<ExprPtr> elements;
  explicit ListExpr(Loc l) : Expr(kKind, l) {}
};

struct ArrayExpr : Expr {  // [| a; b |]
  static constexpr Kind kKind = Kind::Array;
  std::vector<ExprPtr> elements;
  explicit ArrayExpr(Loc l) : Expr(kKind, l) {}
};

struct RecordField {
  Loc loc;
  Path name;
  ExprPtr value;  // `{ x }` puns to VarExpr x
  types::Field* field = nullptr;  // set by the checker
};

struct RecordExpr : Expr {  // { x = 1; y }
  static constexpr Kind kKind = Kind::Record;
  std::vector<RecordField> fields;
  explicit RecordExpr(Loc l) : Expr(kKind, l) {}
};

struct RecordUpdateExpr : Expr {  // { r with x = 1 }
  static constexpr Kind kKind = Kind::RecordUpdate;
  ExprPtr record;
  std::vector<RecordField> fields;
  explicit RecordUpdateExpr(Loc l) : Expr(kKind, l) {}
};

struct FieldExpr : Expr {  // r.x
  static constexpr Kind kKind = Kind::Field;
  ExprPtr record;
  Path field;
  types::Field* info = nullptr;  // set by the checker
  FieldExpr(Loc l, ExprPtr r, Path f) : Expr(kKind, l), record(std::move(r)), field(std::move(f)) {}
};

struct SetFieldExpr : Expr {  // r.x <- v
  static constexpr Kind kKind = Kind::SetField;
  ExprPtr record;
  Path field;
  types::Field* info = nullptr;  // set by the checker
  ExprPtr value;
  explicit SetFieldExpr(Loc l) : Expr(kKind, l) {}
};

struct IndexExpr : Expr {  // a.(i)
  static constexpr Kind kKind = Kind::Index;
  ExprPtr array, index;
  IndexExpr(Loc l, ExprPtr a, ExprPtr i) : Expr(kKind, l), array(std::move(a)), index(std::move(i)) {}
};

struct SetIndexExpr : Expr {  // a.(i) <- v
  static constexpr Kind kKind = Kind::SetIndex;
  ExprPtr array, index, value;
  explicit SetIndexExpr(Loc l) : Expr(kKind, l) {}
};

struct StringIndexExpr : Expr {  // s.[i]
  static constexpr Kind kKind = Kind::StringIndex;
  ExprPtr string, index;
  StringIndexExpr(Loc l, ExprPtr s, ExprPtr i) : Expr(kKind, l), string(std::move(s)), index(std::move(i)) {}
};

struct WhileExpr : Expr {
  static constexpr Kind kKind = Kind::While;
  ExprPtr condition, body;
  explicit WhileExpr(Loc l) : Expr(kKind, l) {}
};

struct ForExpr : Expr {  // for i = a to|downto b do body done
  static constexpr Kind kKind = Kind::For;
  std::string var;
  Loc var_loc;
  types::Symbol* symbol = nullptr;  // the loop variable; set by the checker
  ExprPtr from, to, body;
  bool down = false;
  explicit ForExpr(Loc l) : Expr(kKind, l) {}
};

struct AssertExpr : Expr {  // assert e (loc is the `assert` keyword)
  static constexpr Kind kKind = Kind::Assert;
  ExprPtr condition;
  AssertExpr(Loc l, ExprPtr c) : Expr(kKind, l), condition(std::move(c)) {}
};

struct AnnotExpr : Expr {  // (e : t)
  static constexpr Kind kKind = Kind::Annot;
  ExprPtr expr;
  TypeExprPtr annotation;
  AnnotExpr(Loc l, ExprPtr e, TypeExprPtr t) : Expr(kKind, l), expr(std::move(e)), annotation(std::move(t)) {}
};

// ---------------------------------------------------------------------------
// Top-level items and type declarations.

struct ConstructorDecl {
  Loc loc;
  std::string name;
  std::vector<TypeExprPtr> args;  // `of t1 * t2` gives two; empty when constant
};

struct FieldDecl {
  Loc loc;
  std::string name;
  bool is_mutable = false;
  TypeExprPtr type;
};

struct TypeDecl {
  enum class Kind { Variant, Record, Alias, Abstract };
  Kind kind = Kind::Abstract;
  Loc loc;
  std::string name;
  std::vector<std::string> params;  // 'a 'b, without quotes
  std::vector<ConstructorDecl> constructors;
  std::vector<FieldDecl> fields;
  TypeExprPtr alias;
};

struct Item {
  enum class Kind { Let, Type, Exception, Open, Expr };
  Kind kind;
  Loc loc;
  explicit Item(Kind k, Loc l) : kind(k), loc(l) {}
  virtual ~Item() = default;
  template <class T> T& as() { assert(kind == T::kKind); return static_cast<T&>(*this); }
  template <class T> const T& as() const { assert(kind == T::kKind); return static_cast<const T&>(*this); }
};
using ItemPtr = std::unique_ptr<Item>;

struct LetItem : Item {  // let [rec] b1 and b2
  static constexpr Kind kKind = Kind::Let;
  bool recursive = false;
  std::vector<Binding> bindings;
  explicit LetItem(Loc l) : Item(kKind, l) {}
};

struct TypeItem : Item {  // type t1 = ... and t2 = ...
  static constexpr Kind kKind = Kind::Type;
  std::vector<TypeDecl> decls;
  explicit TypeItem(Loc l) : Item(kKind, l) {}
};

struct ExceptionItem : Item {  // exception E of t1 * t2
  static constexpr Kind kKind = Kind::Exception;
  ConstructorDecl constructor;
  explicit ExceptionItem(Loc l) : Item(kKind, l) {}
};

struct OpenItem : Item {  // open M
  static constexpr Kind kKind = Kind::Open;
  std::string module;
  OpenItem(Loc l, std::string m) : Item(kKind, l), module(std::move(m)) {}
};

// A bare top-level expression (`;;`-separated, as in OCaml scripts and the
// REPL); evaluated like `let () = e` but of any type.
struct ExprItem : Item {
  static constexpr Kind kKind = Kind::Expr;
  ExprPtr expr;
  ExprItem(Loc l, ExprPtr e) : Item(kKind, l), expr(std::move(e)) {}
};

// One source file.
struct Module {
  std::string name;  // "Net_util" for net_util.fl; the main file's too
  FileId file = 0;
  std::vector<ItemPtr> items;
};

}  // namespace fl::ast
