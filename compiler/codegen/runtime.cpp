// Declarations of the runtime's C ABI (rts/include/rts.h and
// rts/include/rts_numeric.h), made on first use.
#include "codegen/lowering.h"

#include <cstring>

namespace fl::codegen {

namespace {
struct RuntimeFunction {
  const char* name;
  const char* ret;     // "v" void, "i" i64, "p" ptr, "d" double, "b" i1
  const char* params;  // one letter per parameter, as above
  bool noreturn;
  // Returns a fresh object, like malloc: what it points to is reachable
  // from nowhere else, so a ref that does not escape stays in a register
  // even across calls that may touch any escaped memory (fl_safepoint,
  // which runs other threads, in a loop).
  bool fresh = false;
};

constexpr RuntimeFunction kRuntime[] = {
    {"fl_alloc", "p", "i", false, true},
    {"fl_alloc_atomic", "p", "i", false, true},
    {"fl_alloc_refill", "p", "ib", false, true},
    {"fl_array_alloc", "p", "iib", false, true},
    {"fl_print_string", "v", "p", false},
    {"fl_print_endline", "v", "p", false},
    {"fl_print_int", "v", "i", false},
    {"fl_print_char", "v", "i", false},
    {"fl_print_newline", "v", "", false},
    {"fl_prerr_endline", "v", "p", false},
    {"fl_prerr_string", "v", "p", false},
    {"fl_read_line", "p", "", false},
    {"fl_exit", "v", "i", true},
    {"fl_raise", "v", "p", true},
    {"fl_try_enter", "i", "pp", false},
    {"fl_raise_division_by_zero", "v", "", true},
    {"fl_raise_index_out_of_bounds", "v", "", true},
    {"fl_string_concat", "p", "pp", false},
    {"fl_string_of_int", "p", "i", false},
    {"fl_string_compare", "i", "pp", false},
    {"fl_string_equal", "i", "pp", false},
    {"fl_string_hash", "i", "p", false},
    {"fl_string_create", "p", "i", false},
    {"fl_char_of_int", "i", "i", false},
    {"fl_int_of_float", "i", "d", false},
    {"fl_builder_new", "p", "", false},
    {"fl_builder_add", "v", "pp", false},
    {"fl_builder_add_int", "v", "pi", false},
    {"fl_builder_add_float", "v", "pd", false},
    {"fl_builder_add_escaped_string", "v", "pp", false},
    {"fl_builder_add_escaped_char", "v", "pi", false},
    {"fl_builder_finish", "p", "p", false},
    {"fl_string_of_float", "p", "d", false},
    {"fl_float_of_string_opt", "p", "p", false},
    {"fl_int_of_string_opt", "p", "p", false},
    {"fl_float_sin", "d", "d", false},
    {"fl_float_cos", "d", "d", false},
    {"fl_float_tan", "d", "d", false},
    {"fl_float_atan", "d", "d", false},
    {"fl_float_exp", "d", "d", false},
    {"fl_float_log", "d", "d", false},
    {"fl_float_floor", "d", "d", false},
    {"fl_float_ceil", "d", "d", false},
    {"fl_float_atan2", "d", "dd", false},
    {"fl_float_pow", "d", "dd", false},
    {"fl_thread_spawn", "p", "pp", false},
    {"fl_thread_yield", "v", "", false},
    {"fl_thread_sleep_ms", "v", "i", false},
    {"fl_thread_self", "p", "", false},
    {"fl_thread_id", "i", "p", false},
    {"fl_mvar_create_empty", "p", "", false},
    {"fl_mvar_create", "p", "i", false},
    {"fl_mvar_take", "i", "p", false},
    {"fl_mvar_read", "i", "p", false},
    {"fl_mvar_put", "v", "pi", false},
    {"fl_mvar_is_full", "i", "p", false},
};
}  // namespace

llvm::FunctionCallee Lowering::runtime(const char* name) {
  auto letter = [&](char c) -> llvm::Type* {
    switch (c) {
      case 'i': return b_.getInt64Ty();
      case 'p': return b_.getPtrTy();
      case 'd': return b_.getDoubleTy();
      case 'b': return b_.getInt1Ty();
      default: return b_.getVoidTy();
    }
  };
  for (const RuntimeFunction& r : kRuntime) {
    if (std::strcmp(r.name, name) != 0) continue;
    std::vector<llvm::Type*> params;
    for (const char* p = r.params; *p; ++p) params.push_back(letter(*p));
    auto* type = llvm::FunctionType::get(letter(r.ret[0]), params, false);
    llvm::FunctionCallee callee = mod_->getOrInsertFunction(name, type);
    if (auto* f = llvm::dyn_cast<llvm::Function>(callee.getCallee())) {
      if (r.noreturn) f->addFnAttr(llvm::Attribute::NoReturn);
      if (r.fresh) f->addRetAttr(llvm::Attribute::NoAlias);
    }
    return callee;
  }
  diags_.error(std::string("internal error: unknown runtime function ") + name);
  throw LoweringFailed{};
}

void Lowering::call_noreturn(const char* name, std::vector<llvm::Value*> args) {
  b_.CreateCall(runtime(name), args);
  b_.CreateUnreachable();
  start_dead_block();
}

}  // namespace fl::codegen
