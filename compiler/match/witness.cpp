// Missing values printed as fl source, the way `show` prints values (spec
// section 9), with `_` for the parts that do not matter.
#include "match/witness.h"

#include <cstdio>

namespace fl::match {

namespace {

// Where a witness is printed; decides the parentheses it needs.
enum class Context {
  Top,       // whole value, tuple element, list element, record field
  ConsHead,  // left of `::`
  Argument,  // argument of a constructor
};

std::string escape(const std::string& s, char quote) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c == static_cast<unsigned char>(quote)) {
          out += '\\';
          out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

std::string print_literal(const ast::Literal& lit) {
  switch (lit.kind) {
    case ast::Literal::Kind::Int: return std::to_string(lit.int_value);
    case ast::Literal::Kind::Bool: return lit.int_value ? "true" : "false";
    case ast::Literal::Kind::Unit: return "()";
    case ast::Literal::Kind::Char: return "'" + escape(std::string(1, static_cast<char>(lit.int_value)), '\'') + "'";
    case ast::Literal::Kind::String: return "\"" + escape(lit.string_value, '"') + "\"";
    case ast::Literal::Kind::Float: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.12g", lit.float_value);
      std::string s = buf;
      if (s.find_first_of(".eni") == std::string::npos) s += '.';
      return s;
    }
  }
  return "_";
}

bool is_list_constructor(const Witness& w, const char* name) {
  return !w.any && w.head.kind == Head::Kind::Constructor && w.head.ctor->name == name;
}

std::string print(const Witness& w, Context context);

std::string join(const std::vector<Witness>& items, const char* separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += print(items[i], Context::Top);
  }
  return out;
}

std::string print_list(const Witness& w, Context context) {
  // Follow the spine: `[a; b]` when it ends in [], else `a :: b :: t`.
  std::vector<const Witness*> heads;
  const Witness* tail = &w;
  while (is_list_constructor(*tail, "::")) {
    heads.push_back(&tail->args[0]);
    tail = &tail->args[1];
  }
  if (is_list_constructor(*tail, "[]")) {
    std::string out = "[";
    for (size_t i = 0; i < heads.size(); ++i) out += (i ? "; " : "") + print(*heads[i], Context::Top);
    return out + "]";
  }
  std::string out;
  for (const Witness* h : heads) out += print(*h, Context::ConsHead) + " :: ";
  out += print(*tail, Context::ConsHead);
  return context == Context::Top ? out : "(" + out + ")";
}

std::string print(const Witness& w, Context context) {
  if (w.any) return "_";
  const Head& h = w.head;
  switch (h.kind) {
    case Head::Kind::Constructor: {
      if (h.ctor->name == "::" || h.ctor->name == "[]") return print_list(w, context);
      std::string out = h.ctor->name;
      if (w.args.empty()) return out;
      bool all_any = true;
      for (const Witness& a : w.args) all_any = all_any && a.any;
      if (w.args.size() == 1) {
        out += " " + print(w.args[0], Context::Argument);
      } else if (all_any) {
        out += " _";
      } else {
        out += " (" + join(w.args, ", ") + ")";
      }
      return context == Context::Argument ? "(" + out + ")" : out;
    }
    case Head::Kind::Tuple: return "(" + join(w.args, ", ") + ")";
    case Head::Kind::Record: {
      std::string out;
      bool open = false;
      for (size_t i = 0; i < w.args.size(); ++i) {
        if (w.args[i].any) {
          open = true;
          continue;
        }
        out += (out.empty() ? "{ " : "; ") + h.record->fields[i]->name + " = " + print(w.args[i], Context::Top);
      }
      if (out.empty()) return "_";
      return out + (open ? "; _ }" : " }");
    }
    case Head::Kind::Literal: {
      std::string out = print_literal(h.literal);
      return context == Context::Argument && out[0] == '-' ? "(" + out + ")" : out;
    }
    case Head::Kind::Array: return "[|" + join(w.args, "; ") + "|]";
  }
  return "_";
}

}  // namespace

std::string print_witness(const Witness& w) { return print(w, Context::Top); }

}  // namespace fl::match
