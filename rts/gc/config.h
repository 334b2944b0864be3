/* The configuration of Boehm's collector (bdwgc) for the fl kernel: one
 * address space, no operating system, no threads (green threads are the
 * runtime's own and push their stacks as extra roots), no libc beyond
 * rts/gc/libc. Included before every bdwgc source (-include); bdwgc's own
 * machine detection knows no x86-64 without an OS, so the machine is named
 * here and "PLATFORM_GETMEM" makes the rest ours:
 *   heap      platform_get_mem()          -> kernel_alloc_pages (libc.c)
 *   stack     platform_get_stack_bottom() -> top of the kernel's main stack
 *   data      the image's .data..__bss_end, added by the runtime after
 *             GC_init (bdwgc's DATASTART/DATAEND stay empty here)
 * See doc/README.macros in the bdwgc sources for each macro. */
#define X86_64 1
#define mach_type_known 1
#define PLATFORM_GETMEM 1

/* No OS services: no environment, no clock, no atexit, no dynamic
 * libraries, no signals or mprotect for incremental collection. */
#define NO_GETENV 1
#define NO_CLOCK 1
#define DONT_USE_ATEXIT 1
#define IGNORE_DYNAMIC_LOADING 1
#define GC_NO_DLOPEN 1
#define GC_NO_THREAD_REDIRECTS 1
#define GC_DISABLE_INCREMENTAL 1
#define NO_DEBUGGING 1
#define NDEBUG 1

/* As Debian's libgc (configure's defaults), so both targets behave alike:
 * pointers into the middle of an object keep it alive. */
#define ALL_INTERIOR_POINTERS 1
#define NO_EXECUTE_PERMISSION 1

/* Green threads run on stacks of their own (rts/core/scheduler.cpp, which
 * moves GC_stackbottom at each switch). Without threads bdwgc's
 * GC_clear_stack keeps a "coolest stack pointer seen" across calls and
 * clears everything from the current stack pointer down to it: after a
 * switch that is another stack, or the heap, far below (it overran a 64 KiB
 * thread stack into its guard page). This clears a fixed small amount. */
#define ALWAYS_SMALL_CLEAR_STACK 1
