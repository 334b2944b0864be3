// Entry stubs for device interrupts (arch/timer.cpp). Unlike the exception
// stubs of vectors.S these resume the interrupted code, so they save every
// register the System V ABI lets a C++ callee clobber. General registers
// only: kernel C++ is built with -mgeneral-regs-only, so the handlers never
// touch SSE state and the interrupted code's XMM registers survive as they
// are.

#include "arch/interrupt_vectors.h"

// The 9 general registers a C++ callee may clobber (72 bytes).
.macro SAVE_CALLER_SAVED
        pushq %rax
        pushq %rcx
        pushq %rdx
        pushq %rsi
        pushq %rdi
        pushq %r8
        pushq %r9
        pushq %r10
        pushq %r11
.endm
.macro RESTORE_CALLER_SAVED
        popq %r11
        popq %r10
        popq %r9
        popq %r8
        popq %rdi
        popq %rsi
        popq %rdx
        popq %rcx
        popq %rax
.endm

        .text
        .globl timer_interrupt_entry
        .type timer_interrupt_entry, @function
        .balign 16
timer_interrupt_entry:
        // The CPU aligned %rsp to 16 and pushed 5 words: with these 9 it is
        // aligned again at the call.
        SAVE_CALLER_SAVED
        cld
        call timer_interrupt
        RESTORE_CALLER_SAVED
        iretq
        .size timer_interrupt_entry, . - timer_interrupt_entry

// Spurious interrupts (the local APIC's, and the masked 8259 PICs' IRQ 7
// and 15) need no end-of-interrupt: they are counted (arch/interrupts.h),
// nothing else.
        .globl spurious_interrupt_entry
        .type spurious_interrupt_entry, @function
        .balign 16
spurious_interrupt_entry:
        lock incq spurious_interrupt_count(%rip)
        iretq
        .size spurious_interrupt_entry, . - spurious_interrupt_entry

// Device vectors (arch/interrupts.cpp): one small stub per vector pushes
// its number and jumps to the common part, which calls
// device_interrupt(vector) with the caller-saved registers saved.
        .globl device_interrupt_stubs
        .balign 16
device_interrupt_stubs:
        .set vector, DEVICE_VECTOR_FIRST
        .rept DEVICE_VECTOR_COUNT
        .balign 16
        pushq $vector
        jmp device_interrupt_common
        .set vector, vector + 1
        .endr

        .balign 16
device_interrupt_common:
        // 5 words from the CPU, the vector, these 9 and 8 bytes of padding:
        // %rsp is 16-byte aligned at the call.
        SAVE_CALLER_SAVED
        subq $8, %rsp
        movq 80(%rsp), %rdi
        cld
        call device_interrupt
        addq $8, %rsp
        RESTORE_CALLER_SAVED
        addq $8, %rsp
        iretq

        .section .note.GNU-stack,"",@progbits
