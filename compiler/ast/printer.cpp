#include "ast/printer.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace fl::ast {

namespace {

void escape_byte(unsigned char c, char quote, std::string& out) {
  switch (c) {
    case '\\': out += "\\\\"; return;
    case '\n': out += "\\n"; return;
    case '\t': out += "\\t"; return;
    case '\r': out += "\\r"; return;
    default: break;
  }
  if (c == static_cast<unsigned char>(quote)) {
    out += '\\';
    out += quote;
  } else if (c < 0x20 || c == 0x7f) {
    static const char* hex = "0123456789abcdef";
    out += "\\x";
    out += hex[c >> 4];
    out += hex[c & 15];
  } else {
    out += static_cast<char>(c);
  }
}

std::string float_to_string(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "neg_infinity" : "infinity";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, end);
  if (s.find_first_of(".e") == std::string::npos) s += '.';
  return s;
}

class Printer {
 public:
  explicit Printer(std::ostream& out) : out_(out) {}

  void type(const TypeExpr& t) {
    switch (t.kind) {
      case TypeExpr::Kind::Var: out_ << "'" << t.as<TypeVarExpr>().name; return;
      case TypeExpr::Kind::Con: {
        const auto& c = t.as<TypeConExpr>();
        if (c.args.empty()) {
          out_ << c.name.str();
          return;
        }
        out_ << "(" << c.name.str();
        for (const auto& a : c.args) space_then_type(*a);
        out_ << ")";
        return;
      }
      case TypeExpr::Kind::Arrow: {
        const auto& a = t.as<ArrowTypeExpr>();
        out_ << "(->";
        space_then_type(*a.from);
        space_then_type(*a.to);
        out_ << ")";
        return;
      }
      case TypeExpr::Kind::Tuple:
        out_ << "(*";
        for (const auto& e : t.as<TupleTypeExpr>().elements) space_then_type(*e);
        out_ << ")";
        return;
    }
  }

  void pattern(const Pattern& p) {
    switch (p.kind) {
      case Pattern::Kind::Wildcard: out_ << "_"; return;
      case Pattern::Kind::Var: out_ << p.as<VarPattern>().name; return;
      case Pattern::Kind::Literal: out_ << literal_to_string(p.as<LiteralPattern>().value); return;
      case Pattern::Kind::Construct: {
        const auto& c = p.as<ConstructPattern>();
        if (!c.arg) {
          out_ << c.constructor.str();
          return;
        }
        out_ << "(" << c.constructor.str() << " ";
        pattern(*c.arg);
        out_ << ")";
        return;
      }
      case Pattern::Kind::Tuple: patterns("tuple", p.as<TuplePattern>().elements); return;
      case Pattern::Kind::List: patterns("list", p.as<ListPattern>().elements); return;
      case Pattern::Kind::Array: patterns("array", p.as<ArrayPattern>().elements); return;
      case Pattern::Kind::Cons: {
        const auto& c = p.as<ConsPattern>();
        out_ << "(:: ";
        pattern(*c.head);
        out_ << " ";
        pattern(*c.tail);
        out_ << ")";
        return;
      }
      case Pattern::Kind::Record: {
        const auto& r = p.as<RecordPattern>();
        out_ << "(record";
        for (const auto& f : r.fields) {
          out_ << " (" << f.name.str() << " ";
          pattern(*f.pattern);
          out_ << ")";
        }
        if (r.open) out_ << " _";
        out_ << ")";
        return;
      }
      case Pattern::Kind::Or: {
        const auto& o = p.as<OrPattern>();
        out_ << "(| ";
        pattern(*o.left);
        out_ << " ";
        pattern(*o.right);
        out_ << ")";
        return;
      }
      case Pattern::Kind::Alias: {
        const auto& a = p.as<AliasPattern>();
        out_ << "(as ";
        pattern(*a.pattern);
        out_ << " " << a.name << ")";
        return;
      }
      case Pattern::Kind::Annot: {
        const auto& a = p.as<AnnotPattern>();
        out_ << "(annot ";
        pattern(*a.pattern);
        out_ << " ";
        type(*a.annotation);
        out_ << ")";
        return;
      }
    }
  }

  void expr(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::Literal: out_ << literal_to_string(e.as<LiteralExpr>().value); return;
      case Expr::Kind::Var: out_ << e.as<VarExpr>().name.str(); return;
      case Expr::Kind::Construct: {
        const auto& c = e.as<ConstructExpr>();
        if (!c.arg) {
          out_ << c.constructor.str();
          return;
        }
        out_ << "(" << c.constructor.str() << " ";
        expr(*c.arg);
        out_ << ")";
        return;
      }
      case Expr::Kind::OpValue: {
        const auto& o = e.as<OpValueExpr>();
        out_ << "(op " << (o.unary ? unary_op_spelling(o.unary_op) : binary_op_spelling(o.binary)) << ")";
        return;
      }
      case Expr::Kind::Apply: {
        const auto& a = e.as<ApplyExpr>();
        out_ << "(apply ";
        expr(*a.function);
        for (const auto& arg : a.args) space_then_expr(*arg);
        out_ << ")";
        return;
      }
      case Expr::Kind::Unary: {
        const auto& u = e.as<UnaryExpr>();
        out_ << "(" << unary_op_spelling(u.op) << " ";
        expr(*u.operand);
        out_ << ")";
        return;
      }
      case Expr::Kind::Binary: {
        const auto& b = e.as<BinaryExpr>();
        out_ << "(" << binary_op_spelling(b.op) << " ";
        expr(*b.left);
        out_ << " ";
        expr(*b.right);
        out_ << ")";
        return;
      }
      case Expr::Kind::Fun: {
        const auto& f = e.as<FunExpr>();
        out_ << "(fun (";
        for (size_t i = 0; i < f.params.size(); ++i) {
          if (i) out_ << " ";
          pattern(*f.params[i]);
        }
        out_ << ") ";
        expr(*f.body);
        out_ << ")";
        return;
      }
      case Expr::Kind::Function:
        out_ << "(function";
        cases(e.as<FunctionExpr>().cases);
        out_ << ")";
        return;
      case Expr::Kind::Let: {
        const auto& l = e.as<LetExpr>();
        out_ << (l.recursive ? "(let rec" : "(let");
        for (const auto& b : l.bindings) {
          out_ << " ";
          binding(b);
        }
        space_then_expr(*l.body);
        out_ << ")";
        return;
      }
      case Expr::Kind::If: {
        const auto& i = e.as<IfExpr>();
        out_ << "(if ";
        expr(*i.condition);
        space_then_expr(*i.then_branch);
        if (i.else_branch) space_then_expr(*i.else_branch);
        out_ << ")";
        return;
      }
      case Expr::Kind::Match: {
        const auto& m = e.as<MatchExpr>();
        out_ << "(match ";
        expr(*m.scrutinee);
        cases(m.cases);
        out_ << ")";
        return;
      }
      case Expr::Kind::Try: {
        const auto& t = e.as<TryExpr>();
        out_ << "(try ";
        expr(*t.body);
        cases(t.handlers);
        out_ << ")";
        return;
      }
      case Expr::Kind::Seq: {
        const auto& s = e.as<SeqExpr>();
        out_ << "(seq ";
        expr(*s.first);
        space_then_expr(*s.second);
        out_ << ")";
        return;
      }
      case Expr::Kind::Tuple: exprs("tuple", e.as<TupleExpr>().elements); return;
      case Expr::Kind::List: exprs("list", e.as<ListExpr>().elements); return;
      case Expr::Kind::Array: exprs("array", e.as<ArrayExpr>().elements); return;
      case Expr::Kind::Record:
        out_ << "(record";
        fields(e.as<RecordExpr>().fields);
        out_ << ")";
        return;
      case Expr::Kind::RecordUpdate: {
        const auto& r = e.as<RecordUpdateExpr>();
        out_ << "(with ";
        expr(*r.record);
        fields(r.fields);
        out_ << ")";
        return;
      }
      case Expr::Kind::Field: {
        const auto& f = e.as<FieldExpr>();
        out_ << "(field ";
        expr(*f.record);
        out_ << " " << f.field.str() << ")";
        return;
      }
      case Expr::Kind::SetField: {
        const auto& f = e.as<SetFieldExpr>();
        out_ << "(setfield ";
        expr(*f.record);
        out_ << " " << f.field.str();
        space_then_expr(*f.value);
        out_ << ")";
        return;
      }
      case Expr::Kind::Index: {
        const auto& i = e.as<IndexExpr>();
        out_ << "(index ";
        expr(*i.array);
        space_then_expr(*i.index);
        out_ << ")";
        return;
      }
      case Expr::Kind::SetIndex: {
        const auto& i = e.as<SetIndexExpr>();
        out_ << "(setindex ";
        expr(*i.array);
        space_then_expr(*i.index);
        space_then_expr(*i.value);
        out_ << ")";
        return;
      }
      case Expr::Kind::StringIndex: {
        const auto& i = e.as<StringIndexExpr>();
        out_ << "(stringindex ";
        expr(*i.string);
        space_then_expr(*i.index);
        out_ << ")";
        return;
      }
      case Expr::Kind::While: {
        const auto& w = e.as<WhileExpr>();
        out_ << "(while ";
        expr(*w.condition);
        space_then_expr(*w.body);
        out_ << ")";
        return;
      }
      case Expr::Kind::For: {
        const auto& f = e.as<ForExpr>();
        out_ << "(for " << f.var << " ";
        expr(*f.from);
        out_ << (f.down ? " downto " : " to ");
        expr(*f.to);
        space_then_expr(*f.body);
        out_ << ")";
        return;
      }
      case Expr::Kind::Assert:
        out_ << "(assert ";
        expr(*e.as<AssertExpr>().condition);
        out_ << ")";
        return;
      case Expr::Kind::Annot: {
        const auto& a = e.as<AnnotExpr>();
        out_ << "(annot ";
        expr(*a.expr);
        out_ << " ";
        type(*a.annotation);
        out_ << ")";
        return;
      }
    }
  }

  // (bind PATTERN (params ...) (returns T) (requires "text" e) ... BODY)
  void binding(const Binding& b) {
    out_ << "(bind ";
    pattern(*b.pattern);
    if (!b.params.empty()) {
      out_ << " (params";
      for (const auto& p : b.params) {
        out_ << " ";
        pattern(*p);
      }
      out_ << ")";
    }
    if (b.return_type) {
      out_ << " (returns ";
      type(*b.return_type);
      out_ << ")";
    }
    for (const auto& c : b.contracts) {
      out_ << (c.kind == Contract::Kind::Requires ? " (requires " : " (ensures ");
      Literal text;
      text.kind = Literal::Kind::String;
      text.string_value = c.text;
      out_ << literal_to_string(text);
      space_then_expr(*c.condition);
      out_ << ")";
    }
    space_then_expr(*b.body);
    out_ << ")";
  }

  void item(const Item& it) {
    switch (it.kind) {
      case Item::Kind::Let: {
        const auto& l = it.as<LetItem>();
        out_ << (l.recursive ? "(let rec" : "(let");
        for (const auto& b : l.bindings) {
          out_ << " ";
          binding(b);
        }
        out_ << ")";
        return;
      }
      case Item::Kind::Type:
        out_ << "(type";
        for (const auto& d : it.as<TypeItem>().decls) {
          out_ << " ";
          type_decl(d);
        }
        out_ << ")";
        return;
      case Item::Kind::Exception:
        out_ << "(exception ";
        constructor_decl(it.as<ExceptionItem>().constructor);
        out_ << ")";
        return;
      case Item::Kind::Open: out_ << "(open " << it.as<OpenItem>().module << ")"; return;
      case Item::Kind::Expr:
        out_ << "(expr ";
        expr(*it.as<ExprItem>().expr);
        out_ << ")";
        return;
    }
  }

 private:
  void space_then_expr(const Expr& e) {
    out_ << " ";
    expr(e);
  }
  void space_then_type(const TypeExpr& t) {
    out_ << " ";
    type(t);
  }

  void exprs(const char* tag, const std::vector<ExprPtr>& es) {
    out_ << "(" << tag;
    for (const auto& e : es) space_then_expr(*e);
    out_ << ")";
  }

  void patterns(const char* tag, const std::vector<PatternPtr>& ps) {
    out_ << "(" << tag;
    for (const auto& p : ps) {
      out_ << " ";
      pattern(*p);
    }
    out_ << ")";
  }

  void fields(const std::vector<RecordField>& fs) {
    for (const auto& f : fs) {
      out_ << " (" << f.name.str();
      space_then_expr(*f.value);
      out_ << ")";
    }
  }

  void cases(const std::vector<MatchCase>& cs) {
    for (const auto& c : cs) {
      out_ << " (case ";
      pattern(*c.pattern);
      if (c.guard) {
        out_ << " (when ";
        expr(*c.guard);
        out_ << ")";
      }
      space_then_expr(*c.body);
      out_ << ")";
    }
  }

  void constructor_decl(const ConstructorDecl& c) {
    if (c.args.empty()) {
      out_ << c.name;
      return;
    }
    out_ << "(" << c.name;
    for (const auto& a : c.args) space_then_type(*a);
    out_ << ")";
  }

  // (decl 'a tree (variant Leaf (Node ...))), (decl point (record (x float) (mutable tag int)))
  void type_decl(const TypeDecl& d) {
    out_ << "(decl";
    for (const auto& p : d.params) out_ << " '" << p;
    out_ << " " << d.name << " ";
    switch (d.kind) {
      case TypeDecl::Kind::Variant:
        out_ << "(variant";
        for (const auto& c : d.constructors) {
          out_ << " ";
          constructor_decl(c);
        }
        out_ << ")";
        break;
      case TypeDecl::Kind::Record:
        out_ << "(record";
        for (const auto& f : d.fields) {
          out_ << (f.is_mutable ? " (mutable " : " (") << f.name;
          space_then_type(*f.type);
          out_ << ")";
        }
        out_ << ")";
        break;
      case TypeDecl::Kind::Alias:
        out_ << "(alias ";
        type(*d.alias);
        out_ << ")";
        break;
      case TypeDecl::Kind::Abstract: out_ << "(abstract)"; break;
    }
    out_ << ")";
  }

  std::ostream& out_;
};

template <class Node, class Print>
std::string render(const Node& node, Print print) {
  std::ostringstream out;
  print(node, out);
  return out.str();
}

}  // namespace

std::string literal_to_string(const Literal& literal) {
  switch (literal.kind) {
    case Literal::Kind::Int: return std::to_string(literal.int_value);
    case Literal::Kind::Float: return float_to_string(literal.float_value);
    case Literal::Kind::Char: {
      std::string s = "'";
      escape_byte(static_cast<unsigned char>(literal.int_value), '\'', s);
      return s + "'";
    }
    case Literal::Kind::String: {
      std::string s = "\"";
      for (char c : literal.string_value) escape_byte(static_cast<unsigned char>(c), '"', s);
      return s + "\"";
    }
    case Literal::Kind::Bool: return literal.int_value ? "true" : "false";
    case Literal::Kind::Unit: return "()";
  }
  return "?";
}

void print_module(const Module& module, std::ostream& out) {
  out << "(module " << module.name;
  for (const auto& it : module.items) {
    out << "\n  ";
    print_item(*it, out);
  }
  out << ")\n";
}

void print_item(const Item& item, std::ostream& out) { Printer(out).item(item); }
void print_expr(const Expr& expr, std::ostream& out) { Printer(out).expr(expr); }
void print_pattern(const Pattern& pattern, std::ostream& out) { Printer(out).pattern(pattern); }
void print_type(const TypeExpr& type, std::ostream& out) { Printer(out).type(type); }

std::string to_string(const Expr& expr) { return render(expr, print_expr); }
std::string to_string(const Pattern& pattern) { return render(pattern, print_pattern); }
std::string to_string(const TypeExpr& type) { return render(type, print_type); }
std::string to_string(const Item& item) { return render(item, print_item); }

}  // namespace fl::ast
