// The Net module's primitives (stdlib/net.fl, LANGUAGE.md 8.3): raw
// Ethernet frames, VM only (rts/platform/vm/net.cpp); on the host each
// raises Sys_error (rts/platform/host/net.cpp).
#pragma once

#include <stdint.h>

#include "rts.h"

extern "C" {
// Sends one frame (14 to 1514 bytes, no checksum); blocks only its thread
// while the transmit queue is full. Sys_error without a device or for a
// frame of another size (counted by fl_net_errors).
void fl_net_send_frame(const FlString* frame);
// The next frame received; blocks only its thread until one arrives.
FlString* fl_net_recv_frame();
// "52:54:00:12:34:56".
FlString* fl_net_mac();
// Frames refused by send_frame or dropped on receipt as malformed.
int64_t fl_net_errors();
}
