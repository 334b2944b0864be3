#include "platform/vm/ninep_transport.h"

#include "core/device_wait.h"
#include "kernel.h"

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
  // Every slot busy: some other thread's reply frees one.
  while ((id = kernel_9p_submit(buffers, n_out, buffers + n_out, n_in)) == KERNEL_9P_BUSY)
    rts::wait_for_device(KERNEL_EVENT_9P);
  if (id < 0) return -1;
  uint32_t length = 0;
  int done;
  while ((done = kernel_9p_poll(id, &length)) == 0) rts::wait_for_device(KERNEL_EVENT_9P);
  return done == 1 ? static_cast<int64_t>(length) : -1;
}

}  // namespace

bool ninep_transport(ninep::Transport* transport) {
  if (kernel_9p_open() != 0) return false;
  *transport = {exchange, nullptr};
  return true;
}

}  // namespace vm
