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
// page-aligned, or nullptr when RAM is exhausted. The runtime's heap grows
// through this.
void* kernel_alloc_pages(size_t bytes);

// The program's static data, from the start of .data to the end of .bss
// (link.ld): where the collector looks for global roots.
void kernel_static_data(uintptr_t* start, uintptr_t* end);

// The stack rts_vm_start runs on: its lowest usable address and its top
// (exclusive). The collector scans it from the stack pointer up to `top`.
void kernel_main_stack(uintptr_t* low, uintptr_t* top);

// Like kernel_alloc_pages, but the memory holds whatever it held before
// (zeroing costs ~1.4 s per GiB under emulation): for the collector's heap,
// which clears objects itself.
void* kernel_alloc_pages_uninitialized(size_t bytes);

// The kernel command line given by the boot loader ("" when there is none).
const char* kernel_cmdline();

// Green threads (the runtime's scheduler).
// A thread stack: `bytes` (a multiple of 4096) of mapped, writable memory
// above an unmapped guard page; returns its lowest address (the stack's
// top is that plus `bytes`), or nullptr when RAM is exhausted. Not zeroed.
void* kernel_alloc_stack(size_t bytes);

// A page fault in the guard page below the main stack, or below the
// running thread's stack (named at every switch, 0 for none), is a stack
// overflow: once a handler is set it does not panic, and the CPU goes on
// in `handler` on a spare stack, as if called there, interrupts as they
// were. The handler must not return (the runtime raises Stack_overflow).
void kernel_set_stack_overflow_handler(void (*handler)());
void kernel_set_thread_guard(uintptr_t guard_page);

// Monotonic time since the kernel first measured it, in nanoseconds (the
// TSC, calibrated against the PIT on first use).
uint64_t kernel_time_ns();

// Starts the periodic 10 ms tick of the local APIC timer (and enables
// interrupts); every tick stores 1 into *flag. Calling it again only
// changes the flag.
void kernel_start_tick(volatile int32_t* flag);

// Halts the CPU (hlt, interrupts on) until kernel_time_ns() reaches
// deadline_ns; it wakes at the first tick after it. Starts the tick if
// needed.
void kernel_idle_until(uint64_t deadline_ns);

// Provided by the run-time system: the kernel calls it once, after the CPU,
// memory and console are set up. It never returns.
[[noreturn]] void rts_vm_start();
}
