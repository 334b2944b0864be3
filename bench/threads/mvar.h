/* An MVar for the C versions: one slot, a mutex and two condition
   variables (the usual pthreads rendition; OS threads, so every blocking
   take or put is a futex wait and a kernel context switch). */
#ifndef BENCH_THREADS_MVAR_H
#define BENCH_THREADS_MVAR_H

#include <pthread.h>
#include <stdbool.h>

typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t filled, emptied;
  bool full;
  long value;
} mvar;

static void mvar_init(mvar* m) {
  pthread_mutex_init(&m->lock, NULL);
  pthread_cond_init(&m->filled, NULL);
  pthread_cond_init(&m->emptied, NULL);
  m->full = false;
}

static long mvar_take(mvar* m) {
  pthread_mutex_lock(&m->lock);
  while (!m->full) pthread_cond_wait(&m->filled, &m->lock);
  long v = m->value;
  m->full = false;
  pthread_cond_signal(&m->emptied);
  pthread_mutex_unlock(&m->lock);
  return v;
}

static void mvar_put(mvar* m, long v) {
  pthread_mutex_lock(&m->lock);
  while (m->full) pthread_cond_wait(&m->emptied, &m->lock);
  m->value = v;
  m->full = true;
  pthread_cond_signal(&m->filled);
  pthread_mutex_unlock(&m->lock);
}

#endif
