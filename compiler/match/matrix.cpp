// Rewrites the checker's annotated patterns into the simple form of
// matrix.h, and answers the questions both algorithms ask about the heads
// found in one column.
#include "match/matrix.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace fl::match {

using ast::Literal;
using ast::Pattern;

namespace {

bool same_literal(const Literal& a, const Literal& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Literal::Kind::Int:
    case Literal::Kind::Char:
    case Literal::Kind::Bool: return a.int_value == b.int_value;
    case Literal::Kind::String: return a.string_value == b.string_value;
    // Bit patterns, so that a repeated `nan` or `-0.` is recognised as such.
    case Literal::Kind::Float: return std::memcmp(&a.float_value, &b.float_value, sizeof(double)) == 0;
    case Literal::Kind::Unit: return true;
  }
  return false;
}

const types::Constructor* list_constructor(types::Type* list_type, const char* name) {
  types::Type* t = types::resolve(list_type);
  assert(t->kind == types::Type::Kind::Con && t->def && "list pattern without its list type");
  for (const types::Constructor* c : t->def->constructors)
    if (c->name == name) return c;
  assert(false && "list type without [] or ::");
  return nullptr;
}

}  // namespace

bool Head::operator==(const Head& other) const {
  if (kind != other.kind) return false;
  switch (kind) {
    case Kind::Constructor: return ctor == other.ctor;
    case Kind::Tuple: return arity == other.arity;
    case Kind::Record: return record == other.record;
    case Kind::Literal: return same_literal(literal, other.literal);
    case Kind::Array: return arity == other.arity;
  }
  return false;
}

Pat* PatPool::make(Pat::Kind kind, types::Type* type) {
  Pat& p = pats_.emplace_back();
  p.kind = kind;
  p.type = type;
  return &p;
}

const Pat* PatPool::any(types::Type* type) {
  if (type) return make(Pat::Kind::Any, type);
  if (!blank_) blank_ = make(Pat::Kind::Any, nullptr);
  return blank_;
}

const Pat* PatPool::constructor(const types::Constructor* ctor, types::Type* type, std::vector<const Pat*> args) {
  Pat* p = make(Pat::Kind::Head, type);
  p->head.kind = Head::Kind::Constructor;
  p->head.ctor = ctor;
  p->head.arity = args.size();
  p->args = std::move(args);
  return p;
}

const Pat* PatPool::lower(const Pattern& p) {
  switch (p.kind) {
    case Pattern::Kind::Wildcard: return make(Pat::Kind::Any, p.type);
    case Pattern::Kind::Var: {
      Pat* r = make(Pat::Kind::Any, p.type);
      r->binders.push_back(p.as<ast::VarPattern>().symbol);
      return r;
    }
    case Pattern::Kind::Literal: {
      const Literal& lit = p.as<ast::LiteralPattern>().value;
      // unit has one value: `()` tests nothing.
      if (lit.kind == Literal::Kind::Unit) return make(Pat::Kind::Any, p.type);
      Pat* r = make(Pat::Kind::Head, p.type);
      r->head.kind = Head::Kind::Literal;
      r->head.literal = lit;
      return r;
    }
    case Pattern::Kind::Construct: {
      auto& c = p.as<ast::ConstructPattern>();
      if (!c.ctor) return make(Pat::Kind::Any, p.type);  // the checker reported it
      size_t arity = c.ctor->args.size();
      std::vector<const Pat*> args;
      if (arity == 1) {
        args.push_back(c.arg ? lower(*c.arg) : any());
      } else if (arity > 1) {
        // `Node (l, x, r)`, or `Node _` standing for every argument.
        if (c.arg && c.arg->kind == Pattern::Kind::Tuple && c.arg->as<ast::TuplePattern>().elements.size() == arity) {
          for (auto& e : c.arg->as<ast::TuplePattern>().elements) args.push_back(lower(*e));
        } else {
          types::Type* t = c.arg && c.arg->type ? types::resolve(c.arg->type) : nullptr;
          bool typed = t && t->kind == types::Type::Kind::Tuple && t->args.size() == arity;
          for (size_t i = 0; i < arity; ++i) args.push_back(any(typed ? t->args[i] : nullptr));
        }
      }
      return constructor(c.ctor, p.type, std::move(args));
    }
    case Pattern::Kind::Tuple: {
      auto& t = p.as<ast::TuplePattern>();
      Pat* r = make(Pat::Kind::Head, p.type);
      r->head.kind = Head::Kind::Tuple;
      r->head.arity = t.elements.size();
      for (auto& e : t.elements) r->args.push_back(lower(*e));
      return r;
    }
    case Pattern::Kind::List: {
      // [a; b] is a :: b :: []; every tail has the list's own type.
      auto& l = p.as<ast::ListPattern>();
      const Pat* r = constructor(list_constructor(p.type, "[]"), p.type, {});
      const types::Constructor* cons = list_constructor(p.type, "::");
      for (size_t i = l.elements.size(); i-- > 0;) r = constructor(cons, p.type, {lower(*l.elements[i]), r});
      return r;
    }
    case Pattern::Kind::Cons: {
      auto& c = p.as<ast::ConsPattern>();
      return constructor(list_constructor(p.type, "::"), p.type, {lower(*c.head), lower(*c.tail)});
    }
    case Pattern::Kind::Record: {
      auto& rec = p.as<ast::RecordPattern>();
      const types::TypeDef* def = nullptr;
      for (auto& f : rec.fields)
        if (f.field) def = f.field->owner;
      if (!def) return make(Pat::Kind::Any, p.type);
      Pat* r = make(Pat::Kind::Head, p.type);
      r->head.kind = Head::Kind::Record;
      r->head.record = def;
      r->head.arity = def->fields.size();
      r->args.assign(def->fields.size(), any());
      for (auto& f : rec.fields) {
        auto it = std::find(def->fields.begin(), def->fields.end(), f.field);
        if (it != def->fields.end()) r->args[it - def->fields.begin()] = lower(*f.pattern);
      }
      return r;
    }
    case Pattern::Kind::Array: {
      auto& a = p.as<ast::ArrayPattern>();
      Pat* r = make(Pat::Kind::Head, p.type);
      r->head.kind = Head::Kind::Array;
      r->head.arity = a.elements.size();
      for (auto& e : a.elements) r->args.push_back(lower(*e));
      return r;
    }
    case Pattern::Kind::Or: {
      auto& o = p.as<ast::OrPattern>();
      Pat* r = make(Pat::Kind::Or, p.type);
      r->args = {lower(*o.left), lower(*o.right)};
      // `true | false`, `None | Some _`: every value, nothing bound, is a
      // wildcard. Side by side, such or-patterns would otherwise make both
      // the coverage check and the decision tree exponential.
      std::vector<Head> heads;
      bool plain = true;
      for (const Alternative& alt : alternatives(r)) {
        plain = plain && alt.binders.empty() && alt.pat->kind == Pat::Kind::Head && alt.pat->binders.empty();
        if (!plain) break;
        for (const Pat* arg : alt.pat->args) plain = plain && arg->kind == Pat::Kind::Any && arg->binders.empty();
      }
      if (plain) collect_heads(r, heads);
      if (plain && is_complete(heads)) r->kind = Pat::Kind::Any, r->args.clear();
      return r;
    }
    case Pattern::Kind::Alias: {
      auto& a = p.as<ast::AliasPattern>();
      Pat* r = make(Pat::Kind::Any, p.type);
      *r = *lower(*a.pattern);
      if (!r->type) r->type = p.type;
      r->binders.push_back(a.symbol);
      return r;
    }
    case Pattern::Kind::Annot: return lower(*p.as<ast::AnnotPattern>().pattern);
  }
  return any();
}

namespace {

void flatten(const Pat* p, std::vector<types::Symbol*> binders, std::vector<Alternative>& out) {
  if (p->kind != Pat::Kind::Or) {
    out.push_back({p, std::move(binders)});
    return;
  }
  binders.insert(binders.end(), p->binders.begin(), p->binders.end());
  for (const Pat* alt : p->args) flatten(alt, binders, out);
}

}  // namespace

std::vector<Alternative> alternatives(const Pat* p) {
  std::vector<Alternative> out;
  flatten(p, {}, out);
  return out;
}

void collect_heads(const Pat* p, std::vector<Head>& heads) {
  if (p->kind == Pat::Kind::Or) {
    for (const Pat* alt : p->args) collect_heads(alt, heads);
  } else if (p->kind == Pat::Kind::Head) {
    if (std::find(heads.begin(), heads.end(), p->head) == heads.end()) heads.push_back(p->head);
  }
}

bool is_complete(const std::vector<Head>& heads) {
  if (heads.empty()) return false;
  const Head& h = heads.front();
  switch (h.kind) {
    case Head::Kind::Tuple:
    case Head::Kind::Record: return true;
    case Head::Kind::Array: return false;
    case Head::Kind::Constructor: {
      const types::TypeDef* owner = h.ctor->owner;
      // Exceptions form an open type: no list of them is ever complete.
      if (h.ctor->is_exception || !owner || owner->kind != types::TypeDef::Kind::Variant) return false;
      return heads.size() >= owner->constructors.size();
    }
    case Head::Kind::Literal:
      switch (h.literal.kind) {
        case Literal::Kind::Bool: return heads.size() >= 2;
        case Literal::Kind::Char: return heads.size() >= 256;
        case Literal::Kind::Unit: return true;
        default: return false;
      }
  }
  return false;
}

namespace {

bool has_literal(const std::vector<Head>& heads, const Literal& lit) {
  for (const Head& h : heads)
    if (h.kind == Head::Kind::Literal && same_literal(h.literal, lit)) return true;
  return false;
}

// "", "a" ... "z", "aa", "ab" ...: the strings in order of length, then
// alphabetically over a..z.
std::string nth_string(size_t n) {
  std::string s;
  while (n > 0) {
    --n;
    s.insert(s.begin(), static_cast<char>('a' + n % 26));
    n /= 26;
  }
  return s;
}

}  // namespace

bool missing_head(const std::vector<Head>& heads, Head& out) {
  if (heads.empty()) return false;
  const Head& h = heads.front();
  out = Head{};
  out.kind = h.kind;
  switch (h.kind) {
    case Head::Kind::Tuple:
    case Head::Kind::Record: return false;
    case Head::Kind::Array:
      for (size_t n = 0;; ++n) {
        out.arity = n;
        if (std::find(heads.begin(), heads.end(), out) == heads.end()) return true;
      }
    case Head::Kind::Constructor:
      if (h.ctor->is_exception || !h.ctor->owner) return false;
      for (const types::Constructor* c : h.ctor->owner->constructors) {
        out.ctor = c;
        out.arity = c->args.size();
        if (std::find(heads.begin(), heads.end(), out) == heads.end()) return true;
      }
      return false;
    case Head::Kind::Literal: {
      Literal& lit = out.literal;
      lit.kind = h.literal.kind;
      switch (lit.kind) {
        case Literal::Kind::Bool:
        case Literal::Kind::Int:
          for (lit.int_value = 0;; ++lit.int_value)
            if (!has_literal(heads, lit)) return true;
        case Literal::Kind::Char:
          for (lit.int_value = 'a'; lit.int_value <= 'z'; ++lit.int_value)
            if (!has_literal(heads, lit)) return true;
          for (lit.int_value = 0; lit.int_value < 256; ++lit.int_value)
            if (!has_literal(heads, lit)) return true;
          return false;
        case Literal::Kind::String:
          for (size_t n = 0;; ++n) {
            lit.string_value = nth_string(n);
            if (!has_literal(heads, lit)) return true;
          }
        case Literal::Kind::Float:
          for (lit.float_value = 0;; lit.float_value += 1)
            if (!has_literal(heads, lit)) return true;
        case Literal::Kind::Unit: return false;
      }
    }
  }
  return false;
}

}  // namespace fl::match
