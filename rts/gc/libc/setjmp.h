/* Included by bdwgc; jmp_buf is needed for nothing here (no fault handlers, registers are saved with __builtin_unwind_init). */
