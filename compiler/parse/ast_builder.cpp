// The parse tree -> AST builder: a visitor over the labeled alternatives of
// lang/Fl.g4. Visits return owning raw pointers wrapped in antlrcpp::Any
// (it cannot hold a unique_ptr); the helpers `expr`, `pattern`... put them
// back into unique_ptrs at once.
#include "parse/ast_builder.h"

#include <algorithm>

#include "FlBaseVisitor.h"
#include "parse/literals.h"
#include "parse/syntax_errors.h"

namespace fl::parse {

using namespace ast;
using P = flgrammar::FlParser;

namespace {

Path split_path(const std::string& text) {
  Path path;
  size_t start = 0;
  for (size_t dot; (dot = text.find('.', start)) != std::string::npos; start = dot + 1)
    path.modules.push_back(text.substr(start, dot - start));
  path.name = text.substr(start);
  return path;
}

std::string fold_white_space(std::string_view text) {
  std::string out;
  bool in_space = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (space) {
      in_space = true;
      continue;
    }
    if (in_space && !out.empty()) out += ' ';
    in_space = false;
    out += c;
  }
  return out;
}

BinaryOp binary_op(size_t token_type) {
  switch (token_type) {
    case P::PLUS: return BinaryOp::Add;
    case P::MINUS: return BinaryOp::Sub;
    case P::STAR: return BinaryOp::Mul;
    case P::SLASH: return BinaryOp::Div;
    case P::KW_MOD: return BinaryOp::Mod;
    case P::KW_LAND: return BinaryOp::Land;
    case P::KW_LOR: return BinaryOp::Lor;
    case P::KW_LXOR: return BinaryOp::Lxor;
    case P::KW_LSL: return BinaryOp::Lsl;
    case P::KW_LSR: return BinaryOp::Lsr;
    case P::KW_ASR: return BinaryOp::Asr;
    case P::PLUSDOT: return BinaryOp::FAdd;
    case P::MINUSDOT: return BinaryOp::FSub;
    case P::STARDOT: return BinaryOp::FMul;
    case P::SLASHDOT: return BinaryOp::FDiv;
    case P::STARSTAR: return BinaryOp::FPow;
    case P::EQ: return BinaryOp::Eq;
    case P::NE: return BinaryOp::Ne;
    case P::LT: return BinaryOp::Lt;
    case P::GT: return BinaryOp::Gt;
    case P::LE: return BinaryOp::Le;
    case P::GE: return BinaryOp::Ge;
    case P::EQEQ: return BinaryOp::PhysEq;
    case P::BANGEQ: return BinaryOp::PhysNe;
    case P::AMPAMP: return BinaryOp::And;
    case P::BARBAR: return BinaryOp::Or;
    case P::COLONCOLON: return BinaryOp::Cons;
    case P::AT: return BinaryOp::Append;
    case P::CARET: return BinaryOp::Concat;
    case P::PIPEGT: return BinaryOp::Pipe;
    case P::ATAT: return BinaryOp::AtAt;
    case P::COLONEQ: return BinaryOp::Assign;
    default: break;
  }
  assert(false && "not a binary operator token");
  return BinaryOp::Add;
}

// The constant directly under an operand, for folding `-1` and `-.2.5`
// into negative literals as OCaml does. Parenthesized constants are not
// folded: `-(1)` stays a negation.
P::ConstantContext* direct_constant(P::ExprNoSeqContext* e) {
  auto* simple = dynamic_cast<P::SimpleContext*>(e);
  if (!simple) return nullptr;
  auto* atom = dynamic_cast<P::AtomExprContext*>(simple->simpleExpr());
  if (!atom) return nullptr;
  auto* constant = dynamic_cast<P::ConstantAtomContext*>(atom->atom());
  return constant ? constant->constant() : nullptr;
}

class AstBuilder : public flgrammar::FlBaseVisitor {
 public:
  AstBuilder(const SourceFile& source, FileId file, Diagnostics& diags)
      : source_(source), file_(file), diags_(diags) {}

  std::unique_ptr<Module> module(P::SourceFileContext* ctx) {
    auto m = std::make_unique<Module>();
    if (ctx->expr()) m->items.push_back(std::make_unique<ExprItem>(loc(ctx->expr()), expr(ctx->expr())));
    for (auto* top : ctx->topItem()) {
      if (auto* let = dynamic_cast<P::TopLetItemContext*>(top->item()); let && let->KW_IN()) {
        // `let ... in e` at the top: an expression.
        auto e = std::make_unique<LetExpr>(loc(let));
        e->recursive = let->KW_REC() != nullptr;
        for (auto* b : let->letBinding()) e->bindings.push_back(binding(b));
        e->body = expr(let->expr());
        m->items.push_back(std::make_unique<ExprItem>(e->loc, std::move(e)));
      } else if (top->item()) {
        m->items.push_back(item(top->item()));
      } else if (top->expr()) {
        m->items.push_back(std::make_unique<ExprItem>(loc(top->expr()), expr(top->expr())));
      }
    }
    return m;
  }

  // -------------------------------------------------------------------------
  // Helpers.

  Loc loc(antlr4::Token* t) const { return loc_of(*t, file_); }
  Loc loc(antlr4::ParserRuleContext* ctx) const { return loc(ctx->getStart()); }
  Loc loc(antlr4::tree::TerminalNode* n) const { return loc(n->getSymbol()); }

  // The location `offset` bytes into token `t` (which may span lines).
  Loc loc_in(antlr4::Token* t, size_t offset) const {
    Loc l = loc(t);
    std::string text = t->getText();
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++l.line;
        l.col = 1;
      } else {
        ++l.col;
      }
    }
    return l;
  }

  static antlrcpp::Any give(ExprPtr e) { return static_cast<Expr*>(e.release()); }
  static antlrcpp::Any give(PatternPtr p) { return static_cast<Pattern*>(p.release()); }

  ExprPtr expr(P::ExprContext* ctx) {
    // Level 15: `e1; e2; e3` is Seq(e1, Seq(e2, e3)).
    auto parts = ctx->exprNoSeq();
    ExprPtr result = expr(parts.back());
    for (size_t i = parts.size() - 1; i-- > 0;) {
      ExprPtr first = expr(parts[i]);
      Loc l = first->loc;
      result = std::make_unique<SeqExpr>(l, std::move(first), std::move(result));
    }
    return result;
  }
  ExprPtr expr(P::ExprNoSeqContext* ctx) { return ExprPtr(visit(ctx).as<Expr*>()); }
  ExprPtr expr(P::SimpleExprContext* ctx) { return ExprPtr(visit(ctx).as<Expr*>()); }
  PatternPtr pattern(P::PatternContext* ctx) { return PatternPtr(visit(ctx).as<Pattern*>()); }
  PatternPtr pattern(P::SimplePatternContext* ctx) { return PatternPtr(visit(ctx).as<Pattern*>()); }

  std::vector<ExprPtr> exprs(const std::vector<P::ExprNoSeqContext*>& ctxs) {
    std::vector<ExprPtr> out;
    for (auto* c : ctxs) out.push_back(expr(c));
    return out;
  }
  std::vector<PatternPtr> patterns(const std::vector<P::PatternContext*>& ctxs) {
    std::vector<PatternPtr> out;
    for (auto* c : ctxs) out.push_back(pattern(c));
    return out;
  }

  // -------------------------------------------------------------------------
  // Literals.

  Literal literal(P::ConstantContext* ctx, bool negated) {
    Literal lit;
    antlr4::Token* t = ctx->getStart();
    std::string text = t->getText();
    if (ctx->INT()) {
      lit.kind = Literal::Kind::Int;
      auto d = decode_int(text, negated);
      if (d.value) lit.int_value = *d.value;
      else diags_.error(loc_in(t, d.error_offset), d.error);
    } else if (ctx->FLOAT()) {
      lit.kind = Literal::Kind::Float;
      auto d = decode_float(text);
      if (d.value) lit.float_value = negated ? -*d.value : *d.value;
      else diags_.error(loc_in(t, d.error_offset), d.error);
    } else if (ctx->CHAR()) {
      lit.kind = Literal::Kind::Char;
      auto d = decode_char(text);
      if (d.value) lit.int_value = *d.value;
      else diags_.error(loc_in(t, d.error_offset), d.error);
    } else if (ctx->STRING()) {
      lit.kind = Literal::Kind::String;
      auto d = decode_string(text);
      if (d.value) lit.string_value = std::move(*d.value);
      else diags_.error(loc_in(t, d.error_offset), d.error);
    } else {
      lit.kind = Literal::Kind::Bool;
      lit.int_value = ctx->KW_TRUE() ? 1 : 0;
    }
    return lit;
  }

  static Literal unit_literal() { return Literal{}; }

  // -------------------------------------------------------------------------
  // Top-level items and bindings.

  ItemPtr item(P::ItemContext* ctx) {
    if (auto* c = dynamic_cast<P::LetItemContext*>(ctx)) {
      auto it = std::make_unique<LetItem>(loc(c));
      it->recursive = c->KW_REC() != nullptr;
      for (auto* b : c->letBinding()) it->bindings.push_back(binding(b));
      return it;
    }
    if (auto* c = dynamic_cast<P::TopLetItemContext*>(ctx)) {  // without `in`: see module()
      auto it = std::make_unique<LetItem>(loc(c));
      it->recursive = c->KW_REC() != nullptr;
      for (auto* b : c->letBinding()) it->bindings.push_back(binding(b));
      return it;
    }
    if (auto* c = dynamic_cast<P::TypeItemContext*>(ctx)) {
      auto it = std::make_unique<TypeItem>(loc(c));
      for (auto* d : c->typeDecl()) it->decls.push_back(type_decl(d));
      return it;
    }
    if (auto* c = dynamic_cast<P::ExceptionItemContext*>(ctx)) {
      auto it = std::make_unique<ExceptionItem>(loc(c));
      it->constructor = constructor_decl(c->constructorDecl());
      return it;
    }
    auto* c = dynamic_cast<P::OpenItemContext*>(ctx);
    assert(c);
    return std::make_unique<OpenItem>(loc(c), c->UIDENT()->getText());
  }

  Binding binding(P::LetBindingContext* ctx) {
    Binding b;
    b.loc = loc(ctx);
    std::vector<P::ContractContext*> contracts;
    if (auto* f = dynamic_cast<P::FunctionBindingContext*>(ctx)) {
      b.pattern = std::make_unique<VarPattern>(loc(f->LIDENT()), f->LIDENT()->getText());
      for (auto* p : f->parameter()) b.params.push_back(pattern(p->simplePattern()));
      if (f->typeExpr()) b.return_type = type(f->typeExpr());
      contracts = f->contract();
      b.body = expr(f->expr());
    } else {
      auto* v = dynamic_cast<P::ValueBindingContext*>(ctx);
      assert(v);
      b.pattern = pattern(v->pattern());
      if (v->typeExpr()) b.return_type = type(v->typeExpr());
      contracts = v->contract();
      if (!contracts.empty())
        diags_.error(loc(contracts[0]), "contracts can only be put on a function: write 'let f x requires ... = ...'");
      b.body = expr(v->expr());
    }
    bool seen_ensures = false;
    for (auto* c : contracts) {
      Contract contract;
      contract.kind = c->kind->getType() == P::KW_REQUIRES ? Contract::Kind::Requires : Contract::Kind::Ensures;
      if (contract.kind == Contract::Kind::Ensures) seen_ensures = true;
      else if (seen_ensures) diags_.error(loc(c), "'requires' clauses must come before 'ensures' clauses");
      auto* cond = c->exprNoSeq();
      contract.loc = loc(cond);
      size_t start = cond->getStart()->getStartIndex();
      size_t stop = cond->getStop()->getStopIndex();
      contract.text = fold_white_space(std::string_view(source_.text).substr(start, stop - start + 1));
      contract.condition = expr(cond);
      b.contracts.push_back(std::move(contract));
    }
    return b;
  }

  std::vector<MatchCase> cases(P::MatchCasesContext* ctx) {
    std::vector<MatchCase> out;
    for (auto* c : ctx->matchCase()) {
      MatchCase mc;
      mc.pattern = pattern(c->pattern());
      auto bodies = c->expr();
      if (c->KW_WHEN()) mc.guard = expr(bodies[0]);
      mc.body = expr(bodies.back());
      out.push_back(std::move(mc));
    }
    return out;
  }

  // -------------------------------------------------------------------------
  // Expressions, levels 2 to 16.

  antlrcpp::Any visitApplyExpr(P::ApplyExprContext* ctx) override {
    // `f a b` is parsed as ((f a) b): collect the arguments down the spine.
    std::vector<P::ArgumentContext*> arg_ctxs;
    P::ExprNoSeqContext* head = ctx;
    while (auto* a = dynamic_cast<P::ApplyExprContext*>(head)) {
      arg_ctxs.push_back(a->argument());
      head = a->exprNoSeq();
    }
    std::reverse(arg_ctxs.begin(), arg_ctxs.end());
    std::vector<ExprPtr> args;
    for (auto* a : arg_ctxs) args.push_back(argument(a));

    ExprPtr function;
    size_t first = 0;
    if (auto* constr = bare_constructor(head)) {
      // `Some x`: constructor application takes one argument; any further
      // ones apply the result (a type error, but a clear one).
      function = std::make_unique<ConstructExpr>(loc(head), split_path(constr->getText()), std::move(args[0]));
      first = 1;
    } else {
      function = expr(head);
    }
    if (first == args.size()) return give(std::move(function));
    auto apply = std::make_unique<ApplyExpr>(loc(ctx), std::move(function));
    for (size_t i = first; i < args.size(); ++i) apply->args.push_back(std::move(args[i]));
    return give(std::move(apply));
  }

  P::ConstrPathContext* bare_constructor(P::ExprNoSeqContext* e) {
    auto* simple = dynamic_cast<P::SimpleContext*>(e);
    if (!simple) return nullptr;
    auto* atom = dynamic_cast<P::AtomExprContext*>(simple->simpleExpr());
    if (!atom) return nullptr;
    auto* constr = dynamic_cast<P::ConstrAtomContext*>(atom->atom());
    return constr ? constr->constrPath() : nullptr;
  }

  ExprPtr argument(P::ArgumentContext* ctx) {
    if (ctx->simpleExpr()) return expr(ctx->simpleExpr());
    auto op = std::make_unique<OpValueExpr>(loc(ctx));  // `not` passed as a function
    op->unary = true;
    op->unary_op = UnaryOp::Not;
    return op;
  }

  antlrcpp::Any visitNotValue(P::NotValueContext* ctx) override {
    auto op = std::make_unique<OpValueExpr>(loc(ctx));
    op->unary = true;
    op->unary_op = UnaryOp::Not;
    return give(std::move(op));
  }

  antlrcpp::Any visitAssertExpr(P::AssertExprContext* ctx) override {
    return give(std::make_unique<AssertExpr>(loc(ctx->KW_ASSERT()), argument(ctx->argument())));
  }

  antlrcpp::Any visitUnaryExpr(P::UnaryExprContext* ctx) override {
    size_t op = ctx->op->getType();
    if (auto* c = direct_constant(ctx->exprNoSeq())) {
      if ((op == P::MINUS && (c->INT() || c->FLOAT())) || (op == P::MINUSDOT && c->FLOAT()))
        return give(std::make_unique<LiteralExpr>(loc(ctx->op), literal(c, true)));
    }
    UnaryOp u = op == P::MINUS ? UnaryOp::Neg : op == P::MINUSDOT ? UnaryOp::FNeg : UnaryOp::Not;
    return give(std::make_unique<UnaryExpr>(loc(ctx->op), u, expr(ctx->exprNoSeq())));
  }

  antlrcpp::Any binary(antlr4::ParserRuleContext* ctx, antlr4::Token* op, P::ExprNoSeqContext* left,
                       P::ExprNoSeqContext* right) {
    auto b = std::make_unique<BinaryExpr>(loc(ctx), binary_op(op->getType()), expr(left), expr(right));
    b->op_loc = loc(op);
    return give(std::move(b));
  }

  antlrcpp::Any visitPowerExpr(P::PowerExprContext* c) override { return binary(c, c->op, c->exprNoSeq(0), c->exprNoSeq(1)); }
  antlrcpp::Any visitMulExpr(P::MulExprContext* c) override { return binary(c, c->op, c->exprNoSeq(0), c->exprNoSeq(1)); }
  antlrcpp::Any visitAddExpr(P::AddExprContext* c) override { return binary(c, c->op, c->exprNoSeq(0), c->exprNoSeq(1)); }
  antlrcpp::Any visitConsExpr(P::ConsExprContext* c) override { return binary(c, c->op, c->exprNoSeq(0), c->exprNoSeq(1)); }
  antlrcpp::Any visitAppendExpr(P::AppendExprContext* c) override { return binary(c, c->op, c->exprNoSeq(0), c->exprNoSeq(1)); }
  antlrcpp::Any visitCompareExpr(P::CompareExprContext* c) override { return binary(c, c->op, c->exprNoSeq(0), c->exprNoSeq(1)); }
  antlrcpp::Any visitAndExpr(P::AndExprContext* c) override { return binary(c, c->op, c->exprNoSeq(0), c->exprNoSeq(1)); }
  antlrcpp::Any visitOrExpr(P::OrExprContext* c) override { return binary(c, c->op, c->exprNoSeq(0), c->exprNoSeq(1)); }

  antlrcpp::Any visitTupleExpr(P::TupleExprContext* ctx) override {
    // `a, b, c` is parsed as ((a, b), c); a parenthesized tuple is an atom,
    // so only the unparenthesized spine is flattened.
    std::vector<P::ExprNoSeqContext*> parts;
    P::ExprNoSeqContext* e = ctx;
    while (auto* t = dynamic_cast<P::TupleExprContext*>(e)) {
      parts.push_back(t->exprNoSeq(1));
      e = t->exprNoSeq(0);
    }
    parts.push_back(e);
    std::reverse(parts.begin(), parts.end());
    auto tuple = std::make_unique<TupleExpr>(loc(ctx));
    tuple->elements = exprs(parts);
    return give(std::move(tuple));
  }

  antlrcpp::Any visitAssignExpr(P::AssignExprContext* ctx) override {
    if (ctx->op->getType() == P::COLONEQ) return binary(ctx, ctx->op, ctx->exprNoSeq(0), ctx->exprNoSeq(1));
    // `<-` stores into a mutable field or an array element.
    ExprPtr target = expr(ctx->exprNoSeq(0));
    ExprPtr value = expr(ctx->exprNoSeq(1));
    if (target->kind == Expr::Kind::Field) {
      auto& f = target->as<FieldExpr>();
      auto set = std::make_unique<SetFieldExpr>(target->loc);
      set->record = std::move(f.record);
      set->field = std::move(f.field);
      set->value = std::move(value);
      return give(std::move(set));
    }
    if (target->kind == Expr::Kind::Index) {
      auto& i = target->as<IndexExpr>();
      auto set = std::make_unique<SetIndexExpr>(target->loc);
      set->array = std::move(i.array);
      set->index = std::move(i.index);
      set->value = std::move(value);
      return give(std::move(set));
    }
    if (target->kind == Expr::Kind::StringIndex)
      diags_.error(loc(ctx->op), "strings are immutable: 's.[i] <- c' is not allowed");
    else
      diags_.error(loc(ctx->op), "the left side of '<-' must be a record field 'r.f' or an array element 'a.(i)'");
    return give(std::move(target));
  }

  antlrcpp::Any visitIfExpr(P::IfExprContext* ctx) override {
    auto e = std::make_unique<IfExpr>(loc(ctx->KW_IF()));
    e->condition = expr(ctx->expr());
    e->then_branch = expr(ctx->exprNoSeq(0));
    if (ctx->KW_ELSE()) e->else_branch = expr(ctx->exprNoSeq(1));
    return give(std::move(e));
  }

  antlrcpp::Any visitLetExpr(P::LetExprContext* ctx) override {
    auto e = std::make_unique<LetExpr>(loc(ctx->KW_LET()));
    e->recursive = ctx->KW_REC() != nullptr;
    for (auto* b : ctx->letBinding()) e->bindings.push_back(binding(b));
    e->body = expr(ctx->expr());
    return give(std::move(e));
  }

  antlrcpp::Any visitMatchExpr(P::MatchExprContext* ctx) override {
    auto e = std::make_unique<MatchExpr>(loc(ctx->KW_MATCH()));
    e->scrutinee = expr(ctx->expr());
    e->cases = cases(ctx->matchCases());
    return give(std::move(e));
  }

  antlrcpp::Any visitFunExpr(P::FunExprContext* ctx) override {
    auto e = std::make_unique<FunExpr>(loc(ctx->KW_FUN()));
    for (auto* p : ctx->parameter()) e->params.push_back(pattern(p->simplePattern()));
    e->body = expr(ctx->expr());
    return give(std::move(e));
  }

  antlrcpp::Any visitFunctionExpr(P::FunctionExprContext* ctx) override {
    auto e = std::make_unique<FunctionExpr>(loc(ctx->KW_FUNCTION()));
    e->cases = cases(ctx->matchCases());
    return give(std::move(e));
  }

  antlrcpp::Any visitTryExpr(P::TryExprContext* ctx) override {
    auto e = std::make_unique<TryExpr>(loc(ctx->KW_TRY()));
    e->body = expr(ctx->expr());
    e->handlers = cases(ctx->matchCases());
    return give(std::move(e));
  }

  antlrcpp::Any visitSimple(P::SimpleContext* ctx) override { return visit(ctx->simpleExpr()); }

  // -------------------------------------------------------------------------
  // Level 1 and atoms.

  antlrcpp::Any visitDerefExpr(P::DerefExprContext* ctx) override {
    return give(std::make_unique<UnaryExpr>(loc(ctx->BANG()), UnaryOp::Deref, expr(ctx->simpleExpr())));
  }

  antlrcpp::Any visitFieldExpr(P::FieldExprContext* ctx) override {
    return give(std::make_unique<FieldExpr>(loc(ctx), expr(ctx->simpleExpr()), split_path(ctx->fieldPath()->getText())));
  }

  antlrcpp::Any visitIndexExpr(P::IndexExprContext* ctx) override {
    return give(std::make_unique<IndexExpr>(loc(ctx), expr(ctx->simpleExpr()), expr(ctx->expr())));
  }

  antlrcpp::Any visitStringIndexExpr(P::StringIndexExprContext* ctx) override {
    return give(std::make_unique<StringIndexExpr>(loc(ctx), expr(ctx->simpleExpr()), expr(ctx->expr())));
  }

  antlrcpp::Any visitAtomExpr(P::AtomExprContext* ctx) override { return visit(ctx->atom()); }

  antlrcpp::Any visitConstantAtom(P::ConstantAtomContext* ctx) override {
    return give(std::make_unique<LiteralExpr>(loc(ctx), literal(ctx->constant(), false)));
  }

  antlrcpp::Any visitVarAtom(P::VarAtomContext* ctx) override {
    return give(std::make_unique<VarExpr>(loc(ctx), split_path(ctx->getText())));
  }

  antlrcpp::Any visitConstrAtom(P::ConstrAtomContext* ctx) override {
    return give(std::make_unique<ConstructExpr>(loc(ctx), split_path(ctx->getText()), nullptr));
  }

  antlrcpp::Any visitUnitAtom(P::UnitAtomContext* ctx) override {
    return give(std::make_unique<LiteralExpr>(loc(ctx), unit_literal()));
  }

  antlrcpp::Any visitEmptyBeginAtom(P::EmptyBeginAtomContext* ctx) override {
    return give(std::make_unique<LiteralExpr>(loc(ctx), unit_literal()));
  }

  antlrcpp::Any visitOpValueAtom(P::OpValueAtomContext* ctx) override {
    auto op = std::make_unique<OpValueExpr>(loc(ctx));
    size_t type = ctx->operatorName()->getStart()->getType();
    if (type == P::BANG || type == P::KW_NOT) {
      op->unary = true;
      op->unary_op = type == P::BANG ? UnaryOp::Deref : UnaryOp::Not;
    } else {
      op->binary = binary_op(type);
    }
    return give(std::move(op));
  }

  antlrcpp::Any visitParenAtom(P::ParenAtomContext* ctx) override {
    ExprPtr inner = expr(ctx->expr());
    if (!ctx->typeExpr()) return give(std::move(inner));
    return give(std::make_unique<AnnotExpr>(loc(ctx), std::move(inner), type(ctx->typeExpr())));
  }

  antlrcpp::Any visitBeginAtom(P::BeginAtomContext* ctx) override { return give(expr(ctx->expr())); }

  antlrcpp::Any visitListAtom(P::ListAtomContext* ctx) override {
    auto e = std::make_unique<ListExpr>(loc(ctx));
    e->elements = exprs(ctx->exprNoSeq());
    return give(std::move(e));
  }

  antlrcpp::Any visitArrayAtom(P::ArrayAtomContext* ctx) override {
    auto e = std::make_unique<ArrayExpr>(loc(ctx));
    e->elements = exprs(ctx->exprNoSeq());
    return give(std::move(e));
  }

  std::vector<RecordField> record_fields(const std::vector<P::RecordFieldContext*>& ctxs) {
    std::vector<RecordField> out;
    for (auto* f : ctxs) {
      RecordField field;
      field.loc = loc(f);
      field.name = split_path(f->fieldPath()->getText());
      if (f->exprNoSeq()) field.value = expr(f->exprNoSeq());
      else field.value = std::make_unique<VarExpr>(field.loc, Path{{}, field.name.name});  // `{ x }`
      out.push_back(std::move(field));
    }
    return out;
  }

  antlrcpp::Any visitRecordAtom(P::RecordAtomContext* ctx) override {
    auto e = std::make_unique<RecordExpr>(loc(ctx));
    e->fields = record_fields(ctx->recordField());
    return give(std::move(e));
  }

  antlrcpp::Any visitRecordUpdateAtom(P::RecordUpdateAtomContext* ctx) override {
    auto e = std::make_unique<RecordUpdateExpr>(loc(ctx));
    e->record = expr(ctx->simpleExpr());
    e->fields = record_fields(ctx->recordField());
    return give(std::move(e));
  }

  antlrcpp::Any visitWhileAtom(P::WhileAtomContext* ctx) override {
    auto e = std::make_unique<WhileExpr>(loc(ctx));
    e->condition = expr(ctx->expr(0));
    e->body = expr(ctx->expr(1));
    return give(std::move(e));
  }

  antlrcpp::Any visitForAtom(P::ForAtomContext* ctx) override {
    auto e = std::make_unique<ForExpr>(loc(ctx));
    e->var = ctx->var->getText();  // may be "_"
    e->var_loc = loc(ctx->var);
    e->from = expr(ctx->expr(0));
    e->to = expr(ctx->expr(1));
    e->body = expr(ctx->expr(2));
    e->down = ctx->dir->getType() == P::KW_DOWNTO;
    return give(std::move(e));
  }

  // -------------------------------------------------------------------------
  // Patterns.

  antlrcpp::Any visitConstructPattern(P::ConstructPatternContext* ctx) override {
    return give(std::make_unique<ConstructPattern>(loc(ctx), split_path(ctx->constrPath()->getText()),
                                                   pattern(ctx->simplePattern())));
  }

  antlrcpp::Any visitSimplePatternP(P::SimplePatternPContext* ctx) override { return visit(ctx->simplePattern()); }

  antlrcpp::Any visitConsPattern(P::ConsPatternContext* ctx) override {
    return give(std::make_unique<ConsPattern>(loc(ctx), pattern(ctx->pattern(0)), pattern(ctx->pattern(1))));
  }

  antlrcpp::Any visitTuplePattern(P::TuplePatternContext* ctx) override {
    std::vector<P::PatternContext*> parts;
    P::PatternContext* p = ctx;
    while (auto* t = dynamic_cast<P::TuplePatternContext*>(p)) {
      parts.push_back(t->pattern(1));
      p = t->pattern(0);
    }
    parts.push_back(p);
    std::reverse(parts.begin(), parts.end());
    auto tuple = std::make_unique<TuplePattern>(loc(ctx));
    tuple->elements = patterns(parts);
    return give(std::move(tuple));
  }

  antlrcpp::Any visitOrPattern(P::OrPatternContext* ctx) override {
    return give(std::make_unique<OrPattern>(loc(ctx), pattern(ctx->pattern(0)), pattern(ctx->pattern(1))));
  }

  antlrcpp::Any visitAliasPattern(P::AliasPatternContext* ctx) override {
    return give(std::make_unique<AliasPattern>(loc(ctx), pattern(ctx->pattern()), ctx->LIDENT()->getText()));
  }

  antlrcpp::Any visitWildcardPattern(P::WildcardPatternContext* ctx) override {
    return give(std::make_unique<WildcardPattern>(loc(ctx)));
  }

  antlrcpp::Any visitVarPattern(P::VarPatternContext* ctx) override {
    return give(std::make_unique<VarPattern>(loc(ctx), ctx->getText()));
  }

  antlrcpp::Any visitConstantPattern(P::ConstantPatternContext* ctx) override {
    return give(std::make_unique<LiteralPattern>(loc(ctx), literal(ctx->constant(), false)));
  }

  antlrcpp::Any visitNegativePattern(P::NegativePatternContext* ctx) override {
    Literal lit;
    antlr4::Token* t = ctx->getStop();
    if (ctx->INT()) {
      lit.kind = Literal::Kind::Int;
      auto d = decode_int(t->getText(), true);
      if (d.value) lit.int_value = *d.value;
      else diags_.error(loc_in(t, d.error_offset), d.error);
    } else {
      lit.kind = Literal::Kind::Float;
      auto d = decode_float(t->getText());
      if (d.value) lit.float_value = -*d.value;
      else diags_.error(loc(t), d.error);
    }
    return give(std::make_unique<LiteralPattern>(loc(ctx), lit));
  }

  antlrcpp::Any visitConstrPattern(P::ConstrPatternContext* ctx) override {
    return give(std::make_unique<ConstructPattern>(loc(ctx), split_path(ctx->getText()), nullptr));
  }

  antlrcpp::Any visitUnitPattern(P::UnitPatternContext* ctx) override {
    return give(std::make_unique<LiteralPattern>(loc(ctx), unit_literal()));
  }

  antlrcpp::Any visitParenPattern(P::ParenPatternContext* ctx) override {
    PatternPtr inner = pattern(ctx->pattern());
    if (!ctx->typeExpr()) return give(std::move(inner));
    return give(std::make_unique<AnnotPattern>(loc(ctx), std::move(inner), type(ctx->typeExpr())));
  }

  antlrcpp::Any visitListPattern(P::ListPatternContext* ctx) override {
    auto p = std::make_unique<ListPattern>(loc(ctx));
    p->elements = patterns(ctx->pattern());
    return give(std::move(p));
  }

  antlrcpp::Any visitArrayPattern(P::ArrayPatternContext* ctx) override {
    auto p = std::make_unique<ArrayPattern>(loc(ctx));
    p->elements = patterns(ctx->pattern());
    return give(std::move(p));
  }

  antlrcpp::Any visitRecordPattern(P::RecordPatternContext* ctx) override {
    auto p = std::make_unique<RecordPattern>(loc(ctx));
    for (auto* f : ctx->fieldPattern()) {
      RecordPattern::Field field;
      field.loc = loc(f);
      field.name = split_path(f->fieldPath()->getText());
      if (f->pattern()) field.pattern = pattern(f->pattern());
      else field.pattern = std::make_unique<VarPattern>(field.loc, field.name.name);  // `{ x }`
      p->fields.push_back(std::move(field));
    }
    p->open = ctx->UNDERSCORE() != nullptr;
    return give(std::move(p));
  }

  // -------------------------------------------------------------------------
  // Types.

  TypeExprPtr type(P::TypeExprContext* ctx) {
    TypeExprPtr from = type_tuple(ctx->typeTuple());
    if (!ctx->typeExpr()) return from;
    return std::make_unique<ArrowTypeExpr>(loc(ctx), std::move(from), type(ctx->typeExpr()));
  }

  TypeExprPtr type_tuple(P::TypeTupleContext* ctx) {
    auto apps = ctx->typeApp();
    if (apps.size() == 1) return type_app(apps[0]);
    auto tuple = std::make_unique<TupleTypeExpr>(loc(ctx));
    for (auto* a : apps) tuple->elements.push_back(type_app(a));
    return tuple;
  }

  TypeExprPtr type_app(P::TypeAppContext* ctx) {
    TypeExprPtr t;
    std::vector<P::TypeNameContext*> names;
    if (auto* s = dynamic_cast<P::SimpleTypeAppContext*>(ctx)) {
      t = type_atom(s->typeAtom());
      names = s->typeName();
    } else {
      auto* m = dynamic_cast<P::MultiArgTypeAppContext*>(ctx);
      assert(m);
      names = m->typeName();
      auto con = std::make_unique<TypeConExpr>(loc(ctx), split_path(names[0]->getText()));
      for (auto* a : m->typeExpr()) con->args.push_back(type(a));
      t = std::move(con);
      names.erase(names.begin());
    }
    // `int list option` applies `list`, then `option`.
    for (auto* n : names) {
      auto con = std::make_unique<TypeConExpr>(loc(ctx), split_path(n->getText()));
      con->args.push_back(std::move(t));
      t = std::move(con);
    }
    return t;
  }

  TypeExprPtr type_atom(P::TypeAtomContext* ctx) {
    if (auto* v = dynamic_cast<P::TypeVarContext*>(ctx))
      return std::make_unique<TypeVarExpr>(loc(v), v->getText().substr(1));
    if (auto* c = dynamic_cast<P::TypeConstrContext*>(ctx))
      return std::make_unique<TypeConExpr>(loc(c), split_path(c->getText()));
    auto* p = dynamic_cast<P::TypeParenContext*>(ctx);
    assert(p);
    return type(p->typeExpr());
  }

  TypeDecl type_decl(P::TypeDeclContext* ctx) {
    TypeDecl d;
    d.loc = loc(ctx->LIDENT());
    d.name = ctx->LIDENT()->getText();
    if (auto* params = ctx->typeParams())
      for (auto* v : params->TYVAR()) d.params.push_back(v->getText().substr(1));
    auto* repr = ctx->typeRepr();
    if (!repr) {
      d.kind = TypeDecl::Kind::Abstract;
    } else if (auto* v = dynamic_cast<P::VariantReprContext*>(repr)) {
      d.kind = TypeDecl::Kind::Variant;
      for (auto* c : v->constructorDecl()) d.constructors.push_back(constructor_decl(c));
    } else if (auto* r = dynamic_cast<P::RecordReprContext*>(repr)) {
      d.kind = TypeDecl::Kind::Record;
      for (auto* f : r->fieldDecl()) {
        FieldDecl field;
        field.loc = loc(f->LIDENT());
        field.name = f->LIDENT()->getText();
        field.is_mutable = f->KW_MUTABLE() != nullptr;
        field.type = type(f->typeExpr());
        d.fields.push_back(std::move(field));
      }
    } else {
      auto* a = dynamic_cast<P::AliasReprContext*>(repr);
      assert(a);
      d.kind = TypeDecl::Kind::Alias;
      d.alias = type(a->typeExpr());
    }
    return d;
  }

  ConstructorDecl constructor_decl(P::ConstructorDeclContext* ctx) {
    ConstructorDecl c;
    c.loc = loc(ctx);
    c.name = ctx->UIDENT()->getText();
    if (auto* t = ctx->typeExpr()) {
      // `of a * b` declares two arguments; `of (a * b)` one tuple argument.
      auto apps = t->typeTuple()->typeApp();
      if (!t->typeExpr() && apps.size() > 1) {
        for (auto* a : apps) c.args.push_back(type_app(a));
      } else {
        c.args.push_back(type(t));
      }
    }
    return c;
  }

 private:
  const SourceFile& source_;
  FileId file_;
  Diagnostics& diags_;
};

}  // namespace

std::unique_ptr<Module> build_module(P::SourceFileContext* tree, const SourceFile& source, FileId file,
                                     Diagnostics& diags) {
  return AstBuilder(source, file, diags).module(tree);
}

}  // namespace fl::parse
