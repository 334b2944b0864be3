// The two halves of `try`: saving the callee-saved registers, the stack
// pointer and the resume address (fl_try_enter returns 0), and jumping back
// there when an exception is raised (fl_try_enter then returns 1). The
// caller is generated code, which LLVM compiles knowing that fl_try_enter
// returns twice. System V x86-64 on both targets.
//
// struct FlHandler { rbx, rbp, r12, r13, r14, r15, rsp, rip, prev }

        .text
        .globl fl_try_enter
        .type fl_try_enter, @function
fl_try_enter:
        movq %rbx, 0(%rdi)
        movq %rbp, 8(%rdi)
        movq %r12, 16(%rdi)
        movq %r13, 24(%rdi)
        movq %r14, 32(%rdi)
        movq %r15, 40(%rdi)
        leaq 8(%rsp), %rax        // the stack pointer after our return
        movq %rax, 48(%rdi)
        movq (%rsp), %rax         // our return address
        movq %rax, 56(%rdi)
        xorl %eax, %eax
        ret
        .size fl_try_enter, . - fl_try_enter

        .globl fl_try_resume
        .type fl_try_resume, @function
fl_try_resume:
        movq 0(%rdi), %rbx
        movq 8(%rdi), %rbp
        movq 16(%rdi), %r12
        movq 24(%rdi), %r13
        movq 32(%rdi), %r14
        movq 40(%rdi), %r15
        movq 48(%rdi), %rsp
        movl $1, %eax
        jmpq *56(%rdi)
        .size fl_try_resume, . - fl_try_resume

        .section .note.GNU-stack,"",@progbits
