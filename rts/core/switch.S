// Context switch between green threads (rts/core/scheduler.cpp). A switch
// is always an ordinary call from C++, so only what the System V ABI says a
// callee preserves needs saving: the six callee-saved registers (pushed on
// the suspended thread's own stack) and the stack pointer. MXCSR and the
// x87 control word are the same in every thread and left alone. Both
// targets.

// The frame a suspended thread leaves below its return address.
.macro push_callee_saved
        pushq %rbp
        pushq %rbx
        pushq %r12
        pushq %r13
        pushq %r14
        pushq %r15
.endm
.macro pop_callee_saved
        popq %r15
        popq %r14
        popq %r13
        popq %r12
        popq %rbx
        popq %rbp
.endm

        .text
        .globl fl_switch_context
        .type fl_switch_context, @function
// void fl_switch_context(void** save_sp /* %rdi */, void* new_sp /* %rsi */)
fl_switch_context:
        push_callee_saved
        movq %rsp, (%rdi)
        movq %rsi, %rsp
        pop_callee_saved
        ret
        .size fl_switch_context, . - fl_switch_context

// void fl_switch_to_stack(void** save_sp, void* top, void (*function)())
// Suspends the running thread as fl_switch_context does, then calls
// `function`, which must not return, on another stack (fl_call_on_stack):
// core/shared_stack.cpp, which rewrites the stack the thread was on.
        .globl fl_switch_to_stack
        .type fl_switch_to_stack, @function
fl_switch_to_stack:
        push_callee_saved
        movq %rsp, (%rdi)
        movq %rsi, %rdi
        movq %rdx, %rsi
        jmp .Lcall_on_stack
        .size fl_switch_to_stack, . - fl_switch_to_stack

// void fl_resume_context(void* sp): the second half of fl_switch_context,
// from a stack nothing returns to.
        .globl fl_resume_context
        .type fl_resume_context, @function
fl_resume_context:
        movq %rdi, %rsp
        pop_callee_saved
        ret
        .size fl_resume_context, . - fl_resume_context

// Where a new thread's first switch returns to (scheduler.cpp builds the
// frame): no caller frame for backtraces (%rbp 0), an aligned stack, and
// the thread's outermost exception handler (a struct FlHandler in this
// frame, rts.h) around its code. fl_try_enter returns 0 now, and 1 when an
// exception nothing else caught arrives here, with the stack pointer back
// at the handler. Neither C++ routine returns.
        .globl fl_thread_trampoline
        .type fl_thread_trampoline, @function
fl_thread_trampoline:
        xorl %ebp, %ebp
        andq $-16, %rsp
        subq $80, %rsp            // FlHandler: 9 words, rounded to 16 bytes
        movq $0, 64(%rsp)         // prev: none
        movq %rsp, %rdi
        xorl %esi, %esi           // (nothing for the optimiser to keep)
        callq fl_try_enter@PLT
        movq %rsp, %rdi
        testq %rax, %rax
        jnz 1f
        callq fl_thread_run@PLT   // (FlHandler*): runs the thread's closure
1:      callq fl_thread_died@PLT  // reports the exception
        ud2
        .size fl_thread_trampoline, . - fl_thread_trampoline

// void fl_call_on_stack(void* top /* %rdi */, void (*function)() /* %rsi */)
// Calls `function`, which must not return, on another stack (from its
// 16-byte aligned top; no caller frame for backtraces).
        .globl fl_call_on_stack
        .type fl_call_on_stack, @function
fl_call_on_stack:
.Lcall_on_stack:
        movq %rdi, %rsp
        xorl %ebp, %ebp
        callq *%rsi
        ud2
        .size fl_call_on_stack, . - fl_call_on_stack

        .section .note.GNU-stack,"",@progbits
