// Parser tests: the grammar of LANGUAGE.md (sections 1, 4, 9) through the
// AST printer, which parenthesizes everything, so each test shows how the
// source was grouped.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "ast/printer.h"
#include "parse/parser.h"

namespace fl {
namespace {

struct Parsed {
  std::unique_ptr<ast::Module> module;
  std::string errors;  // everything reported, in the FILE:LINE:COL form
};

Parsed parse(const std::string& text, const std::string& path = "test.fl") {
  SourceManager sources;
  std::ostringstream out;
  Diagnostics diags(sources, out);
  FileId id = sources.add(path, text);
  Parsed p;
  p.module = parse::parse_module(sources, id, diags);
  p.errors = out.str();
  return p;
}

// The dump of the first item, or the diagnostics when parsing failed.
std::string item(const std::string& text) {
  Parsed p = parse(text);
  if (!p.module) return "ERROR " + p.errors;
  if (p.module->items.empty()) return "(no items)";
  return ast::to_string(*p.module->items[0]);
}

// The dump of a file that is one expression.
std::string expr(const std::string& text) {
  Parsed p = parse(text);
  if (!p.module) return "ERROR " + p.errors;
  if (p.module->items.size() != 1 || p.module->items[0]->kind != ast::Item::Kind::Expr)
    return "(not one expression)";
  return ast::to_string(*p.module->items[0]->as<ast::ExprItem>().expr);
}

// The pattern of `match x with PATTERN -> ()`.
std::string pattern(const std::string& text) {
  Parsed p = parse("match x with " + text + " -> ()");
  if (!p.module) return "ERROR " + p.errors;
  const auto& m = p.module->items[0]->as<ast::ExprItem>().expr->as<ast::MatchExpr>();
  return ast::to_string(*m.cases[0].pattern);
}

// The type of `let x : TYPE = ()`.
std::string type(const std::string& text) {
  Parsed p = parse("let x : " + text + " = ()");
  if (!p.module) return "ERROR " + p.errors;
  return ast::to_string(*p.module->items[0]->as<ast::LetItem>().bindings[0].return_type);
}

std::string error(const std::string& text, const std::string& path = "test.fl") {
  Parsed p = parse(text, path);
  EXPECT_EQ(p.module, nullptr) << "expected an error for: " << text;
  return p.errors;
}

// ---------------------------------------------------------------------------
// Precedence and associativity, level by level (LANGUAGE.md section 4).

TEST(Precedence, Level1Postfix) {
  EXPECT_EQ(expr("r.x"), "(field r x)");
  EXPECT_EQ(expr("r.x.y"), "(field (field r x) y)");
  EXPECT_EQ(expr("r.M.x"), "(field r M.x)");
  EXPECT_EQ(expr("a.(i).(j)"), "(index (index a i) j)");
  EXPECT_EQ(expr("s.[i + 1]"), "(stringindex s (+ i 1))");
  EXPECT_EQ(expr("!r"), "(! r)");
  EXPECT_EQ(expr("!r.x"), "(field (! r) x)");  // as in OCaml: ! binds tighter than .
  EXPECT_EQ(expr("! !r"), "(! (! r))");
  EXPECT_EQ(expr("f r.x a.(0)"), "(apply f (field r x) (index a 0))");
  EXPECT_EQ(expr("f !r"), "(apply f (! r))");
}

TEST(Precedence, Level2Application) {
  EXPECT_EQ(expr("f x y"), "(apply f x y)");
  EXPECT_EQ(expr("f (g x) y"), "(apply f (apply g x) y)");
  EXPECT_EQ(expr("f x - 1"), "(- (apply f x) 1)");
  EXPECT_EQ(expr("f x -1"), "(- (apply f x) 1)");
  EXPECT_EQ(expr("f (-1)"), "(apply f -1)");
  EXPECT_EQ(expr("Some x"), "(Some x)");
  EXPECT_EQ(expr("Some (1, 2)"), "(Some (tuple 1 2))");
  EXPECT_EQ(expr("f None (Some 1)"), "(apply f None (Some 1))");
  EXPECT_EQ(expr("M.Leaf"), "M.Leaf");
  EXPECT_EQ(expr("List.map f l"), "(apply List.map f l)");
  EXPECT_EQ(expr("Some f x"), "(apply (Some f) x)");
  EXPECT_EQ(expr("f x :: l"), "(:: (apply f x) l)");
  EXPECT_EQ(expr("assert (x > 0)"), "(assert (> x 0))");
  EXPECT_EQ(expr("assert b && c"), "(&& (assert b) c)");
  EXPECT_EQ(expr("ref 0"), "(apply ref 0)");
  EXPECT_EQ(expr("raise (Failure \"x\")"), "(apply raise (Failure \"x\"))");
}

TEST(Precedence, Level3Unary) {
  EXPECT_EQ(expr("- f x"), "(- (apply f x))");
  EXPECT_EQ(expr("-a * b"), "(* (- a) b)");
  EXPECT_EQ(expr("a * -b"), "(* a (- b))");
  EXPECT_EQ(expr("-. x *. y"), "(*. (-. x) y)");
  EXPECT_EQ(expr("not a && b"), "(&& (not a) b)");
  EXPECT_EQ(expr("not f x"), "(not (apply f x))");
  EXPECT_EQ(expr("- - x"), "(- (- x))");
  EXPECT_EQ(expr("-1"), "-1");
  EXPECT_EQ(expr("- 1"), "-1");
  EXPECT_EQ(expr("-(1)"), "(- 1)");
  EXPECT_EQ(expr("-2.5"), "-2.5");
  EXPECT_EQ(expr("-.2.5"), "-2.5");
  EXPECT_EQ(expr("-.x"), "(-. x)");
  EXPECT_EQ(expr("1 - -1"), "(- 1 -1)");
  EXPECT_EQ(expr("List.filter not l"), "(apply List.filter (op not) l)");
}

TEST(Precedence, Level4Power) {
  EXPECT_EQ(expr("a ** b ** c"), "(** a (** b c))");
  EXPECT_EQ(expr("-a ** b"), "(** (- a) b)");
  EXPECT_EQ(expr("a *. b ** c"), "(*. a (** b c))");
  EXPECT_EQ(expr("f x ** 2."), "(** (apply f x) 2.)");
}

TEST(Precedence, Level5Multiplicative) {
  EXPECT_EQ(expr("a * b / c mod d"), "(mod (/ (* a b) c) d)");
  EXPECT_EQ(expr("a land b lor c lxor d"), "(lxor (lor (land a b) c) d)");
  EXPECT_EQ(expr("a lsl b lsr c asr d"), "(asr (lsr (lsl a b) c) d)");
  EXPECT_EQ(expr("a *. b /. c"), "(/. (*. a b) c)");
}

TEST(Precedence, Level6Additive) {
  EXPECT_EQ(expr("a + b * c"), "(+ a (* b c))");
  EXPECT_EQ(expr("a * b + c"), "(+ (* a b) c)");
  EXPECT_EQ(expr("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(expr("a +. b -. c"), "(-. (+. a b) c)");
  EXPECT_EQ(expr("a-1"), "(- a 1)");
}

TEST(Precedence, Level7Cons) {
  EXPECT_EQ(expr("1 :: 2 :: l"), "(:: 1 (:: 2 l))");
  EXPECT_EQ(expr("a + b :: l"), "(:: (+ a b) l)");
}

TEST(Precedence, Level8AppendConcat) {
  EXPECT_EQ(expr("a @ b @ c"), "(@ a (@ b c))");
  EXPECT_EQ(expr("a ^ b ^ c"), "(^ a (^ b c))");
  EXPECT_EQ(expr("x :: l @ m"), "(@ (:: x l) m)");
  EXPECT_EQ(expr("f @@ g @@ x"), "(@@ f (@@ g x))");
  EXPECT_EQ(expr("\"a\" ^ string_of_int n"), "(^ \"a\" (apply string_of_int n))");
}

TEST(Precedence, Level9Comparison) {
  EXPECT_EQ(expr("a = b < c"), "(< (= a b) c)");
  EXPECT_EQ(expr("a <> b"), "(<> a b)");
  EXPECT_EQ(expr("a <= b >= c"), "(>= (<= a b) c)");
  EXPECT_EQ(expr("a == b != c"), "(!= (== a b) c)");
  EXPECT_EQ(expr("x |> f |> g"), "(|> (|> x f) g)");
  EXPECT_EQ(expr("a ^ b = c @ d"), "(= (^ a b) (@ c d))");
  EXPECT_EQ(expr("a + 1 > b"), "(> (+ a 1) b)");
}

TEST(Precedence, Level10And11) {
  EXPECT_EQ(expr("a && b && c"), "(&& a (&& b c))");
  EXPECT_EQ(expr("a || b || c"), "(|| a (|| b c))");
  EXPECT_EQ(expr("a || b && c"), "(|| a (&& b c))");
  EXPECT_EQ(expr("a && b || c"), "(|| (&& a b) c)");
  EXPECT_EQ(expr("a = 1 && b"), "(&& (= a 1) b)");
}

TEST(Precedence, Level12Tuple) {
  EXPECT_EQ(expr("a, b, c"), "(tuple a b c)");
  EXPECT_EQ(expr("(a, b), c"), "(tuple (tuple a b) c)");
  EXPECT_EQ(expr("a, (b, c)"), "(tuple a (tuple b c))");
  EXPECT_EQ(expr("a, b || c"), "(tuple a (|| b c))");
  EXPECT_EQ(expr("f (a, b)"), "(apply f (tuple a b))");
}

TEST(Precedence, Level13Assignment) {
  EXPECT_EQ(expr("r := !r + 1"), "(:= r (+ (! r) 1))");
  EXPECT_EQ(expr("r := a, b"), "(:= r (tuple a b))");
  EXPECT_EQ(expr("x := y := z"), "(:= x (:= y z))");
  EXPECT_EQ(expr("a.(i) <- v + 1"), "(setindex a i (+ v 1))");
  EXPECT_EQ(expr("m.(r).(c) <- 0"), "(setindex (index m r) c 0)");
  EXPECT_EQ(expr("r.f <- 3"), "(setfield r f 3)");
  EXPECT_EQ(expr("r.M.f <- 3"), "(setfield r M.f 3)");
}

TEST(Precedence, Level14If) {
  EXPECT_EQ(expr("if c then a else b"), "(if c a b)");
  EXPECT_EQ(expr("if c then a"), "(if c a)");
  EXPECT_EQ(expr("if c then a; b"), "(seq (if c a) b)");
  EXPECT_EQ(expr("if c then a else b; d"), "(seq (if c a b) d)");
  EXPECT_EQ(expr("if a then if b then c else d"), "(if a (if b c d))");
  EXPECT_EQ(expr("if a then (if b then c) else d"), "(if a (if b c) d)");
  EXPECT_EQ(expr("if c then x := 1 else y := 2"), "(if c (:= x 1) (:= y 2))");
  EXPECT_EQ(expr("if c then a, b else d"), "(if c (tuple a b) d)");
  EXPECT_EQ(expr("if c then a else if d then e else f"), "(if c a (if d e f))");
  EXPECT_EQ(expr("if a; b then c"), "(if (seq a b) c)");
  EXPECT_EQ(expr("1 + if c then 2 else 3"), "(+ 1 (if c 2 3))");
}

TEST(Precedence, Level15Sequence) {
  EXPECT_EQ(expr("a; b; c"), "(seq a (seq b c))");
  EXPECT_EQ(expr("(a; b;)"), "(seq a b)");
  EXPECT_EQ(expr("begin a; b; end"), "(seq a b)");
  EXPECT_EQ(expr("f x; g y"), "(seq (apply f x) (apply g y))");
  EXPECT_EQ(expr("r := 1; r := 2"), "(seq (:= r 1) (:= r 2))");
  EXPECT_EQ(expr("while c do a; b; done"), "(while c (seq a b))");
  EXPECT_EQ(expr("let x = 1 in a; in x"), "ERROR test.fl:1:17: error: syntax error: unexpected 'in'\n"
                                           "  let x = 1 in a; in x\n"
                                           "                  ^\n");
  EXPECT_EQ(expr("let x = a; in x"), "(let (bind x a) x)");
}

TEST(Precedence, Level16OpenEnded) {
  EXPECT_EQ(expr("1 + match x with A -> 1 | B -> 2"), "(+ 1 (match x (case A 1) (case B 2)))");
  EXPECT_EQ(expr("if c then x else match y with A -> 1 | B -> 2"),
            "(if c x (match y (case A 1) (case B 2)))");
  EXPECT_EQ(expr("let x = 1 in x + 1"), "(let (bind x 1) (+ x 1))");
  EXPECT_EQ(expr("1 + let x = 2 in x + 3"), "(+ 1 (let (bind x 2) (+ x 3)))");
  EXPECT_EQ(expr("a; let x = 1 in b; c"), "(seq a (let (bind x 1) (seq b c)))");
  EXPECT_EQ(expr("f (fun x -> x) y"), "(apply f (fun (x) x) y)");
  EXPECT_EQ(expr("fun x -> a; b"), "(fun (x) (seq a b))");
  EXPECT_EQ(expr("x := fun y -> y"), "(:= x (fun (y) y))");
  EXPECT_EQ(expr("a, fun x -> x, y"), "(tuple a (fun (x) (tuple x y)))");
  EXPECT_EQ(expr("x :: try f () with E -> []"), "(:: x (try (apply f ()) (case E (list))))");
  EXPECT_EQ(expr("g @@ function A -> 1 | B -> 2"), "(@@ g (function (case A 1) (case B 2)))");
  EXPECT_EQ(expr("if c then let x = 1 in a; b"), "(if c (let (bind x 1) (seq a b)))");
  EXPECT_EQ(expr("[let x = 1 in x; 2]"), "(list (let (bind x 1) (seq x 2)))");
}

TEST(Precedence, NestedMatchTakesFollowingCases) {
  EXPECT_EQ(expr("match a with A -> match b with C -> 1 | D -> 2 | E -> 3"),
            "(match a (case A (match b (case C 1) (case D 2) (case E 3))))");
  EXPECT_EQ(expr("match a with A -> (match b with C -> 1) | E -> 3"),
            "(match a (case A (match b (case C 1))) (case E 3))");
  EXPECT_EQ(expr("match x with | A -> a; b | B -> c"), "(match x (case A (seq a b)) (case B c))");
  EXPECT_EQ(expr("match x with A | B -> 1"), "(match x (case (| A B) 1))");
  EXPECT_EQ(expr("match x with n when n > 0 -> 1 | _ -> 0"), "(match x (case n (when (> n 0)) 1) (case _ 0))");
  EXPECT_EQ(expr("match x with a, b -> a"), "(match x (case (tuple a b) a))");
  EXPECT_EQ(expr("try f x with Not_found -> 0 | Failure m -> 1"),
            "(try (apply f x) (case Not_found 0) (case (Failure m) 1))");
}

// ---------------------------------------------------------------------------
// Expression forms.

TEST(Expressions, Literals) {
  EXPECT_EQ(expr("42"), "42");
  EXPECT_EQ(expr("0x2A"), "42");
  EXPECT_EQ(expr("0b1010"), "10");
  EXPECT_EQ(expr("0o17"), "15");
  EXPECT_EQ(expr("1_000_000"), "1000000");
  EXPECT_EQ(expr("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(expr("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(expr("0xFFFFFFFFFFFFFFFF"), "-1");
  EXPECT_EQ(expr("3.14"), "3.14");
  EXPECT_EQ(expr("1e-3"), "0.001");
  EXPECT_EQ(expr("2."), "2.");
  EXPECT_EQ(expr("1_0.5e1"), "105.");
  EXPECT_EQ(expr("'a'"), "'a'");
  EXPECT_EQ(expr("'\\n'"), "'\\n'");
  EXPECT_EQ(expr("'\\x41'"), "'A'");
  EXPECT_EQ(expr("'\\''"), "'\\''");
  EXPECT_EQ(expr("'\"'"), "'\"'");
  EXPECT_EQ(expr("\"tab\\t quote\\\" nl\\n\""), "\"tab\\t quote\\\" nl\\n\"");
  EXPECT_EQ(expr("\"\\\\ \\' \\r \\0 \\x7e\""), "\"\\\\ ' \\r \\x00 ~\"");
  EXPECT_EQ(expr("\"a\\\n    b\""), "\"ab\"");
  EXPECT_EQ(expr("\"caf\xc3\xa9\""), "\"caf\xc3\xa9\"");
  EXPECT_EQ(expr("true"), "true");
  EXPECT_EQ(expr("false"), "false");
  EXPECT_EQ(expr("()"), "()");
  EXPECT_EQ(expr("begin end"), "()");
}

TEST(Expressions, StringValueIsUnescaped) {
  Parsed p = parse("\"a\\x00b\\n\"");
  ASSERT_TRUE(p.module);
  const auto& lit = p.module->items[0]->as<ast::ExprItem>().expr->as<ast::LiteralExpr>().value;
  EXPECT_EQ(lit.kind, ast::Literal::Kind::String);
  EXPECT_EQ(lit.string_value, std::string("a\0b\n", 4));
}

TEST(Expressions, OperatorsAsValues) {
  EXPECT_EQ(expr("( + )"), "(op +)");
  EXPECT_EQ(expr("( *. )"), "(op *.)");
  EXPECT_EQ(expr("( * )"), "(op *)");
  EXPECT_EQ(expr("( :: )"), "(op ::)");
  EXPECT_EQ(expr("( ^ )"), "(op ^)");
  EXPECT_EQ(expr("( mod )"), "(op mod)");
  EXPECT_EQ(expr("( - )"), "(op -)");
  EXPECT_EQ(expr("( ! )"), "(op !)");
  EXPECT_EQ(expr("( not )"), "(op not)");
  EXPECT_EQ(expr("(<>)"), "(op <>)");
  EXPECT_EQ(expr("Array.fold_left ( + ) 0 a"), "(apply Array.fold_left (op +) 0 a)");
}

TEST(Expressions, Collections) {
  EXPECT_EQ(expr("[]"), "(list)");
  EXPECT_EQ(expr("[1; 2; 3]"), "(list 1 2 3)");
  EXPECT_EQ(expr("[1; 2;]"), "(list 1 2)");
  EXPECT_EQ(expr("[1, 2; 3]"), "(list (tuple 1 2) 3)");
  EXPECT_EQ(expr("[| 1; 2 |]"), "(array 1 2)");
  EXPECT_EQ(expr("[||]"), "(array)");
  EXPECT_EQ(expr("[| |]"), "(array)");
  EXPECT_EQ(expr("(1, \"a\")"), "(tuple 1 \"a\")");
}

TEST(Expressions, Records) {
  EXPECT_EQ(expr("{ x = 1.0; y = 2.0; tag = 0 }"), "(record (x 1.) (y 2.) (tag 0))");
  EXPECT_EQ(expr("{ x; y }"), "(record (x x) (y y))");
  EXPECT_EQ(expr("{ x = 1; }"), "(record (x 1))");
  EXPECT_EQ(expr("{ M.x = 1 }"), "(record (M.x 1))");
  EXPECT_EQ(expr("{ r with x = 5.0 }"), "(with r (x 5.))");
  EXPECT_EQ(expr("{ r.inner with x = 5.0; y }"), "(with (field r inner) (x 5.) (y y))");
  EXPECT_EQ(expr("{ x = a = b }"), "(record (x (= a b)))");
}

TEST(Expressions, Loops) {
  EXPECT_EQ(expr("while !i > 0 do decr i done"), "(while (> (! i) 0) (apply decr i))");
  EXPECT_EQ(expr("for i = 1 to n - 1 do f i done"), "(for i 1 to (- n 1) (apply f i))");
  EXPECT_EQ(expr("for i = b downto a do () done"), "(for i b downto a ())");
  EXPECT_EQ(expr("for _ = 1 to 3 do () done"), "(for _ 1 to 3 ())");
}

TEST(Expressions, FunctionsAndLets) {
  EXPECT_EQ(expr("fun x y -> x"), "(fun (x y) x)");
  EXPECT_EQ(expr("fun (x : int) (y, z) -> x"), "(fun ((annot x int) (tuple y z)) x)");
  EXPECT_EQ(expr("fun () -> ()"), "(fun (()) ())");
  EXPECT_EQ(expr("fun _ -> 0"), "(fun (_) 0)");
  EXPECT_EQ(expr("function | [] -> 0 | _ :: t -> 1"), "(function (case (list) 0) (case (:: _ t) 1))");
  EXPECT_EQ(expr("let rec f x = g x and g y = f y in f 0"),
            "(let rec (bind f (params x) (apply g x)) (bind g (params y) (apply f y)) (apply f 0))");
  EXPECT_EQ(expr("let (a, b) = p in a"), "(let (bind (tuple a b) p) a)");
  EXPECT_EQ(expr("let a, b = p in a"), "(let (bind (tuple a b) p) a)");
  EXPECT_EQ(expr("let x : int = 1 in x"), "(let (bind x (returns int) 1) x)");
  EXPECT_EQ(expr("let f (x : int) : int = x in f"), "(let (bind f (params (annot x int)) (returns int) x) f)");
  EXPECT_EQ(expr("let { x; y = b } = r in x"), "(let (bind (record (x x) (y b)) r) x)");
  EXPECT_EQ(expr("(x : int)"), "(annot x int)");
  EXPECT_EQ(expr("(a, b : int * int)"), "(annot (tuple a b) (* int int))");
}

// ---------------------------------------------------------------------------
// Patterns.

TEST(Patterns, Forms) {
  EXPECT_EQ(pattern("_"), "_");
  EXPECT_EQ(pattern("x"), "x");
  EXPECT_EQ(pattern("42"), "42");
  EXPECT_EQ(pattern("-1"), "-1");
  EXPECT_EQ(pattern("-2.5"), "-2.5");
  EXPECT_EQ(pattern("'a'"), "'a'");
  EXPECT_EQ(pattern("\"s\""), "\"s\"");
  EXPECT_EQ(pattern("true"), "true");
  EXPECT_EQ(pattern("()"), "()");
  EXPECT_EQ(pattern("None"), "None");
  EXPECT_EQ(pattern("Some (x, _)"), "(Some (tuple x _))");
  EXPECT_EQ(pattern("Some -1"), "(Some -1)");
  EXPECT_EQ(pattern("M.C x"), "(M.C x)");
  EXPECT_EQ(pattern("a, b, c"), "(tuple a b c)");
  EXPECT_EQ(pattern("(a, b), c"), "(tuple (tuple a b) c)");
  EXPECT_EQ(pattern("[]"), "(list)");
  EXPECT_EQ(pattern("[a; b]"), "(list a b)");
  EXPECT_EQ(pattern("h :: t"), "(:: h t)");
  EXPECT_EQ(pattern("x :: y :: rest"), "(:: x (:: y rest))");
  EXPECT_EQ(pattern("Some x :: rest"), "(:: (Some x) rest)");
  EXPECT_EQ(pattern("{ x; y = 0.0 }"), "(record (x x) (y 0.))");
  EXPECT_EQ(pattern("{ x; _ }"), "(record (x x) _)");
  EXPECT_EQ(pattern("[| a; b |]"), "(array a b)");
  EXPECT_EQ(pattern("A | B"), "(| A B)");
  EXPECT_EQ(pattern("A | B | C"), "(| (| A B) C)");
  EXPECT_EQ(pattern("(Some x as y)"), "(as (Some x) y)");
  EXPECT_EQ(pattern("A | B as c"), "(as (| A B) c)");
  EXPECT_EQ(pattern("a, b | c, d"), "(| (tuple a b) (tuple c d))");
  EXPECT_EQ(pattern("(x : int)"), "(annot x int)");
  EXPECT_EQ(pattern("Node (l, x, r)"), "(Node (tuple l x r))");
}

// ---------------------------------------------------------------------------
// Types and declarations.

TEST(Types, Forms) {
  EXPECT_EQ(type("int"), "int");
  EXPECT_EQ(type("'a"), "'a");
  EXPECT_EQ(type("int list"), "(list int)");
  EXPECT_EQ(type("int list list"), "(list (list int))");
  EXPECT_EQ(type("(int, string) result"), "(result int string)");
  EXPECT_EQ(type("('k, 'v) Map.t list"), "(list (Map.t 'k 'v))");
  EXPECT_EQ(type("'a -> 'b -> 'a"), "(-> 'a (-> 'b 'a))");
  EXPECT_EQ(type("('a -> 'b) -> 'a"), "(-> (-> 'a 'b) 'a)");
  EXPECT_EQ(type("int * string"), "(* int string)");
  EXPECT_EQ(type("int * string -> bool"), "(-> (* int string) bool)");
  EXPECT_EQ(type("int * (string * bool)"), "(* int (* string bool))");
  EXPECT_EQ(type("MVar.t"), "MVar.t");
  EXPECT_EQ(type("'a MVar.t"), "(MVar.t 'a)");
  EXPECT_EQ(type("(int -> int) array"), "(array (-> int int))");
}

TEST(Declarations, Types) {
  EXPECT_EQ(item("type shape = Circle of float | Rect of float * float | Empty"),
            "(type (decl shape (variant (Circle float) (Rect float float) Empty)))");
  EXPECT_EQ(item("type t = | A | B of (int * int)"), "(type (decl t (variant A (B (* int int)))))");
  EXPECT_EQ(item("type t = F of (int -> int)"), "(type (decl t (variant (F (-> int int)))))");
  EXPECT_EQ(item("type 'a tree = Leaf | Node of 'a tree * 'a * 'a tree"),
            "(type (decl 'a tree (variant Leaf (Node (tree 'a) 'a (tree 'a)))))");
  EXPECT_EQ(item("type point = { x : float; y : float; mutable tag : int }"),
            "(type (decl point (record (x float) (y float) (mutable tag int))))");
  EXPECT_EQ(item("type p = { x : int; }"), "(type (decl p (record (x int))))");
  EXPECT_EQ(item("type name = string"), "(type (decl name (alias string)))");
  EXPECT_EQ(item("type ('a, 'b) pair = 'a * 'b"), "(type (decl 'a 'b pair (alias (* 'a 'b))))");
  EXPECT_EQ(item("type t = M.t"), "(type (decl t (alias M.t)))");
  EXPECT_EQ(item("type t"), "(type (decl t (abstract)))");
  EXPECT_EQ(item("type expr = Num of int | Add of expr * expr\nand stmt = Print of expr | Seq of stmt list"),
            "(type (decl expr (variant (Num int) (Add expr expr))) "
            "(decl stmt (variant (Print expr) (Seq (list stmt)))))");
}

TEST(Declarations, Items) {
  EXPECT_EQ(item("exception Parse_error of string * int"), "(exception (Parse_error string int))");
  EXPECT_EQ(item("exception Exit"), "(exception Exit)");
  EXPECT_EQ(item("open List"), "(open List)");
  EXPECT_EQ(item("let () = main ()"), "(let (bind () (apply main ())))");
  EXPECT_EQ(item("let _ = 1"), "(let (bind _ 1))");
  EXPECT_EQ(item("let rec f x = f x and g = 1"), "(let rec (bind f (params x) (apply f x)) (bind g 1))");
  EXPECT_EQ(item("let a, b = 1, 2"), "(let (bind (tuple a b) (tuple 1 2)))");
  EXPECT_EQ(item("let x : int list = []"), "(let (bind x (returns (list int)) (list)))");
}

TEST(Declarations, TopLevelStructure) {
  Parsed p = parse("print_endline \"a\"\nlet x = 1\n;; f x ;; let y = 2;;\ntype t = A\n;;\n");
  ASSERT_TRUE(p.module) << p.errors;
  std::ostringstream out;
  ast::print_module(*p.module, out);
  EXPECT_EQ(out.str(),
            "(module Test\n"
            "  (expr (apply print_endline \"a\"))\n"
            "  (let (bind x 1))\n"
            "  (expr (apply f x))\n"
            "  (let (bind y 2))\n"
            "  (type (decl t (variant A))))\n");
  EXPECT_EQ(item("let x = 1 in x"), "(expr (let (bind x 1) x))");
  EXPECT_EQ(item(";; let x = 1 in x"), "(expr (let (bind x 1) x))");
  EXPECT_EQ(item(""), "(no items)");
  EXPECT_EQ(item("(* only a comment *)"), "(no items)");
  // A bare expression in the middle needs `;;`, as in OCaml.
  EXPECT_NE(error("let x = 1\nlet y = 2 in y\n"), "");
}

TEST(Declarations, ModuleName) {
  EXPECT_EQ(parse::module_name_for_path("net_util.fl"), "Net_util");
  EXPECT_EQ(parse::module_name_for_path("src/dir.x/main.fl"), "Main");
  Parsed p = parse("let x = 1", "lib/net_util.fl");
  ASSERT_TRUE(p.module);
  EXPECT_EQ(p.module->name, "Net_util");
}

// ---------------------------------------------------------------------------
// Contracts.

TEST(Contracts, TextLocationAndOrder) {
  Parsed p = parse(
      "let rec fact (n : int) : int\n"
      "  requires n   >=\n   0\n"
      "  ensures result >= 1\n"
      "= if n = 0 then 1 else n * fact (n - 1)\n");
  ASSERT_TRUE(p.module) << p.errors;
  const auto& b = p.module->items[0]->as<ast::LetItem>().bindings[0];
  ASSERT_EQ(b.contracts.size(), 2u);
  EXPECT_EQ(b.contracts[0].kind, ast::Contract::Kind::Requires);
  EXPECT_EQ(b.contracts[0].text, "n >= 0");
  EXPECT_EQ(b.contracts[0].loc.line, 2u);
  EXPECT_EQ(b.contracts[0].loc.col, 12u);
  EXPECT_EQ(b.contracts[1].kind, ast::Contract::Kind::Ensures);
  EXPECT_EQ(b.contracts[1].text, "result >= 1");
  EXPECT_EQ(b.contracts[1].loc.line, 4u);
  EXPECT_EQ(b.contracts[1].loc.col, 11u);
  EXPECT_EQ(ast::to_string(*b.body), "(if (= n 0) 1 (* n (apply fact (- n 1))))");
}

TEST(Contracts, EqualityInsideAClause) {
  // The last `=` before the body is the binding's; earlier ones compare.
  EXPECT_EQ(item("let f x requires x = 0 = x + 1"),
            "(let (bind f (params x) (requires \"x = 0\" (= x 0)) (+ x 1)))");
  EXPECT_EQ(item("let f x requires x >= 0 && x < 10 ensures result = x = x"),
            "(let (bind f (params x) (requires \"x >= 0 && x < 10\" (&& (>= x 0) (< x 10))) "
            "(ensures \"result = x\" (= result x)) x))");
}

TEST(Contracts, ClauseEndsAtTheLastEqualsThatLeavesABinding) {
  // As full LL prediction had it before parse/contract_ends.cpp took over:
  // a clause takes every `=` it can, as long as the binding still parses.
  EXPECT_EQ(item("let f x requires x > 0 = let y = x + 1 in y = 2"),
            "(let (bind f (params x) (requires \"x > 0 = let y = x + 1 in y\" "
            "(= (> x 0) (let (bind y (+ x 1)) y))) 2))");
  EXPECT_EQ(item("let v = let f x requires x = 1 = x in f 1"),
            "(let (bind v (let (bind f (params x) (requires \"x = 1\" (= x 1)) x) (apply f 1))))");
  EXPECT_EQ(item("let rec f x requires x = 0 = x and g y = y"),
            "(let rec (bind f (params x) (requires \"x = 0\" (= x 0)) x) (bind g (params y) y))");
  EXPECT_EQ(item("let f x requires let g y requires y = 0 = y in g x = 1 = x"),
            "(let (bind f (params x) (requires \"let g y requires y = 0 = y in g x = 1\" "
            "(let (bind g (params y) (requires \"y = 0\" (= y 0)) y) (= (apply g x) 1))) x))");
  EXPECT_EQ(item("let f x requires match x with 0 -> true | _ -> x = 1 = x"),
            "(let (bind f (params x) (requires \"match x with 0 -> true | _ -> x = 1\" "
            "(match x (case 0 true) (case _ (= x 1)))) x))");
  EXPECT_EQ(item("let f x requires if x then x else x = x = x"),
            "(let (bind f (params x) (requires \"if x then x else x = x\" (if x x (= x x))) x))");
  EXPECT_NE(error("let f x requires x > 0\nlet g = 1").find("unexpected 'let', expecting '='"), std::string::npos);
  EXPECT_NE(error("let f x\nlet g = 1").find("unexpected 'let', expecting '='"), std::string::npos);
}

TEST(Contracts, LongClausesAndBodiesParse) {
  // Each took hours when prediction looked for the end of the clause
  // (tests/fuzz/crashes/parse_contract_*.fl).
  std::string chain = "x";
  for (int i = 0; i < 2000; ++i) chain += " = x";
  Parsed p = parse("let f x requires " + chain + " = 0");
  ASSERT_TRUE(p.module) << p.errors;
  EXPECT_EQ(p.module->items[0]->as<ast::LetItem>().bindings[0].contracts[0].text, chain);
  std::string body;
  for (int i = 0; i < 1200; ++i) body += "let y = if x = 0 then 0 else x in\n";
  std::string head = "(let (bind f (params x) (requires \"x > 0\" (> x 0)) (let ";
  EXPECT_EQ(item("let f x requires x > 0 = " + body + "y").substr(0, head.size()), head);
  // Without contracts too: SLL read to the end of the body, in case `x`
  // was a clause and the `=` the binding's.
  head = "(let (bind f (params x) (= x (let ";
  EXPECT_EQ(item("let f x = x = " + body + "y").substr(0, head.size()), head);
}

TEST(Contracts, Errors) {
  EXPECT_NE(error("let x requires true = 1").find("contracts can only be put on a function"), std::string::npos);
  EXPECT_NE(error("let f x ensures true requires true = 1").find("'requires' clauses must come before"),
            std::string::npos);
}

// ---------------------------------------------------------------------------
// Comments and lexical details.

TEST(Lexical, Comments) {
  EXPECT_EQ(expr("1 (* a (* nested *) comment *) + 2"), "(+ 1 2)");
  EXPECT_EQ(expr("1 // to the end of the line\n+ 2"), "(+ 1 2)");
  EXPECT_EQ(expr("1 (* \"*)\" still a comment *) + 2"), "(+ 1 2)");
  EXPECT_EQ(expr("1 (* '\"' *) + 2"), "(+ 1 2)");
  EXPECT_EQ(expr("\"(* not a comment *)\""), "\"(* not a comment *)\"");
  EXPECT_EQ(expr("f x'"), "(apply f x')");
  EXPECT_EQ(expr("_x"), "_x");
}

TEST(Lexical, Locations) {
  Parsed p = parse("let f x =\n  x +\n    g y\n");
  ASSERT_TRUE(p.module);
  const auto& b = p.module->items[0]->as<ast::LetItem>().bindings[0];
  EXPECT_EQ(b.loc.line, 1u);
  EXPECT_EQ(b.loc.col, 5u);
  const auto& add = b.body->as<ast::BinaryExpr>();
  EXPECT_EQ(add.loc.line, 2u);
  EXPECT_EQ(add.loc.col, 3u);
  EXPECT_EQ(add.op_loc.line, 2u);
  EXPECT_EQ(add.op_loc.col, 5u);
  EXPECT_EQ(add.right->loc.line, 3u);
  EXPECT_EQ(add.right->loc.col, 5u);
  Parsed q = parse("let () =\n\tassert false");
  ASSERT_TRUE(q.module);
  const auto& a = q.module->items[0]->as<ast::LetItem>().bindings[0].body;
  EXPECT_EQ(a->kind, ast::Expr::Kind::Assert);
  EXPECT_EQ(a->loc.line, 2u);
  EXPECT_EQ(a->loc.col, 2u);  // columns count bytes; a tab is one
}

// ---------------------------------------------------------------------------
// Errors: the message, the location, the caret.

TEST(Errors, ConformanceSyntaxError) {
  std::string out = error("let x = (1 +\nlet y = 2\n", "err_syntax.fl");
  EXPECT_NE(out.find("err_syntax.fl:"), std::string::npos) << out;
  EXPECT_NE(out.find("error:"), std::string::npos) << out;
  EXPECT_EQ(out,
            "err_syntax.fl:2:10: error: syntax error: unexpected end of file, expecting 'in'\n"
            "  let y = 2\n"
            "           ^\n"
            "err_syntax.fl:1:9: note: this '(' is not closed\n"
            "  let x = (1 +\n"
            "          ^\n");
}

TEST(Errors, UnexpectedToken) {
  EXPECT_EQ(error("let x = 1 +\n* 2"), "test.fl:2:1: error: syntax error: unexpected '*'\n  * 2\n  ^\n");
  EXPECT_EQ(error("let = 1"), "test.fl:1:5: error: syntax error: unexpected '='\n  let = 1\n      ^\n");
  EXPECT_NE(error("let x = (1, 2").find("unexpected end of file"), std::string::npos);
  // At the start of a file `let ... in` is an expression, so `in` must be
  // followed by one; later, `let` starts an item, which has no `in`.
  EXPECT_NE(error("let f x = x in").find("unexpected end of file"), std::string::npos);
  EXPECT_NE(error("let a = 1\nlet f x = x in").find("test.fl:2:13: error: syntax error: unexpected 'in'"),
            std::string::npos);
  EXPECT_NE(error("match x with").find("unexpected end of file"), std::string::npos);
  EXPECT_NE(error("let x = 1)").find("unexpected ')'"), std::string::npos);
  EXPECT_NE(error("let x = if c then 1 else").find("unexpected end of file"), std::string::npos);
  EXPECT_NE(error("let x = \"abc\" \"d\" +").find("1:20: error: syntax error: unexpected end of file"),
            std::string::npos);
  EXPECT_NE(error("let x = f foo bar )").find("unexpected ')'"), std::string::npos);
}

TEST(Errors, Lexical) {
  EXPECT_EQ(error("let x = y $ z"), "test.fl:1:11: error: illegal character '$'\n  let x = y $ z\n            ^\n");
  EXPECT_NE(error("let s = \"abc\nlet t = 1").find("test.fl:1:9: error: unterminated string literal"),
            std::string::npos);
  EXPECT_NE(error("let x = 1 (* never (* closed *)").find("test.fl:1:11: error: unterminated comment"),
            std::string::npos);
  EXPECT_NE(error("let x = 12ab").find("invalid number literal '12ab'"), std::string::npos);
  EXPECT_NE(error("let x = 0x").find("invalid number literal '0x'"), std::string::npos);
  EXPECT_NE(error("let x = \xc3\xa9").find("illegal character '\\xc3'"), std::string::npos);
  EXPECT_NE(error("let c = '\xc3\xa9'").find("invalid character literal"), std::string::npos);
}

TEST(Errors, Literals) {
  EXPECT_NE(error("let x = 9223372036854775808").find("1:9: error: integer literal exceeds the range of int"),
            std::string::npos);
  EXPECT_NE(error("let x = 0x1_0000_0000_0000_0000").find("exceeds the range"), std::string::npos);
  EXPECT_NE(error("let s = \"ab\\qc\"").find("1:12: error: invalid escape sequence '\\q'"), std::string::npos);
  EXPECT_NE(error("let c = '\\xZZ'").find("invalid character literal"), std::string::npos);
  EXPECT_NE(error("let s = \"a\\x4\"").find("\\x must be followed by two hexadecimal digits"), std::string::npos);
}

TEST(Errors, AssignmentTargets) {
  EXPECT_NE(error("let () = x <- 1").find("the left side of '<-' must be"), std::string::npos);
  EXPECT_NE(error("let () = s.[0] <- 'a'").find("strings are immutable"), std::string::npos);
}

// ---------------------------------------------------------------------------
// Robustness: nothing crashes, whatever the input.

TEST(Robustness, DeepNestingIsAnErrorNotACrash) {
  std::string deep(10000, '(');
  deep += "1";
  deep += std::string(10000, ')');
  EXPECT_NE(error("let x = " + deep).find("nested too deeply"), std::string::npos);
  std::string lets;
  for (int i = 0; i < 10000; ++i) lets += "let x = 1 in ";
  EXPECT_NE(error("let y = " + lets + "x").find("nested too deeply"), std::string::npos);
  std::string minus(20000, '-');
  EXPECT_NE(error("let y = " + minus + "x").find("nested too deeply"), std::string::npos);
  std::string comments;
  for (int i = 0; i < 100000; ++i) comments += "(*";
  for (int i = 0; i < 100000; ++i) comments += "*)";
  EXPECT_EQ(item("let x = 1 " + comments), "(let (bind x 1))");
}

TEST(Robustness, ReasonableNestingIsFine) {
  std::string nested(200, '(');
  nested += "1";
  nested += std::string(200, ')');
  EXPECT_EQ(item("let x = " + nested), "(let (bind x 1))");
  std::string list = "[";
  for (int i = 0; i < 20000; ++i) list += std::to_string(i) + "; ";
  list += "]";
  EXPECT_NE(item("let l = " + list), "");
  std::string seq;
  for (int i = 0; i < 5000; ++i) seq += "f x; ";
  EXPECT_EQ(item("let () = " + seq + "()").substr(0, 21), "(let (bind () (seq (a");
}

TEST(Robustness, LongProgramsParseQuickly) {
  // Every `;` inside a `let` body is an ambiguity that full-LL prediction
  // would check to the end of the file (quadratic); SLL resolves it at once.
  std::string program;
  for (int i = 0; i < 3000; ++i)
    program += "let f" + std::to_string(i) + " x =\n  print x; let y = x + 1 in\n  if y > 0 then g y else h y; y\n";
  Parsed p = parse(program);
  ASSERT_TRUE(p.module) << p.errors;
  EXPECT_EQ(p.module->items.size(), 3000u);
}

TEST(Robustness, GarbageNeverCrashes) {
  const char* pieces[] = {"let", "in", "(", ")", "[", "]", "[|", "|]", "{", "}", "match", "with", "|", "->",
                          "fun", "function", "if", "then", "else", ";", ";;", ",", "x", "Some", "1", "2.5",
                          "\"s\"", "'c'", "'a", "=", "+", "-", "::", "<-", ":=", ".", ".(", "begin", "end",
                          "type", "of", "and", "rec", "try", "assert", "not", "!", "*", "(*", "*)", "\"", "'",
                          "requires", "ensures", "for", "to", "do", "done", "while", "_", "as", "when", "\n"};
  std::mt19937 rng(12345);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    int n = static_cast<int>(rng() % 30);
    for (int i = 0; i < n; ++i) {
      text += pieces[rng() % (sizeof pieces / sizeof *pieces)];
      text += ' ';
    }
    Parsed p = parse(text);  // must simply return, with or without errors
    if (!p.module) EXPECT_NE(p.errors.find("error:"), std::string::npos) << text;
  }
  for (int round = 0; round < 500; ++round) {
    std::string bytes;
    int n = static_cast<int>(rng() % 64);
    for (int i = 0; i < n; ++i) bytes += static_cast<char>(rng() % 256);
    parse(bytes);
  }
}

}  // namespace
}  // namespace fl
