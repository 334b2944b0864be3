// The runtime side of the Sys module (stdlib/sys.fl, LANGUAGE.md 8.3).
#include "platform/platform.h"
#include "platform/threads.h"
#include "rts.h"

extern "C" {

int64_t fl_sys_argc() { return static_cast<int64_t>(platform::arg_count()); }

FlString* fl_sys_arg(int64_t i) {
  if (i < 0 || static_cast<size_t>(i) >= platform::arg_count()) fl_raise_index_out_of_bounds();
  return rts_string_of_cstring(platform::arg(static_cast<size_t>(i)));
}

int64_t fl_sys_time_ms() { return static_cast<int64_t>(platform::now_ns() / 1'000'000); }

FlString* fl_sys_target() { return rts_string_of_cstring(platform::kTarget); }

int64_t fl_sys_heap_words() { return static_cast<int64_t>(platform::heap_bytes() / 8); }

}  // extern "C"
