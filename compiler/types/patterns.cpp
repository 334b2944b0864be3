// Typing patterns: each variable is defined once in the current scope; in
// an or-pattern both sides must bind the same variables at the same types,
// and share their symbols (the match compiler binds them once).
#include "types/infer.h"

#include <utility>

namespace fl::types {

using namespace fl::ast;

Type* Checker::infer_pattern(Pattern& p, bool top_level) {
  std::map<std::string, Symbol*> bound;
  return infer_pattern_inner(p, top_level, bound);
}

namespace {

// The variables a pattern binds, for the or-pattern check.
void variables_of(const Pattern& p, std::set<std::string>& out) {
  switch (p.kind) {
    case Pattern::Kind::Var: out.insert(p.as<VarPattern>().name); break;
    case Pattern::Kind::Construct:
      if (p.as<ConstructPattern>().arg) variables_of(*p.as<ConstructPattern>().arg, out);
      break;
    case Pattern::Kind::Tuple: for (auto& e : p.as<TuplePattern>().elements) variables_of(*e, out); break;
    case Pattern::Kind::List: for (auto& e : p.as<ListPattern>().elements) variables_of(*e, out); break;
    case Pattern::Kind::Array: for (auto& e : p.as<ArrayPattern>().elements) variables_of(*e, out); break;
    case Pattern::Kind::Cons:
      variables_of(*p.as<ConsPattern>().head, out);
      variables_of(*p.as<ConsPattern>().tail, out);
      break;
    case Pattern::Kind::Record: for (auto& f : p.as<RecordPattern>().fields) variables_of(*f.pattern, out); break;
    case Pattern::Kind::Or: variables_of(*p.as<OrPattern>().left, out); break;
    case Pattern::Kind::Alias:
      out.insert(p.as<AliasPattern>().name);
      variables_of(*p.as<AliasPattern>().pattern, out);
      break;
    case Pattern::Kind::Annot: variables_of(*p.as<AnnotPattern>().pattern, out); break;
    default: break;
  }
}

}  // namespace

// `bound` holds the variables bound so far in this pattern; on the right of
// an or-pattern it is frozen and variables are looked up in it instead.
Type* Checker::infer_pattern_inner(Pattern& p, bool top_level, std::map<std::string, Symbol*>& bound) {
  auto bind = [&](const std::string& name, Loc loc, Type* t) -> Symbol* {
    if (or_right_) {
      auto it = or_right_->find(name);
      if (it == or_right_->end()) return nullptr;  // reported by the Or case
      unify(t, it->second->scheme.body, loc, "this variable");
      return it->second;
    }
    if (bound.count(name)) {
      diags_.error(loc, "the variable " + name + " is bound several times in this matching");
      return bound[name];
    }
    Symbol* sym = define(name, loc, t, top_level);
    bound[name] = sym;
    return sym;
  };

  Type* expected = std::exchange(pattern_hint_, nullptr);
  Type* t = nullptr;
  switch (p.kind) {
    case Pattern::Kind::Wildcard:
      t = arena_.var(level_);
      break;
    case Pattern::Kind::Var: {
      auto& v = p.as<VarPattern>();
      t = arena_.var(level_);
      v.symbol = bind(v.name, p.loc, t);
      break;
    }
    case Pattern::Kind::Literal:
      t = literal_type(p.as<LiteralPattern>().value);
      break;
    case Pattern::Kind::Construct: {
      auto& c = p.as<ConstructPattern>();
      Constructor* ctor = constructor_for(c.constructor, p.loc, expected);
      if (!ctor) {
        if (c.arg) infer_pattern_inner(*c.arg, top_level, bound);
        t = arena_.var(level_);
        break;
      }
      c.ctor = ctor;
      std::vector<Type*> fresh = fresh_params(ctor->owner);
      t = arena_.con(ctor->owner, fresh);
      std::vector<Type*> args;
      for (Type* a : ctor->args) args.push_back(arena_.substitute(a, ctor->owner->params, fresh));
      if (!c.arg) {
        if (!args.empty())
          diags_.error(p.loc, "the constructor " + ctor->name + " expects " + std::to_string(args.size()) +
                                  " argument(s), but is applied here to 0 argument(s)");
        break;
      }
      if (args.empty()) {
        diags_.error(p.loc, "the constructor " + ctor->name + " expects 0 argument(s), but is applied here to 1 argument(s)");
        infer_pattern_inner(*c.arg, top_level, bound);
        break;
      }
      if (args.size() == 1) {
        pattern_hint_ = args[0];
        unify(infer_pattern_inner(*c.arg, top_level, bound), args[0], c.arg->loc, "this pattern");
        break;
      }
      // Several arguments: `Node (l, x, r)`, or `Node _` for all of them.
      if (c.arg->kind == Pattern::Kind::Wildcard) {
        c.arg->type = arena_.tuple(args);
        break;
      }
      if (c.arg->kind != Pattern::Kind::Tuple || c.arg->as<TuplePattern>().elements.size() != args.size()) {
        size_t n = c.arg->kind == Pattern::Kind::Tuple ? c.arg->as<TuplePattern>().elements.size() : 1;
        diags_.error(p.loc, "the constructor " + ctor->name + " expects " + std::to_string(args.size()) +
                                " argument(s), but is applied here to " + std::to_string(n) + " argument(s)");
        infer_pattern_inner(*c.arg, top_level, bound);
        break;
      }
      auto& elements = c.arg->as<TuplePattern>().elements;
      for (size_t i = 0; i < args.size(); ++i) {
        pattern_hint_ = args[i];
        unify(infer_pattern_inner(*elements[i], top_level, bound), args[i], elements[i]->loc, "this pattern");
      }
      c.arg->type = arena_.tuple(args);
      break;
    }
    case Pattern::Kind::Tuple: {
      std::vector<Type*> elements;
      auto& items = p.as<TuplePattern>().elements;
      Type* whole = expected ? resolve(expected) : nullptr;
      for (size_t i = 0; i < items.size(); ++i) {
        if (whole && whole->kind == Type::Kind::Tuple && whole->args.size() == items.size()) pattern_hint_ = whole->args[i];
        elements.push_back(infer_pattern_inner(*items[i], top_level, bound));
      }
      t = arena_.tuple(std::move(elements));
      break;
    }
    case Pattern::Kind::List: {
      Type* element = arena_.var(level_);
      for (auto& e : p.as<ListPattern>().elements)
        unify(infer_pattern_inner(*e, top_level, bound), element, e->loc, "this pattern");
      t = arena_.list_type(element);
      break;
    }
    case Pattern::Kind::Array: {
      Type* element = arena_.var(level_);
      for (auto& e : p.as<ArrayPattern>().elements)
        unify(infer_pattern_inner(*e, top_level, bound), element, e->loc, "this pattern");
      t = arena_.array_type(element);
      break;
    }
    case Pattern::Kind::Cons: {
      auto& c = p.as<ConsPattern>();
      Type* head = infer_pattern_inner(*c.head, top_level, bound);
      t = arena_.list_type(head);
      unify(infer_pattern_inner(*c.tail, top_level, bound), t, c.tail->loc, "this pattern");
      break;
    }
    case Pattern::Kind::Record: {
      auto& r = p.as<RecordPattern>();
      TypeDef* owner = nullptr;
      std::vector<Type*> fresh;
      for (auto& f : r.fields) {
        Field* field = lookup_field(f.name, f.loc);
        Type* ft = infer_pattern_inner(*f.pattern, top_level, bound);
        if (!field) continue;
        if (!owner) {
          owner = field->owner;
          fresh = fresh_params(owner);
        } else if (field->owner != owner) {
          diags_.error(f.loc, "the field " + field->name + " does not belong to the type " + owner->name);
          continue;
        }
        f.field = field;
        unify(ft, arena_.substitute(field->type, owner->params, fresh), f.pattern->loc, "this pattern");
      }
      t = owner ? arena_.con(owner, fresh) : arena_.var(level_);
      break;
    }
    case Pattern::Kind::Or: {
      auto& o = p.as<OrPattern>();
      t = infer_pattern_inner(*o.left, top_level, bound);
      std::set<std::string> left, right;
      variables_of(*o.left, left);
      variables_of(*o.right, right);
      if (left != right) {
        diags_.error(p.loc, "both sides of this or-pattern must bind the same variables");
        break;
      }
      auto* saved = or_right_;
      std::map<std::string, Symbol*> left_symbols;
      for (const std::string& name : left) left_symbols[name] = bound[name];
      or_right_ = &left_symbols;
      unify(infer_pattern_inner(*o.right, top_level, bound), t, o.right->loc, "this pattern");
      or_right_ = saved;
      break;
    }
    case Pattern::Kind::Alias: {
      auto& a = p.as<AliasPattern>();
      pattern_hint_ = expected;
      t = infer_pattern_inner(*a.pattern, top_level, bound);
      a.symbol = bind(a.name, p.loc, t);
      break;
    }
    case Pattern::Kind::Annot: {
      auto& a = p.as<AnnotPattern>();
      Type* annotation = type_of_annotation(*a.annotation);
      pattern_hint_ = annotation;
      t = infer_pattern_inner(*a.pattern, top_level, bound);
      unify(t, annotation, p.loc, "this pattern");
      break;
    }
  }
  p.type = t;
  return t;
}

Type* Checker::literal_type(const Literal& lit) {
  switch (lit.kind) {
    case Literal::Kind::Int: return arena_.int_type();
    case Literal::Kind::Float: return arena_.float_type();
    case Literal::Kind::Char: return arena_.char_type();
    case Literal::Kind::String: return arena_.string_type();
    case Literal::Kind::Bool: return arena_.bool_type();
    case Literal::Kind::Unit: return arena_.unit_type();
  }
  return arena_.unit_type();
}

}  // namespace fl::types
