#include "platform/vm/ninep_transport.h"

#include <gc.h>

#include "core/device_wait.h"
#include "kernel.h"
#include "rts_threads.h"

namespace vm {

namespace {

// One request and its reply through the kernel's virtio-9p driver; only
// the calling green thread waits, the others run meanwhile.
int64_t exchange(void*, const ninep::Segment* out, int n_out, const ninep::Segment* in, int n_in) {
  KernelBuffer buffers[4];
  if (n_out + n_in > 4) return -1;
  for (int i = 0; i < n_out; ++i) buffers[i] = {out[i].data, out[i].len};
  for (int i = 0; i < n_in; ++i) buffers[n_out + i] = {in[i].data, in[i].len};
  int id;
  // Every slot busy: other threads own them and free them once they have
  // taken their replies. Not a wait for KERNEL_EVENT_9P: the last replies
  // may have arrived already (their event spent on waking their owners),
  // and then no event would ever come again.
  while ((id = kernel_9p_submit(buffers, n_out, buffers + n_out, n_in)) == KERNEL_9P_BUSY) fl_thread_yield();
  if (id < 0) return -1;
  uint32_t length = 0;
  int done;
  while ((done = kernel_9p_poll(id, &length)) == 0) rts::wait_for_device(KERNEL_EVENT_9P);
  return done == 1 ? static_cast<int64_t>(length) : -1;
}

// The heap is where the device can reach (virtual = physical addresses).
void* allocate(void*, size_t bytes) { return GC_malloc_atomic(bytes); }

}  // namespace

bool ninep_transport(ninep::Transport* transport) {
  if (kernel_9p_open() != 0) return false;
  *transport = {exchange, allocate, nullptr};
  return true;
}

}  // namespace vm
