/* binary-trees 18: the Benchmarks Game program, single-threaded. Builds
   and walks many short-lived perfect binary trees while one long-lived
   tree stays alive: allocation and GC throughput.

   Nodes come from malloc and go back with free as soon as a tree has
   been checked (the plain C version of the Benchmarks Game). */
#include <stdio.h>
#include <stdlib.h>

typedef struct Node { struct Node *left, *right; } Node; /* NULL is Empty */

static Node *make(long depth) {
  Node *n = malloc(sizeof *n);
  if (!n) abort();
  if (depth == 0) {
    n->left = n->right = NULL;
  } else {
    n->left = make(depth - 1);
    n->right = make(depth - 1);
  }
  return n;
}

static long check(const Node *t) {
  if (!t) return 0;
  return 1 + check(t->left) + check(t->right);
}

static void release(Node *t) {
  if (!t) return;
  release(t->left);
  release(t->right);
  free(t);
}

int main(void) {
  const long min_depth = 4;
  const long max_depth = min_depth + 2 > 18 ? min_depth + 2 : 18;
  const long stretch_depth = max_depth + 1;

  Node *stretch = make(stretch_depth);
  printf("stretch tree of depth %ld\t check: %ld\n", stretch_depth, check(stretch));
  release(stretch);

  Node *long_lived_tree = make(max_depth);

  for (long d = min_depth; d <= max_depth; d += 2) {
    long iterations = 1L << (max_depth - d + min_depth);
    long c = 0;
    for (long i = 1; i <= iterations; i++) {
      Node *t = make(d);
      c += check(t);
      release(t);
    }
    printf("%ld\t trees of depth %ld\t check: %ld\n", iterations, d, c);
  }
  printf("long lived tree of depth %ld\t check: %ld\n", max_depth, check(long_lived_tree));
  release(long_lived_tree);
  return 0;
}
