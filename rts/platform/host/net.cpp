// Net is the VM's raw Ethernet "socket": a host program has no virtio-net
// device, so every Net function raises Sys_error (LANGUAGE.md 8.3).
#include "rts_net.h"

namespace {

[[noreturn]] void only_in_the_vm(const char* message) { fl_raise_sys_error(message); }

}  // namespace

extern "C" {

void fl_net_send_frame(const FlString*) { only_in_the_vm("Net.send_frame: raw frames exist only in the VM (flc run)"); }
FlString* fl_net_recv_frame() { only_in_the_vm("Net.recv_frame: raw frames exist only in the VM (flc run)"); }
FlString* fl_net_mac() { only_in_the_vm("Net.mac: raw frames exist only in the VM (flc run)"); }
int64_t fl_net_errors() { only_in_the_vm("Net.errors: raw frames exist only in the VM (flc run)"); }

}  // extern "C"
