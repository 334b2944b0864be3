// Declarations of the runtime's C ABI (rts/include/rts.h), made on first use.
#include "codegen/lowering.h"

#include <cstring>

namespace fl::codegen {

namespace {
struct RuntimeFunction {
  const char* name;
  const char* ret;     // "v" void, "i" i64, "p" ptr
  const char* params;  // one letter per parameter, as above
  bool noreturn;
};

constexpr RuntimeFunction kRuntime[] = {
    {"fl_print_string", "v", "p", false},
    {"fl_print_endline", "v", "p", false},
    {"fl_print_int", "v", "i", false},
    {"fl_print_newline", "v", "", false},
    {"fl_prerr_endline", "v", "p", false},
    {"fl_exit", "v", "i", true},
    {"fl_raise_division_by_zero", "v", "", true},
    {"fl_string_concat", "p", "pp", false},
    {"fl_string_of_int", "p", "i", false},
    {"fl_string_compare", "i", "pp", false},
};
}  // namespace

llvm::FunctionCallee Lowering::runtime(const char* name) {
  auto letter = [&](char c) -> llvm::Type* {
    switch (c) {
      case 'i': return b_.getInt64Ty();
      case 'p': return b_.getPtrTy();
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
      f->addFnAttr(llvm::Attribute::NoUnwind);
      if (r.noreturn) f->addFnAttr(llvm::Attribute::NoReturn);
    }
    return callee;
  }
  diags_.error(std::string("internal error: unknown runtime function ") + name);
  throw LoweringFailed{};
}

}  // namespace fl::codegen
