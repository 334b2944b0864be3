// The File module's primitives (LANGUAGE.md 8.3), the same on both targets
// down to the platform's file operations (platform/files.h): the checks of
// the path, the Sys_error messages, the list_dir array.
#include "core/error_text.h"
#include "core/linux_abi.h"
#include "platform/files.h"
#include "platform/platform.h"
#include "rts.h"
#include "rts_files.h"

namespace {

using namespace linux_abi;

[[noreturn]] void raise_error(const FlString* path, int code) {
  if (code == platform::files::kOutOfMemory) fl_raise_out_of_memory();
  char reason[96];
  size_t reason_len = rts::error_text(code, reason, sizeof reason);
  size_t len = static_cast<size_t>(path->len) + 2 + reason_len;
  auto* message = static_cast<FlString*>(fl_alloc_atomic(sizeof(FlString) + len));
  message->len = static_cast<int64_t>(len);
  char* out = message->bytes;
  for (int64_t i = 0; i < path->len; ++i) *out++ = path->bytes[i];
  *out++ = ':';
  *out++ = ' ';
  for (size_t i = 0; i < reason_len; ++i) *out++ = reason[i];
  fl_raise_sys_error_string(message);
}

// The path as a C string, or Sys_error: empty is ENOENT (as open("")
// says), a NUL inside is EINVAL, too long ENAMETOOLONG.
const char* c_path(const FlString* path) {
  size_t len = static_cast<size_t>(path->len);
  if (len == 0) raise_error(path, kENOENT);
  // Longer than Linux's PATH_MAX (with its NUL): fails alike everywhere.
  if (len > kMaxPathLength) raise_error(path, kENAMETOOLONG);
  for (size_t i = 0; i < len; ++i)
    if (path->bytes[i] == '\0') raise_error(path, kEINVAL);
  auto* c = static_cast<char*>(fl_alloc_atomic(len + 1));  // zeroed: NUL-terminated
  for (size_t i = 0; i < len; ++i) c[i] = path->bytes[i];
  return c;
}

void check(const FlString* path, int code) {
  if (code != 0) raise_error(path, code);
}

// list_dir's names, gathered into a growing array of strings.
struct Names {
  FlString** items = nullptr;
  size_t count = 0;
  size_t capacity = 0;
};

bool add_name(void* context, const char* name, size_t len) {
  auto* names = static_cast<Names*>(context);
  if (names->count == names->capacity) {
    size_t capacity = names->capacity == 0 ? 16 : 2 * names->capacity;
    auto** items = static_cast<FlString**>(platform::alloc(capacity * sizeof(FlString*), false));
    if (items == nullptr) return false;
    for (size_t i = 0; i < names->count; ++i) items[i] = names->items[i];
    names->items = items;
    names->capacity = capacity;
  }
  auto* s = static_cast<FlString*>(platform::alloc(sizeof(FlString) + len, true));
  if (s == nullptr) return false;
  s->len = static_cast<int64_t>(len);
  for (size_t i = 0; i < len; ++i) s->bytes[i] = name[i];
  names->items[names->count++] = s;
  return true;
}

}  // namespace

extern "C" {

FlString* fl_file_read(const FlString* path) {
  const char* p = c_path(path);
  FlString* contents = nullptr;
  check(path, platform::files::read(p, static_cast<size_t>(path->len), &contents));
  return contents;
}

void fl_file_write(const FlString* path, const FlString* contents) {
  const char* p = c_path(path);
  check(path, platform::files::write(p, static_cast<size_t>(path->len), contents->bytes,
                                     static_cast<size_t>(contents->len), false));
}

void fl_file_append(const FlString* path, const FlString* contents) {
  const char* p = c_path(path);
  check(path, platform::files::write(p, static_cast<size_t>(path->len), contents->bytes,
                                     static_cast<size_t>(contents->len), true));
}

bool fl_file_exists(const FlString* path) {
  // A path no file can have is not there: no error for "" or a NUL.
  if (path->len == 0) return false;
  for (int64_t i = 0; i < path->len; ++i)
    if (path->bytes[i] == '\0') return false;
  const char* p = c_path(path);
  bool result = false;
  check(path, platform::files::exists(p, static_cast<size_t>(path->len), &result));
  return result;
}

void fl_file_remove(const FlString* path) {
  const char* p = c_path(path);
  check(path, platform::files::remove(p, static_cast<size_t>(path->len)));
}

void fl_file_mkdir(const FlString* path) {
  const char* p = c_path(path);
  check(path, platform::files::mkdir(p, static_cast<size_t>(path->len)));
}

int64_t fl_file_size(const FlString* path) {
  const char* p = c_path(path);
  int64_t result = 0;
  check(path, platform::files::size(p, static_cast<size_t>(path->len), &result));
  return result;
}

void* fl_file_list_dir(const FlString* path) {
  const char* p = c_path(path);
  Names names;
  check(path, platform::files::list_dir(p, static_cast<size_t>(path->len), add_name, &names));
  auto* array = static_cast<FlString**>(fl_array_alloc(static_cast<int64_t>(names.count), sizeof(void*), false));
  // {length, elements...}: the elements follow the length word.
  for (size_t i = 0; i < names.count; ++i) array[1 + i] = names.items[i];
  return array;
}

}  // extern "C"
