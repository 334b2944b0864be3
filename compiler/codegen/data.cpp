// Heap data: tuples, records, constructed values, lists, arrays, and the
// field and index accesses on them.
#include "codegen/lowering.h"

#include <llvm/IR/MDBuilder.h>

namespace fl::codegen {

using namespace fl::ast;

std::vector<Type*> Lowering::constructor_fields(const types::Constructor* ctor, Type* type) {
  Type* t = concrete(type);
  std::vector<Type*> fields;
  for (Type* a : ctor->args)
    fields.push_back(concrete(ctor->is_exception ? a : arena_.substitute(a, ctor->owner->params, t->args)));
  return fields;
}

// Where a block built by `ctor` says which constructor built it. Nowhere
// when only one constructor of the type has arguments. In bits 1-3 of the
// pointer when every such constructor's number fits there: blocks are
// 16-byte aligned and at least 16 bytes long, so the pointer, block + 2 *
// tag, stays inside its block, which Boehm takes for a reference to it
// (rts/platform/gc_batch.h); a match then reads no memory to pick a case,
// and a binary node takes 16 bytes, not 32 (bench/RESULTS.md, deriv). Else
// in a first word. Exceptions start with their descriptor.
Lowering::TagPlace Lowering::tag_place(const types::Constructor* ctor) {
  if (ctor->is_exception) return TagPlace::Word;
  int non_constant = 0;
  bool small = true;
  for (const types::Constructor* c : ctor->owner->constructors)
    if (!c->args.empty()) {
      ++non_constant;
      small = small && c->tag < 8;
    }
  if (non_constant <= 1) return TagPlace::None;
  return small ? TagPlace::Pointer : TagPlace::Word;
}

llvm::StructType* Lowering::constructor_layout(const types::Constructor* ctor, Type* type) {
  return constructor_layout(ctor, constructor_fields(ctor, type));
}

llvm::StructType* Lowering::constructor_layout(const types::Constructor* ctor, const std::vector<Type*>& fields) {
  std::vector<llvm::Type*> layout;
  if (ctor->is_exception) layout.push_back(b_.getPtrTy());
  else if (tag_place(ctor) == TagPlace::Word) layout.push_back(b_.getInt64Ty());
  for (Type* f : fields) layout.push_back(lower_type(f));
  return llvm::StructType::get(ctx_, layout);
}

llvm::Value* Lowering::load_field(llvm::Value* block, llvm::StructType* layout, unsigned index) {
  return b_.CreateLoad(layout->getElementType(index), b_.CreateStructGEP(layout, block, index));
}

llvm::Value* Lowering::constructor_field(llvm::Value* v, const types::Constructor* ctor, Type* type, unsigned index) {
  return constructor_field(v, ctor, constructor_layout(ctor, type), index);
}

llvm::Value* Lowering::constructor_field(llvm::Value* v, const types::Constructor* ctor, llvm::StructType* layout,
                                         unsigned index) {
  TagPlace place = tag_place(ctor);
  llvm::Value* block = place == TagPlace::Pointer ? b_.CreateConstGEP1_64(b_.getInt8Ty(), v, -2 * int64_t{ctor->tag}) : v;
  return load_field(block, layout, (place == TagPlace::Word ? 1 : 0) + index);
}

llvm::Value* Lowering::construct(const types::Constructor* ctor, Type* type, const std::vector<llvm::Value*>& args) {
  if (args.empty() && !ctor->is_exception)
    return b_.CreateIntToPtr(b_.getInt64(2 * static_cast<uint64_t>(ctor->tag) + 1), b_.getPtrTy());
  std::vector<Type*> fields = constructor_fields(ctor, type);
  llvm::StructType* layout = constructor_layout(ctor, fields);
  bool atomic = is_atomic(fields) && !ctor->is_exception;
  llvm::Value* block = allocate(layout, atomic);
  unsigned first = 0;
  TagPlace place = tag_place(ctor);
  if (ctor->is_exception) {
    b_.CreateStore(exception_descriptor(ctor), b_.CreateStructGEP(layout, block, 0));
    first = 1;
  } else if (place == TagPlace::Word) {
    b_.CreateStore(b_.getInt64(ctor->tag), b_.CreateStructGEP(layout, block, 0));
    first = 1;
  }
  for (unsigned i = 0; i < args.size(); ++i) b_.CreateStore(args[i], b_.CreateStructGEP(layout, block, first + i));
  if (place == TagPlace::Pointer) return b_.CreateConstGEP1_64(b_.getInt8Ty(), block, 2 * int64_t{ctor->tag});
  return block;
}

// The constructor number of a variant value: constants are immediates
// 2*tag+1, the others blocks that keep it where tag_place says.
llvm::Value* Lowering::variant_tag(llvm::Value* v, Type* type) {
  Type* t = concrete(type);
  const types::TypeDef* def = t->def;
  const types::Constructor* some_block = nullptr;
  bool constants = false;
  for (const types::Constructor* c : def->constructors) {
    if (c->args.empty()) constants = true;
    else some_block = c;
  }
  llvm::Value* bits = b_.CreatePtrToInt(v, b_.getInt64Ty());
  llvm::Value* immediate_tag = b_.CreateLShr(bits, 1);
  if (!some_block) return immediate_tag;
  TagPlace place = tag_place(some_block);
  if (place != TagPlace::Word) {  // no load: a constant's bits are no address
    llvm::Value* block_tag = place == TagPlace::Pointer ? b_.CreateAnd(immediate_tag, b_.getInt64(7))
                                                        : b_.getInt64(some_block->tag);
    if (!constants) return block_tag;
    return b_.CreateSelect(b_.CreateTrunc(bits, b_.getInt1Ty()), immediate_tag, block_tag);
  }
  if (!constants) return b_.CreateLoad(b_.getInt64Ty(), v);
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  llvm::BasicBlock* before = b_.GetInsertBlock();
  auto* boxed = llvm::BasicBlock::Create(ctx_, "tag.block", f);
  auto* join = llvm::BasicBlock::Create(ctx_, "tag.join", f);
  b_.CreateCondBr(b_.CreateTrunc(bits, b_.getInt1Ty()), join, boxed);
  b_.SetInsertPoint(boxed);
  llvm::Value* loaded = b_.CreateLoad(b_.getInt64Ty(), v);
  b_.CreateBr(join);
  b_.SetInsertPoint(join);
  llvm::PHINode* phi = b_.CreatePHI(b_.getInt64Ty(), 2);
  phi->addIncoming(immediate_tag, before);
  phi->addIncoming(loaded, boxed);
  return phi;
}

llvm::Value* Lowering::build_tuple(Type* type, const std::vector<llvm::Value*>& values) {
  std::vector<Type*> fields = tuple_fields(type);
  llvm::StructType* layout = block_type(fields, false);
  llvm::Value* block = allocate(layout, is_atomic(fields));
  for (unsigned i = 0; i < values.size(); ++i) b_.CreateStore(values[i], b_.CreateStructGEP(layout, block, i));
  return block;
}

std::vector<Type*> Lowering::record_fields(Type* type) {
  Type* t = concrete(type);
  std::vector<Type*> fields;
  for (const types::Field* f : t->def->fields) fields.push_back(concrete(arena_.substitute(f->type, t->def->params, t->args)));
  return fields;
}

std::vector<Type*> Lowering::tuple_fields(Type* type) {
  Type* t = concrete(type);
  return t->args;
}

// Arrays are {length, elements...}.
llvm::Value* Lowering::array_length(llvm::Value* array) { return b_.CreateLoad(b_.getInt64Ty(), array); }

llvm::Value* Lowering::array_element_ptr(llvm::Value* array, Type* element, llvm::Value* index) {
  llvm::Value* base = b_.CreateConstGEP1_64(b_.getInt8Ty(), array, 8);
  return b_.CreateGEP(lower_type(element), base, index);
}

void Lowering::check_index(llvm::Value* index, llvm::Value* length) {
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  auto* bad = llvm::BasicBlock::Create(ctx_, "index.bad", f);
  auto* ok = llvm::BasicBlock::Create(ctx_, "index.ok", f);
  // Unsigned: a negative index is a huge one.
  b_.CreateCondBr(b_.CreateICmpULT(index, length), ok, bad, llvm::MDBuilder(ctx_).createLikelyBranchWeights());
  b_.SetInsertPoint(bad);
  b_.CreateCall(runtime("fl_raise_index_out_of_bounds"), {});
  b_.CreateUnreachable();
  b_.SetInsertPoint(ok);
}

namespace {

Type* element_type(Type* array_type) { return types::resolve(array_type)->args[0]; }

}  // namespace

llvm::Value* Lowering::lower_data(Expr& e) {
  switch (e.kind) {
    case Expr::Kind::Construct: {
      auto& c = e.as<ConstructExpr>();
      std::vector<llvm::Value*> args;
      if (c.arg) {
        if (c.ctor->args.size() > 1)
          for (auto& el : c.arg->as<TupleExpr>().elements) args.push_back(lower(*el));
        else
          args.push_back(lower(*c.arg));
      }
      return construct(c.ctor, e.type, args);
    }
    case Expr::Kind::Tuple: {
      std::vector<llvm::Value*> values;
      for (auto& el : e.as<TupleExpr>().elements) values.push_back(lower(*el));
      return build_tuple(e.type, values);
    }
    case Expr::Kind::List: {
      std::vector<llvm::Value*> values;
      for (auto& el : e.as<ListExpr>().elements) values.push_back(lower(*el));
      Type* t = concrete(e.type);
      const types::Constructor* nil = t->def->constructors[0];
      const types::Constructor* cons = t->def->constructors[1];
      llvm::Value* list = construct(nil, t, {});
      constexpr size_t kUnrolled = 8;
      if (values.size() <= kUnrolled) {
        for (size_t i = values.size(); i-- > 0;) list = construct(cons, t, {values[i], list});
        return list;
      }
      // A long literal: the elements go to a stack array and one loop conses
      // them from the end, so the code (and the optimiser's work) does not
      // grow with the list.
      llvm::Type* element = lower_type(types::resolve(t)->args[0]);
      auto* array_type = llvm::ArrayType::get(element, values.size());
      llvm::Function* f = b_.GetInsertBlock()->getParent();
      std::vector<llvm::Constant*> constants;
      for (llvm::Value* v : values)
        if (auto* c = llvm::dyn_cast<llvm::Constant>(v)) constants.push_back(c);
      llvm::Value* array = nullptr;
      if (constants.size() == values.size()) {  // the usual case: a table of literals
        array = new llvm::GlobalVariable(*mod_, array_type, true, llvm::GlobalValue::PrivateLinkage,
                                         llvm::ConstantArray::get(array_type, constants), "fl.list");
      } else {
        {
          llvm::IRBuilderBase::InsertPointGuard guard(b_);
          b_.SetInsertPoint(&f->getEntryBlock(), f->getEntryBlock().begin());
          array = b_.CreateAlloca(array_type);
        }
        for (size_t i = 0; i < values.size(); ++i)
          b_.CreateStore(values[i], b_.CreateConstInBoundsGEP2_64(array_type, array, 0, i));
      }
      llvm::BasicBlock* before = b_.GetInsertBlock();
      auto* loop = llvm::BasicBlock::Create(ctx_, "list.loop", f);
      auto* done = llvm::BasicBlock::Create(ctx_, "list.done", f);
      b_.CreateBr(loop);
      b_.SetInsertPoint(loop);
      llvm::PHINode* i = b_.CreatePHI(b_.getInt64Ty(), 2);
      llvm::PHINode* tail = b_.CreatePHI(b_.getPtrTy(), 2);
      i->addIncoming(b_.getInt64(values.size()), before);
      tail->addIncoming(list, before);
      llvm::Value* index = b_.CreateSub(i, b_.getInt64(1));
      llvm::Value* x = b_.CreateLoad(element, b_.CreateInBoundsGEP(array_type, array, {b_.getInt64(0), index}));
      llvm::Value* cell = construct(cons, t, {x, tail});
      i->addIncoming(index, b_.GetInsertBlock());
      tail->addIncoming(cell, b_.GetInsertBlock());
      b_.CreateCondBr(b_.CreateICmpEQ(index, b_.getInt64(0)), done, loop);
      b_.SetInsertPoint(done);
      return cell;
    }
    case Expr::Kind::Array: {
      std::vector<llvm::Value*> values;
      for (auto& el : e.as<ArrayExpr>().elements) values.push_back(lower(*el));
      Type* element = element_type(concrete(e.type));
      llvm::Value* array = b_.CreateCall(runtime("fl_array_alloc"),
                                         {b_.getInt64(values.size()),
                                          b_.getInt64(mod_->getDataLayout().getTypeAllocSize(lower_type(element))),
                                          b_.getInt1(!lower_type(element)->isPointerTy())});
      for (size_t i = 0; i < values.size(); ++i)
        b_.CreateStore(values[i], array_element_ptr(array, element, b_.getInt64(i)));
      return array;
    }
    case Expr::Kind::Record: {
      auto& r = e.as<RecordExpr>();
      std::vector<Type*> fields = record_fields(e.type);
      std::vector<llvm::Value*> values(fields.size());
      for (auto& f : r.fields) values[static_cast<size_t>(f.field->index)] = lower(*f.value);
      llvm::StructType* layout = block_type(fields, false);
      llvm::Value* block = allocate(layout, is_atomic(fields));
      for (unsigned i = 0; i < values.size(); ++i) b_.CreateStore(values[i], b_.CreateStructGEP(layout, block, i));
      return block;
    }
    case Expr::Kind::RecordUpdate: {
      auto& r = e.as<RecordUpdateExpr>();
      llvm::Value* old = lower(*r.record);
      std::vector<Type*> fields = record_fields(e.type);
      std::vector<llvm::Value*> values(fields.size(), nullptr);
      for (auto& f : r.fields) values[static_cast<size_t>(f.field->index)] = lower(*f.value);
      llvm::StructType* layout = block_type(fields, false);
      llvm::Value* block = allocate(layout, is_atomic(fields));
      for (unsigned i = 0; i < values.size(); ++i) {
        llvm::Value* v = values[i] ? values[i] : load_field(old, layout, i);
        b_.CreateStore(v, b_.CreateStructGEP(layout, block, i));
      }
      return block;
    }
    case Expr::Kind::Field: {
      auto& f = e.as<FieldExpr>();
      llvm::Value* record = lower(*f.record);
      llvm::StructType* layout = block_type(record_fields(f.record->type), false);
      return load_field(record, layout, static_cast<unsigned>(f.info->index));
    }
    case Expr::Kind::SetField: {
      auto& f = e.as<SetFieldExpr>();
      llvm::Value* record = lower(*f.record);
      llvm::Value* value = lower(*f.value);
      llvm::StructType* layout = block_type(record_fields(f.record->type), false);
      b_.CreateStore(value, b_.CreateStructGEP(layout, record, static_cast<unsigned>(f.info->index)));
      return unit();
    }
    case Expr::Kind::Index: {
      auto& i = e.as<IndexExpr>();
      llvm::Value* array = lower(*i.array);
      llvm::Value* index = lower(*i.index);
      check_index(index, array_length(array));
      return b_.CreateLoad(lower_type(e.type), array_element_ptr(array, e.type, index));
    }
    case Expr::Kind::SetIndex: {
      auto& i = e.as<SetIndexExpr>();
      llvm::Value* array = lower(*i.array);
      llvm::Value* index = lower(*i.index);
      llvm::Value* value = lower(*i.value);
      check_index(index, array_length(array));
      b_.CreateStore(value, array_element_ptr(array, i.value->type, index));
      return unit();
    }
    case Expr::Kind::StringIndex: {
      auto& i = e.as<StringIndexExpr>();
      llvm::Value* string = lower(*i.string);
      llvm::Value* index = lower(*i.index);
      check_index(index, b_.CreateLoad(b_.getInt64Ty(), string));
      llvm::Value* bytes = b_.CreateConstGEP1_64(b_.getInt8Ty(), string, 8);
      return b_.CreateLoad(b_.getInt8Ty(), b_.CreateGEP(b_.getInt8Ty(), bytes, index));
    }
    default:
      unsupported(e.loc, "this expression");
  }
}

}  // namespace fl::codegen
