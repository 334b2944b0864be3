// The Net module's primitives in the VM (stdlib/net.fl): raw Ethernet
// frames through the kernel's virtio-net driver (kernel_net_* in kernel.h).
// A call that must wait (nothing received yet, transmit queue full) parks
// only the calling thread (core/device_wait.h) until the device's
// interrupt says to look again.
#include "core/device_wait.h"
#include "core/format.h"
#include "kernel.h"
#include "rts.h"
#include "rts_net.h"

namespace {

[[noreturn]] void no_device(const char* function) {
  char message[96];
  size_t n = 0;
  for (const char* p = function; *p != '\0'; ++p) message[n++] = *p;
  for (const char* p = ": no network device (flc run --net user)"; *p != '\0'; ++p) message[n++] = *p;
  message[n] = '\0';
  fl_raise_sys_error(message);
}

// "Net.send_frame: a frame of N bytes (Ethernet: 14 to 1514)".
[[noreturn]] void bad_frame(int64_t len) {
  char message[128] = "Net.send_frame: a frame of ";
  size_t n = 0;
  while (message[n] != '\0') ++n;
  n += rts::format_int(len, message + n);
  for (const char* p = " bytes (Ethernet without its checksum: 14 to 1514)"; *p != '\0'; ++p) message[n++] = *p;
  message[n] = '\0';
  fl_raise_sys_error(message);
}

}  // namespace

extern "C" {

void fl_net_send_frame(const FlString* frame) {
  for (;;) {
    int r = kernel_net_send(frame->bytes, static_cast<size_t>(frame->len));
    if (r == 0) return;
    if (r == KERNEL_NET_NO_DEVICE) no_device("Net.send_frame");
    if (r == KERNEL_NET_BAD_FRAME) bad_frame(frame->len);
    rts::wait_for_device(KERNEL_EVENT_NET_TX);  // KERNEL_NET_BUSY
  }
}

FlString* fl_net_recv_frame() {
  char buffer[KERNEL_NET_MAX_FRAME];
  for (;;) {
    int64_t n = kernel_net_receive(buffer, sizeof buffer);
    if (n == KERNEL_NET_NO_DEVICE) no_device("Net.recv_frame");
    if (n > 0) {
      auto* s = static_cast<FlString*>(fl_alloc_atomic(sizeof(FlString) + static_cast<size_t>(n)));
      s->len = n;
      __builtin_memcpy(s->bytes, buffer, static_cast<size_t>(n));
      return s;
    }
    rts::wait_for_device(KERNEL_EVENT_NET_RX);
  }
}

FlString* fl_net_mac() {
  if (kernel_net_open() != 0) no_device("Net.mac");
  uint8_t mac[6];
  kernel_net_mac(mac);
  auto* s = static_cast<FlString*>(fl_alloc_atomic(sizeof(FlString) + 17));
  s->len = 17;
  for (int i = 0; i < 6; ++i) {
    s->bytes[3 * i] = "0123456789abcdef"[mac[i] >> 4];
    s->bytes[3 * i + 1] = "0123456789abcdef"[mac[i] & 15];
    if (i < 5) s->bytes[3 * i + 2] = ':';
  }
  return s;
}

int64_t fl_net_errors() {
  KernelNetStats stats;
  kernel_net_stats(&stats);
  return static_cast<int64_t>(stats.bad_sends + stats.bad_receives);
}

}  // extern "C"
