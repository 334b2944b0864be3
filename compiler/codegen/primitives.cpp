// The primitives of types/primitives.cpp: inline instructions where one
// will do, runtime calls otherwise. `args` are already evaluated, left to
// right.
#include "codegen/lowering.h"

namespace fl::codegen {

using types::Primitive;

int Lowering::primitive_arity(const Symbol& prim) {
  switch (prim.primitive) {
    case Primitive::External: return arrow_count(prim.scheme.body);
    case Primitive::Compare: case Primitive::StringUnsafeGet: case Primitive::ArrayMake:
    case Primitive::ArrayUnsafeGet: case Primitive::FloatAtan2: case Primitive::FloatPow:
    case Primitive::MVarPut:
      return 2;
    case Primitive::StringUnsafeSet: case Primitive::ArrayUnsafeSet:
      return 3;
    case Primitive::StringBlit:
      return 5;
    default:
      return 1;
  }
}

llvm::Value* Lowering::lower_external(const Symbol& prim, Type* fn_type, const std::vector<llvm::Value*>& args) {
  Type* t = types::resolve(concrete(fn_type));
  std::vector<llvm::Type*> params;
  std::vector<llvm::Value*> values;
  for (llvm::Value* arg : args) {
    if (types::is_builtin(t->args[0], "unit")) {
      t = types::resolve(t->args[1]);
      continue;
    }
    params.push_back(arg->getType());
    values.push_back(arg);
    t = types::resolve(t->args[1]);
  }
  bool unit_result = types::is_builtin(t, "unit");
  llvm::Type* ret = unit_result ? b_.getVoidTy() : lower_type(t);
  llvm::FunctionCallee callee =
      mod_->getOrInsertFunction(prim.linkage_name, llvm::FunctionType::get(ret, params, false));
  llvm::Value* v = b_.CreateCall(callee, values);
  return unit_result ? unit() : v;
}

llvm::Value* Lowering::lower_primitive(const Symbol& prim, Type* fn_type, const std::vector<llvm::Value*>& args,
                                       Loc loc) {
  Primitive p = prim.primitive;
  if (p == Primitive::External) return lower_external(prim, fn_type, args);
  Type* t = concrete(fn_type);
  Type* arg_type = types::resolve(t)->args[0];
  Type* result = types::resolve(t);
  for (int i = 0; i < primitive_arity(prim); ++i) result = types::resolve(result->args[1]);
  llvm::Value* x = args[0];
  auto call = [&](const char* name, std::vector<llvm::Value*> values) -> llvm::Value* {
    return b_.CreateCall(runtime(name), values);
  };
  // An MVar holds one 64-bit word (rts_threads.h): every value widened to
  // it, and narrowed back at its type.
  auto to_word = [&](llvm::Value* v) -> llvm::Value* {
    llvm::Type* type = v->getType();
    if (type->isPointerTy()) return b_.CreatePtrToInt(v, b_.getInt64Ty());
    if (type->isDoubleTy()) return b_.CreateBitCast(v, b_.getInt64Ty());
    if (type == b_.getInt64Ty()) return v;
    return b_.CreateZExt(v, b_.getInt64Ty());
  };
  auto from_word = [&](llvm::Value* w, llvm::Type* type) -> llvm::Value* {
    if (type->isPointerTy()) return b_.CreateIntToPtr(w, type);
    if (type->isDoubleTy()) return b_.CreateBitCast(w, type);
    if (type == b_.getInt64Ty()) return w;
    return b_.CreateTrunc(w, type);
  };
  // Thread.spawn's C-callable entry: `void (ptr closure)` applying the
  // closure (unit -> unit, tailcc) to ().
  auto thread_entry = [&]() -> llvm::Function* {
    const char* name = "fl.thread_entry";
    if (auto it = functions_.find(name); it != functions_.end()) return it->second;
    auto* entry = llvm::Function::Create(llvm::FunctionType::get(b_.getVoidTy(), {b_.getPtrTy()}, false),
                                         llvm::Function::InternalLinkage, name, *mod_);
    set_function_attributes(entry);
    functions_[name] = entry;
    llvm::IRBuilderBase::InsertPointGuard guard(b_);
    b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", entry));
    apply_closure(entry->getArg(0), arg_type, {unit()}, /*tail=*/false);
    b_.CreateRetVoid();
    return entry;
  };
  auto byte_ptr = [&](llvm::Value* string, llvm::Value* index) {
    return b_.CreateGEP(b_.getInt8Ty(), b_.CreateConstGEP1_64(b_.getInt8Ty(), string, 8), index);
  };
  switch (p) {
    case Primitive::PrintString: call("fl_print_string", {x}); return unit();
    case Primitive::PrintEndline: call("fl_print_endline", {x}); return unit();
    case Primitive::PrintInt: call("fl_print_int", {x}); return unit();
    case Primitive::PrintFloat: call("fl_print_string", {call("fl_string_of_float", {x})}); return unit();
    case Primitive::PrintChar: call("fl_print_char", {b_.CreateZExt(x, b_.getInt64Ty())}); return unit();
    case Primitive::PrintNewline: call("fl_print_newline", {}); return unit();
    case Primitive::PrerrEndline: call("fl_prerr_endline", {x}); return unit();
    case Primitive::PrerrString: call("fl_prerr_string", {x}); return unit();
    case Primitive::ReadLine: return call("fl_read_line", {});
    case Primitive::Exit:
      call_noreturn("fl_exit", {x});
      return undef_of(result);
    case Primitive::Raise:
      lower_raise(x);
      return undef_of(result);
    case Primitive::Not: return b_.CreateNot(x);
    case Primitive::Succ: return b_.CreateAdd(x, b_.getInt64(1));
    case Primitive::Pred: return b_.CreateSub(x, b_.getInt64(1));
    case Primitive::Abs: {
      // OCaml's abs min_int is min_int: plain wrap-around negation.
      llvm::Value* negative = b_.CreateICmpSLT(x, b_.getInt64(0));
      return b_.CreateSelect(negative, b_.CreateSub(b_.getInt64(0), x), x);
    }
    case Primitive::Ignore: return unit();
    case Primitive::StringOfInt: return call("fl_string_of_int", {x});
    case Primitive::StringOfBool: return b_.CreateSelect(x, string_literal("true"), string_literal("false"));
    case Primitive::StringOfFloat: return call("fl_string_of_float", {x});
    case Primitive::FloatOfInt: return b_.CreateSIToFP(x, b_.getDoubleTy());
    case Primitive::IntOfFloat: return call("fl_int_of_float", {x});
    case Primitive::IntOfChar: return b_.CreateZExt(x, b_.getInt64Ty());
    case Primitive::CharOfInt: return b_.CreateTrunc(call("fl_char_of_int", {x}), b_.getInt8Ty());
    case Primitive::Ref: {
      std::vector<Type*> fields{arg_type};
      llvm::StructType* layout = block_type(fields, false);
      llvm::Value* cell = allocate(layout, is_atomic(fields));
      b_.CreateStore(x, cell);
      return cell;
    }
    case Primitive::Compare: return b_.CreateCall(compare_function(arg_type, loc), {x, args[1]});
    case Primitive::Hash: return b_.CreateCall(hash_function(arg_type, loc), {x});
    case Primitive::Show: {
      show_loc_ = loc;
      llvm::Value* builder = call("fl_builder_new", {});
      show_into(builder, x, arg_type, false);
      return call("fl_builder_finish", {builder});
    }
    case Primitive::StringLength: return b_.CreateLoad(b_.getInt64Ty(), x);
    case Primitive::StringUnsafeGet: return b_.CreateLoad(b_.getInt8Ty(), byte_ptr(x, args[1]));
    case Primitive::StringCreate: return call("fl_string_create", {x});
    case Primitive::StringUnsafeSet: b_.CreateStore(args[2], byte_ptr(x, args[1])); return unit();
    case Primitive::StringBlit:
      b_.CreateMemMove(byte_ptr(args[2], args[3]), llvm::MaybeAlign(1), byte_ptr(x, args[1]), llvm::MaybeAlign(1), args[4]);
      return unit();
    case Primitive::ArrayMake: {
      Type* element = types::resolve(types::resolve(t)->args[1])->args[0];
      llvm::Type* le = lower_type(element);
      llvm::Value* array = call("fl_array_alloc", {x, b_.getInt64(mod_->getDataLayout().getTypeAllocSize(le)),
                                                   b_.getInt1(!le->isPointerTy())});
      // Fill: a loop the optimiser turns into memset where it can.
      llvm::Function* f = b_.GetInsertBlock()->getParent();
      llvm::BasicBlock* pre = b_.GetInsertBlock();
      auto* loop = llvm::BasicBlock::Create(ctx_, "fill", f);
      auto* done = llvm::BasicBlock::Create(ctx_, "fill.done", f);
      b_.CreateCondBr(b_.CreateICmpSGT(x, b_.getInt64(0)), loop, done);
      b_.SetInsertPoint(loop);
      llvm::PHINode* i = b_.CreatePHI(b_.getInt64Ty(), 2);
      i->addIncoming(b_.getInt64(0), pre);
      b_.CreateStore(args[1], array_element_ptr(array, element, i));
      llvm::Value* next = b_.CreateAdd(i, b_.getInt64(1));
      i->addIncoming(next, loop);
      b_.CreateCondBr(b_.CreateICmpSLT(next, x), loop, done);
      b_.SetInsertPoint(done);
      return array;
    }
    case Primitive::ArrayLength: return array_length(x);
    case Primitive::ArrayUnsafeGet: return b_.CreateLoad(lower_type(result), array_element_ptr(x, result, args[1]));
    case Primitive::ArrayUnsafeSet: {
      Type* element = types::resolve(arg_type)->args[0];
      b_.CreateStore(args[2], array_element_ptr(x, element, args[1]));
      return unit();
    }
    case Primitive::FloatSqrt:
      return b_.CreateUnaryIntrinsic(llvm::Intrinsic::sqrt, x);
    // Not llvm.floor: without SSE4.1 (the baseline x86-64 of both targets)
    // it becomes a libm call, and the VM has no libm.
    case Primitive::FloatFloor: return call("fl_float_floor", {x});
    case Primitive::FloatCeil: return call("fl_float_ceil", {x});
    case Primitive::FloatSin: return call("fl_float_sin", {x});
    case Primitive::FloatCos: return call("fl_float_cos", {x});
    case Primitive::FloatTan: return call("fl_float_tan", {x});
    case Primitive::FloatAtan: return call("fl_float_atan", {x});
    case Primitive::FloatExp: return call("fl_float_exp", {x});
    case Primitive::FloatLog: return call("fl_float_log", {x});
    case Primitive::FloatAtan2: return call("fl_float_atan2", {x, args[1]});
    case Primitive::FloatPow: return call("fl_float_pow", {x, args[1]});
    case Primitive::FloatOfStringOpt: return call("fl_float_of_string_opt", {x});
    case Primitive::IntOfStringOpt: return call("fl_int_of_string_opt", {x});
    case Primitive::ThreadSpawn: return call("fl_thread_spawn", {x, thread_entry()});
    case Primitive::ThreadYield: call("fl_thread_yield", {}); return unit();
    case Primitive::ThreadSleepMs: call("fl_thread_sleep_ms", {x}); return unit();
    case Primitive::ThreadSelf: return call("fl_thread_self", {});
    case Primitive::ThreadId: return call("fl_thread_id", {x});
    case Primitive::MVarCreateEmpty: return call("fl_mvar_create_empty", {});
    case Primitive::MVarCreate: return call("fl_mvar_create", {to_word(x)});
    case Primitive::MVarTake: return from_word(call("fl_mvar_take", {x}), lower_type(result));
    case Primitive::MVarRead: return from_word(call("fl_mvar_read", {x}), lower_type(result));
    case Primitive::MVarPut: call("fl_mvar_put", {x, to_word(args[1])}); return unit();
    case Primitive::MVarTryTake: {
      // Two runtime calls and no safe point between them: no other thread
      // can take the value in between.
      Type* option = types::resolve(result);
      const types::Constructor* none = option->def->constructors[0];
      const types::Constructor* some = option->def->constructors[1];
      llvm::Function* f = b_.GetInsertBlock()->getParent();
      auto* full = llvm::BasicBlock::Create(ctx_, "try_take.full", f);
      auto* join = llvm::BasicBlock::Create(ctx_, "try_take.done", f);
      llvm::Value* nothing = construct(none, option, {});
      llvm::BasicBlock* empty = b_.GetInsertBlock();
      b_.CreateCondBr(b_.CreateICmpNE(call("fl_mvar_is_full", {x}), b_.getInt64(0)), full, join);
      b_.SetInsertPoint(full);
      llvm::Value* value = from_word(call("fl_mvar_take", {x}), lower_type(option->args[0]));
      llvm::Value* something = construct(some, option, {value});
      llvm::BasicBlock* full_end = b_.GetInsertBlock();
      b_.CreateBr(join);
      b_.SetInsertPoint(join);
      llvm::PHINode* phi = b_.CreatePHI(b_.getPtrTy(), 2);
      phi->addIncoming(nothing, empty);
      phi->addIncoming(something, full_end);
      return phi;
    }
    case Primitive::External: case Primitive::None: break;
  }
  unsupported(loc, "this primitive");
}

}  // namespace fl::codegen
