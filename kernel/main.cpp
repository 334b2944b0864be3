// kernel_main: the order in which the machine is made ready for the program.
// Each step may rely on all the ones before it.
#include <stddef.h>
#include <stdint.h>

#include "arch/gdt.h"
#include "arch/idt.h"
#include "arch/sse.h"
#include "boot/boot_info.h"
#include "drivers/serial.h"
#include "kernel.h"
#include "mem/paging.h"

extern "C" void (*__init_array_start[])(), (*__init_array_end[])();
extern "C" char __data_start[], __bss_end[];
extern "C" [[noreturn]] void call_on_stack(uintptr_t top, void (*function)());

namespace {

bool cmdline_has_word(const char* cmdline, const char* word) {
  for (const char* p = cmdline; *p != '\0';) {
    while (*p == ' ') ++p;
    const char* w = word;
    while (*w != '\0' && *p == *w) ++p, ++w;
    if (*w == '\0' && (*p == ' ' || *p == '\0')) return true;
    while (*p != ' ' && *p != '\0') ++p;
  }
  return false;
}

// The main thread's stack: a thread stack like the others (the same
// limit, grown on demand), from the stack region.
uintptr_t main_stack_low = 0, main_stack_top = 0;

void run_constructors() {
  for (auto* constructor = __init_array_start; constructor != __init_array_end; ++constructor) (*constructor)();
}

}  // namespace

extern "C" [[noreturn]] void kernel_main(uint32_t protocol, uint64_t info_paddr) {
  drivers::serial_init();  // first, so that everything after can panic visibly
  arch::gdt_init();        // the TSS: IST stacks for the fatal exceptions
  arch::idt_init();        // from here on, a CPU exception panics cleanly

  bool read = protocol == BOOT_PROTOCOL_PVH          ? boot::read_pvh_start_info(info_paddr)
              : protocol == BOOT_PROTOCOL_MULTIBOOT2 ? boot::read_multiboot2_info(info_paddr)
                                                     : false;
  if (!read) kernel_panic("the boot loader passed no memory map");
  mem::paging_init();  // RAM above 4 GiB, and page 0 unmapped

  arch::sse_enable();  // before any runtime code: it may use SSE
  // flc boots an image with this word once per machine to learn whether
  // KVM can run it (nested KVM sometimes fails at the first SSE
  // instruction); reaching this line means it can.
  if (cmdline_has_word(kernel_cmdline(), "fl.probe")) kernel_exit(0);
  run_constructors();  // the runtime's static initialisers, if any

  if (!kernel_stack_create(rts_stack_bytes(), &main_stack_low, &main_stack_top))
    kernel_panic("out of memory for the main stack");
  call_on_stack(main_stack_top, rts_vm_start);
}

void kernel_static_data(uintptr_t* start, uintptr_t* end) {
  *start = reinterpret_cast<uintptr_t>(__data_start);
  *end = reinterpret_cast<uintptr_t>(__bss_end);
}

void kernel_main_stack(uintptr_t* low, uintptr_t* top) {
  *low = main_stack_low;
  *top = main_stack_top;
}
