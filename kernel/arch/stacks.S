// The kernel's own stacks. They are outside .data/.bss on purpose: those are
// the ranges a garbage collector scans for roots, and a stack is not a root
// set to scan as raw words. The program itself runs on a larger stack with a
// guard page, allocated in kernel_main.
//
//  boot stack     kernel_main until it switches to the program's stack
//  IST stacks     the exceptions that must work even when the interrupted
//                 stack is unusable (arch/gdt.cpp puts them in the TSS)
#define BOOT_STACK_SIZE (32 * 1024)
#define IST_STACK_SIZE (16 * 1024)

        .section .kernel_stacks, "aw", @nobits
        .balign 4096
        .skip BOOT_STACK_SIZE
        .globl boot_stack_top
boot_stack_top:

        .globl ist_double_fault_top, ist_nmi_top, ist_machine_check_top, ist_page_fault_top
        .skip IST_STACK_SIZE
ist_double_fault_top:
        .skip IST_STACK_SIZE
ist_nmi_top:
        .skip IST_STACK_SIZE
ist_machine_check_top:
        .skip IST_STACK_SIZE
ist_page_fault_top:
