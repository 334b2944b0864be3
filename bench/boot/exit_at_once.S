// The smallest image QEMU boots through the PVH note: its first instruction
// writes status 0 to isa-debug-exit (port 0xf4). Booting it measures what the
// machine and firmware cost before the fl kernel runs a single instruction.
        .code32
        .section .note.Xen, "a", @note
        .balign 4
        .long 4                 // name size ("Xen\0")
        .long 8                 // descriptor size: QEMU reads a 64-bit address
        .long 18                // XEN_ELFNOTE_PHYS32_ENTRY
        .asciz "Xen"
        .quad exit_at_once

        .text
        .globl exit_at_once
exit_at_once:
        xorl %eax, %eax
        outl %eax, $0xf4
        // Without isa-debug-exit the write is ignored: stop here for good.
1:      cli
        hlt
        jmp 1b
