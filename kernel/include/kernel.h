// The whole interface between the kernel and the run-time system.
// rts/ includes this header and nothing else from kernel/. No POSIX names:
// the kernel is a library of devices for one program in one address space.
#pragma once

#include <stddef.h>
#include <stdint.h>

extern "C" {

// Writes bytes to the console (COM1). Never blocks for long: the UART is
// polled, which is fine at the rates a console sees.
void kernel_console_write(const char* bytes, size_t len);

// Waits for the next byte typed on the console and returns it.
int kernel_console_read_byte();

// Ends the VM with the program's status: isa-debug-exit when present (QEMU
// exits with (status << 1) | 1), otherwise ACPI power-off, otherwise halt.
[[noreturn]] void kernel_exit(int status);

// Prints "panic: <message>" and a backtrace, then ends the VM with status 3.
[[noreturn]] void kernel_panic(const char* message);

// Returns `bytes` (a multiple of 4096) of zeroed, mapped, writable memory,
// page-aligned, or nullptr when RAM is exhausted.
void* kernel_alloc_pages(size_t bytes);

// The program's static data, from the start of .data to the end of .bss
// (link.ld): where the collector looks for global roots.
void kernel_static_data(uintptr_t* start, uintptr_t* end);

// The stack rts_vm_start runs on: its lowest usable address and its top
// (exclusive). The collector scans it from the stack pointer up to `top`.
void kernel_main_stack(uintptr_t* low, uintptr_t* top);

// The collector's heap: like kernel_alloc_pages, but not zeroed (that costs
// ~1.4 s per GiB under emulation; the collector clears objects itself),
// and at an alias in the upper half of the address space, where integers
// kept anywhere in the program or the kernel cannot look like pointers
// into it (a device is given its physical address, mem::device_address).
// nullptr also when less than 1 MiB of RAM would be left: stacks and page
// tables need pages after the heap is full.
void* kernel_alloc_heap_pages(size_t bytes);

// The kernel command line given by the boot loader ("" when there is none).
const char* kernel_cmdline();

// Thread stacks, the main stack included (mem/stack_region.cpp): each a
// reservation of `bytes` of virtual addresses that no RAM uses, above a
// guard; a page is mapped when the stack first touches it (the page-fault
// handler), the top one at once. Not zeroed. Every stack has the size of
// the first (the main stack's: rts_stack_bytes()). Returns false when RAM
// or addresses run out.
bool kernel_stack_create(size_t bytes, uintptr_t* low, uintptr_t* top);

// Gives every page of a stack, and its page tables, back to the kernel.
// Never the running stack.
void kernel_stack_release(uintptr_t top);

// Gives back the pages of the stack ending at `top` that lie below
// `keep_from` (rounded down to a page): nothing there is in use (the
// runtime, after a Stack_overflow). Never the pages under the caller.
void kernel_stack_trim(uintptr_t top, uintptr_t keep_from);

// A page fault in the guard below a stack is a stack overflow, and so is
// a stack that cannot grow for want of RAM: once a handler is set it does
// not panic, and the CPU goes on in `handler` on a spare stack, as if
// called there, interrupts as they were. The handler must not return (the
// runtime raises Stack_overflow).
void kernel_set_stack_overflow_handler(void (*handler)());

// Provided by the run-time system: every thread's stack limit in bytes
// (the program's flc --stack; 64 MiB by default).
size_t rts_stack_bytes();

// Monotonic time since the kernel first measured it, in nanoseconds (the
// TSC, calibrated against the PIT on first use).
uint64_t kernel_time_ns();

// Starts the periodic 10 ms tick of the local APIC timer (and enables
// interrupts); every tick stores UINTPTR_MAX into *stack_limit (the
// runtime's fl_stack_limit: generated code then calls the scheduler at its
// next safe point). Calling it again only changes the variable.
void kernel_start_tick(volatile uintptr_t* stack_limit);

// Halts the CPU (hlt, interrupts on) until kernel_time_ns() reaches
// deadline_ns; it wakes at the first tick after it. Starts the tick if
// needed.
void kernel_idle_until(uint64_t deadline_ns);

// Devices (drivers/). Interrupt handlers never call into the runtime (an
// interrupt may arrive in the middle of any of its queue operations): they
// acknowledge the device and record an event, one bit per source, in one
// word. The runtime's scheduler takes the word and wakes the threads that
// wait for those bits; a woken thread asks its device again (an event only
// says "look again"). kernel_idle_until returns as soon as any event is
// recorded, so the scheduler can halt while threads wait for devices.
#define KERNEL_EVENT_NET_RX (1u << 0)  // virtio-net received a frame
#define KERNEL_EVENT_NET_TX (1u << 1)  // virtio-net has room to send again
#define KERNEL_EVENT_9P (1u << 2)      // virtio-9p answered
#define KERNEL_EVENT_BALLOON (1u << 3)  // virtio-balloon: new target or buffers back

// The events recorded since the last call (and clears them). The
// balloon's bit is the kernel's own: its work is done here and the bit
// never reaches the caller.
uint64_t kernel_take_events();

// Work the kernel does on the runtime's flow of control, never in an
// interrupt handler: the balloon (virtio-balloon; kernel/README.md) finds
// its device on the first call, then inflates or deflates towards the
// host's target in bounded chunks when its interrupt has asked. Cheap when
// nothing is pending. The runtime calls it when a collection starts and
// when a thread yields (a tick's safe point); the idle loop calls it too.
void kernel_poll_devices(void);

// Raw Ethernet frames through the first virtio-net device, without the
// frame check sequence: 14 bytes of header and at most 1500 of payload.
#define KERNEL_NET_MIN_FRAME 14
#define KERNEL_NET_MAX_FRAME 1514
#define KERNEL_NET_NO_DEVICE (-1)  // no usable virtio-net device
#define KERNEL_NET_BUSY (-2)       // transmit queue full: wait for KERNEL_EVENT_NET_TX
#define KERNEL_NET_BAD_FRAME (-3)  // shorter or longer than allowed (counted)

// Finds and starts the device on first use (PCI enumeration, virtio
// negotiation, receive buffers posted): 0, or KERNEL_NET_NO_DEVICE.
int kernel_net_open();

// Queues one frame (copied): 0, KERNEL_NET_BUSY, KERNEL_NET_BAD_FRAME or
// KERNEL_NET_NO_DEVICE.
int kernel_net_send(const void* frame, size_t len);

// Copies the next received frame into buf (cap >= KERNEL_NET_MAX_FRAME)
// and returns its length; 0 when none has arrived (wait for
// KERNEL_EVENT_NET_RX), or KERNEL_NET_NO_DEVICE. Frames the device
// delivers malformed are dropped and counted.
int64_t kernel_net_receive(void* buf, size_t cap);

// The device's MAC address (from its configuration); zeros without one.
void kernel_net_mac(uint8_t mac[6]);

struct KernelNetStats {
  uint64_t sent, received;
  uint64_t bad_sends;     // frames refused by kernel_net_send
  uint64_t bad_receives;  // frames the device delivered too short or too long
  uint64_t busy;          // sends that found the transmit queue full
};
void kernel_net_stats(struct KernelNetStats* stats);

// virtio-9p (drivers/virtio/ninep.cpp): the transport of the runtime's 9P
// client, to the file server of `flc run --share`. A request is one chain
// of buffers: the request's (read by the device), then the reply's
// (written by it). Buffers up to 4 KiB + 256 bytes may be anywhere (they
// are copied, so thread stacks are fine; 8 KiB of them per request);
// larger ones go to the device in place and must be where virtual =
// physical addresses (the heap, the image).
#define KERNEL_9P_NO_DEVICE (-1)  // no usable virtio-9p device
#define KERNEL_9P_BUSY (-2)       // every request slot in flight: wait for KERNEL_EVENT_9P
#define KERNEL_9P_TOO_BIG (-3)    // more than 4 buffers, or one over 4 GiB
#define KERNEL_9P_BAD_BUFFER (-4)  // a large buffer the device cannot reach (on a stack)

struct KernelBuffer {
  void* data;
  size_t len;
};

// Finds and starts the device on first use: 0, or KERNEL_9P_NO_DEVICE.
int kernel_9p_open();

// The device's mount tag ("" without a device or tag).
const char* kernel_9p_mount_tag();

// Queues one request: returns its number (>= 0), or a KERNEL_9P_ error.
int kernel_9p_submit(const struct KernelBuffer* out, int n_out, const struct KernelBuffer* in, int n_in);

// Request `id`: 1 once its reply has arrived (the buffers hold it,
// *length is how many bytes the device wrote, and the number is free
// again); 0 while in flight, after asking for an interrupt: then wait for
// KERNEL_EVENT_9P and ask again. -1 for a number not in flight.
int kernel_9p_poll(int id, uint32_t* length);

// Provided by the run-time system: the kernel calls it once, after the CPU,
// memory and console are set up. It never returns.
[[noreturn]] void rts_vm_start();
}
