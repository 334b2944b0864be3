// The runtime on the fl kernel: the console is COM1, the program's status
// ends the VM, and the heap is Boehm's collector (bdwgc, built freestanding
// in rts/gc) growing through the kernel's pages. Its roots: the image's
// static data, the main stack from the stack pointer up, the registers, and
// whatever the roots hook reports (the stacks of suspended threads).
#include "platform/platform.h"
#include "platform/devices.h"
#include "platform/gc_batch.h"

#include <gc.h>
#include <gc_mark.h>

#include "kernel.h"
#include "platform/threads.h"
#include "rts.h"

namespace platform {
namespace {

RootsHook roots_hook = nullptr;

void GC_CALLBACK push_other_roots() {
  if (roots_hook != nullptr) roots_hook();
}

// bdwgc gives up (it has printed its details on the console first): its
// heap or its own tables cannot grow, or it found itself inconsistent.
void GC_CALLBACK on_abort(const char* message) {
  static char text[160] = "garbage collector: ";
  size_t n = 19;
  for (const char* m = message; m != nullptr && *m != '\0' && *m != '\n' && n + 1 < sizeof text; ++m) text[n++] = *m;
  text[n] = '\0';
  kernel_panic(text);
}

// Warnings ("Out of Memory! Returning NULL", "Repeated allocation of very
// large block") would land in the program's console output; the runtime
// reports what matters itself (Out_of_memory).
void GC_CALLBACK ignore_warning(char*, GC_word) {}

void gc_init() {
  GC_set_abort_func(on_abort);
  GC_set_warn_proc(ignore_warning);
  GC_init();
  // Start with a 32 MiB heap, as the host starts with 64: a small heap
  // collects many times while it grows (gc_stress: 324 collections and
  // 1.5 s of CPU instead of 11 and 0.9 s). Its pages are not zeroed, so
  // this costs no boot time; with less RAM the heap just starts smaller.
  GC_expand_hp(32 << 20);
  // Fewer, later collections, as on the host (rts_host_init_collector);
  // a heap that cannot grow further is collected all the same.
  GC_set_free_space_divisor(1);
  uintptr_t start, end;
  kernel_static_data(&start, &end);
  GC_add_roots(reinterpret_cast<void*>(start), reinterpret_cast<void*>(end));
  GC_set_push_other_roots(push_other_roots);
  // The kernel's balloon gets its turn when a collection starts (it
  // allocates nothing from the collector), and from then on at the next
  // safe point after each of its interrupts: the tick, started here if no
  // thread has started it, also turns interrupts on. A program that
  // collects rarely still answers the host within a tick.
  GC_set_start_callback([] {
    rts_collection_starting();
    platform::start_preemption_timer();
    platform::poll_devices();
  });
}

}  // namespace

void write(Stream, const char* bytes, size_t len) { kernel_console_write(bytes, len); }

// The console has no end of input of its own; Ctrl-D (EOT) stands for it
// (flc run sends one when its own input ends), and input stays ended.
int read_byte() {
  static bool ended = false;
  if (ended) return -1;
  int c = kernel_console_read_byte();
  if (c == 0x04) ended = true;
  return ended ? -1 : c;
}

void exit(int status) { kernel_exit(status); }

void panic(const char* message) { kernel_panic(message); }

void* alloc(size_t bytes, bool atomic) {
  if (!atomic) return GC_malloc(bytes);  // cleared by the collector
  void* p = GC_malloc_atomic(bytes);
  if (p != nullptr) __builtin_memset(p, 0, bytes);
  return p;
}

void* alloc_batch(size_t bytes, bool atomic) { return gc_alloc_batch(bytes, atomic); }

void collect() { GC_gcollect(); }

size_t heap_bytes() { return GC_get_heap_size(); }

const char* const kTarget = "vm";

void set_roots_hook(RootsHook hook) { roots_hook = hook; }

void push_roots(const void* low, const void* high) {
  GC_push_all_eager(const_cast<void*>(low), const_cast<void*>(high));
}

}  // namespace platform

void rts_vm_start() {
  platform::gc_init();
  platform::catch_stack_overflow();
  rts_run_program();
}
