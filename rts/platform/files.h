// What the File module (rts/core/files.cpp) needs from the platform: the
// host's file system (platform/host/files.cpp, POSIX) or the 9P server
// shared with the VM (platform/vm/files.cpp, rts/9p over virtio-9p).
//
// Every function returns 0 or an error: a Linux errno value (a 9P server
// sends the same numbers in Rlerror) or one of the codes below; core turns
// it into Sys_error "path: reason" (core/error_text.cpp). `path` is
// NUL-terminated, `len` long, holds no NUL and is not empty.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "rts.h"

namespace platform::files {

// The VM has no file server (`flc run` without --share).
constexpr int kNoFileSystem = -1;
// The heap could not hold the result: core raises Out_of_memory.
constexpr int kOutOfMemory = -2;

// The whole file in a new string (a directory is EISDIR).
int read(const char* path, size_t len, FlString** contents);
// Creates the file or truncates it (append: adds at its end), then writes
// all `n` bytes.
int write(const char* path, size_t len, const char* bytes, size_t n, bool append);
// Whether anything (file or directory) is there; missing components are
// false, not errors.
int exists(const char* path, size_t len, bool* result);
// A file, never a directory (EISDIR).
int remove(const char* path, size_t len);
int mkdir(const char* path, size_t len);
int size(const char* path, size_t len, int64_t* result);
// Calls `entry` with the name of every entry of the directory but "." and
// "..", in no particular order; `entry` returns false when it cannot keep
// the name (then kOutOfMemory).
int list_dir(const char* path, size_t len, bool (*entry)(void* context, const char* name, size_t len), void* context);

}  // namespace platform::files
