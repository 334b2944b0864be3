// The queues of the scheduler (rts/core/scheduler.cpp): intrusive, so that
// queueing a thread never allocates, and header-only with no dependency on
// the rest of the runtime, so that tests/unit can check them on their own.
//   Fifo        first in, first out through one link field: the run queue
//               and the three wait queues of every MVar
//   SleepQueue  ordered by wake-up time, FIFO among equal times, through
//               two link fields: the threads in Thread.sleep_ms
// An element is in at most one queue of each kind at a time.
#pragma once

#include <stdint.h>

namespace rts {

template <class T, T* T::*Next>
class Fifo {
 public:
  bool empty() const { return head_ == nullptr; }
  T* front() const { return head_; }

  void push_back(T* t) {
    t->*Next = nullptr;
    if (tail_ == nullptr) head_ = t;
    else tail_->*Next = t;
    tail_ = t;
  }

  T* pop_front() {
    T* t = head_;
    if (t == nullptr) return nullptr;
    head_ = t->*Next;
    if (head_ == nullptr) tail_ = nullptr;
    t->*Next = nullptr;
    return t;
  }

  // Takes `t` out from wherever it is; false when it is not queued here.
  // Linear: only the rare paths use it (a thread leaving a wait queue
  // because of Deadlock).
  bool remove(T* t) {
    T* previous = nullptr;
    for (T* at = head_; at != nullptr; previous = at, at = at->*Next) {
      if (at != t) continue;
      if (previous == nullptr) head_ = at->*Next;
      else previous->*Next = at->*Next;
      if (tail_ == at) tail_ = previous;
      at->*Next = nullptr;
      return true;
    }
    return false;
  }

 private:
  T* head_ = nullptr;
  T* tail_ = nullptr;
};

// Sorted by T::*Key (a wake-up time), earliest first; a new element goes
// after every element with the same key. Insertion walks from the latest
// end, so threads that sleep for the same duration queue in O(1).
template <class T, uint64_t T::*Key, T* T::*Prev, T* T::*Next>
class SleepQueue {
 public:
  bool empty() const { return head_ == nullptr; }
  T* front() const { return head_; }

  void insert(T* t) {
    T* after = tail_;
    while (after != nullptr && after->*Key > t->*Key) after = after->*Prev;
    t->*Prev = after;
    t->*Next = after == nullptr ? head_ : after->*Next;
    if (t->*Next != nullptr) (t->*Next)->*Prev = t;
    else tail_ = t;
    if (after != nullptr) after->*Next = t;
    else head_ = t;
  }

  T* pop_front() {
    T* t = head_;
    if (t == nullptr) return nullptr;
    head_ = t->*Next;
    if (head_ != nullptr) head_->*Prev = nullptr;
    else tail_ = nullptr;
    t->*Next = t->*Prev = nullptr;
    return t;
  }

 private:
  T* head_ = nullptr;
  T* tail_ = nullptr;
};

}  // namespace rts
