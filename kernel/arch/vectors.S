// Entry stubs for the 32 CPU exception vectors. Each makes the stack look
// the same (a zero where the CPU pushes no error code, then the vector) and
// joins trap_common, which saves the general registers as an arch::TrapFrame
// and calls trap_dispatch. Only general registers are saved: kernel C++ is
// built with -mgeneral-regs-only, so handlers never touch SSE state.

// Vectors for which the CPU pushes an error code.
#define HAS_ERROR_CODE(n) ((n) == 8 || ((n) >= 10 && (n) <= 14) || (n) == 17 || (n) == 21 || (n) == 29 || (n) == 30)

        .section .rodata
        .balign 8
        .globl trap_vectors
trap_vectors:                           // uint64_t trap_vectors[32]: stub addresses

.macro vector n
        .text
        .balign 16
vector_\n:
        .if !HAS_ERROR_CODE(\n)
        pushq $0
        .endif
        pushq $\n
        jmp trap_common
        .section .rodata
        .quad vector_\n
.endm

.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        vector \n
.endr

        .text
trap_common:
        // The CPU aligned %rsp to 16 before its 5 words; with error code,
        // vector and these 15 registers the frame is 22 words, so %rsp is
        // 16-aligned again at the call, as the ABI wants.
        pushq %r15
        pushq %r14
        pushq %r13
        pushq %r12
        pushq %r11
        pushq %r10
        pushq %r9
        pushq %r8
        pushq %rbp
        pushq %rdi
        pushq %rsi
        pushq %rdx
        pushq %rcx
        pushq %rbx
        pushq %rax
        movq %rsp, %rdi
        cld
        call trap_dispatch
        popq %rax
        popq %rbx
        popq %rcx
        popq %rdx
        popq %rsi
        popq %rdi
        popq %rbp
        popq %r8
        popq %r9
        popq %r10
        popq %r11
        popq %r12
        popq %r13
        popq %r14
        popq %r15
        addq $16, %rsp                  // vector and error code
        iretq
