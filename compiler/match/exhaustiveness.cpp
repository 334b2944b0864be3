// Exhaustiveness and unused clauses: Maranget, "Warnings for pattern
// matching" (JFP 2007) — the usefulness predicate U, and its variant I that
// builds a value no row matches.
#include <algorithm>
#include <optional>

#include "match/decision_tree.h"
#include "match/matrix.h"
#include "match/witness.h"

namespace fl::match {

namespace {

using Row = std::vector<const Pat*>;
using Matrix = std::vector<Row>;

const Pat kAny{};

// S(h, P): the rows that match a value with head `h` at column 0, the
// column replaced by the sub-patterns under `h`.
Matrix specialize(const Matrix& rows, const Head& h) {
  Matrix out;
  for (const Row& row : rows) {
    for (const Alternative& alt : alternatives(row[0])) {
      Row r;
      if (alt.pat->kind == Pat::Kind::Any) {
        r.assign(h.arity, &kAny);
      } else if (alt.pat->head == h) {
        r = alt.pat->args;
      } else {
        continue;
      }
      r.insert(r.end(), row.begin() + 1, row.end());
      out.push_back(std::move(r));
    }
  }
  return out;
}

// D(P): the rows that match any value whose head is absent from column 0.
Matrix default_rows(const Matrix& rows) {
  Matrix out;
  for (const Row& row : rows)
    for (const Alternative& alt : alternatives(row[0]))
      if (alt.pat->kind == Pat::Kind::Any) out.emplace_back(row.begin() + 1, row.end());
  return out;
}

std::vector<Head> column_heads(const Matrix& rows) {
  std::vector<Head> heads;
  for (const Row& row : rows) collect_heads(row[0], heads);
  // Declaration order, so that the first missing value found is the
  // expected one (`false` before `true`, `Leaf` before `Node`).
  if (!heads.empty() && heads[0].kind == Head::Kind::Constructor)
    std::sort(heads.begin(), heads.end(), [](const Head& a, const Head& b) { return a.ctor->tag < b.ctor->tag; });
  if (!heads.empty() && heads[0].kind == Head::Kind::Literal && heads[0].literal.kind == ast::Literal::Kind::Bool)
    std::sort(heads.begin(), heads.end(),
              [](const Head& a, const Head& b) { return a.literal.int_value < b.literal.int_value; });
  return heads;
}

// U(P, q): is there a value that `q` matches and no row of P does?
bool useful(const Matrix& rows, const Row& q) {
  if (q.empty()) return rows.empty();
  const Pat* first = q[0];
  if (first->kind == Pat::Kind::Or) {
    for (const Alternative& alt : alternatives(first)) {
      Row r = q;
      r[0] = alt.pat;
      if (useful(rows, r)) return true;
    }
    return false;
  }
  if (first->kind == Pat::Kind::Head) return useful(specialize(rows, first->head), specialize({q}, first->head)[0]);
  std::vector<Head> heads = column_heads(rows);
  if (is_complete(heads)) {
    for (const Head& h : heads) {
      Matrix qs = specialize({q}, h);
      if (useful(specialize(rows, h), qs[0])) return true;
    }
    return false;
  }
  return useful(default_rows(rows), Row(q.begin() + 1, q.end()));
}

// I(P, n): `n` values, one per column, that no row of P matches together.
std::optional<std::vector<Witness>> missing(const Matrix& rows, size_t n) {
  if (n == 0) return rows.empty() ? std::optional<std::vector<Witness>>(std::vector<Witness>{}) : std::nullopt;
  std::vector<Head> heads = column_heads(rows);
  if (is_complete(heads)) {
    for (const Head& h : heads) {
      auto found = missing(specialize(rows, h), h.arity + n - 1);
      if (!found) continue;
      Witness w;
      w.any = false;
      w.head = h;
      w.args.assign(found->begin(), found->begin() + h.arity);
      found->erase(found->begin(), found->begin() + h.arity);
      found->insert(found->begin(), std::move(w));
      return found;
    }
    return std::nullopt;
  }
  auto found = missing(default_rows(rows), n - 1);
  if (!found) return std::nullopt;
  Witness w;
  Head absent;
  if (missing_head(heads, absent)) {
    w.any = false;
    w.head = absent;
    w.args.resize(absent.arity);
  }
  found->insert(found->begin(), std::move(w));
  return found;
}

}  // namespace

Analysis analyse_match(const std::vector<Clause>& clauses, types::Type* scrutinee_type) {
  Analysis result;
  PatPool pool;
  Matrix covering;  // the unguarded clauses so far
  for (size_t i = 0; i < clauses.size(); ++i) {
    Row q{pool.lower(*clauses[i].pattern)};
    if (!useful(covering, q)) result.unused.push_back(i);
    if (!clauses[i].guarded) covering.push_back(std::move(q));
  }
  if (auto found = missing(covering, 1)) {
    result.exhaustive = false;
    result.missing = print_witness(found->front());
  }
  return result;
}

}  // namespace fl::match
