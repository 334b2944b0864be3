/* deriv 10: the symbolic derivative benchmark of Koka (also in Lean's
   benchmarks): x^x differentiated ten times in a row with algebraic
   simplification on the fly, printing the size of each result: allocation
   of a large, shared expression tree, deep pattern matching.

   Expressions are immutable malloc'd nodes shared between expressions (a
   DAG), as in the fl and OCaml versions. Nothing is freed: without a
   garbage collector or reference counts nobody knows when a shared node
   dies, and about two thirds of what is allocated stays alive to the end
   anyway (peak about 1.3 GB). The pattern matches of the fl version are
   if-chains tested in the same order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { VAL, VAR, ADD, MUL, POW, LN } Tag;

typedef struct Expr {
  Tag tag;
  union {
    long val;                                     /* VAL */
    const char *name;                             /* VAR */
    struct { const struct Expr *l, *r; } bin;     /* ADD, MUL, POW; LN uses l */
  } u;
} Expr;

static Expr *alloc(Tag tag) {
  Expr *e = malloc(sizeof *e);
  if (!e) abort();
  e->tag = tag;
  return e;
}

static const Expr *mk_val(long n) {
  Expr *e = alloc(VAL);
  e->u.val = n;
  return e;
}

static const Expr *mk_var(const char *name) {
  Expr *e = alloc(VAR);
  e->u.name = name;
  return e;
}

static const Expr *mk_bin(Tag tag, const Expr *l, const Expr *r) {
  Expr *e = alloc(tag);
  e->u.bin.l = l;
  e->u.bin.r = r;
  return e;
}

static const Expr *mk_ln(const Expr *f) { return mk_bin(LN, f, NULL); }

static int is_val(const Expr *e) { return e->tag == VAL; }
static int is_val_n(const Expr *e, long n) { return e->tag == VAL && e->u.val == n; }
#define L(e) ((e)->u.bin.l)
#define R(e) ((e)->u.bin.r)

/* a to the power b by squaring (b >= 0; b < 0 gives a, as in the original) */
static long pown(long a, long b) {
  if (b == 0) return 1;
  if (b == 1) return a;
  long h = pown(a, b / 2);
  return h * h * (b % 2 == 0 ? 1 : a);
}

static const Expr *add(const Expr *x, const Expr *y) {
  if (is_val(x) && is_val(y)) return mk_val(x->u.val + y->u.val);
  if (is_val_n(x, 0)) return y;
  if (is_val_n(y, 0)) return x;
  if (is_val(y)) return add(mk_val(y->u.val), x);
  if (is_val(x) && y->tag == ADD && is_val(L(y))) return add(mk_val(x->u.val + L(y)->u.val), R(y));
  if (y->tag == ADD && is_val(L(y))) return add(mk_val(L(y)->u.val), add(x, R(y)));
  if (x->tag == ADD) return add(L(x), add(R(x), y));
  return mk_bin(ADD, x, y);
}

static const Expr *mul(const Expr *x, const Expr *y) {
  if (is_val(x) && is_val(y)) return mk_val(x->u.val * y->u.val);
  if (is_val_n(x, 0)) return mk_val(0);
  if (is_val_n(y, 0)) return mk_val(0);
  if (is_val_n(x, 1)) return y;
  if (is_val_n(y, 1)) return x;
  if (is_val(y)) return mul(mk_val(y->u.val), x);
  if (is_val(x) && y->tag == MUL && is_val(L(y))) return mul(mk_val(x->u.val * L(y)->u.val), R(y));
  if (y->tag == MUL && is_val(L(y))) return mul(mk_val(L(y)->u.val), mul(x, R(y)));
  if (x->tag == MUL) return mul(L(x), mul(R(x), y));
  return mk_bin(MUL, x, y);
}

static const Expr *pow_(const Expr *x, const Expr *y) {
  if (is_val(x) && is_val(y)) return mk_val(pown(x->u.val, y->u.val));
  if (is_val_n(y, 0)) return mk_val(1);
  if (is_val_n(y, 1)) return x;
  if (is_val_n(x, 0)) return mk_val(0);
  return mk_bin(POW, x, y);
}

static const Expr *ln(const Expr *e) {
  if (is_val_n(e, 1)) return mk_val(0);
  return mk_ln(e);
}

/* d/dx e */
static const Expr *d(const char *x, const Expr *e) {
  switch (e->tag) {
  case VAL:
    return mk_val(0);
  case VAR:
    return mk_val(strcmp(x, e->u.name) == 0 ? 1 : 0);
  case ADD:
    return add(d(x, L(e)), d(x, R(e)));
  case MUL:
    return add(mul(L(e), d(x, R(e))), mul(R(e), d(x, L(e))));
  case POW: {
    const Expr *f = L(e), *g = R(e);
    return mul(pow_(f, g),
               add(mul(mul(g, d(x, f)), pow_(f, mk_val(-1))), mul(ln(f), d(x, g))));
  }
  case LN:
    return mul(d(x, L(e)), pow_(L(e), mk_val(-1)));
  }
  abort();
}

static long count(const Expr *e) {
  switch (e->tag) {
  case VAL:
  case VAR:
    return 1;
  case ADD:
  case MUL:
  case POW:
    return count(L(e)) + count(R(e));
  case LN:
    return count(L(e));
  }
  abort();
}

int main(void) {
  const Expr *x = mk_var("x");
  const Expr *e = pow_(x, x);
  for (long i = 0; i < 10; i++) {
    e = d("x", e);
    printf("%ld count: %ld\n", i + 1, count(e));
  }
  return 0;
}
