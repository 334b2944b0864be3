// The Xen PVH entry note: `qemu-system-x86_64 -kernel` (and cloud-hypervisor,
// Firecracker-style loaders, Xen) find it in a PT_NOTE segment, load the ELF
// segments at their physical addresses and jump to pvh_start in 32-bit
// protected mode with paging off and %ebx = &hvm_start_info.
//
// QEMU reads the descriptor as a 64-bit value placed after the name aligned
// to the PT_NOTE's p_align, so the section must stay 4-aligned (an 8-aligned
// PT_NOTE would make QEMU read 4 bytes too far).
#define XEN_ELFNOTE_PHYS32_ENTRY 18

        .section .note.Xen, "a", @note
        .balign 4
        .globl pvh_note
pvh_note:
        .long 4                         // name size: "Xen\0"
        .long 8                         // descriptor size
        .long XEN_ELFNOTE_PHYS32_ENTRY
        .asciz "Xen"
        .quad pvh_start
