// Entry stubs for device interrupts (arch/timer.cpp). Unlike the exception
// stubs of vectors.S these resume the interrupted code, so they save every
// register the System V ABI lets a C++ callee clobber. General registers
// only: kernel C++ is built with -mgeneral-regs-only, so the handlers never
// touch SSE state and the interrupted code's XMM registers survive as they
// are.

        .text
        .globl timer_interrupt_entry
        .type timer_interrupt_entry, @function
        .balign 16
timer_interrupt_entry:
        // The CPU aligned %rsp to 16 and pushed 5 words: with these 9 it is
        // aligned again at the call.
        pushq %rax
        pushq %rcx
        pushq %rdx
        pushq %rsi
        pushq %rdi
        pushq %r8
        pushq %r9
        pushq %r10
        pushq %r11
        cld
        call timer_interrupt
        popq %r11
        popq %r10
        popq %r9
        popq %r8
        popq %rdi
        popq %rsi
        popq %rdx
        popq %rcx
        popq %rax
        iretq
        .size timer_interrupt_entry, . - timer_interrupt_entry

// Spurious interrupts (the local APIC's, and the masked 8259 PICs' IRQ 7
// and 15) need no end-of-interrupt: just return.
        .globl spurious_interrupt_entry
        .type spurious_interrupt_entry, @function
        .balign 16
spurious_interrupt_entry:
        iretq
        .size spurious_interrupt_entry, . - spurious_interrupt_entry

        .section .note.GNU-stack,"",@progbits
