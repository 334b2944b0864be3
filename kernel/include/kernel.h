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

// Provided by the run-time system: the kernel calls it once, after the CPU,
// memory and console are set up. It never returns.
[[noreturn]] void rts_vm_start();
}
