// What the portable runtime (rts/core) needs from the machine it runs on.
// Two implementations: platform/host (Linux) and platform/vm (the fl kernel).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace platform {

enum class Stream { out, err };

// Writes all of `len` bytes to the stream.
void write(Stream stream, const char* bytes, size_t len);

// The next byte of standard input (VM: the console), or -1 at its end.
int read_byte();

// Ends the program (host: the process; VM: the machine) with `status`.
[[noreturn]] void exit(int status);

// Fatal runtime error: "panic: <message>", status 3 on the VM.
[[noreturn]] void panic(const char* message);

// Heap memory from the garbage collector; zeroed. `atomic` memory holds no
// pointers and is never scanned. nullptr when the heap cannot grow even
// after a full collection: the caller raises Out_of_memory.
void* alloc(size_t bytes, bool atomic);

// A batch of objects of `bytes` each, linked through their first word
// (null-terminated), for the inline allocator of generated code, which
// writes every field; zeroed unless `atomic`; nullptr like alloc.
void* alloc_batch(size_t bytes, bool atomic);

// A full collection now.
void collect();

// The collector's heap, in bytes (Sys.heap_words).
size_t heap_bytes();

// "host" or "vm" (Sys.target).
extern const char* const kTarget;

// The program's arguments without its name (Sys.argv): on the host, the
// process's; on the VM, the words after `--` on the kernel command line.
size_t arg_count();
const char* arg(size_t i);

// Host only: main() hands over the process's arguments.
void set_args(int argc, char** argv);

// Roots the collector cannot find by itself: the static data, the running
// stack and the registers it scans on its own; the stacks of suspended
// threads it does not know. During every collection it calls the hook,
// which reports each such range with push_roots(low, high).
using RootsHook = void (*)();
void set_roots_hook(RootsHook hook);
void push_roots(const void* low, const void* high);

}  // namespace platform
