// The prelude primitives (types/symbol.h): inline instructions where one
// will do, runtime calls otherwise.
#include "codegen/lowering.h"

namespace fl::codegen {

using types::Primitive;

llvm::Value* Lowering::lower_primitive(Primitive p, Type* fn_type, std::vector<ast::Expr*> args, Loc loc) {
  if (args.size() != 1) unsupported(loc, args.empty() ? "primitives as values" : "applying the result of a primitive");
  llvm::Value* x = lower(*args[0], false);
  auto& b = builder();
  switch (p) {
    case Primitive::PrintString: b.CreateCall(runtime("fl_print_string"), {x}); return nullptr;
    case Primitive::PrintEndline: b.CreateCall(runtime("fl_print_endline"), {x}); return nullptr;
    case Primitive::PrintInt: b.CreateCall(runtime("fl_print_int"), {x}); return nullptr;
    case Primitive::PrintNewline: b.CreateCall(runtime("fl_print_newline"), {}); return nullptr;
    case Primitive::PrerrEndline: b.CreateCall(runtime("fl_prerr_endline"), {x}); return nullptr;
    case Primitive::Exit: {
      call_noreturn("fl_exit", {x});
      Type* result = types::resolve(concrete(fn_type))->args[1];
      return undef_of(result);
    }
    case Primitive::Not: return b.CreateNot(x);
    case Primitive::Succ: return b.CreateAdd(x, b.getInt64(1));
    case Primitive::Pred: return b.CreateSub(x, b.getInt64(1));
    case Primitive::Abs: {
      // OCaml's abs min_int is min_int: plain wrap-around negation.
      llvm::Value* negative = b.CreateICmpSLT(x, b.getInt64(0));
      return b.CreateSelect(negative, b.CreateSub(b.getInt64(0), x), x);
    }
    case Primitive::Ignore: return nullptr;
    case Primitive::StringOfInt: return b.CreateCall(runtime("fl_string_of_int"), {x});
    case Primitive::StringOfBool: return b.CreateSelect(x, string_literal("true"), string_literal("false"));
    case Primitive::None: break;
  }
  unsupported(loc, "this primitive");
}

}  // namespace fl::codegen
