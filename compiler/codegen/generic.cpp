// The type-directed operations of spec section 4: structural equality,
// total order (compare), hash and show, generated once per concrete type
// as functions named fl.equal<T>, fl.compare<T>, fl.hash<T>, fl.show<T>.
// Lists are walked with loops, so long lists do not use stack.
#include "codegen/lowering.h"

#include <algorithm>

namespace fl::codegen {

namespace {

enum class Shape { Int, Char, Bool, Unit, Float, String, Tuple, Record, Variant, List, Array, Exn, Function, Abstract };

Shape shape_of(Type* t) {
  t = types::resolve(t);
  if (t->kind == Type::Kind::Arrow) return Shape::Function;
  if (t->kind == Type::Kind::Tuple) return Shape::Tuple;
  const std::string& n = t->name;
  if (t->def->predefined) {
    if (n == "int") return Shape::Int;
    if (n == "char") return Shape::Char;
    if (n == "bool") return Shape::Bool;
    if (n == "unit") return Shape::Unit;
    if (n == "float") return Shape::Float;
    if (n == "string") return Shape::String;
    if (n == "array") return Shape::Array;
    if (n == "list") return Shape::List;
    if (n == "exn") return Shape::Exn;
  }
  if (t->def->kind == types::TypeDef::Kind::Builtin) return Shape::Abstract;
  return t->def->kind == types::TypeDef::Kind::Record ? Shape::Record : Shape::Variant;
}

// How show names an abstract value: <mvar> for MVar.t, <conn> for Tcp.conn.
std::string abstract_name(Type* t) {
  std::string name = t->name;
  size_t dot = name.rfind('.');
  std::string last = dot == std::string::npos ? name : name.substr(dot + 1);
  if (last == "t" && dot != std::string::npos) last = name.substr(0, dot);
  for (char& c : last) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return "<" + last + ">";
}

// A type as a key: variables by identity (print_type may name two alike).
std::string instance_key(Type* t) {
  t = types::resolve(t);
  std::string key = t->kind == Type::Kind::Var ? "'" + std::to_string(t->id) : t->name;
  key += t->kind == Type::Kind::Arrow ? "->(" : t->kind == Type::Kind::Tuple ? "*(" : "(";
  for (Type* a : t->args) key += instance_key(a) + ",";
  return key + ")";
}

bool is_data(Type* t) {
  return t->kind == Type::Kind::Con && t->def &&
         (t->def->kind == types::TypeDef::Kind::Variant || t->def->kind == types::TypeDef::Kind::Record);
}

}  // namespace

// A nested datatype (`type 'a t = A of 'a | B of 'a list t`) would need
// these functions at ever bigger types: monomorphisation cannot generate
// them. From its own parameters, a regular definition reaches finitely
// many instances of the definitions its constructors and fields use
// (itself included); a nested one reaches ever bigger ones of a definition
// through that definition's own constructors, and the first one seen at
// more such instances, or at a bigger one, than any regular program needs
// is where it shows (`A of ('a * 'a) t` doubles the size at each step).
// Only instances reached through their own definition count: a regular
// type may use `list` at any number of element types. Returns an instance
// of that definition (an early one, to be readable in a message); null if
// `def` is regular.
Type* Lowering::nested_instance(types::TypeDef* def) {
  if (auto it = nested_.find(def); it != nested_.end()) return it->second;
  constexpr size_t kInstancesOfADefinition = 200, kKeyLength = 20'000;
  // The definitions whose constructors led to an instance, as a chain of
  // links (index of the previous, -1 at the start).
  struct Link {
    const types::TypeDef* def;
    int previous;
  };
  std::vector<Link> links;
  auto through = [&](int path, const types::TypeDef* d) {
    for (; path >= 0; path = links[path].previous)
      if (links[path].def == d) return true;
    return false;
  };
  std::set<std::string> seen;
  std::map<const types::TypeDef*, std::pair<size_t, Type*>> instances;  // how many, the third
  std::vector<std::pair<Type*, int>> work{{arena_.con(def, def->params), -1}};
  Type* found = nullptr;
  while (!work.empty() && !found) {
    auto [t, path] = work.back();
    t = types::resolve(t);
    work.pop_back();
    std::string key = instance_key(t);
    if (!seen.insert(key).second) continue;
    for (Type* a : t->args) work.push_back({a, path});
    if (!is_data(t)) continue;
    if (path < 0 || through(path, t->def)) {  // (the start is `def` at its own parameters)
      auto& [count, third] = instances[t->def];
      if (++count == 3) third = t;
      if (count > kInstancesOfADefinition || key.size() > kKeyLength) found = third ? third : t;
    }
    links.push_back({t->def, path});
    int here = static_cast<int>(links.size()) - 1;
    // The definitions a field's type names, at this instance's arguments;
    // a parameter stands for an argument, already on its way.
    auto references = [&](auto& self, Type* field) -> void {
      field = types::resolve(field);
      if (field->kind == Type::Kind::Var) return;
      if (is_data(field)) {
        work.push_back({arena_.substitute(field, t->def->params, t->args), here});
        return;
      }
      for (Type* a : field->args) self(self, a);
    };
    for (const types::Constructor* c : t->def->constructors)
      for (Type* a : c->args) references(references, a);
    for (const types::Field* f : t->def->fields) references(references, f->type);
  }
  nested_[def] = found;
  return found;
}

void Lowering::check_regular(Type* t, Loc loc) {
  t = types::resolve(t);
  for (Type* a : t->args) check_regular(a, loc);
  if (!is_data(t)) return;
  if (Type* bigger = nested_instance(t->def))
    fail(loc, "=, compare, hash and show cannot be generated for this nested (non-regular) datatype: they would be "
              "needed at ever bigger types, such as " + types::print_type(bigger));
}

// What `=`, compare and hash cannot look at; reported at the use.
static void check_comparable(Lowering& l, types::TypeArena& arena, Type* t, Loc loc, const char* what,
                             std::set<const types::TypeDef*>& seen) {
  t = types::resolve(t);
  Shape s = shape_of(t);
  if (s == Shape::Function)
    l.fail(loc, std::string(what) + " is not defined on functions (at type " + types::print_type(t) + ")");
  if (s == Shape::Exn) l.fail(loc, std::string(what) + " is not defined on exceptions (at type " + types::print_type(t) + ")");
  for (Type* a : t->args) check_comparable(l, arena, a, loc, what, seen);
  if ((s == Shape::Variant || s == Shape::Record) && seen.insert(t->def).second) {
    for (const types::Constructor* c : t->def->constructors)
      for (Type* a : c->args) check_comparable(l, arena, arena.substitute(a, t->def->params, t->args), loc, what, seen);
    for (const types::Field* f : t->def->fields)
      check_comparable(l, arena, arena.substitute(f->type, t->def->params, t->args), loc, what, seen);
  }
}

namespace {

// The fields of a non-list compound value of concrete type `t`, for
// walking two values of it side by side: one entry per constructor (a
// single one for tuples and records).
struct Alternative {
  const types::Constructor* ctor = nullptr;  // null for tuples and records
  llvm::StructType* layout = nullptr;        // null for a constant constructor
  std::vector<Type*> fields;

  llvm::Value* field(Lowering& l, llvm::Value* v, unsigned k) const {
    return ctor ? l.constructor_field(v, ctor, layout, k) : l.load_field(v, layout, k);
  }
};

std::vector<Alternative> alternatives(Lowering& l, Type* t) {
  std::vector<Alternative> out;
  switch (shape_of(t)) {
    case Shape::Tuple: {
      Alternative a;
      a.fields = l.tuple_fields(t);
      a.layout = l.block_type(a.fields, false);
      out.push_back(a);
      break;
    }
    case Shape::Record: {
      Alternative a;
      a.fields = l.record_fields(t);
      a.layout = l.block_type(a.fields, false);
      out.push_back(a);
      break;
    }
    default:
      for (const types::Constructor* c : types::resolve(t)->def->constructors) {
        Alternative a;
        a.ctor = c;
        a.fields = l.constructor_fields(c, t);
        a.layout = c->args.empty() ? nullptr : l.constructor_layout(c, a.fields);
        out.push_back(a);
      }
  }
  return out;
}

}  // namespace

llvm::Function* Lowering::equal_function(Type* type, Loc loc) {
  Type* t = concrete(type);
  std::string name = "fl.equal<" + mangle(t) + ">";
  if (auto it = functions_.find(name); it != functions_.end()) return it->second;
  check_regular(t, loc);
  std::set<const types::TypeDef*> seen;
  check_comparable(*this, arena_, t, loc, "equality", seen);
  llvm::Type* lt = lower_type(t);
  auto* f = llvm::Function::Create(llvm::FunctionType::get(b_.getInt1Ty(), {lt, lt}, false),
                                   llvm::Function::InternalLinkage, name, *mod_);
  set_function_attributes(f);
  functions_[name] = f;
  llvm::IRBuilderBase::InsertPointGuard guard(b_);
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
  llvm::Value* x = f->getArg(0);
  llvm::Value* y = f->getArg(1);
  auto* yes = llvm::BasicBlock::Create(ctx_, "equal", f);
  auto* no = llvm::BasicBlock::Create(ctx_, "different", f);
  // Compares one field pair, going to `no` when they differ.
  auto field = [&](llvm::Value* a, llvm::Value* b, Type* ft) {
    llvm::Value* same = lower_type(ft)->isPointerTy() || lower_type(ft)->isDoubleTy() ||
                                !lower_type(ft)->isIntegerTy()
                            ? lower_comparison(ast::BinaryOp::Eq, ft, a, b, loc)
                            : b_.CreateICmpEQ(a, b);
    auto* next = llvm::BasicBlock::Create(ctx_, "next", f);
    b_.CreateCondBr(same, next, no);
    b_.SetInsertPoint(next);
  };
  switch (shape_of(t)) {
    case Shape::String:
      b_.CreateRet(b_.CreateICmpNE(b_.CreateCall(runtime("fl_string_equal"), {x, y}), b_.getInt64(0)));
      break;
    case Shape::Float:
      b_.CreateRet(b_.CreateFCmpOEQ(x, y));
      break;
    case Shape::Int: case Shape::Char: case Shape::Bool: case Shape::Unit: case Shape::Abstract:
      b_.CreateRet(b_.CreateICmpEQ(x, y));  // abstract values: identity
      break;
    case Shape::List: {
      Type* element = types::resolve(t)->args[0];
      llvm::StructType* cell = constructor_layout(t->def->constructors[1], t);
      llvm::BasicBlock* entry = b_.GetInsertBlock();
      auto* loop = llvm::BasicBlock::Create(ctx_, "loop", f);
      b_.CreateBr(loop);
      b_.SetInsertPoint(loop);
      llvm::PHINode* a = b_.CreatePHI(b_.getPtrTy(), 2);
      llvm::PHINode* c = b_.CreatePHI(b_.getPtrTy(), 2);
      a->addIncoming(x, entry);
      c->addIncoming(y, entry);
      llvm::Value* a_nil = b_.CreateTrunc(b_.CreatePtrToInt(a, b_.getInt64Ty()), b_.getInt1Ty());
      llvm::Value* c_nil = b_.CreateTrunc(b_.CreatePtrToInt(c, b_.getInt64Ty()), b_.getInt1Ty());
      auto* both = llvm::BasicBlock::Create(ctx_, "both", f);
      auto* end = llvm::BasicBlock::Create(ctx_, "end", f);
      b_.CreateCondBr(b_.CreateOr(a_nil, c_nil), end, both);
      b_.SetInsertPoint(end);
      b_.CreateCondBr(b_.CreateAnd(a_nil, c_nil), yes, no);
      b_.SetInsertPoint(both);
      field(load_field(a, cell, 0), load_field(c, cell, 0), element);
      a->addIncoming(load_field(a, cell, 1), b_.GetInsertBlock());
      c->addIncoming(load_field(c, cell, 1), b_.GetInsertBlock());
      b_.CreateBr(loop);
      break;
    }
    case Shape::Array: {
      Type* element = types::resolve(t)->args[0];
      llvm::Value* n = array_length(x);
      auto* same_length = llvm::BasicBlock::Create(ctx_, "same_length", f);
      b_.CreateCondBr(b_.CreateICmpEQ(n, array_length(y)), same_length, no);
      b_.SetInsertPoint(same_length);
      auto* loop = llvm::BasicBlock::Create(ctx_, "loop", f);
      auto* body = llvm::BasicBlock::Create(ctx_, "body", f);
      b_.CreateBr(loop);
      b_.SetInsertPoint(loop);
      llvm::PHINode* i = b_.CreatePHI(b_.getInt64Ty(), 2);
      i->addIncoming(b_.getInt64(0), same_length);
      b_.CreateCondBr(b_.CreateICmpSLT(i, n), body, yes);
      b_.SetInsertPoint(body);
      llvm::Type* le = lower_type(element);
      field(b_.CreateLoad(le, array_element_ptr(x, element, i)), b_.CreateLoad(le, array_element_ptr(y, element, i)),
            element);
      i->addIncoming(b_.CreateAdd(i, b_.getInt64(1)), b_.GetInsertBlock());
      b_.CreateBr(loop);
      break;
    }
    default: {
      std::vector<Alternative> alts = alternatives(*this, t);
      bool variant = shape_of(t) == Shape::Variant;
      llvm::Value* tag = nullptr;
      llvm::SwitchInst* sw = nullptr;
      if (variant) {
        tag = variant_tag(x, t);
        auto* same_tag = llvm::BasicBlock::Create(ctx_, "same_tag", f);
        b_.CreateCondBr(b_.CreateICmpEQ(tag, variant_tag(y, t)), same_tag, no);
        b_.SetInsertPoint(same_tag);
        sw = b_.CreateSwitch(tag, yes, static_cast<unsigned>(alts.size()));
      }
      for (Alternative& a : alts) {
        if (a.fields.empty()) continue;
        if (variant) {
          auto* block = llvm::BasicBlock::Create(ctx_, a.ctor->name, f);
          sw->addCase(b_.getInt64(a.ctor->tag), block);
          b_.SetInsertPoint(block);
        }
        for (unsigned k = 0; k < a.fields.size(); ++k)
          field(a.field(*this, x, k), a.field(*this, y, k), a.fields[k]);
        b_.CreateBr(yes);
      }
      if (!variant && alts[0].fields.empty()) b_.CreateBr(yes);
    }
  }
  b_.SetInsertPoint(yes);
  b_.CreateRet(b_.getInt1(true));
  b_.SetInsertPoint(no);
  b_.CreateRet(b_.getInt1(false));
  return f;
}

// total: compare's order, where nan equals itself and is below every
// float; otherwise the order of < <= > >=, which is 2 ("unordered") as soon
// as a nan is met, as in OCaml.
llvm::Function* Lowering::compare_function(Type* type, Loc loc, bool total) {
  Type* t = concrete(type);
  std::string name = std::string(total ? "fl.compare<" : "fl.order<") + mangle(t) + ">";
  if (auto it = functions_.find(name); it != functions_.end()) return it->second;
  check_regular(t, loc);
  std::set<const types::TypeDef*> seen;
  check_comparable(*this, arena_, t, loc, "compare", seen);
  llvm::Type* lt = lower_type(t);
  auto* f = llvm::Function::Create(llvm::FunctionType::get(b_.getInt64Ty(), {lt, lt}, false),
                                   llvm::Function::InternalLinkage, name, *mod_);
  set_function_attributes(f);
  functions_[name] = f;
  llvm::IRBuilderBase::InsertPointGuard guard(b_);
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
  llvm::Value* x = f->getArg(0);
  llvm::Value* y = f->getArg(1);
  auto* equal = llvm::BasicBlock::Create(ctx_, "equal", f);
  auto* exit = llvm::BasicBlock::Create(ctx_, "exit", f);
  std::vector<std::pair<llvm::Value*, llvm::BasicBlock*>> results;
  auto three_way = [&](llvm::Value* less, llvm::Value* greater) {
    return b_.CreateSub(b_.CreateZExt(greater, b_.getInt64Ty()), b_.CreateZExt(less, b_.getInt64Ty()));
  };
  // Compares one field pair; leaves with the result when they differ.
  auto field = [&](llvm::Value* a, llvm::Value* b, Type* ft) {
    llvm::Type* lft = lower_type(ft);
    llvm::Value* c = nullptr;
    if (lft->isIntegerTy(64)) c = three_way(b_.CreateICmpSLT(a, b), b_.CreateICmpSGT(a, b));
    else if (lft->isIntegerTy()) c = three_way(b_.CreateICmpULT(a, b), b_.CreateICmpUGT(a, b));
    else c = b_.CreateCall(compare_function(ft, loc, total), {a, b});
    auto* next = llvm::BasicBlock::Create(ctx_, "next", f);
    results.emplace_back(c, b_.GetInsertBlock());
    b_.CreateCondBr(b_.CreateICmpEQ(c, b_.getInt64(0)), next, exit);
    b_.SetInsertPoint(next);
  };
  switch (shape_of(t)) {
    case Shape::String:
      b_.CreateRet(b_.CreateCall(runtime("fl_string_compare"), {x, y}));
      break;
    case Shape::Float: {
      if (!total) {
        llvm::Value* ordered = three_way(b_.CreateFCmpOLT(x, y), b_.CreateFCmpOGT(x, y));
        b_.CreateRet(b_.CreateSelect(b_.CreateFCmpUNO(x, y), b_.getInt64(2), ordered));
        break;
      }
      // OCaml's compare: nan equals itself and is below every other float.
      llvm::Value* x_nan = b_.CreateFCmpUNO(x, x);
      llvm::Value* y_nan = b_.CreateFCmpUNO(y, y);
      llvm::Value* ordered = three_way(b_.CreateFCmpOLT(x, y), b_.CreateFCmpOGT(x, y));
      llvm::Value* with_nan = three_way(b_.CreateAnd(x_nan, b_.CreateNot(y_nan)), b_.CreateAnd(y_nan, b_.CreateNot(x_nan)));
      b_.CreateRet(b_.CreateSelect(b_.CreateOr(x_nan, y_nan), with_nan, ordered));
      break;
    }
    case Shape::Int:
      b_.CreateRet(three_way(b_.CreateICmpSLT(x, y), b_.CreateICmpSGT(x, y)));
      break;
    case Shape::Char: case Shape::Bool: case Shape::Unit: case Shape::Abstract:
      b_.CreateRet(three_way(b_.CreateICmpULT(x, y), b_.CreateICmpUGT(x, y)));
      break;
    case Shape::List: case Shape::Array: {
      // Element by element, a proper prefix being smaller (spec 9).
      bool is_list = shape_of(t) == Shape::List;
      Type* element = types::resolve(t)->args[0];
      llvm::StructType* cell = is_list ? constructor_layout(t->def->constructors[1], t) : nullptr;
      llvm::BasicBlock* entry = b_.GetInsertBlock();
      llvm::Value* nx = is_list ? nullptr : array_length(x);
      llvm::Value* ny = is_list ? nullptr : array_length(y);
      auto* loop = llvm::BasicBlock::Create(ctx_, "loop", f);
      b_.CreateBr(loop);
      b_.SetInsertPoint(loop);
      llvm::PHINode* a = b_.CreatePHI(is_list ? static_cast<llvm::Type*>(b_.getPtrTy()) : b_.getInt64Ty(), 2);
      llvm::PHINode* c = is_list ? b_.CreatePHI(b_.getPtrTy(), 2) : nullptr;
      a->addIncoming(is_list ? x : static_cast<llvm::Value*>(b_.getInt64(0)), entry);
      if (c) c->addIncoming(y, entry);
      llvm::Value* a_end = is_list ? b_.CreateTrunc(b_.CreatePtrToInt(a, b_.getInt64Ty()), b_.getInt1Ty())
                                   : b_.CreateICmpSGE(a, nx);
      llvm::Value* c_end = is_list ? b_.CreateTrunc(b_.CreatePtrToInt(c, b_.getInt64Ty()), b_.getInt1Ty())
                                   : b_.CreateICmpSGE(a, ny);
      auto* both = llvm::BasicBlock::Create(ctx_, "both", f);
      auto* end = llvm::BasicBlock::Create(ctx_, "end", f);
      b_.CreateCondBr(b_.CreateOr(a_end, c_end), end, both);
      b_.SetInsertPoint(end);
      b_.CreateRet(three_way(b_.CreateAnd(a_end, b_.CreateNot(c_end)), b_.CreateAnd(c_end, b_.CreateNot(a_end))));
      b_.SetInsertPoint(both);
      if (is_list) {
        field(load_field(a, cell, 0), load_field(c, cell, 0), element);
        a->addIncoming(load_field(a, cell, 1), b_.GetInsertBlock());
        c->addIncoming(load_field(c, cell, 1), b_.GetInsertBlock());
      } else {
        llvm::Type* le = lower_type(element);
        field(b_.CreateLoad(le, array_element_ptr(x, element, a)), b_.CreateLoad(le, array_element_ptr(y, element, a)),
              element);
        a->addIncoming(b_.CreateAdd(a, b_.getInt64(1)), b_.GetInsertBlock());
      }
      b_.CreateBr(loop);
      break;
    }
    default: {
      std::vector<Alternative> alts = alternatives(*this, t);
      bool variant = shape_of(t) == Shape::Variant;
      llvm::SwitchInst* sw = nullptr;
      if (variant) {
        llvm::Value* tx = variant_tag(x, t);
        llvm::Value* ty = variant_tag(y, t);
        auto* same_tag = llvm::BasicBlock::Create(ctx_, "same_tag", f);
        llvm::Value* c = three_way(b_.CreateICmpSLT(tx, ty), b_.CreateICmpSGT(tx, ty));
        results.emplace_back(c, b_.GetInsertBlock());
        b_.CreateCondBr(b_.CreateICmpEQ(c, b_.getInt64(0)), same_tag, exit);
        b_.SetInsertPoint(same_tag);
        sw = b_.CreateSwitch(tx, equal, static_cast<unsigned>(alts.size()));
      }
      for (Alternative& a : alts) {
        if (a.fields.empty()) continue;
        if (variant) {
          auto* block = llvm::BasicBlock::Create(ctx_, a.ctor->name, f);
          sw->addCase(b_.getInt64(a.ctor->tag), block);
          b_.SetInsertPoint(block);
        }
        for (unsigned k = 0; k < a.fields.size(); ++k)
          field(a.field(*this, x, k), a.field(*this, y, k), a.fields[k]);
        b_.CreateBr(equal);
      }
      if (!variant && alts[0].fields.empty()) b_.CreateBr(equal);
    }
  }
  b_.SetInsertPoint(equal);
  b_.CreateRet(b_.getInt64(0));
  b_.SetInsertPoint(exit);
  llvm::PHINode* phi = b_.CreatePHI(b_.getInt64Ty(), static_cast<unsigned>(results.size()));
  for (auto& [v, block] : results) phi->addIncoming(v, block);
  if (results.empty()) {
    phi->eraseFromParent();
    b_.CreateUnreachable();
  } else {
    b_.CreateRet(phi);
  }
  return f;
}

llvm::Function* Lowering::hash_function(Type* type, Loc loc) {
  Type* t = concrete(type);
  std::string name = "fl.hash<" + mangle(t) + ">";
  if (auto it = functions_.find(name); it != functions_.end()) return it->second;
  check_regular(t, loc);
  std::set<const types::TypeDef*> seen;
  check_comparable(*this, arena_, t, loc, "hash", seen);
  llvm::Type* lt = lower_type(t);
  auto* f = llvm::Function::Create(llvm::FunctionType::get(b_.getInt64Ty(), {lt}, false),
                                   llvm::Function::InternalLinkage, name, *mod_);
  set_function_attributes(f);
  functions_[name] = f;
  llvm::IRBuilderBase::InsertPointGuard guard(b_);
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
  llvm::Value* x = f->getArg(0);
  // FNV-1a style mixing of 64-bit words; equal values hash equally
  // (0.0 and -0.0 included, as they are equal).
  auto mix = [&](llvm::Value* h, llvm::Value* word) {
    return b_.CreateMul(b_.CreateXor(h, word), b_.getInt64(0x100000001b3ULL));
  };
  auto word_of = [&](llvm::Value* v, Type* ft) -> llvm::Value* {
    llvm::Type* lft = lower_type(ft);
    if (lft->isIntegerTy(64)) return v;
    if (lft->isIntegerTy()) return b_.CreateZExt(v, b_.getInt64Ty());
    if (lft->isDoubleTy()) return b_.CreateBitCast(b_.CreateFAdd(v, llvm::ConstantFP::get(b_.getDoubleTy(), 0.0)), b_.getInt64Ty());
    return b_.CreateCall(hash_function(ft, loc), {v});
  };
  llvm::Value* seed = b_.getInt64(0xcbf29ce484222325ULL);
  switch (shape_of(t)) {
    case Shape::String:
      b_.CreateRet(b_.CreateCall(runtime("fl_string_hash"), {x}));
      break;
    case Shape::Int: case Shape::Char: case Shape::Bool: case Shape::Unit: case Shape::Float:
      b_.CreateRet(b_.CreateAnd(mix(seed, word_of(x, t)), b_.getInt64(0x3fffffffffffffffULL)));
      break;
    case Shape::Abstract:  // the collector does not move objects
      b_.CreateRet(b_.CreateAnd(mix(seed, b_.CreatePtrToInt(x, b_.getInt64Ty())), b_.getInt64(0x3fffffffffffffffULL)));
      break;
    case Shape::List: case Shape::Array: {
      bool is_list = shape_of(t) == Shape::List;
      Type* element = types::resolve(t)->args[0];
      llvm::StructType* cell = is_list ? constructor_layout(t->def->constructors[1], t) : nullptr;
      llvm::Value* n = is_list ? nullptr : array_length(x);
      llvm::BasicBlock* entry = b_.GetInsertBlock();
      auto* loop = llvm::BasicBlock::Create(ctx_, "loop", f);
      auto* body = llvm::BasicBlock::Create(ctx_, "body", f);
      auto* end = llvm::BasicBlock::Create(ctx_, "end", f);
      b_.CreateBr(loop);
      b_.SetInsertPoint(loop);
      llvm::PHINode* h = b_.CreatePHI(b_.getInt64Ty(), 2);
      llvm::PHINode* at = b_.CreatePHI(is_list ? static_cast<llvm::Type*>(b_.getPtrTy()) : b_.getInt64Ty(), 2);
      h->addIncoming(seed, entry);
      at->addIncoming(is_list ? x : static_cast<llvm::Value*>(b_.getInt64(0)), entry);
      llvm::Value* done = is_list ? b_.CreateTrunc(b_.CreatePtrToInt(at, b_.getInt64Ty()), b_.getInt1Ty())
                                  : b_.CreateICmpSGE(at, n);
      b_.CreateCondBr(done, end, body);
      b_.SetInsertPoint(body);
      llvm::Value* v = is_list ? load_field(at, cell, 0)
                               : b_.CreateLoad(lower_type(element), array_element_ptr(x, element, at));
      llvm::Value* next_h = mix(h, word_of(v, element));
      h->addIncoming(next_h, b_.GetInsertBlock());
      at->addIncoming(is_list ? load_field(at, cell, 1) : b_.CreateAdd(at, b_.getInt64(1)), b_.GetInsertBlock());
      b_.CreateBr(loop);
      b_.SetInsertPoint(end);
      b_.CreateRet(b_.CreateAnd(h, b_.getInt64(0x3fffffffffffffffULL)));
      break;
    }
    default: {
      std::vector<Alternative> alts = alternatives(*this, t);
      bool variant = shape_of(t) == Shape::Variant;
      llvm::Value* h = seed;
      auto* done = llvm::BasicBlock::Create(ctx_, "done", f);
      std::vector<std::pair<llvm::Value*, llvm::BasicBlock*>> results;
      llvm::SwitchInst* sw = nullptr;
      if (variant) {
        llvm::Value* tag = variant_tag(x, t);
        h = mix(h, tag);
        results.emplace_back(h, b_.GetInsertBlock());
        sw = b_.CreateSwitch(tag, done, static_cast<unsigned>(alts.size()));
      }
      for (Alternative& a : alts) {
        if (a.fields.empty()) continue;
        llvm::Value* hv = h;
        if (variant) {
          auto* block = llvm::BasicBlock::Create(ctx_, a.ctor->name, f);
          sw->addCase(b_.getInt64(a.ctor->tag), block);
          b_.SetInsertPoint(block);
        }
        for (unsigned k = 0; k < a.fields.size(); ++k) hv = mix(hv, word_of(a.field(*this, x, k), a.fields[k]));
        results.emplace_back(hv, b_.GetInsertBlock());
        b_.CreateBr(done);
      }
      if (!variant && alts[0].fields.empty()) {
        results.emplace_back(h, b_.GetInsertBlock());
        b_.CreateBr(done);
      }
      b_.SetInsertPoint(done);
      llvm::PHINode* phi = b_.CreatePHI(b_.getInt64Ty(), static_cast<unsigned>(results.size()));
      for (auto& [v, block] : results) phi->addIncoming(v, block);
      b_.CreateRet(b_.CreateAnd(phi, b_.getInt64(0x3fffffffffffffffULL)));
    }
  }
  return f;
}

// ---------------------------------------------------------------------------
// show

void Lowering::show_into(llvm::Value* builder, llvm::Value* v, Type* type, bool as_argument) {
  Type* t = concrete(type);
  auto add = [&](const std::string& s) { b_.CreateCall(runtime("fl_builder_add"), {builder, string_literal(s)}); };
  switch (shape_of(t)) {
    case Shape::Unit: add("()"); return;
    case Shape::Function: add("<fun>"); return;
    case Shape::Abstract:
      if (show_library_type(builder, v, t, b_.getInt1(as_argument))) return;
      add(abstract_name(t));
      return;
    case Shape::String: b_.CreateCall(runtime("fl_builder_add_escaped_string"), {builder, v}); return;
    case Shape::Char:
      b_.CreateCall(runtime("fl_builder_add_escaped_char"), {builder, b_.CreateZExt(v, b_.getInt64Ty())});
      return;
    default:
      break;
  }
  b_.CreateCall(show_function(t), {builder, v, b_.getInt1(as_argument)});
}

llvm::Function* Lowering::show_function(Type* type) {
  Type* t = concrete(type);
  std::string name = "fl.show<" + mangle(t) + ">";
  if (auto it = functions_.find(name); it != functions_.end()) return it->second;
  check_regular(t, show_loc_);
  llvm::Type* lt = lower_type(t);
  auto* f = llvm::Function::Create(llvm::FunctionType::get(b_.getVoidTy(), {b_.getPtrTy(), lt, b_.getInt1Ty()}, false),
                                   llvm::Function::InternalLinkage, name, *mod_);
  set_function_attributes(f);
  functions_[name] = f;
  llvm::IRBuilderBase::InsertPointGuard guard(b_);
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
  llvm::Value* builder = f->getArg(0);
  llvm::Value* x = f->getArg(1);
  llvm::Value* as_argument = f->getArg(2);
  auto add = [&](const std::string& s) { b_.CreateCall(runtime("fl_builder_add"), {builder, string_literal(s)}); };
  // Parentheses around a negative number that is a constructor argument.
  auto maybe_parenthesised = [&](llvm::Value* negative, auto&& print) {
    llvm::Value* paren = b_.CreateAnd(negative, as_argument);
    auto* open = llvm::BasicBlock::Create(ctx_, "open", f);
    auto* body = llvm::BasicBlock::Create(ctx_, "body", f);
    auto* close = llvm::BasicBlock::Create(ctx_, "close", f);
    auto* done = llvm::BasicBlock::Create(ctx_, "done", f);
    b_.CreateCondBr(paren, open, body);
    b_.SetInsertPoint(open);
    add("(");
    b_.CreateBr(body);
    b_.SetInsertPoint(body);
    print();
    b_.CreateCondBr(paren, close, done);
    b_.SetInsertPoint(close);
    add(")");
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
  };
  switch (shape_of(t)) {
    case Shape::Int:
      maybe_parenthesised(b_.CreateICmpSLT(x, b_.getInt64(0)),
                          [&] { b_.CreateCall(runtime("fl_builder_add_int"), {builder, x}); });
      break;
    case Shape::Float:
      // The sign bit, so that -0. is (-0.) too; nan prints without a sign.
      maybe_parenthesised(b_.CreateAnd(b_.CreateICmpSLT(b_.CreateBitCast(x, b_.getInt64Ty()), b_.getInt64(0)),
                                       b_.CreateFCmpORD(x, x)),
                          [&] { b_.CreateCall(runtime("fl_builder_add_float"), {builder, x}); });
      break;
    case Shape::Bool:
      b_.CreateCall(runtime("fl_builder_add"), {builder, b_.CreateSelect(x, string_literal("true"), string_literal("false"))});
      break;
    case Shape::Exn: {
      llvm::Value* desc = b_.CreateLoad(b_.getPtrTy(), x);
      auto* desc_type = llvm::StructType::get(ctx_, {b_.getPtrTy(), b_.getPtrTy()});
      llvm::Value* show = load_field(desc, desc_type, 1);
      llvm::Value* s = b_.CreateCall(llvm::FunctionType::get(b_.getPtrTy(), {b_.getPtrTy(), b_.getInt1Ty()}, false),
                                     show, {x, as_argument});
      b_.CreateCall(runtime("fl_builder_add"), {builder, s});
      break;
    }
    case Shape::List: case Shape::Array: {
      bool is_list = shape_of(t) == Shape::List;
      Type* element = types::resolve(t)->args[0];
      llvm::StructType* cell = is_list ? constructor_layout(t->def->constructors[1], t) : nullptr;
      llvm::Value* n = is_list ? nullptr : array_length(x);
      add(is_list ? "[" : "[|");
      llvm::BasicBlock* entry = b_.GetInsertBlock();
      auto* loop = llvm::BasicBlock::Create(ctx_, "loop", f);
      auto* body = llvm::BasicBlock::Create(ctx_, "body", f);
      auto* sep = llvm::BasicBlock::Create(ctx_, "sep", f);
      auto* item = llvm::BasicBlock::Create(ctx_, "item", f);
      auto* end = llvm::BasicBlock::Create(ctx_, "end", f);
      b_.CreateBr(loop);
      b_.SetInsertPoint(loop);
      llvm::PHINode* at = b_.CreatePHI(is_list ? static_cast<llvm::Type*>(b_.getPtrTy()) : b_.getInt64Ty(), 2);
      llvm::PHINode* first = b_.CreatePHI(b_.getInt1Ty(), 2);
      at->addIncoming(is_list ? x : static_cast<llvm::Value*>(b_.getInt64(0)), entry);
      first->addIncoming(b_.getInt1(true), entry);
      llvm::Value* done = is_list ? b_.CreateTrunc(b_.CreatePtrToInt(at, b_.getInt64Ty()), b_.getInt1Ty())
                                  : b_.CreateICmpSGE(at, n);
      b_.CreateCondBr(done, end, body);
      b_.SetInsertPoint(body);
      b_.CreateCondBr(first, item, sep);
      b_.SetInsertPoint(sep);
      add("; ");
      b_.CreateBr(item);
      b_.SetInsertPoint(item);
      llvm::Value* v = is_list ? load_field(at, cell, 0)
                               : b_.CreateLoad(lower_type(element), array_element_ptr(x, element, at));
      show_into(builder, v, element, false);
      at->addIncoming(is_list ? load_field(at, cell, 1) : b_.CreateAdd(at, b_.getInt64(1)), b_.GetInsertBlock());
      first->addIncoming(b_.getInt1(false), b_.GetInsertBlock());
      b_.CreateBr(loop);
      b_.SetInsertPoint(end);
      add(is_list ? "]" : "|]");
      break;
    }
    case Shape::Tuple: {
      std::vector<Type*> fields = tuple_fields(t);
      llvm::StructType* layout = block_type(fields, false);
      add("(");
      for (unsigned k = 0; k < fields.size(); ++k) {
        if (k) add(", ");
        show_into(builder, load_field(x, layout, k), fields[k], false);
      }
      add(")");
      break;
    }
    case Shape::Record:
    case Shape::Variant:
      if (show_library_type(builder, x, t, as_argument)) break;
      if (shape_of(t) == Shape::Record) {
        std::vector<Type*> fields = record_fields(t);
        llvm::StructType* layout = block_type(fields, false);
        add("{ ");
        for (unsigned k = 0; k < fields.size(); ++k) {
          if (k) add("; ");
          add(t->def->fields[k]->name + " = ");
          show_into(builder, load_field(x, layout, k), fields[k], false);
        }
        add(" }");
        break;
      }
      [[fallthrough]];
    default: {  // variants
      std::vector<Alternative> alts = alternatives(*this, t);
      llvm::Value* tag = variant_tag(x, t);
      auto* done = llvm::BasicBlock::Create(ctx_, "done", f);
      llvm::SwitchInst* sw = b_.CreateSwitch(tag, done, static_cast<unsigned>(alts.size()));
      for (Alternative& a : alts) {
        auto* block = llvm::BasicBlock::Create(ctx_, a.ctor->name, f);
        sw->addCase(b_.getInt64(a.ctor->tag), block);
        b_.SetInsertPoint(block);
        if (a.fields.empty()) {
          add(a.ctor->name);
          b_.CreateBr(done);
          continue;
        }
        auto* open = llvm::BasicBlock::Create(ctx_, "open", f);
        auto* body = llvm::BasicBlock::Create(ctx_, "body", f);
        b_.CreateCondBr(as_argument, open, body);
        b_.SetInsertPoint(open);
        add("(");
        b_.CreateBr(body);
        b_.SetInsertPoint(body);
        add(a.ctor->name + " ");
        if (a.fields.size() == 1) {
          show_into(builder, a.field(*this, x, 0), a.fields[0], true);
        } else {
          add("(");
          for (unsigned k = 0; k < a.fields.size(); ++k) {
            if (k) add(", ");
            show_into(builder, a.field(*this, x, k), a.fields[k], false);
          }
          add(")");
        }
        auto* close = llvm::BasicBlock::Create(ctx_, "close", f);
        b_.CreateCondBr(as_argument, close, done);
        b_.SetInsertPoint(close);
        add(")");
        b_.CreateBr(done);
      }
      b_.SetInsertPoint(done);
    }
  }
  b_.CreateRetVoid();
  return f;
}

// The standard types whose show is not their structure (spec 9):
// `Map.of_list [(k, v); ...]` in key order, `<hashtbl: N bindings>`,
// `<thread N>`, `<chan>`.
bool Lowering::show_library_type(llvm::Value* builder, llvm::Value* x, Type* t, llvm::Value* as_argument) {
  auto add = [&](const std::string& s) { b_.CreateCall(runtime("fl_builder_add"), {builder, string_literal(s)}); };
  if (t->name == "Map.t") {
    Symbol* to_list = checker_.find_global("Map", "to_list");
    if (!to_list || !to_list->function) return false;
    Type* pairs = arena_.list_type(arena_.tuple({t->args[0], t->args[1]}));
    llvm::Function* f = instance_of(to_list, arena_.arrow(t, pairs), Loc{});
    llvm::CallInst* list = b_.CreateCall(f, {llvm::ConstantPointerNull::get(b_.getPtrTy()), x});
    list->setCallingConv(llvm::CallingConv::Tail);
    // An application: parenthesised as a constructor argument.
    auto paren = [&](const char* s) {
      b_.CreateCall(runtime("fl_builder_add"), {builder, b_.CreateSelect(as_argument, string_literal(s), string_literal(""))});
    };
    paren("(");
    add("Map.of_list ");
    show_into(builder, list, pairs, false);
    paren(")");
    return true;
  }
  if (t->name == "Thread.t") {
    add("<thread ");
    b_.CreateCall(runtime("fl_builder_add_int"), {builder, b_.CreateCall(runtime("fl_thread_id"), {x})});
    add(">");
    return true;
  }
  if (t->name == "Chan.t") {  // a record of MVars in stdlib/chan.fl
    add("<chan>");
    return true;
  }
  if (t->name == "Hashtbl.t") {
    for (const types::Field* field : t->def->fields) {
      if (field->name != "size") continue;
      llvm::StructType* layout = block_type(record_fields(t), false);
      add("<hashtbl: ");
      b_.CreateCall(runtime("fl_builder_add_int"), {builder, load_field(x, layout, static_cast<unsigned>(field->index))});
      add(" bindings>");
      return true;
    }
  }
  return false;
}

// The show of an exception value, for its descriptor: `Failure "x"`.
llvm::Function* Lowering::show_exception_function(const types::Constructor* ctor) {
  std::string name = "fl.show_exn." + ctor->linkage_name;
  if (auto it = functions_.find(name); it != functions_.end()) return it->second;
  auto* f = llvm::Function::Create(llvm::FunctionType::get(b_.getPtrTy(), {b_.getPtrTy(), b_.getInt1Ty()}, false),
                                   llvm::Function::InternalLinkage, name, *mod_);
  set_function_attributes(f);
  functions_[name] = f;
  llvm::IRBuilderBase::InsertPointGuard guard(b_);
  Subst saved = subst_;
  subst_.clear();
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
  llvm::Value* builder = b_.CreateCall(runtime("fl_builder_new"), {});
  std::vector<Type*> fields = constructor_fields(ctor, arena_.exn_type());
  llvm::StructType* layout = constructor_layout(ctor, fields);
  auto add = [&](const std::string& s) { b_.CreateCall(runtime("fl_builder_add"), {builder, string_literal(s)}); };
  // An applied constructor as a constructor argument: parenthesised.
  auto paren = [&](const char* s) {
    if (fields.empty()) return;
    b_.CreateCall(runtime("fl_builder_add"),
                  {builder, b_.CreateSelect(f->getArg(1), string_literal(s), string_literal(""))});
  };
  paren("(");
  add(ctor->name);
  if (fields.size() == 1) {
    add(" ");
    show_into(builder, constructor_field(f->getArg(0), ctor, layout, 0), fields[0], true);
  } else if (!fields.empty()) {
    add(" (");
    for (unsigned k = 0; k < fields.size(); ++k) {
      if (k) add(", ");
      show_into(builder, constructor_field(f->getArg(0), ctor, layout, k), fields[k], false);
    }
    add(")");
  }
  paren(")");
  b_.CreateRet(b_.CreateCall(runtime("fl_builder_finish"), {builder}));
  subst_ = saved;
  return f;
}

// l1 @ l2: copies l1 front to back into fresh cells (a loop, no stack),
// the last one pointing at l2.
llvm::Function* Lowering::append_function(Type* list_type) {
  Type* t = concrete(list_type);
  std::string name = "fl.append<" + mangle(t) + ">";
  if (auto it = functions_.find(name); it != functions_.end()) return it->second;
  auto* f = llvm::Function::Create(llvm::FunctionType::get(b_.getPtrTy(), {b_.getPtrTy(), b_.getPtrTy()}, false),
                                   llvm::Function::InternalLinkage, name, *mod_);
  set_function_attributes(f);
  functions_[name] = f;
  llvm::IRBuilderBase::InsertPointGuard guard(b_);
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
  llvm::Value* x = f->getArg(0);
  llvm::Value* y = f->getArg(1);
  llvm::StructType* cell = constructor_layout(t->def->constructors[1], t);
  // A dummy head cell on the stack: `last` always has a tail to set.
  llvm::Value* head = b_.CreateAlloca(cell);
  llvm::BasicBlock* entry = b_.GetInsertBlock();
  auto* loop = llvm::BasicBlock::Create(ctx_, "loop", f);
  auto* body = llvm::BasicBlock::Create(ctx_, "body", f);
  auto* end = llvm::BasicBlock::Create(ctx_, "end", f);
  b_.CreateBr(loop);
  b_.SetInsertPoint(loop);
  llvm::PHINode* at = b_.CreatePHI(b_.getPtrTy(), 2);
  llvm::PHINode* last = b_.CreatePHI(b_.getPtrTy(), 2);
  at->addIncoming(x, entry);
  last->addIncoming(head, entry);
  b_.CreateCondBr(b_.CreateTrunc(b_.CreatePtrToInt(at, b_.getInt64Ty()), b_.getInt1Ty()), end, body);
  b_.SetInsertPoint(body);
  llvm::Value* fresh = allocate(cell, false);
  b_.CreateStore(load_field(at, cell, 0), b_.CreateStructGEP(cell, fresh, 0));
  b_.CreateStore(fresh, b_.CreateStructGEP(cell, last, 1));
  at->addIncoming(load_field(at, cell, 1), b_.GetInsertBlock());
  last->addIncoming(fresh, b_.GetInsertBlock());
  b_.CreateBr(loop);
  b_.SetInsertPoint(end);
  b_.CreateStore(y, b_.CreateStructGEP(cell, last, 1));
  b_.CreateRet(load_field(head, cell, 1));
  return f;
}

}  // namespace fl::codegen
