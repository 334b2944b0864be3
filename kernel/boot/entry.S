// From the boot loader to C++: 32-bit protected mode (paging off, no stack)
// → zeroed .bss → identity-mapped page tables → long mode → kernel_main.
//
// The first 4 GiB are identity-mapped with 2 MiB pages. That covers the RAM
// of a VM below the PCI hole, the kernel image at 1 MiB and the local APIC
// and I/O APIC registers near 4 GiB, all with the fewest tables the CPU has
// to walk. mem/paging.cpp maps RAM above 4 GiB and refines pages later.
#include "boot/boot_info.h"

#define PTE_PRESENT 0x1
#define PTE_WRITE 0x2
#define PTE_LARGE 0x80
#define CR0_PE (1 << 0)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define KERNEL_CS 0x08
#define KERNEL_DS 0x10

        .code32
        .section .text.boot, "ax"

        .globl pvh_start
pvh_start:
        movl $BOOT_PROTOCOL_PVH, %esi
        jmp start32

        .globl multiboot2_start
multiboot2_start:
        cmpl $MULTIBOOT2_BOOTLOADER_MAGIC, %eax
        jne unknown_loader
        movl $BOOT_PROTOCOL_MULTIBOOT2, %esi

// %esi = protocol, %ebx = the loader's information block, both kept to the end.
start32:
        cli
        cld
        lgdt boot_gdt_pointer
        movw $KERNEL_DS, %ax
        movw %ax, %ds
        movw %ax, %es
        movw %ax, %fs
        movw %ax, %gs
        movw %ax, %ss

        // Loaders zero-fill ELF segments, but being certain costs a few
        // microseconds; the page tables below rely on zeroed entries.
        movl $__bss_start, %edi
        movl $__page_tables_end, %ecx
        subl %edi, %ecx
        shrl $2, %ecx
        xorl %eax, %eax
        rep stosl

        // PML4[0] → PDPT; PDPT[0..3] → the four page directories.
        movl $(kernel_pdpt + PTE_PRESENT + PTE_WRITE), kernel_pml4
        movl $kernel_pdpt, %edi
        movl $(kernel_pd + PTE_PRESENT + PTE_WRITE), %eax
        movl $4, %ecx
1:      movl %eax, (%edi)
        addl $4096, %eax
        addl $8, %edi
        loop 1b

        // 2048 directory entries of 2 MiB each: physical = virtual, 0..4 GiB.
        movl $kernel_pd, %edi
        movl $(PTE_PRESENT + PTE_WRITE + PTE_LARGE), %eax
        movl $2048, %ecx
2:      movl %eax, (%edi)
        addl $0x200000, %eax
        addl $8, %edi
        loop 2b

        movl %cr4, %eax
        orl $CR4_PAE, %eax
        movl %eax, %cr4
        movl $kernel_pml4, %eax
        movl %eax, %cr3
        movl $MSR_EFER, %ecx
        rdmsr
        orl $EFER_LME, %eax
        wrmsr
        // Paging on with EFER.LME set activates long mode (compatibility
        // mode until CS is a 64-bit segment). WP makes read-only pages
        // read-only for the kernel too.
        movl %cr0, %eax
        orl $(CR0_PE + CR0_WP + CR0_PG), %eax
        movl %eax, %cr0
        ljmp $KERNEL_CS, $start64

// Entered at the ELF entry point by something that is not Multiboot2: there
// is no console yet, so report status 3 through isa-debug-exit and stop.
unknown_loader:
        movl $3, %eax
        outl %eax, $0xf4
3:      hlt
        jmp 3b

        .code64
start64:
        movq $boot_stack_top, %rsp
        xorl %ebp, %ebp                 // ends the frame-pointer chain for backtraces
        movl %esi, %edi                 // kernel_main(protocol,
        movl %ebx, %esi                 //             info_paddr)
        call kernel_main
        ud2

// Enough of a GDT to reach 64-bit mode; arch/gdt.cpp installs the final one
// (same selectors, plus the TSS).
        .section .rodata
        .balign 8
boot_gdt:
        .quad 0
        .quad 0x00af9a000000ffff        // KERNEL_CS: 64-bit code, ring 0
        .quad 0x00cf92000000ffff        // KERNEL_DS: flat data
boot_gdt_end:
boot_gdt_pointer:
        .short boot_gdt_end - boot_gdt - 1
        .long boot_gdt

// The page tables that stay live for the VM's whole life (mem/paging.cpp
// edits them). Zeroed above, not by the loader.
        .section .page_tables, "aw", @nobits
        .balign 4096
        .globl kernel_pml4, kernel_pdpt, kernel_pd
kernel_pml4:
        .skip 4096
kernel_pdpt:
        .skip 4096
kernel_pd:
        .skip 4 * 4096
