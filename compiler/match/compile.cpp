// Decision trees: Maranget, "Compiling pattern matching to good decision
// trees" (ML 2008), with identical subtrees shared: a subtree depends only
// on the matrix it is built from, so equal matrices get one node. The
// column tested is one the first row needs, preferring the longest run of
// rows from the top that test it too.
#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>

#include "match/decision_tree.h"
#include "match/matrix.h"

namespace fl::match {

namespace {

struct Row {
  std::vector<const Pat*> cells;  // one per column
  std::vector<Binding> bindings;  // made by the cells already taken apart
  size_t clause = 0;
};

struct Matrix {
  std::vector<int> occurrences;  // one per column
  std::vector<Row> rows;
};

bool is_blank(const Pat* p) { return p->kind == Pat::Kind::Any && p->binders.empty(); }

// The first head in a column, looking through or-patterns; null if none.
const Head* first_head(const Pat* p) {
  if (p->kind == Pat::Kind::Head) return &p->head;
  if (p->kind == Pat::Kind::Or)
    for (const Pat* alt : p->args)
      if (const Head* h = first_head(alt)) return h;
  return nullptr;
}

// `generic` (a constructor argument or field type, in terms of `owner`'s
// parameters) at the instance `parent`, when that needs no new type: a
// parameter, a closed type, or the owner type itself (`'a tree` in a tree).
types::Type* instantiate(types::Type* generic, const types::TypeDef* owner, types::Type* parent) {
  generic = types::resolve(generic);
  parent = parent ? types::resolve(parent) : nullptr;
  bool have_args = parent && parent->kind == types::Type::Kind::Con && parent->def == owner &&
                   parent->args.size() == owner->params.size();
  auto param_index = [&](types::Type* t) -> int {
    for (size_t i = 0; i < owner->params.size(); ++i)
      if (types::resolve(owner->params[i]) == t) return static_cast<int>(i);
    return -1;
  };
  auto closed = [&](auto& self, types::Type* t) -> bool {
    t = types::resolve(t);
    if (t->kind == types::Type::Kind::Var) return param_index(t) < 0;
    for (types::Type* a : t->args)
      if (!self(self, a)) return false;
    return true;
  };
  if (closed(closed, generic)) return generic;
  if (!have_args) return nullptr;
  if (int i = param_index(generic); i >= 0) return parent->args[i];
  if (generic->kind == types::Type::Kind::Con && generic->def == owner) {
    bool same = generic->args.size() == owner->params.size();
    for (size_t i = 0; same && i < generic->args.size(); ++i)
      same = param_index(types::resolve(generic->args[i])) == static_cast<int>(i);
    if (same) return parent;
  }
  return nullptr;
}

class TreeBuilder {
 public:
  TreeBuilder(const std::vector<Clause>& clauses, CompiledMatch& out) : clauses_(clauses), out_(out) {}

  DecisionPtr build(Matrix m);

 private:
  DecisionPtr build_new(Matrix m);
  int occurrence(int parent, int index, const types::Constructor* ctor, types::Type* type);
  types::Type* sub_type(const Matrix& m, size_t column, const Head& h, size_t arg);
  static void bind(Row& row, const Pat* p, int occurrence);
  void drop_blank_columns(Matrix& m);
  bool expand_or(Matrix& m, size_t column);
  void expand_product(Matrix& m, size_t column);
  size_t pick_column(const Matrix& m);
  DecisionPtr leaf(Matrix& m);
  DecisionPtr switch_on(Matrix& m, size_t column);

  const std::vector<Clause>& clauses_;
  CompiledMatch& out_;
  std::map<std::tuple<int, int, const types::Constructor*>, int> known_;
  PatPool blanks_;
  // Built nodes by their matrix, spelled as its occurrences, then each
  // row's clause, cells and bindings.
  std::map<std::vector<uintptr_t>, DecisionPtr> built_;
};

int TreeBuilder::occurrence(int parent, int index, const types::Constructor* ctor, types::Type* type) {
  auto key = std::make_tuple(parent, index, ctor);
  auto it = known_.find(key);
  if (it != known_.end()) return it->second;
  int id = static_cast<int>(out_.occurrences.size());
  out_.occurrences.push_back({parent, index, ctor, type});
  known_[key] = id;
  return id;
}

// The type of sub-value `arg` under head `h` of the column: the pattern
// type some row gives it, else what the parent's type says.
types::Type* TreeBuilder::sub_type(const Matrix& m, size_t column, const Head& h, size_t arg) {
  for (const Row& row : m.rows) {
    const Pat* p = row.cells[column];
    if (p->kind == Pat::Kind::Head && p->head == h && p->args[arg]->type) return p->args[arg]->type;
  }
  types::Type* parent = out_.occurrences[m.occurrences[column]].type;
  types::Type* t = parent ? types::resolve(parent) : nullptr;
  switch (h.kind) {
    case Head::Kind::Tuple:
      if (t && t->kind == types::Type::Kind::Tuple && t->args.size() == h.arity) return t->args[arg];
      return nullptr;
    case Head::Kind::Array:
      if (t && t->kind == types::Type::Kind::Con && t->args.size() == 1) return t->args[0];
      return nullptr;
    case Head::Kind::Constructor:
      if (types::Type* i = instantiate(h.ctor->args[arg], h.ctor->owner, parent)) return i;
      return h.ctor->args[arg];
    case Head::Kind::Record:
      return instantiate(h.record->fields[arg]->type, h.record, parent);
    case Head::Kind::Literal: break;
  }
  return nullptr;
}

void TreeBuilder::bind(Row& row, const Pat* p, int occurrence) {
  for (types::Symbol* s : p->binders) row.bindings.push_back({s, occurrence});
}

// A column of wildcards that bind nothing tests nothing: forget it.
void TreeBuilder::drop_blank_columns(Matrix& m) {
  for (size_t j = m.occurrences.size(); j-- > 0;) {
    bool blank = std::all_of(m.rows.begin(), m.rows.end(), [&](const Row& r) { return is_blank(r.cells[j]); });
    if (!blank) continue;
    m.occurrences.erase(m.occurrences.begin() + j);
    for (Row& r : m.rows) r.cells.erase(r.cells.begin() + j);
  }
}

// Replaces each row with an or-pattern in `column` by one row per
// alternative, in order; false if there was none.
bool TreeBuilder::expand_or(Matrix& m, size_t column) {
  bool any_or = std::any_of(m.rows.begin(), m.rows.end(),
                            [&](const Row& r) { return r.cells[column]->kind == Pat::Kind::Or; });
  if (!any_or) return false;
  std::vector<Row> rows;
  for (Row& row : m.rows) {
    if (row.cells[column]->kind != Pat::Kind::Or) {
      rows.push_back(std::move(row));
      continue;
    }
    for (const Alternative& alt : alternatives(row.cells[column])) {
      Row r = row;
      r.cells[column] = alt.pat;
      for (types::Symbol* s : alt.binders) r.bindings.push_back({s, m.occurrences[column]});
      rows.push_back(std::move(r));
    }
  }
  m.rows = std::move(rows);
  return true;
}

// A tuple or record column becomes one column per component, with no test.
// Record fields that no row looks at get no column.
void TreeBuilder::expand_product(Matrix& m, size_t column) {
  int occ = m.occurrences[column];
  Head h;
  for (const Row& row : m.rows)
    if (row.cells[column]->kind == Pat::Kind::Head) {
      h = row.cells[column]->head;
      break;
    }
  std::vector<size_t> kept;
  std::vector<int> subs;
  for (size_t i = 0; i < h.arity; ++i) {
    bool used = h.kind == Head::Kind::Tuple;
    for (const Row& row : m.rows) {
      const Pat* p = row.cells[column];
      used = used || (p->kind == Pat::Kind::Head && !is_blank(p->args[i]));
    }
    if (!used) continue;
    int index = h.kind == Head::Kind::Record ? h.record->fields[i]->index : static_cast<int>(i);
    kept.push_back(i);
    subs.push_back(occurrence(occ, index, nullptr, sub_type(m, column, h, i)));
  }
  for (Row& row : m.rows) {
    const Pat* p = row.cells[column];
    bind(row, p, occ);
    std::vector<const Pat*> cells;
    for (size_t i : kept) cells.push_back(p->kind == Pat::Kind::Head ? p->args[i] : blanks_.any());
    row.cells.erase(row.cells.begin() + column);
    row.cells.insert(row.cells.begin() + column, cells.begin(), cells.end());
  }
  m.occurrences.erase(m.occurrences.begin() + column);
  m.occurrences.insert(m.occurrences.begin() + column, subs.begin(), subs.end());
}

// Among the columns the first row tests, the one tested by the longest run
// of rows from the top (Maranget's "needed prefix"); the leftmost on ties.
size_t TreeBuilder::pick_column(const Matrix& m) {
  size_t best = 0, best_score = 0;
  for (size_t j = 0; j < m.occurrences.size(); ++j) {
    size_t score = 0;
    while (score < m.rows.size() && m.rows[score].cells[j]->kind != Pat::Kind::Any) ++score;
    if (score > best_score) {
      best = j;
      best_score = score;
    }
  }
  return best;
}

DecisionPtr TreeBuilder::leaf(Matrix& m) {
  Row& first = m.rows.front();
  auto d = std::make_shared<Decision>();
  d->clause = first.clause;
  d->bindings = first.bindings;
  for (size_t j = 0; j < first.cells.size(); ++j)
    for (types::Symbol* s : first.cells[j]->binders) d->bindings.push_back({s, m.occurrences[j]});
  if (!clauses_[first.clause].guarded) {
    d->kind = Decision::Kind::Leaf;
    return d;
  }
  // A failed guard fails the whole clause, whichever alternative of an
  // or-pattern matched (spec section 9): drop its other rows too.
  d->kind = Decision::Kind::Guard;
  size_t clause = first.clause;
  std::erase_if(m.rows, [&](const Row& r) { return r.clause == clause; });
  d->otherwise = build(std::move(m));
  return d;
}

DecisionPtr TreeBuilder::switch_on(Matrix& m, size_t column) {
  int occ = m.occurrences[column];
  std::vector<Head> heads;
  for (const Row& row : m.rows) collect_heads(row.cells[column], heads);

  auto d = std::make_shared<Decision>();
  d->kind = Decision::Kind::Switch;
  d->occurrence = occ;
  for (const Head& h : heads) {
    Matrix sub;
    sub.occurrences.assign(m.occurrences.begin(), m.occurrences.begin() + column);
    for (size_t i = 0; i < h.arity; ++i) {
      const types::Constructor* ctor = h.kind == Head::Kind::Constructor ? h.ctor : nullptr;
      sub.occurrences.push_back(occurrence(occ, static_cast<int>(i), ctor, sub_type(m, column, h, i)));
    }
    sub.occurrences.insert(sub.occurrences.end(), m.occurrences.begin() + column + 1, m.occurrences.end());
    for (const Row& row : m.rows) {
      const Pat* p = row.cells[column];
      if (p->kind == Pat::Kind::Head && !(p->head == h)) continue;
      Row r;
      r.clause = row.clause;
      r.bindings = row.bindings;
      bind(r, p, occ);
      r.cells.assign(row.cells.begin(), row.cells.begin() + column);
      for (size_t i = 0; i < h.arity; ++i) r.cells.push_back(p->kind == Pat::Kind::Head ? p->args[i] : blanks_.any());
      r.cells.insert(r.cells.end(), row.cells.begin() + column + 1, row.cells.end());
      sub.rows.push_back(std::move(r));
    }
    Test test;
    switch (h.kind) {
      case Head::Kind::Constructor:
        test.kind = Test::Kind::Constructor;
        test.ctor = h.ctor;
        break;
      case Head::Kind::Literal:
        test.kind = Test::Kind::Literal;
        test.literal = h.literal;
        break;
      case Head::Kind::Array:
        test.kind = Test::Kind::ArrayLength;
        test.length = static_cast<int64_t>(h.arity);
        break;
      case Head::Kind::Tuple:
      case Head::Kind::Record: break;  // expanded before any switch
    }
    d->cases.emplace_back(std::move(test), build(std::move(sub)));
  }
  if (!is_complete(heads)) {
    Matrix rest;
    rest.occurrences = m.occurrences;
    rest.occurrences.erase(rest.occurrences.begin() + column);
    for (Row& row : m.rows) {
      const Pat* p = row.cells[column];
      if (p->kind != Pat::Kind::Any) continue;
      bind(row, p, occ);
      row.cells.erase(row.cells.begin() + column);
      rest.rows.push_back(std::move(row));
    }
    d->fallback = build(std::move(rest));
  }
  return d;
}

DecisionPtr TreeBuilder::build(Matrix m) {
  std::vector<uintptr_t> key(m.occurrences.begin(), m.occurrences.end());
  for (const Row& row : m.rows) {
    key.push_back(UINTPTR_MAX);  // rows differ in length only in bindings
    key.push_back(row.clause);
    for (const Pat* p : row.cells) key.push_back(reinterpret_cast<uintptr_t>(p));
    for (const Binding& b : row.bindings) {
      key.push_back(reinterpret_cast<uintptr_t>(b.symbol));
      key.push_back(static_cast<uintptr_t>(b.occurrence));
    }
  }
  DecisionPtr& node = built_[std::move(key)];
  if (!node) node = build_new(std::move(m));
  return node;
}

DecisionPtr TreeBuilder::build_new(Matrix m) {
  if (m.rows.empty()) return std::make_shared<Decision>();  // Fail
  for (;;) {
    drop_blank_columns(m);
    bool expanded = false;
    for (size_t j = 0; j < m.occurrences.size() && !expanded; ++j) {
      const Head* h = nullptr;
      for (const Row& row : m.rows)
        if ((h = first_head(row.cells[j]))) break;
      if (h && (h->kind == Head::Kind::Tuple || h->kind == Head::Kind::Record)) {
        expand_or(m, j);
        expand_product(m, j);
        expanded = true;
      }
    }
    if (expanded) continue;
    const Row& first = m.rows.front();
    if (std::all_of(first.cells.begin(), first.cells.end(), [](const Pat* p) { return p->kind == Pat::Kind::Any; }))
      return leaf(m);
    size_t column = pick_column(m);
    if (expand_or(m, column)) continue;
    return switch_on(m, column);
  }
}

}  // namespace

CompiledMatch compile_match(const std::vector<Clause>& clauses, types::Type* scrutinee_type) {
  CompiledMatch result;
  result.occurrences.push_back({-1, 0, nullptr, scrutinee_type});
  PatPool pool;
  Matrix m;
  m.occurrences = {0};
  for (size_t i = 0; i < clauses.size(); ++i) {
    Row row;
    row.cells = {pool.lower(*clauses[i].pattern)};
    row.clause = i;
    m.rows.push_back(std::move(row));
  }
  TreeBuilder builder(clauses, result);
  result.tree = builder.build(std::move(m));
  return result;
}

}  // namespace fl::match
