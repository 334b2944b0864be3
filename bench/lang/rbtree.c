/* rbtree 1,000,000: a persistent red-black tree with Okasaki's insertion
   (balance by pattern matching, path copying). Inserts 1,000,000 keys
   drawn from a linear congruential generator (about 940,000 distinct),
   then folds over the tree for the number of nodes and the sum of the
   keys: allocation, nested pattern matching, a large live heap.

   Nodes are immutable once built, and each insertion copies its path as
   in the fl and OCaml versions. The old version of the tree is dropped
   after each insertion, so the nodes it no longer shares with the new one
   (the copied path, and the red nodes that balance rebuilds) are freed
   where the fl and OCaml versions leave them to the GC. */
#include <stdio.h>
#include <stdlib.h>

typedef enum { RED, BLACK } Color;

typedef struct Node {
  Color color;
  struct Node *left;
  long key;
  struct Node *right;
} Node; /* NULL is Leaf */

static Node *node(Color c, Node *l, long k, Node *r) {
  Node *n = malloc(sizeof *n);
  if (!n) abort();
  n->color = c;
  n->left = l;
  n->key = k;
  n->right = r;
  return n;
}

static int is_red(const Node *t) { return t && t->color == RED; }

/* Okasaki's four cases, tested in the same order as the fl version's
   match. The two red nodes of a case were built by this insertion and are
   referenced only here, so they are freed once rebuilt. */
static Node *balance(Color c, Node *l, long k, Node *r) {
  if (c == BLACK) {
    if (is_red(l) && is_red(l->left)) {
      Node *ll = l->left;
      Node *t = node(RED, node(BLACK, ll->left, ll->key, ll->right), l->key,
                     node(BLACK, l->right, k, r));
      free(ll);
      free(l);
      return t;
    }
    if (is_red(l) && is_red(l->right)) {
      Node *lr = l->right;
      Node *t = node(RED, node(BLACK, l->left, l->key, lr->left), lr->key,
                     node(BLACK, lr->right, k, r));
      free(lr);
      free(l);
      return t;
    }
    if (is_red(r) && is_red(r->left)) {
      Node *rl = r->left;
      Node *t = node(RED, node(BLACK, l, k, rl->left), rl->key,
                     node(BLACK, rl->right, r->key, r->right));
      free(rl);
      free(r);
      return t;
    }
    if (is_red(r) && is_red(r->right)) {
      Node *rr = r->right;
      Node *t = node(RED, node(BLACK, l, k, r->left), r->key,
                     node(BLACK, rr->left, rr->key, rr->right));
      free(rr);
      free(r);
      return t;
    }
  }
  return node(c, l, k, r);
}

/* The copy of t with key inserted; t's own node is freed when copied. */
static Node *ins(long key, Node *t) {
  if (!t) return node(RED, NULL, key, NULL);
  Node *u;
  if (key < t->key)
    u = balance(t->color, ins(key, t->left), t->key, t->right);
  else if (key > t->key)
    u = balance(t->color, t->left, t->key, ins(key, t->right));
  else
    return t;
  free(t);
  return u;
}

static Node *insert(long key, Node *t) {
  Node *s = ins(key, t);
  Node *u = node(BLACK, s->left, s->key, s->right);
  free(s);
  return u;
}

/* The generator: x' = (1103515245 x + 12345) mod 2^31. Every value and
   product stays below 2^62, so it is the same with 63-bit (OCaml) and
   64-bit (fl, C) integers. The key is its top 23 bits. */
static long next(long x) { return (x * 1103515245 + 12345) & 0x7FFFFFFF; }

static Node *build(long n, long x, Node *t) {
  for (; n != 0; n--) {
    x = next(x);
    t = insert(x >> 8, t);
  }
  return t;
}

static long count(const Node *t) { return t ? count(t->left) + 1 + count(t->right) : 0; }
static long sum(const Node *t) { return t ? sum(t->left) + t->key + sum(t->right) : 0; }

int main(void) {
  Node *t = build(1000000, 42, NULL);
  printf("%ld\n%ld\n", count(t), sum(t));
  return 0;
}
