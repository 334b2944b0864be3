// The runtime raising the predefined exceptions (Division_by_zero, ...).
// Apart from exceptions.cpp because these need the program's exception
// descriptors, which code linking the runtime without a program (unit
// tests) does not have.
#include "rts.h"

namespace {

[[noreturn]] void raise_constant(FlExnDesc* desc) {
  auto** exn = static_cast<FlExnDesc**>(fl_alloc(sizeof(void*)));
  exn[0] = desc;
  fl_raise(exn);
}

[[noreturn]] void raise_with_string(FlExnDesc* desc, const FlString* message) {
  auto** exn = static_cast<const void**>(fl_alloc(2 * sizeof(void*)));
  exn[0] = desc;
  exn[1] = message;
  fl_raise(exn);
}

[[noreturn]] void raise_with_message(FlExnDesc* desc, const char* message) {
  raise_with_string(desc, rts_string_of_cstring(message));
}

}  // namespace

extern "C" {

void fl_raise_division_by_zero() { raise_constant(&fl_exn_Division_by_zero); }
void fl_raise_not_found() { raise_constant(&fl_exn_Not_found); }
void fl_raise_end_of_file() { raise_constant(&fl_exn_End_of_file); }
void fl_raise_invalid_argument(const char* message) { raise_with_message(&fl_exn_Invalid_argument, message); }
void fl_raise_failure(const char* message) { raise_with_message(&fl_exn_Failure, message); }
void fl_raise_sys_error(const char* message) { raise_with_message(&fl_exn_Sys_error, message); }
void fl_raise_sys_error_string(const FlString* message) { raise_with_string(&fl_exn_Sys_error, message); }
void fl_raise_index_out_of_bounds() { fl_raise_invalid_argument("index out of bounds"); }

}  // extern "C"
