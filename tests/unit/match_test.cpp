// Pattern matching (compiler/match/): exhaustiveness messages, unused
// clauses, and decision trees checked against naive first-match on every
// small value of the scrutinee's type.
//
// Clauses are written as fl source and parsed here, directed by the
// expected type, into patterns annotated as the checker would annotate
// them. A trailing ` when` marks a guarded clause; the test decides the
// guard from the clause number and the values bound.
#include <gtest/gtest.h>

#include <cctype>
#include <deque>
#include <map>
#include <random>
#include <set>

#include "match/decision_tree.h"
#include "types/decls.h"
#include "types/symbol.h"
#include "types/type.h"

namespace fl::match {
namespace {

using ast::Pattern;
using ast::PatternPtr;
using types::Constructor;
using types::Field;
using types::Symbol;
using types::Type;
using types::TypeDef;

// ---------------------------------------------------------------------------
// Types: the predefined ones from the arena, and a few declared here.

struct Types {
  types::TypeArena arena;
  std::deque<TypeDef> defs;
  std::deque<Constructor> ctors;
  std::deque<Field> fields;
  TypeDef* tree = nullptr;   // type 'a tree = Leaf | Node of 'a tree * 'a * 'a tree
  TypeDef* point = nullptr;  // type point = { x : int; y : bool }, y laid out first
  TypeDef* shape = nullptr;  // type shape = Circle of int | Dot | Rect of bool * bool | Empty

  Types() {
    tree = &defs.emplace_back();
    tree->name = "tree";
    tree->kind = TypeDef::Kind::Variant;
    Type* a = arena.var(0);
    a->generic = true;
    tree->params = {a};
    Type* tree_a = arena.con(tree, {a});
    add_ctor(tree, "Leaf", {});
    add_ctor(tree, "Node", {tree_a, a, tree_a});

    point = &defs.emplace_back();
    point->name = "point";
    point->kind = TypeDef::Kind::Record;
    add_field(point, "x", int_t(), 1);
    add_field(point, "y", bool_t(), 0);

    shape = &defs.emplace_back();
    shape->name = "shape";
    shape->kind = TypeDef::Kind::Variant;
    add_ctor(shape, "Circle", {int_t()});
    add_ctor(shape, "Dot", {});
    add_ctor(shape, "Rect", {bool_t(), bool_t()});
    add_ctor(shape, "Empty", {});
  }

  void add_ctor(TypeDef* owner, const char* name, std::vector<Type*> args) {
    Constructor& c = ctors.emplace_back();
    c.name = c.linkage_name = name;
    c.owner = owner;
    c.tag = static_cast<int>(owner->constructors.size());
    c.args = std::move(args);
    owner->constructors.push_back(&c);
  }
  void add_field(TypeDef* owner, const char* name, Type* type, int index) {
    Field& f = fields.emplace_back();
    f.name = name;
    f.owner = owner;
    f.type = type;
    f.index = index;
    owner->fields.push_back(&f);
  }

  Type* int_t() { return arena.int_type(); }
  Type* bool_t() { return arena.bool_type(); }
  Type* unit_t() { return arena.unit_type(); }
  Type* char_t() { return arena.char_type(); }
  Type* string_t() { return arena.string_type(); }
  Type* float_t() { return arena.float_type(); }
  Type* exn_t() { return arena.exn_type(); }
  Type* list(Type* t) { return arena.list_type(t); }
  Type* array(Type* t) { return arena.array_type(t); }
  Type* option(Type* t) { return arena.con(arena.builtin("option"), {t}); }
  Type* result(Type* a, Type* b) { return arena.con(arena.builtin("result"), {a, b}); }
  Type* tree_of(Type* t) { return arena.con(tree, {t}); }
  Type* point_t() { return arena.con(point); }
  Type* shape_t() { return arena.con(shape); }
  Type* tuple(std::vector<Type*> ts) { return arena.tuple(std::move(ts)); }

  const TypeDef* def_of(Type* t) {
    t = types::resolve(t);
    return t->kind == Type::Kind::Con ? t->def : nullptr;
  }
  bool is(Type* t, const char* name) {
    const TypeDef* d = def_of(t);
    return d && d->name == name;
  }
  Type* arg_type(const Constructor* c, Type* t) {
    return arena.substitute(c->args.size() == 1 ? c->args[0] : arena.tuple(c->args), c->owner->params,
                            types::resolve(t)->args);
  }
  Type* field_type(const Field* f, Type* t) {
    return arena.substitute(f->type, f->owner->params, types::resolve(t)->args);
  }
};

// ---------------------------------------------------------------------------
// Patterns as fl source, typed the way the checker types them.

struct ParseError {};

class PatternParser {
 public:
  PatternParser(Types& types, std::deque<Symbol>& symbols, const std::string& source)
      : t_(types), symbols_(symbols) {
    tokenize(source);
  }

  PatternPtr parse(Type* type) {
    PatternPtr p = pattern(type);
    if (pos_ != tokens_.size()) throw ParseError{};
    return p;
  }

 private:
  void tokenize(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
      char c = s[i];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        size_t j = i;
        while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' || s[j] == '\'')) ++j;
        tokens_.push_back(s.substr(i, j - i));
        i = j;
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        size_t j = i;
        while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
        tokens_.push_back(s.substr(i, j - i));
        i = j;
      } else if (c == '\'' || c == '"') {
        size_t j = s.find(c, i + 1);
        tokens_.push_back(s.substr(i, j + 1 - i));
        i = j + 1;
      } else {
        std::string two = s.substr(i, 2);
        if (two == "[|" || two == "|]" || two == "::") {
          tokens_.push_back(two);
          i += 2;
        } else {
          tokens_.push_back(std::string(1, c));
          ++i;
        }
      }
    }
  }

  const std::string& peek() const {
    static const std::string end = "<end>";
    return pos_ < tokens_.size() ? tokens_[pos_] : end;
  }
  std::string next() {
    if (pos_ >= tokens_.size()) throw ParseError{};
    return tokens_[pos_++];
  }
  void expect(const char* tok) {
    if (next() != tok) throw ParseError{};
  }

  template <class P, class... Args>
  PatternPtr make(Type* type, Args&&... args) {
    auto p = std::make_unique<P>(Loc{}, std::forward<Args>(args)...);
    p->type = type;
    return p;
  }

  Symbol* symbol(const std::string& name) {
    auto it = bound_.find(name);
    if (it != bound_.end()) return it->second;
    Symbol& s = symbols_.emplace_back();
    s.name = name;
    return bound_[name] = &s;
  }

  PatternPtr pattern(Type* type) {
    PatternPtr p = or_pattern(type);
    while (peek() == "as") {
      next();
      std::string name = next();
      auto alias = std::make_unique<ast::AliasPattern>(Loc{}, std::move(p), name);
      alias->type = type;
      alias->symbol = symbol(name);
      p = std::move(alias);
    }
    return p;
  }

  PatternPtr or_pattern(Type* type) {
    PatternPtr p = cons_pattern(type);
    while (peek() == "|") {
      next();
      PatternPtr right = cons_pattern(type);
      p = make<ast::OrPattern>(type, std::move(p), std::move(right));
    }
    return p;
  }

  PatternPtr cons_pattern(Type* type) {
    if (t_.is(type, "list")) {
      size_t saved = pos_;
      try {
        PatternPtr head = app_pattern(types::resolve(type)->args[0]);
        if (peek() == "::") {
          next();
          PatternPtr tail = cons_pattern(type);
          return make<ast::ConsPattern>(type, std::move(head), std::move(tail));
        }
      } catch (ParseError&) {
      }
      pos_ = saved;
    }
    return app_pattern(type);
  }

  PatternPtr app_pattern(Type* type) {
    const std::string& tok = peek();
    if (!tok.empty() && std::isupper(static_cast<unsigned char>(tok[0]))) return constructor(type, true);
    return atom(type);
  }

  // `C`, or `C arg` when `applied` and C takes arguments.
  PatternPtr constructor(Type* type, bool applied) {
    std::string name = next();
    const TypeDef* def = t_.def_of(type);
    require(def != nullptr);
    for (Constructor* c : def->constructors) {
      if (c->name != name) continue;
      require(applied || c->args.empty());
      PatternPtr arg = c->args.empty() ? nullptr : atom(t_.arg_type(c, type));
      auto p = std::make_unique<ast::ConstructPattern>(Loc{}, ast::Path{{}, name}, std::move(arg));
      p->type = type;
      p->ctor = c;
      return p;
    }
    throw ParseError{};
  }

  static void require(bool ok) {
    if (!ok) throw ParseError{};
  }

  ast::Literal literal(ast::Literal::Kind kind) {
    ast::Literal lit;
    lit.kind = kind;
    return lit;
  }

  PatternPtr atom(Type* type) {
    std::string tok = next();
    Type* r = types::resolve(type);
    if (tok == "_") return make<ast::WildcardPattern>(type);
    if (!tok.empty() && std::isupper(static_cast<unsigned char>(tok[0]))) {
      --pos_;
      return constructor(type, false);
    }
    if (tok == "true" || tok == "false") {
      require(t_.is(type, "bool"));
      ast::Literal lit = literal(ast::Literal::Kind::Bool);
      lit.int_value = tok == "true";
      return make<ast::LiteralPattern>(type, lit);
    }
    if (tok == "-" || std::isdigit(static_cast<unsigned char>(tok[0]))) {
      bool negative = tok == "-";
      if (negative) tok = next();
      ast::Literal lit;
      if (tok.find('.') != std::string::npos) {
        require(t_.is(type, "float"));
        lit = literal(ast::Literal::Kind::Float);
        lit.float_value = std::stod(tok) * (negative ? -1 : 1);
      } else {
        require(t_.is(type, "int"));
        lit = literal(ast::Literal::Kind::Int);
        lit.int_value = std::stoll(tok) * (negative ? -1 : 1);
      }
      return make<ast::LiteralPattern>(type, lit);
    }
    if (tok[0] == '\'') {
      require(t_.is(type, "char"));
      ast::Literal lit = literal(ast::Literal::Kind::Char);
      lit.int_value = static_cast<unsigned char>(tok[1]);
      return make<ast::LiteralPattern>(type, lit);
    }
    if (tok[0] == '"') {
      require(t_.is(type, "string"));
      ast::Literal lit = literal(ast::Literal::Kind::String);
      lit.string_value = tok.substr(1, tok.size() - 2);
      return make<ast::LiteralPattern>(type, lit);
    }
    if (std::islower(static_cast<unsigned char>(tok[0]))) {
      auto p = std::make_unique<ast::VarPattern>(Loc{}, tok);
      p->type = type;
      p->symbol = symbol(tok);
      return p;
    }
    if (tok == "(") {
      if (peek() == ")") {
        next();
        require(t_.is(type, "unit"));
        return make<ast::LiteralPattern>(type, literal(ast::Literal::Kind::Unit));
      }
      if (r->kind == Type::Kind::Tuple) {
        size_t saved = pos_;
        try {
          auto tuple = std::make_unique<ast::TuplePattern>(Loc{});
          tuple->type = type;
          for (size_t i = 0; i < r->args.size(); ++i) {
            if (i) expect(",");
            tuple->elements.push_back(pattern(r->args[i]));
          }
          expect(")");
          return tuple;
        } catch (ParseError&) {
          pos_ = saved;  // a parenthesised pattern of the whole tuple
        }
      }
      PatternPtr inner = pattern(type);
      expect(")");
      return inner;
    }
    if (tok == "[") {
      require(t_.is(type, "list"));
      auto list = std::make_unique<ast::ListPattern>(Loc{});
      list->type = type;
      while (peek() != "]") {
        if (!list->elements.empty()) expect(";");
        list->elements.push_back(pattern(r->args[0]));
      }
      next();
      return list;
    }
    if (tok == "[|") {
      require(t_.is(type, "array"));
      auto array = std::make_unique<ast::ArrayPattern>(Loc{});
      array->type = type;
      while (peek() != "|]") {
        if (!array->elements.empty()) expect(";");
        array->elements.push_back(pattern(r->args[0]));
      }
      next();
      return array;
    }
    if (tok == "{") {
      auto record = std::make_unique<ast::RecordPattern>(Loc{});
      record->type = type;
      const TypeDef* def = t_.def_of(type);
      require(def && def->kind == TypeDef::Kind::Record);
      while (peek() != "}") {
        if (!record->fields.empty() || record->open) expect(";");
        std::string name = next();
        if (name == "_") {
          record->open = true;
          continue;
        }
        ast::RecordPattern::Field f;
        f.name.name = name;
        for (Field* field : def->fields)
          if (field->name == name) f.field = field;
        if (!f.field) throw ParseError{};
        Type* ft = t_.field_type(f.field, type);
        if (peek() == "=") {
          next();
          f.pattern = pattern(ft);
        } else {
          auto var = std::make_unique<ast::VarPattern>(Loc{}, name);
          var->type = ft;
          var->symbol = symbol(name);
          f.pattern = std::move(var);
        }
        record->fields.push_back(std::move(f));
      }
      next();
      return record;
    }
    throw ParseError{};
  }

  Types& t_;
  std::deque<Symbol>& symbols_;
  std::map<std::string, Symbol*> bound_;
  std::vector<std::string> tokens_;
  size_t pos_ = 0;
};

// A match: its clauses parsed against the scrutinee type.
struct Match {
  std::vector<PatternPtr> patterns;
  std::vector<Clause> clauses;
};

// ---------------------------------------------------------------------------
// Values, and the naive semantics of patterns on them.

struct Value {
  enum class Kind { Int, Bool, Char, String, Float, Unit, Constructed, Tuple, Record, Array };
  Kind kind = Kind::Unit;
  int64_t i = 0;
  double f = 0;
  std::string s;
  const Constructor* ctor = nullptr;  // Constructed
  std::vector<Value> args;            // constructor arguments, elements, record fields by Field::index

  bool operator==(const Value& o) const {
    return kind == o.kind && i == o.i && f == o.f && s == o.s && ctor == o.ctor && args == o.args;
  }
};

std::string show(const Value& v) {
  auto list = [&](const char* open, const char* close) {
    std::string out = open;
    for (size_t k = 0; k < v.args.size(); ++k) out += (k ? ", " : "") + show(v.args[k]);
    return out + close;
  };
  switch (v.kind) {
    case Value::Kind::Int: return std::to_string(v.i);
    case Value::Kind::Bool: return v.i ? "true" : "false";
    case Value::Kind::Char: return std::string("'") + static_cast<char>(v.i) + "'";
    case Value::Kind::String: return "\"" + v.s + "\"";
    case Value::Kind::Float: return std::to_string(v.f);
    case Value::Kind::Unit: return "()";
    case Value::Kind::Constructed: return v.ctor->name + (v.args.empty() ? "" : list(" (", ")"));
    case Value::Kind::Tuple: return list("(", ")");
    case Value::Kind::Record: return list("{", "}");
    case Value::Kind::Array: return list("[|", "|]");
  }
  return "?";
}

using Bindings = std::map<const Symbol*, Value>;

bool literal_matches(const ast::Literal& lit, const Value& v) {
  switch (lit.kind) {
    case ast::Literal::Kind::Int:
    case ast::Literal::Kind::Char:
    case ast::Literal::Kind::Bool: return v.i == lit.int_value;
    case ast::Literal::Kind::String: return v.s == lit.string_value;
    case ast::Literal::Kind::Float: return v.f == lit.float_value;
    case ast::Literal::Kind::Unit: return true;
  }
  return false;
}

bool naive(const Pattern& p, const Value& v, Bindings& b) {
  switch (p.kind) {
    case Pattern::Kind::Wildcard: return true;
    case Pattern::Kind::Var: b[p.as<ast::VarPattern>().symbol] = v; return true;
    case Pattern::Kind::Literal: return literal_matches(p.as<ast::LiteralPattern>().value, v);
    case Pattern::Kind::Construct: {
      auto& c = p.as<ast::ConstructPattern>();
      if (v.ctor != c.ctor) return false;
      if (!c.arg) return true;
      if (c.ctor->args.size() == 1) return naive(*c.arg, v.args[0], b);
      if (c.arg->kind != Pattern::Kind::Tuple) return true;  // `Node _`
      auto& elements = c.arg->as<ast::TuplePattern>().elements;
      for (size_t k = 0; k < elements.size(); ++k)
        if (!naive(*elements[k], v.args[k], b)) return false;
      return true;
    }
    case Pattern::Kind::Tuple: {
      auto& elements = p.as<ast::TuplePattern>().elements;
      for (size_t k = 0; k < elements.size(); ++k)
        if (!naive(*elements[k], v.args[k], b)) return false;
      return true;
    }
    case Pattern::Kind::List: {
      const Value* rest = &v;
      for (auto& e : p.as<ast::ListPattern>().elements) {
        if (rest->ctor->name != "::" || !naive(*e, rest->args[0], b)) return false;
        rest = &rest->args[1];
      }
      return rest->ctor->name == "[]";
    }
    case Pattern::Kind::Cons: {
      auto& c = p.as<ast::ConsPattern>();
      return v.ctor->name == "::" && naive(*c.head, v.args[0], b) && naive(*c.tail, v.args[1], b);
    }
    case Pattern::Kind::Record:
      for (auto& f : p.as<ast::RecordPattern>().fields)
        if (!naive(*f.pattern, v.args[f.field->index], b)) return false;
      return true;
    case Pattern::Kind::Array: {
      auto& elements = p.as<ast::ArrayPattern>().elements;
      if (elements.size() != v.args.size()) return false;
      for (size_t k = 0; k < elements.size(); ++k)
        if (!naive(*elements[k], v.args[k], b)) return false;
      return true;
    }
    case Pattern::Kind::Or: {
      auto& o = p.as<ast::OrPattern>();
      Bindings saved = b;
      if (naive(*o.left, v, b)) return true;
      b = saved;
      return naive(*o.right, v, b);
    }
    case Pattern::Kind::Alias: {
      auto& a = p.as<ast::AliasPattern>();
      if (!naive(*a.pattern, v, b)) return false;
      b[a.symbol] = v;
      return true;
    }
    case Pattern::Kind::Annot: return naive(*p.as<ast::AnnotPattern>().pattern, v, b);
  }
  return false;
}

// The guard of clause `clause`: some fixed, arbitrary function of what it
// binds; `guard_seed` picks one of several such functions.
int guard_seed = 0;
bool guard(size_t clause, const Bindings& b) {
  std::string key = std::to_string(guard_seed) + "/" + std::to_string(clause);
  for (auto& [sym, v] : b) key += sym->name + "=" + show(v) + ";";
  uint64_t h = 14695981039346656037ull;  // FNV-1a: the same everywhere
  for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
  return (h >> 29) % 3 != 0;
}

struct Outcome {
  int clause = -1;  // -1: no clause matches
  Bindings bindings;
};

Outcome first_match(const Match& m, const Value& v) {
  for (size_t c = 0; c < m.clauses.size(); ++c) {
    Bindings b;
    if (!naive(*m.clauses[c].pattern, v, b)) continue;
    if (m.clauses[c].guarded && !guard(c, b)) continue;
    return {static_cast<int>(c), b};
  }
  return {};
}

// Runs a decision tree on a value, checking on the way that every test
// makes sense for the value it inspects and that no occurrence is tested
// twice on one path.
class TreeRunner {
 public:
  TreeRunner(const CompiledMatch& compiled, const Value& scrutinee) : m_(compiled), scrutinee_(scrutinee) {}

  Outcome run(const Decision& d) {
    switch (d.kind) {
      case Decision::Kind::Fail: return {};
      case Decision::Kind::Leaf: return {static_cast<int>(d.clause), bind(d)};
      case Decision::Kind::Guard: {
        Bindings b = bind(d);
        if (guard(d.clause, b)) return {static_cast<int>(d.clause), b};
        return run(*d.otherwise);
      }
      case Decision::Kind::Switch: {
        EXPECT_TRUE(tested_.insert(d.occurrence).second) << "occurrence " << d.occurrence << " tested twice";
        const Value& v = value(d.occurrence);
        for (auto& [test, sub] : d.cases)
          if (holds(test, v)) return run(*sub);
        if (!d.fallback) {
          ADD_FAILURE() << "no case of a complete switch holds for " << show(v);
          return {-2, {}};
        }
        return run(*d.fallback);
      }
    }
    return {-3, {}};
  }

 private:
  Bindings bind(const Decision& d) {
    Bindings b;
    for (const Binding& binding : d.bindings) {
      EXPECT_FALSE(b.count(binding.symbol)) << binding.symbol->name << " bound twice";
      b[binding.symbol] = value(binding.occurrence);
    }
    return b;
  }

  const Value& value(int id) {
    if (id == 0) return scrutinee_;
    const Occurrence& o = m_.occurrences.at(id);
    EXPECT_NE(o.type, nullptr) << "occurrence " << id << " has no type";
    const Value& parent = value(o.parent);
    if (o.ctor) EXPECT_EQ(parent.ctor, o.ctor) << "loading an argument of " << o.ctor->name << " from " << show(parent);
    EXPECT_LT(static_cast<size_t>(o.index), parent.args.size()) << "from " << show(parent);
    return parent.args.at(o.index);
  }

  static bool holds(const Test& t, const Value& v) {
    switch (t.kind) {
      case Test::Kind::Constructor:
        EXPECT_EQ(v.kind, Value::Kind::Constructed);
        return v.ctor == t.ctor;
      case Test::Kind::Literal: return literal_matches(t.literal, v);
      case Test::Kind::ArrayLength:
        EXPECT_EQ(v.kind, Value::Kind::Array);
        return static_cast<int64_t>(v.args.size()) == t.length;
    }
    return false;
  }

  const CompiledMatch& m_;
  const Value& scrutinee_;
  std::set<int> tested_;
};

// Every switch case on a constructor lists all its arguments.
void check_case_occurrences(const CompiledMatch& m, const Decision& d, std::set<const Decision*>& seen) {
  if (!seen.insert(&d).second) return;
  for (auto& [test, sub] : d.cases)
    if (test.kind == Test::Kind::Constructor)
      for (size_t k = 0; k < test.ctor->args.size(); ++k) {
        bool found = false;
        for (const Occurrence& o : m.occurrences)
          found = found || (o.parent == d.occurrence && o.index == static_cast<int>(k) && o.ctor == test.ctor);
        EXPECT_TRUE(found) << "no occurrence for argument " << k << " of " << test.ctor->name;
      }
  d.for_each_child([&](const Decision& child) { check_case_occurrences(m, child, seen); });
}

size_t count_nodes(const Decision& d, std::set<const Decision*>& seen) {
  if (!seen.insert(&d).second) return 0;
  size_t n = 1;
  d.for_each_child([&](const Decision& child) { n += count_nodes(child, seen); });
  return n;
}

// ---------------------------------------------------------------------------
// The fixture: parses matches, enumerates small values.

class Match_ : public ::testing::Test {
 protected:
  Types t;
  std::deque<Symbol> symbols;

  Match parse(Type* type, const std::vector<std::string>& clauses) {
    Match m;
    for (const std::string& source : clauses) {
      std::string text = source;
      bool guarded = text.size() > 5 && text.substr(text.size() - 5) == " when";
      if (guarded) text.resize(text.size() - 5);
      try {
        m.patterns.push_back(PatternParser(t, symbols, text).parse(type));
      } catch (ParseError&) {
        ADD_FAILURE() << "cannot parse " << text;
        m.patterns.push_back(std::make_unique<ast::WildcardPattern>(Loc{}));
      }
      m.clauses.push_back({m.patterns.back().get(), guarded});
    }
    return m;
  }

  Analysis analyse(Type* type, const std::vector<std::string>& clauses) {
    Match m = parse(type, clauses);
    return analyse_match(m.clauses, type);
  }

  // "ok", or the missing value.
  std::string coverage(Type* type, const std::vector<std::string>& clauses) {
    Analysis a = analyse(type, clauses);
    return a.exhaustive ? "ok" : a.missing;
  }

  std::vector<size_t> unused(Type* type, const std::vector<std::string>& clauses) {
    return analyse(type, clauses).unused;
  }

  Value make(Value::Kind kind, int64_t i = 0) {
    Value v;
    v.kind = kind;
    v.i = i;
    return v;
  }

  // Every combination of one value from each list.
  static std::vector<std::vector<Value>> product(const std::vector<std::vector<Value>>& choices) {
    std::vector<std::vector<Value>> out{{}};
    for (const auto& choice : choices) {
      std::vector<std::vector<Value>> next;
      for (const auto& prefix : out)
        for (const Value& v : choice) {
          next.push_back(prefix);
          next.back().push_back(v);
        }
      out = std::move(next);
    }
    return out;
  }

  // The values of `type` with at most `depth` nested constructors, using a
  // few representatives of the infinite types.
  std::vector<Value> values(Type* type, int depth) {
    Type* r = types::resolve(type);
    std::vector<Value> out;
    if (r->kind == Type::Kind::Tuple) {
      std::vector<std::vector<Value>> choices;
      for (Type* a : r->args) choices.push_back(values(a, depth));
      for (auto& args : product(choices)) {
        Value v = make(Value::Kind::Tuple);
        v.args = std::move(args);
        out.push_back(std::move(v));
      }
      return out;
    }
    const TypeDef* def = r->def;
    const std::string& name = def->name;
    if (name == "int")
      for (int64_t i : {0, 1, 2, -1}) out.push_back(make(Value::Kind::Int, i));
    else if (name == "bool")
      for (int64_t i : {0, 1}) out.push_back(make(Value::Kind::Bool, i));
    else if (name == "char")
      for (char c : {'a', 'b', 'z'}) out.push_back(make(Value::Kind::Char, c));
    else if (name == "unit")
      out.push_back(make(Value::Kind::Unit));
    else if (name == "string")
      for (const char* s : {"", "a", "b"}) {
        out.push_back(make(Value::Kind::String));
        out.back().s = s;
      }
    else if (name == "float")
      for (double f : {0.0, 1.5, 2.0}) {
        out.push_back(make(Value::Kind::Float));
        out.back().f = f;
      }
    else if (name == "array")
      for (size_t n = 0; n <= 3; ++n) {
        std::vector<std::vector<Value>> choices(n, values(r->args[0], depth - 1));
        for (auto& args : product(choices)) {
          Value v = make(Value::Kind::Array);
          v.args = std::move(args);
          out.push_back(std::move(v));
        }
      }
    else if (def->kind == TypeDef::Kind::Record) {
      std::vector<std::vector<Value>> choices(def->fields.size());
      for (const Field* f : def->fields) choices[f->index] = values(t.field_type(f, r), depth);
      for (auto& args : product(choices)) {
        Value v = make(Value::Kind::Record);
        v.args = std::move(args);
        out.push_back(std::move(v));
      }
    } else {
      for (const Constructor* c : def->constructors) {
        if (!c->args.empty() && depth == 0) continue;
        std::vector<std::vector<Value>> choices;
        for (Type* a : c->args)
          choices.push_back(values(t.arena.substitute(a, def->params, r->args), depth - 1));
        for (auto& args : product(choices)) {
          Value v = make(Value::Kind::Constructed);
          v.ctor = c;
          v.args = std::move(args);
          out.push_back(std::move(v));
        }
      }
    }
    return out;
  }

  // Runs the decision tree of `m` on every value of `type` up to `depth`,
  // under several guard functions, and checks it picks the same clause, with
  // the same bindings, as trying the clauses in order. Returns the clauses
  // chosen (-1: none).
  std::set<int> run_everywhere(const Match& m, Type* type, int depth) {
    CompiledMatch compiled = compile_match(m.clauses, type);
    std::set<int> chosen;
    if (!compiled.tree || compiled.occurrences.empty()) {
      ADD_FAILURE() << "no tree";
      return chosen;
    }
    EXPECT_EQ(compiled.occurrences[0].type, type);
    std::set<const Decision*> seen;
    check_case_occurrences(compiled, *compiled.tree, seen);
    Analysis analysis = analyse_match(m.clauses, type);
    std::vector<Value> all = values(type, depth);
    EXPECT_FALSE(all.empty());
    for (guard_seed = 0; guard_seed < 4; ++guard_seed)
      for (const Value& v : all) {
        Outcome expected = first_match(m, v);
        Outcome actual = TreeRunner(compiled, v).run(*compiled.tree);
        EXPECT_EQ(actual.clause, expected.clause) << "on " << show(v) << ", guard seed " << guard_seed;
        EXPECT_TRUE(actual.bindings == expected.bindings) << "bindings differ on " << show(v);
        if (analysis.exhaustive) EXPECT_NE(actual.clause, -1) << "exhaustive match fails on " << show(v);
        chosen.insert(actual.clause);
      }
    for (size_t c : analysis.unused)
      EXPECT_FALSE(chosen.count(static_cast<int>(c))) << "unused clause " << c << " chosen";
    return chosen;
  }

  void agrees(Type* type, int depth, const std::vector<std::string>& clauses) {
    std::string listing;
    for (const std::string& c : clauses) listing += " | " + c;
    SCOPED_TRACE("match" + listing);
    Match m = parse(type, clauses);
    std::set<int> chosen = run_everywhere(m, type, depth);
    // The enumeration is meant to reach every clause.
    for (size_t c = 0; c < clauses.size(); ++c)
      EXPECT_TRUE(chosen.count(static_cast<int>(c))) << "clause " << c << " never chosen";
  }

  // A random pattern of `type` as fl source; or-patterns bind nothing (both
  // sides would have to bind the same variables).
  std::string random_pattern(std::mt19937& rng, Type* type, int depth, bool vars, int& next_var) {
    auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    if (depth <= 0 || chance(25)) {
      if (vars && chance(40)) return "v" + std::to_string(next_var++);
      return "_";
    }
    if (vars && chance(8)) {
      std::string inner = random_pattern(rng, type, depth, vars, next_var);
      return "(" + inner + " as v" + std::to_string(next_var++) + ")";
    }
    if (chance(12))
      return "(" + random_pattern(rng, type, depth, false, next_var) + " | " +
             random_pattern(rng, type, depth, false, next_var) + ")";
    Type* r = types::resolve(type);
    auto sub = [&](Type* t) { return random_pattern(rng, t, depth - 1, vars, next_var); };
    if (r->kind == Type::Kind::Tuple) {
      std::string out = "(";
      for (size_t i = 0; i < r->args.size(); ++i) out += (i ? ", " : "") + sub(r->args[i]);
      return out + ")";
    }
    const TypeDef* def = r->def;
    if (def->name == "bool") return chance(50) ? "true" : "false";
    if (def->name == "int") return std::to_string(static_cast<int>(pick(4)) - 1);
    if (def->name == "unit") return "()";
    if (def->name == "list" && chance(50)) {
      std::string out = "[";
      for (size_t n = pick(3), i = 0; i < n; ++i) out += (i ? "; " : "") + sub(r->args[0]);
      return out + "]";
    }
    if (def->name == "array") {
      std::string out = "[|";
      for (size_t n = pick(3), i = 0; i < n; ++i) out += (i ? "; " : "") + sub(r->args[0]);
      return out + "|]";
    }
    if (def->kind == TypeDef::Kind::Record) {
      std::string out;
      bool all = true;
      for (const Field* f : def->fields) {
        if (chance(40)) {
          all = false;
          continue;
        }
        out += (out.empty() ? "{ " : "; ") + f->name + " = " + sub(t.field_type(f, r));
      }
      if (out.empty()) return "{ " + def->fields[0]->name + " = " + sub(t.field_type(def->fields[0], r)) + "; _ }";
      return out + (all ? " }" : "; _ }");
    }
    const Constructor* c = def->constructors[pick(def->constructors.size())];
    if (c->name == "::") return "(" + sub(r->args[0]) + " :: " + sub(type) + ")";
    if (c->args.empty()) return c->name;
    if (c->args.size() == 1)
      return "(" + c->name + " (" + sub(t.arena.substitute(c->args[0], def->params, r->args)) + "))";
    if (chance(20)) return "(" + c->name + " _)";
    std::string out = "(" + c->name + " (";
    for (size_t i = 0; i < c->args.size(); ++i)
      out += (i ? ", " : "") + sub(t.arena.substitute(c->args[i], def->params, r->args));
    return out + "))";
  }

  // `count` random matches on `type`, each checked as by `agrees`.
  void random_matches(Type* type, int value_depth, int pattern_depth, int count, unsigned seed) {
    std::mt19937 rng(seed);
    for (int n = 0; n < count; ++n) {
      std::vector<std::string> clauses;
      for (size_t k = 1 + rng() % 5; k > 0; --k) {
        int next_var = 0;
        std::string p = random_pattern(rng, type, pattern_depth, true, next_var);
        clauses.push_back(rng() % 5 == 0 ? p + " when" : p);
      }
      std::string listing;
      for (const std::string& c : clauses) listing += " | " + c;
      SCOPED_TRACE("match" + listing);
      Match m = parse(type, clauses);
      run_everywhere(m, type, value_depth);
      if (HasFailure()) return;
    }
  }
};

using MatchExhaustive = Match_;
using MatchUnused = Match_;
using MatchTree = Match_;

// ---------------------------------------------------------------------------
// Exhaustiveness and the missing value.

TEST_F(MatchExhaustive, Options) {
  Type* ob = t.option(t.bool_t());
  EXPECT_EQ(coverage(ob, {"Some _", "None"}), "ok");
  EXPECT_EQ(coverage(ob, {"Some _"}), "None");
  EXPECT_EQ(coverage(ob, {"None"}), "Some _");
  EXPECT_EQ(coverage(ob, {"None", "Some true"}), "Some false");
  EXPECT_EQ(coverage(t.option(t.option(t.int_t())), {"None", "Some None"}), "Some (Some _)");
  EXPECT_EQ(coverage(t.option(t.int_t()), {"None", "Some 0", "Some 1"}), "Some 2");
  EXPECT_EQ(coverage(t.option(t.list(t.int_t())), {"None", "Some []"}), "Some (_ :: _)");
}

TEST_F(MatchExhaustive, Lists) {
  Type* li = t.list(t.int_t());
  EXPECT_EQ(coverage(li, {"[]", "_ :: _"}), "ok");
  EXPECT_EQ(coverage(li, {"[]", "x :: xs"}), "ok");
  EXPECT_EQ(coverage(li, {"[]"}), "_ :: _");
  EXPECT_EQ(coverage(li, {"_ :: _"}), "[]");
  EXPECT_EQ(coverage(li, {"[]", "[_]"}), "_ :: _ :: _");
  EXPECT_EQ(coverage(li, {"_ :: _ :: _", "[]"}), "[_]");
  EXPECT_EQ(coverage(li, {"[]", "[x]", "[x; y]", "_ :: _ :: _ :: _"}), "ok");
  EXPECT_EQ(coverage(t.list(t.bool_t()), {"[]", "true :: _", "[false]"}), "false :: _ :: _");
  EXPECT_EQ(coverage(t.list(t.list(t.int_t())), {"[]", "_ :: _ :: _", "(_ :: _) :: _"}), "[[]]");
  EXPECT_EQ(coverage(t.list(t.list(t.int_t())), {"[]", "[] :: _", "[_] :: _"}), "(_ :: _ :: _) :: _");
}

TEST_F(MatchExhaustive, Bools) {
  Type* b = t.bool_t();
  EXPECT_EQ(coverage(b, {"true", "false"}), "ok");
  EXPECT_EQ(coverage(b, {"true"}), "false");
  EXPECT_EQ(coverage(b, {"false"}), "true");
  EXPECT_EQ(coverage(t.unit_t(), {"()"}), "ok");
}

TEST_F(MatchExhaustive, TuplesOfBools) {
  Type* bb = t.tuple({t.bool_t(), t.bool_t()});
  EXPECT_EQ(coverage(bb, {"(true, _)", "(_, true)"}), "(false, false)");
  EXPECT_EQ(coverage(bb, {"(true, _)", "(false, true)"}), "(false, false)");
  EXPECT_EQ(coverage(bb, {"(_, true)", "(true, false)"}), "(false, false)");
  EXPECT_EQ(coverage(bb, {"(true, true)", "(false, _)"}), "(true, false)");
  EXPECT_EQ(coverage(bb, {"(true, true)", "(false, false)", "(_, false)", "(false, true)"}), "ok");
  Type* bbb = t.tuple({t.bool_t(), t.bool_t(), t.bool_t()});
  EXPECT_EQ(coverage(bbb, {"(_, false, true)", "(false, true, _)", "(_, _, false)", "(_, _, true)"}), "ok");
  EXPECT_EQ(coverage(bbb, {"(_, false, true)", "(false, true, _)", "(_, _, false)"}), "(true, true, true)");
  EXPECT_EQ(coverage(t.tuple({bb, t.bool_t()}), {"((true, _), _)", "(_, true)"}), "((false, _), false)");
}

TEST_F(MatchExhaustive, Trees) {
  Type* ti = t.tree_of(t.int_t());
  EXPECT_EQ(coverage(ti, {"Leaf", "Node _"}), "ok");
  EXPECT_EQ(coverage(ti, {"Leaf", "Node (l, x, r)"}), "ok");
  EXPECT_EQ(coverage(ti, {"Node _"}), "Leaf");
  EXPECT_EQ(coverage(ti, {"Leaf"}), "Node _");
  EXPECT_EQ(coverage(ti, {"Leaf", "Node (_, _, Leaf)", "Node (Node _, _, _)"}), "Node (Leaf, _, Node _)");
  EXPECT_EQ(coverage(ti, {"Leaf", "Node (Leaf, 0, _)", "Node (Node _, _, _)"}), "Node (Leaf, 1, _)");
  EXPECT_EQ(coverage(t.tree_of(t.bool_t()), {"Leaf", "Node (Leaf, _, _)", "Node (Node (_, true, _), _, _)"}),
            "Node (Node (_, false, _), _, _)");
  EXPECT_EQ(coverage(t.shape_t(), {"Circle _", "Rect (true, _)", "Empty"}), "Dot");
  EXPECT_EQ(coverage(t.shape_t(), {"Circle _", "Dot", "Rect (true, _)", "Empty"}), "Rect (false, _)");
}

TEST_F(MatchExhaustive, Records) {
  Type* p = t.point_t();
  EXPECT_EQ(coverage(p, {"{ x; y }"}), "ok");
  EXPECT_EQ(coverage(p, {"{ y = true; _ }", "{ y = false; x }"}), "ok");
  EXPECT_EQ(coverage(p, {"{ y = true; _ }"}), "{ y = false; _ }");
  EXPECT_EQ(coverage(p, {"{ x = 0; _ }", "{ y = true; _ }"}), "{ x = 1; y = false }");
  EXPECT_EQ(coverage(t.option(p), {"None", "Some { x = 0; _ }"}), "Some { x = 1; _ }");
}

TEST_F(MatchExhaustive, IntsStringsCharsFloats) {
  EXPECT_EQ(coverage(t.int_t(), {"1", "2"}), "0");
  EXPECT_EQ(coverage(t.int_t(), {"0", "1", "3"}), "2");
  EXPECT_EQ(coverage(t.int_t(), {"0", "n"}), "ok");
  EXPECT_EQ(coverage(t.string_t(), {"\"x\""}), "\"\"");
  EXPECT_EQ(coverage(t.string_t(), {"\"\"", "\"a\""}), "\"b\"");
  EXPECT_EQ(coverage(t.char_t(), {"'a'"}), "'b'");
  EXPECT_EQ(coverage(t.float_t(), {"0.", "1.5"}), "1.");
  EXPECT_EQ(coverage(t.tuple({t.int_t(), t.string_t()}), {"(0, _)", "(_, \"\")"}), "(1, \"a\")");
}

TEST_F(MatchExhaustive, Arrays) {
  Type* a = t.array(t.int_t());
  EXPECT_EQ(coverage(a, {"[||]"}), "[|_|]");
  EXPECT_EQ(coverage(a, {"[|_|]"}), "[||]");
  EXPECT_EQ(coverage(a, {"[||]", "[|_|]", "[|_; 0|]"}), "[|_; _; _|]");
  EXPECT_EQ(coverage(a, {"[||]", "[|_|]", "[|_; _|]"}), "[|_; _; _|]");
  EXPECT_EQ(coverage(a, {"[||]", "_"}), "ok");
}

TEST_F(MatchExhaustive, OrPatterns) {
  Type* ob = t.option(t.bool_t());
  EXPECT_EQ(coverage(ob, {"Some (true | false)", "None"}), "ok");
  EXPECT_EQ(coverage(ob, {"None | Some true"}), "Some false");
  EXPECT_EQ(coverage(t.shape_t(), {"Circle _ | Dot", "Rect _ | Empty"}), "ok");
  EXPECT_EQ(coverage(t.tuple({t.bool_t(), t.bool_t()}), {"(true, _) | (_, true)"}), "(false, false)");
  EXPECT_EQ(coverage(t.list(t.int_t()), {"([] | [_]) as l", "_ :: _ :: _"}), "ok");
}

TEST_F(MatchExhaustive, GuardsDoNotCover) {
  Type* ob = t.option(t.bool_t());
  EXPECT_EQ(coverage(ob, {"Some _", "_ when"}), "None");
  EXPECT_EQ(coverage(ob, {"x when"}), "_");
  EXPECT_EQ(coverage(ob, {"None", "Some x when", "Some true"}), "Some false");
  EXPECT_EQ(coverage(ob, {"x when", "_"}), "ok");
}

TEST_F(MatchExhaustive, ExceptionsAreOpen) {
  Type* e = t.exn_t();
  EXPECT_EQ(coverage(e, {"Not_found", "Failure _"}), "_");
  EXPECT_EQ(coverage(e, {"Not_found", "_"}), "ok");
}

TEST_F(MatchExhaustive, NoClauses) { EXPECT_EQ(coverage(t.int_t(), {}), "_"); }

// ---------------------------------------------------------------------------
// Unused clauses.

TEST_F(MatchUnused, AfterAWildcard) {
  Type* ob = t.option(t.bool_t());
  EXPECT_EQ(unused(ob, {"_", "None"}), std::vector<size_t>{1});
  EXPECT_EQ(unused(ob, {"x", "Some _", "_"}), (std::vector<size_t>{1, 2}));
  EXPECT_EQ(unused(ob, {"Some _", "None", "_"}), std::vector<size_t>{2});
  EXPECT_EQ(unused(t.exn_t(), {"_", "Not_found"}), std::vector<size_t>{1});
}

TEST_F(MatchUnused, DuplicatedConstructor) {
  Type* ob = t.option(t.bool_t());
  EXPECT_EQ(unused(ob, {"None", "Some _", "None"}), std::vector<size_t>{2});
  EXPECT_EQ(unused(ob, {"Some true", "Some false", "Some _", "None"}), std::vector<size_t>{2});
  EXPECT_EQ(unused(t.int_t(), {"1", "2", "1", "_"}), std::vector<size_t>{2});
  EXPECT_EQ(unused(t.list(t.int_t()), {"[]", "[x]", "_ :: []", "_"}), std::vector<size_t>{2});
  EXPECT_EQ(unused(t.array(t.int_t()), {"[|_|]", "[|0|]", "_"}), std::vector<size_t>{1});
  EXPECT_EQ(unused(t.point_t(), {"{ x = 0; _ }", "{ x = 0; y = true }", "_"}), std::vector<size_t>{1});
}

TEST_F(MatchUnused, CoveredByAnEarlierOrPattern) {
  EXPECT_EQ(unused(t.shape_t(), {"Circle _ | Dot", "Dot", "_"}), std::vector<size_t>{1});
  EXPECT_EQ(unused(t.tuple({t.bool_t(), t.bool_t()}), {"(true, _) | (_, true)", "(true, true)", "_"}),
            std::vector<size_t>{1});
}

TEST_F(MatchUnused, GuardsOnlyCoverNothing) {
  Type* ob = t.option(t.bool_t());
  EXPECT_TRUE(unused(ob, {"None when", "None", "Some _"}).empty());
  EXPECT_EQ(unused(ob, {"_", "Some x when"}), std::vector<size_t>{1});
  EXPECT_TRUE(unused(ob, {"Some true", "Some _ when", "_"}).empty());
}

// ---------------------------------------------------------------------------
// Decision trees against naive first-match.

TEST_F(MatchTree, Options) {
  agrees(t.option(t.bool_t()), 2, {"Some true", "None"});
  agrees(t.option(t.option(t.bool_t())), 3, {"Some (Some false)", "Some None", "x"});
}

TEST_F(MatchTree, Lists) {
  agrees(t.list(t.int_t()), 4, {"[]", "[x]", "[1; y]", "x :: 2 :: t", "_ :: _ :: _"});
  agrees(t.list(t.bool_t()), 5, {"true :: false :: t", "[]", "_ :: true :: _", "[_; _; _]", "l"});
}

TEST_F(MatchTree, Trees) {
  agrees(t.tree_of(t.int_t()), 2,
         {"Leaf", "Node (Leaf, x, Leaf)", "Node (Node _, 1, r)", "Node (l, x, Node (Leaf, 2, _))", "Node _"});
  agrees(t.tree_of(t.bool_t()), 3,
         {"Node (Node (_, true, _), false, Node (Leaf, true, _))", "Node (_, _, Node (Node _, b, _))",
          "Node (Leaf, _, _) as n", "Leaf"});
}

TEST_F(MatchTree, TuplesOfBools) {
  agrees(t.tuple({t.bool_t(), t.bool_t(), t.bool_t()}), 1,
         {"(_, false, true)", "(false, true, _)", "(_, _, false)", "(_, _, true)"});
  agrees(t.tuple({t.tuple({t.bool_t(), t.bool_t()}), t.bool_t()}), 1,
         {"((true, a), false)", "(p, true)", "((_, b), _)"});
}

TEST_F(MatchTree, Records) {
  agrees(t.point_t(), 1, {"{ x = 0; y = true }", "{ y = false; _ }", "{ x; y }"});
  agrees(t.tuple({t.point_t(), t.option(t.point_t())}), 2,
         {"({ x = 1; _ }, Some { y = true; x })", "(p, Some { x = 2; _ })", "(_, None)", "({ y; _ }, _)"});
}

TEST_F(MatchTree, Literals) {
  agrees(t.int_t(), 0, {"1", "-1", "x"});
  agrees(t.string_t(), 0, {"\"a\"", "\"\"", "s"});
  agrees(t.char_t(), 0, {"'a' | 'b'", "c"});
  agrees(t.float_t(), 0, {"1.5", "0.", "_"});
  agrees(t.tuple({t.unit_t(), t.bool_t()}), 0, {"((), true)", "(u, false)"});
  agrees(t.tuple({t.int_t(), t.string_t()}), 0, {"(0, \"a\")", "(1, _)", "(_, \"b\")", "(n, s)"});
}

TEST_F(MatchTree, Arrays) {
  agrees(t.array(t.int_t()), 1, {"[||]", "[|x|]", "[|1; _|]", "[|_; 2|] | [|2; _|]", "_"});
  agrees(t.array(t.bool_t()), 1, {"[|true; _; false|]", "[|_; true; _|]", "a"});
}

TEST_F(MatchTree, Aliases) {
  agrees(t.option(t.list(t.bool_t())), 3, {"Some ((_ :: _) as l)", "Some [] as o", "None"});
  agrees(t.tree_of(t.bool_t()), 2, {"Node ((Node _ as l), (true as b), r) as n", "(Leaf | Node _) as z"});
}

TEST_F(MatchTree, OrPatterns) {
  agrees(t.option(t.tuple({t.bool_t(), t.bool_t()})), 2, {"Some ((true, x) | (x, true))", "Some _", "None"});
  agrees(t.shape_t(), 1, {"Circle 0 | Rect (true, _) | Dot", "Rect (_, b) | Circle _", "Empty"});
  agrees(t.list(t.int_t()), 3, {"[] | [_]", "(1 | 2) :: (x :: _ | [x])", "_"});
}

// Or-patterns that cover part of a type, side by side: after each column's
// test, its alternatives continue alike, so the two cases share one node
// (tests/fuzz/crashes/match_partial_or_patterns.fl). A tree had a leaf per
// combination of alternatives, 2^24 here.
TEST_F(MatchTree, PartialOrPatternsSideBySideShareNodes) {
  std::vector<Type*> columns(24, t.shape_t());
  std::string row;
  for (size_t i = 0; i < columns.size(); ++i) row += std::string(i ? ", " : "(") + "(Dot | Empty)";
  Match m = parse(t.tuple(columns), {row + ")", "_"});
  CompiledMatch c = compile_match(m.clauses, types::resolve(m.patterns[0]->type));
  std::set<const Decision*> seen;
  EXPECT_LE(count_nodes(*c.tree, seen), 2 * columns.size() + 2);
  agrees(t.tuple({t.shape_t(), t.shape_t(), t.shape_t()}), 1,
         {"((Dot | Empty), (Dot | Empty), (Dot | Empty))", "(Circle x, _, (Rect (b, _) | Circle _)) when",
          "((Dot | Empty), x, _)", "(_, (Rect (true, b) | Rect (b, true)), _)", "_"});
}

// In `p1 | p2 when g`, the first alternative that matches binds, and a false
// guard fails the whole clause (spec section 9).
TEST_F(MatchTree, Guards) {
  Type* ii = t.tuple({t.int_t(), t.int_t()});
  agrees(ii, 0, {"(x, 1) | (1, x) when", "(0, _) | (_, 0)", "(x, y) when", "_"});
  // Both alternatives match (1, 2, 1), binding x to 1 and to 2: only the
  // first binding may reach the guard.
  agrees(t.tuple({t.int_t(), t.int_t(), t.int_t()}), 0, {"(x, _, 1) | (_, x, _) when", "(0, y, _) when", "_"});
  agrees(t.result(t.int_t(), t.bool_t()), 1, {"Ok 0", "Error true", "Ok x when", "Error _ when", "Ok _"});
  agrees(t.list(t.tuple({t.bool_t(), t.int_t()})), 2,
         {"[]", "(true, 0) :: _", "[(false, x)]", "(b, 1) :: (c, _) :: _ when", "_ :: t when", "_ :: _"});
  agrees(t.option(t.tuple({t.int_t(), t.bool_t()})), 1, {"x when", "Some (n, b) when", "None", "_"});
}

TEST_F(MatchTree, Exceptions) {
  agrees(t.exn_t(), 1,
         {"Not_found", "Failure \"a\"", "Failure s when", "Invalid_argument _", "Assert_failure (_, 1, _)"});
}

TEST_F(MatchTree, TestsTheFirstRowsColumn) {
  // The first row needs only column 1; the tree must not insist on column 0.
  Match m = parse(t.tuple({t.option(t.int_t()), t.bool_t()}), {"(_, true)", "(Some _, false)", "(None, false)"});
  CompiledMatch c = compile_match(m.clauses, types::resolve(m.patterns[0]->type));
  ASSERT_EQ(c.tree->kind, Decision::Kind::Switch);
  const Occurrence& o = c.occurrences[c.tree->occurrence];
  EXPECT_EQ(o.parent, 0);
  EXPECT_EQ(o.index, 1);
  EXPECT_EQ(c.tree->cases.size(), 2u);
  EXPECT_EQ(c.tree->fallback, nullptr);
}

TEST_F(MatchTree, OccurrenceTypes) {
  // Node's arguments are typed at the instance, not at the declaration.
  Type* ti = t.tree_of(t.int_t());
  Match m = parse(ti, {"Node (Leaf, 0, _)", "_"});
  CompiledMatch c = compile_match(m.clauses, ti);
  for (const Occurrence& o : c.occurrences) {
    if (o.ctor && o.ctor->name == "Node") {
      Type* r = types::resolve(o.type);
      if (o.index == 1) {
        EXPECT_EQ(r->def, t.arena.builtin("int"));
      } else {
        EXPECT_EQ(r->def, t.tree);
        ASSERT_EQ(r->args.size(), 1u);
        EXPECT_EQ(types::resolve(r->args[0])->def, t.arena.builtin("int"));
      }
    }
  }
}

}  // namespace
}  // namespace fl::match

namespace fl::match {
namespace {

// Many random matches: the tree agrees with first-match, an exhaustive
// match never fails, and a clause reported unused is never chosen.
TEST_F(MatchTree, RandomMatches) {
  random_matches(t.option(t.tuple({t.bool_t(), t.int_t()})), 2, 3, 300, 1);
  random_matches(t.list(t.bool_t()), 4, 4, 300, 2);
  random_matches(t.tree_of(t.bool_t()), 2, 3, 300, 3);
  random_matches(t.tuple({t.shape_t(), t.list(t.int_t())}), 2, 3, 300, 4);
  random_matches(t.tuple({t.point_t(), t.array(t.bool_t())}), 2, 3, 300, 5);
  random_matches(t.result(t.option(t.bool_t()), t.tuple({t.bool_t(), t.unit_t()})), 2, 3, 300, 6);
  random_matches(t.list(t.option(t.tree_of(t.bool_t()))), 3, 4, 200, 7);
}

}  // namespace
}  // namespace fl::match
