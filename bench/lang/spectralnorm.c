/* spectral-norm 1000: the Benchmarks Game program. Ten rounds of the power
   method on the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2 + i + 1)
   truncated to 1000 x 1000: float loops over arrays. It prints the norm as
   (long)(norm * 1e9), the first 9 decimals truncated, because fl cannot
   print a float with 9 decimals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double eval_a(long i, long j) { return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1); }

/* v = A u */
static void eval_a_times_u(long n, const double *u, double *v) {
  for (long i = 0; i < n; i++) {
    double vi = 0.0;
    for (long j = 0; j < n; j++) vi = vi + eval_a(i, j) * u[j];
    v[i] = vi;
  }
}

/* v = A' u */
static void eval_at_times_u(long n, const double *u, double *v) {
  for (long i = 0; i < n; i++) {
    double vi = 0.0;
    for (long j = 0; j < n; j++) vi = vi + eval_a(j, i) * u[j];
    v[i] = vi;
  }
}

/* v = A' A u */
static void eval_ata_times_u(long n, const double *u, double *v) {
  double *w = malloc(n * sizeof *w);
  if (!w) abort();
  for (long i = 0; i < n; i++) w[i] = 0.0;
  eval_a_times_u(n, u, w);
  eval_at_times_u(n, w, v);
  free(w);
}

int main(void) {
  const long n = 1000;
  double *u = malloc(n * sizeof *u), *v = malloc(n * sizeof *v);
  if (!u || !v) abort();
  for (long i = 0; i < n; i++) {
    u[i] = 1.0;
    v[i] = 0.0;
  }
  for (int k = 1; k <= 10; k++) {
    eval_ata_times_u(n, u, v);
    eval_ata_times_u(n, v, u);
  }
  double vbv = 0.0, vv = 0.0;
  for (long i = 0; i < n; i++) {
    vbv = vbv + u[i] * v[i];
    vv = vv + v[i] * v[i];
  }
  printf("%ld\n", (long)(sqrt(vbv / vv) * 1e9));
  free(u);
  free(v);
  return 0;
}
