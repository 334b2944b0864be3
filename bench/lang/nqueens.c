/* nqueens 11: count the solutions by building every one of them as a list
   of column numbers (the Koka benchmark's algorithm): list allocation,
   pattern matching, short-lived data.

   Lists are malloc'd cons cells whose tails are shared between solutions,
   as in the fl and OCaml versions; nothing is freed (the cells are few:
   about 170,000 for n = 11). */
#include <stdio.h>
#include <stdlib.h>

typedef struct Cols { long head; const struct Cols *tail; } Cols;       /* int list */
typedef struct Sols { const Cols *head; const struct Sols *tail; } Sols; /* int list list */

static const Cols *cons_col(long head, const Cols *tail) {
  Cols *c = malloc(sizeof *c);
  if (!c) abort();
  c->head = head;
  c->tail = tail;
  return c;
}

static const Sols *cons_sol(const Cols *head, const Sols *tail) {
  Sols *c = malloc(sizeof *c);
  if (!c) abort();
  c->head = head;
  c->tail = tail;
  return c;
}

/* Is a queen in column queen safe from the queens qs, the nearest of which
   is diag rows away? */
static int safe(long queen, long diag, const Cols *qs) {
  for (; qs; qs = qs->tail, diag++) {
    long q = qs->head;
    if (queen == q || queen == q + diag || queen == q - diag) return 0;
  }
  return 1;
}

/* Adds to xss every extension of the partial solution xs by a queen in
   column queen, queen - 1, ..., 1. */
static const Sols *append_safe(long queen, const Cols *xs, const Sols *xss) {
  for (; queen > 0; queen--)
    if (safe(queen, 1, xs)) xss = cons_sol(cons_col(queen, xs), xss);
  return xss;
}

static const Sols *extend(long n, const Sols *acc, const Sols *xss) {
  for (; xss; xss = xss->tail) acc = append_safe(n, xss->head, acc);
  return acc;
}

/* All the ways to place row queens on the first row rows of an n x n board. */
static const Sols *find_solutions(long n, long row) {
  if (row == 0) return cons_sol(NULL, NULL);
  return extend(n, NULL, find_solutions(n, row - 1));
}

static long length(const Sols *l) {
  long n = 0;
  for (; l; l = l->tail) n++;
  return n;
}

int main(void) {
  printf("%ld\n", length(find_solutions(11, 11)));
  return 0;
}
