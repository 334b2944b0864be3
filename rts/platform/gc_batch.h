// The inline allocator's batches (platform::alloc_batch), the same on both
// targets: Boehm's, with one difference.
//
// Boehm, as configured on both targets, takes a pointer anywhere inside an
// object for a reference to it, and so adds a byte to every object of its
// usual kind, so that a pointer just past the end keeps it alive too, and
// leaves the last word of such objects unscanned: asked for 16 bytes, it
// gives 32. The inline allocator's blocks (tuples, records, constructed
// values, closures, refs) are only ever reached from their own address or
// from a pointer a few bytes into them (a constructor's number kept in the
// pointer, codegen/data.cpp), never walked up to their end, so they come
// from a kind of their own, in the size class of their real size, scanned
// to their last word: a cons cell or a binary-tree node takes 16 bytes, not
// 32 (bench/RESULTS.md: binary-trees, rbtree and deriv).
#pragma once

#include <gc.h>
#if __STDC_HOSTED__  // Debian's libgc
#include <gc/gc_inline.h>
#include <gc/gc_mark.h>
#else  // bdwgc built freestanding (rts/gc)
#include <gc_inline.h>
#include <gc_mark.h>
#endif

namespace platform {

// Atomic objects come from Boehm's own pointer-free kind, which adds no
// byte either when asked through GC_generic_malloc_many; its batches are
// not cleared.
inline void* gc_alloc_batch(size_t bytes, bool atomic) {
  static int kind = -1;
  if (kind < 0) kind = static_cast<int>(GC_new_kind(GC_new_free_list(), GC_DS_LENGTH, /*add size*/ 1, /*clear*/ 1));
  void* first = nullptr;
  GC_generic_malloc_many(bytes, atomic ? GC_I_PTRFREE : kind, &first);
  return first;
}

}  // namespace platform
