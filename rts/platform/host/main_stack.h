// The host's main stack (threads.cpp): the process stack is RLIMIT_STACK's,
// 8 MiB by default, so the program runs on a stack of its own of
// rts_stack_bytes(), like every thread's, with a PROT_NONE guard below.
#pragma once

namespace platform {

// Makes the main stack and runs `program` on it (main(), start.cpp).
[[noreturn]] void run_on_main_stack(void (*program)());

}  // namespace platform
