// The names and types of the primitives (types/symbol.h): the prelude's
// (spec 8.1) that fl cannot express, and Prim, which only the standard
// library sees.
#include "types/infer.h"

namespace fl::types {

void Checker::add_primitives() {
  Type* i = arena_.int_type();
  Type* f = arena_.float_type();
  Type* s = arena_.string_type();
  Type* u = arena_.unit_type();
  Type* b = arena_.bool_type();
  Type* c = arena_.char_type();
  auto generic = [&] {
    Type* v = arena_.var(1);
    v->generic = true;
    return v;
  };
  Type* a = generic();
  Type* r = generic();
  auto fn = [&](std::initializer_list<Type*> args) {
    std::vector<Type*> ts(args);
    Type* t = ts.back();
    for (size_t k = ts.size() - 1; k-- > 0;) t = arena_.arrow(ts[k], t);
    return t;
  };
  Type* array_a = arena_.array_type(a);
  Type* option_f = arena_.con(arena_.builtin("option"), {f});
  Type* option_i = arena_.con(arena_.builtin("option"), {i});
  Type* option_a = arena_.con(arena_.builtin("option"), {a});

  struct Entry {
    ModuleEnv* env;
    const char* name;
    Primitive primitive;
    Type* type;
  };
  const Entry entries[] = {
      {&prelude_, "print_string", Primitive::PrintString, fn({s, u})},
      {&prelude_, "print_endline", Primitive::PrintEndline, fn({s, u})},
      {&prelude_, "print_int", Primitive::PrintInt, fn({i, u})},
      {&prelude_, "print_float", Primitive::PrintFloat, fn({f, u})},
      {&prelude_, "print_char", Primitive::PrintChar, fn({c, u})},
      {&prelude_, "print_newline", Primitive::PrintNewline, fn({u, u})},
      {&prelude_, "prerr_endline", Primitive::PrerrEndline, fn({s, u})},
      {&prelude_, "prerr_string", Primitive::PrerrString, fn({s, u})},
      {&prelude_, "read_line", Primitive::ReadLine, fn({u, s})},
      {&prelude_, "exit", Primitive::Exit, fn({i, a})},
      {&prelude_, "not", Primitive::Not, fn({b, b})},
      {&prelude_, "succ", Primitive::Succ, fn({i, i})},
      {&prelude_, "pred", Primitive::Pred, fn({i, i})},
      {&prelude_, "abs", Primitive::Abs, fn({i, i})},
      {&prelude_, "ignore", Primitive::Ignore, fn({a, u})},
      {&prelude_, "string_of_int", Primitive::StringOfInt, fn({i, s})},
      {&prelude_, "string_of_bool", Primitive::StringOfBool, fn({b, s})},
      {&prelude_, "string_of_float", Primitive::StringOfFloat, fn({f, s})},
      {&prelude_, "float_of_int", Primitive::FloatOfInt, fn({i, f})},
      {&prelude_, "float", Primitive::FloatOfInt, fn({i, f})},
      {&prelude_, "int_of_float", Primitive::IntOfFloat, fn({f, i})},
      {&prelude_, "truncate", Primitive::IntOfFloat, fn({f, i})},
      {&prelude_, "int_of_char", Primitive::IntOfChar, fn({c, i})},
      {&prelude_, "char_of_int", Primitive::CharOfInt, fn({i, c})},
      {&prelude_, "raise", Primitive::Raise, fn({arena_.exn_type(), a})},
      {&prelude_, "ref", Primitive::Ref, fn({a, arena_.ref_type(a)})},
      {&prelude_, "compare", Primitive::Compare, fn({a, a, i})},
      {&prelude_, "hash", Primitive::Hash, fn({a, i})},
      {&prelude_, "show", Primitive::Show, fn({a, s})},
      {&prim_, "string_length", Primitive::StringLength, fn({s, i})},
      {&prim_, "string_unsafe_get", Primitive::StringUnsafeGet, fn({s, i, c})},
      {&prim_, "string_create", Primitive::StringCreate, fn({i, s})},
      {&prim_, "string_unsafe_set", Primitive::StringUnsafeSet, fn({s, i, c, u})},
      {&prim_, "string_blit", Primitive::StringBlit, fn({s, i, s, i, i, u})},
      {&prim_, "array_make", Primitive::ArrayMake, fn({i, a, array_a})},
      {&prim_, "array_length", Primitive::ArrayLength, fn({array_a, i})},
      {&prim_, "array_unsafe_get", Primitive::ArrayUnsafeGet, fn({array_a, i, a})},
      {&prim_, "array_unsafe_set", Primitive::ArrayUnsafeSet, fn({array_a, i, a, u})},
      {&prim_, "float_sqrt", Primitive::FloatSqrt, fn({f, f})},
      {&prim_, "float_sin", Primitive::FloatSin, fn({f, f})},
      {&prim_, "float_cos", Primitive::FloatCos, fn({f, f})},
      {&prim_, "float_tan", Primitive::FloatTan, fn({f, f})},
      {&prim_, "float_atan", Primitive::FloatAtan, fn({f, f})},
      {&prim_, "float_exp", Primitive::FloatExp, fn({f, f})},
      {&prim_, "float_log", Primitive::FloatLog, fn({f, f})},
      {&prim_, "float_floor", Primitive::FloatFloor, fn({f, f})},
      {&prim_, "float_ceil", Primitive::FloatCeil, fn({f, f})},
      {&prim_, "float_atan2", Primitive::FloatAtan2, fn({f, f, f})},
      {&prim_, "float_pow", Primitive::FloatPow, fn({f, f, f})},
      {&prim_, "string_of_float", Primitive::StringOfFloat, fn({f, s})},
      {&prim_, "float_of_string_opt", Primitive::FloatOfStringOpt, fn({s, option_f})},
      {&prim_, "int_of_string_opt", Primitive::IntOfStringOpt, fn({s, option_i})},
      // Threads and MVars. The handle types are left open ('r): Thread.t
      // and 'a MVar.t are abstract types of the stdlib files, which give
      // every use of these primitives its precise type.
      {&prim_, "thread_spawn", Primitive::ThreadSpawn, fn({fn({u, u}), r})},
      {&prim_, "thread_yield", Primitive::ThreadYield, fn({u, u})},
      {&prim_, "thread_sleep_ms", Primitive::ThreadSleepMs, fn({i, u})},
      {&prim_, "thread_self", Primitive::ThreadSelf, fn({u, r})},
      {&prim_, "thread_id", Primitive::ThreadId, fn({r, i})},
      {&prim_, "mvar_create_empty", Primitive::MVarCreateEmpty, fn({u, r})},
      {&prim_, "mvar_create", Primitive::MVarCreate, fn({a, r})},
      {&prim_, "mvar_take", Primitive::MVarTake, fn({r, a})},
      {&prim_, "mvar_read", Primitive::MVarRead, fn({r, a})},
      {&prim_, "mvar_put", Primitive::MVarPut, fn({r, a, u})},
      {&prim_, "mvar_try_take", Primitive::MVarTryTake, fn({r, option_a})},
  };
  // Runtime functions called as they are (Primitive::External), declared
  // from the fl type: int is int64_t, float double, bool bool, char
  // uint8_t, anything else a pointer; unit parameters are left out and a
  // unit result is void. They may raise (through fl_raise).
  struct External {
    ModuleEnv* env;
    const char* name;
    const char* runtime;
    Type* type;
  };
  const External externals[] = {
      {&prim_, "sys_argc", "fl_sys_argc", fn({u, i})},
      {&prim_, "sys_arg", "fl_sys_arg", fn({i, s})},
      {&prim_, "sys_time_ms", "fl_sys_time_ms", fn({u, i})},
      {&prim_, "sys_target", "fl_sys_target", fn({u, s})},
      {&prim_, "sys_heap_words", "fl_sys_heap_words", fn({u, i})},
      // The File module (stdlib/file.fl; rts_files.h).
      {&prim_, "file_read", "fl_file_read", fn({s, s})},
      {&prim_, "file_write", "fl_file_write", fn({s, s, u})},
      {&prim_, "file_append", "fl_file_append", fn({s, s, u})},
      {&prim_, "file_exists", "fl_file_exists", fn({s, b})},
      {&prim_, "file_remove", "fl_file_remove", fn({s, u})},
      {&prim_, "file_mkdir", "fl_file_mkdir", fn({s, u})},
      {&prim_, "file_size", "fl_file_size", fn({s, i})},
      {&prim_, "file_list_dir", "fl_file_list_dir", fn({s, arena_.array_type(s)})},
      // The Net module (stdlib/net.fl; rts_net.h).
      {&prim_, "net_send_frame", "fl_net_send_frame", fn({s, u})},
      {&prim_, "net_recv_frame", "fl_net_recv_frame", fn({u, s})},
      {&prim_, "net_mac", "fl_net_mac", fn({u, s})},
      {&prim_, "net_errors", "fl_net_errors", fn({u, i})},
  };
  auto add = [&](ModuleEnv* env, const char* name, const char* linkage_name, Primitive primitive, Type* type) {
    Symbol& sym = symbols_.emplace_back();
    sym.kind = Symbol::Kind::Primitive;
    sym.name = name;
    sym.linkage_name = linkage_name;
    sym.primitive = primitive;
    sym.scheme.body = type;
    for (Type* v : {a, r})
      if (occurs(v, type)) sym.scheme.vars.push_back(v);
    env->values[name] = &sym;
  };
  for (const Entry& e : entries) add(e.env, e.name, e.name, e.primitive, e.type);
  for (const External& e : externals) add(e.env, e.name, e.runtime, Primitive::External, e.type);
}

}  // namespace fl::types
