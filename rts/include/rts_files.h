// The File module (LANGUAGE.md 8.3): the part of the ABI between generated
// code and the runtime that stdlib/file.fl lowers to (through Prim; C
// calling convention like rts.h). rts/core/files.cpp implements it on both
// targets over platform/files.h. Failures raise Sys_error "path: reason".
#pragma once

#include <stdint.h>

#include "rts.h"

extern "C" {

FlString* fl_file_read(const FlString* path);
void fl_file_write(const FlString* path, const FlString* contents);   // creates or truncates
void fl_file_append(const FlString* path, const FlString* contents);  // creates or appends
bool fl_file_exists(const FlString* path);
void fl_file_remove(const FlString* path);
void fl_file_mkdir(const FlString* path);
int64_t fl_file_size(const FlString* path);
// The names in a directory, without "." and "..", as a string array in the
// file system's order (stdlib/file.fl sorts them).
void* fl_file_list_dir(const FlString* path);
}
