/* ring: the Benchmarks Game's thread-ring with 503 POSIX threads, each
   with an MVar (mvar.h), 10,000,000 passes; the same program as ring.fl.
   Stacks of 64 KiB: the threads only loop. */
#include <stdio.h>

#include "mvar.h"

enum { THREADS = 503, PASSES = 10000000 };
static mvar boxes[THREADS], finished;

static void* pass(void* arg) {
  long i = (long)arg;
  mvar* mine = &boxes[i];
  mvar* next = &boxes[(i + 1) % THREADS];
  for (;;) {
    long token = mvar_take(mine);
    if (token == 0) {
      mvar_put(&finished, i + 1);
      return NULL;
    }
    mvar_put(next, token - 1);
  }
}

int main(void) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 << 10);
  mvar_init(&finished);
  for (long i = 0; i < THREADS; ++i) mvar_init(&boxes[i]);
  for (long i = 0; i < THREADS; ++i) {
    pthread_t t;
    if (pthread_create(&t, &attr, pass, (void*)i) != 0) return 1;
    pthread_detach(t);
  }
  mvar_put(&boxes[0], PASSES);
  printf("%ld\n", mvar_take(&finished));
  return 0;
}
