/* pingpong: 1,000,000 round trips between the main thread and one other
   POSIX thread through two MVars (mvar.h); the same program as
   pingpong.fl. */
#include <stdio.h>

#include "mvar.h"

enum { N = 1000000 };
static mvar ping, pong;

static void* echo(void* unused) {
  (void)unused;
  for (int i = 0; i < N; ++i) mvar_put(&pong, mvar_take(&ping) + 1);
  return NULL;
}

int main(void) {
  mvar_init(&ping);
  mvar_init(&pong);
  pthread_t t;
  if (pthread_create(&t, NULL, echo, NULL) != 0) return 1;
  long v = 0;
  for (int i = 0; i < N; ++i) {
    mvar_put(&ping, v);
    v = mvar_take(&pong);
  }
  printf("%ld\n", v);
  return 0;
}
