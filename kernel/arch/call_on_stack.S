// [[noreturn]] void call_on_stack(uintptr_t top, void (*function)())
// Runs function on a fresh stack; there is nothing to return to.
        .text
        .globl call_on_stack
call_on_stack:
        movq %rdi, %rsp
        xorl %ebp, %ebp                 // a new frame-pointer chain starts here
        callq *%rsi
        ud2
