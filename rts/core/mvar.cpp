// MVars (LANGUAGE.md section 6): a box that is empty or holds one value.
// take empties it and put fills it, each blocking its thread while it
// cannot; read waits for a value and leaves it. Threads blocked on an MVar
// wait in FIFO queues and are woken one at a time, first come first
// served, except readers: a put wakes every waiting reader (spec 9).
//
// A value is handed over directly: a put with takers waiting gives the
// value to the first of them and the MVar stays empty; a take of a full
// MVar with putters waiting refills it with the first putter's value. So a
// woken thread never finds its MVar taken by a thread that ran before it,
// and nothing is ever retried.
#include "core/scheduler.h"

struct FlMVar {
  uint64_t value;
  bool full;
  rts::WaitQueue takers;   // blocked in take on an empty MVar
  rts::WaitQueue putters;  // blocked in put on a full one; value in transfer
  rts::WaitQueue readers;  // blocked in read on an empty one
};

namespace {

FlMVar* new_mvar() {
  // Collected memory, scanned: the value may be a pointer, and the queues
  // point at threads.
  auto* m = static_cast<FlMVar*>(fl_alloc(sizeof(FlMVar)));
  *m = FlMVar{};
  return m;
}

// What the scheduler handed to the running thread when it woke it.
uint64_t received() {
  FlThread* self = rts::current_thread();
  uint64_t v = self->transfer;
  self->transfer = 0;  // no stale pointer for the collector to keep
  return v;
}

uint64_t take_full(FlMVar* m) {
  uint64_t v = m->value;
  if (FlThread* putter = m->putters.pop_front()) {
    m->value = putter->transfer;
    putter->transfer = 0;
    rts::wake(putter);
  } else {
    m->value = 0;
    m->full = false;
  }
  return v;
}

}  // namespace

extern "C" {

FlMVar* fl_mvar_create_empty() { return new_mvar(); }

FlMVar* fl_mvar_create(uint64_t value) {
  FlMVar* m = new_mvar();
  m->value = value;
  m->full = true;
  return m;
}

uint64_t fl_mvar_take(FlMVar* m) {
  if (m->full) return take_full(m);
  rts::block_on(&m->takers);
  return received();
}

uint64_t fl_mvar_read(FlMVar* m) {
  if (m->full) return m->value;
  rts::block_on(&m->readers);
  return received();
}

void fl_mvar_put(FlMVar* m, uint64_t value) {
  if (m->full) {
    rts::current_thread()->transfer = value;
    rts::block_on(&m->putters);
    return;
  }
  while (FlThread* reader = m->readers.pop_front()) {
    reader->transfer = value;
    rts::wake(reader);
  }
  if (FlThread* taker = m->takers.pop_front()) {
    taker->transfer = value;
    rts::wake(taker);
    return;
  }
  m->value = value;
  m->full = true;
}

int64_t fl_mvar_is_full(const FlMVar* m) { return m->full ? 1 : 0; }

}  // extern "C"
