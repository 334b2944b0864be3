// The reasons of Sys_error: glibc's strerror texts for the Linux errno
// values a file system or a 9P server reports. Both targets use this table
// (the VM has no C library, and the host must say the same), so a failure
// reads alike everywhere: `Sys_error "notes.txt: No such file or
// directory"`.
#include "core/error_text.h"

#include "core/format.h"

#include "platform/files.h"

namespace rts {

namespace {

struct Entry {
  int code;
  const char* text;
};

constexpr Entry kTexts[] = {
    {platform::files::kNoFileSystem, "no file system (flc run --share DIR gives the VM one)"},
    {1, "Operation not permitted"},
    {2, "No such file or directory"},
    {4, "Interrupted system call"},
    {5, "Input/output error"},
    {6, "No such device or address"},
    {9, "Bad file descriptor"},
    {11, "Resource temporarily unavailable"},
    {12, "Cannot allocate memory"},
    {13, "Permission denied"},
    {14, "Bad address"},
    {16, "Device or resource busy"},
    {17, "File exists"},
    {18, "Invalid cross-device link"},
    {19, "No such device"},
    {20, "Not a directory"},
    {21, "Is a directory"},
    {22, "Invalid argument"},
    {23, "Too many open files in system"},
    {24, "Too many open files"},
    {26, "Text file busy"},
    {27, "File too large"},
    {28, "No space left on device"},
    {30, "Read-only file system"},
    {31, "Too many links"},
    {36, "File name too long"},
    {38, "Function not implemented"},
    {39, "Directory not empty"},
    {40, "Too many levels of symbolic links"},
    {71, "Protocol error"},
    {75, "Value too large for defined data type"},
    {95, "Operation not supported"},
    {110, "Connection timed out"},
    {116, "Stale file handle"},
    {122, "Disk quota exceeded"},
};

}  // namespace

size_t error_text(int code, char* out, size_t capacity) {
  const char* text = nullptr;
  for (const Entry& e : kTexts)
    if (e.code == code) {
      text = e.text;
      break;
    }
  size_t n = 0;
  auto put = [&](char c) {
    if (n + 1 < capacity) out[n++] = c;
  };
  if (text != nullptr) {
    for (const char* p = text; *p; ++p) put(*p);
  } else {
    // glibc's words for a number it does not know.
    for (const char* p = "Unknown error "; *p; ++p) put(*p);
    char digits[kMaxIntDigits];
    size_t d = format_int(code, digits);
    for (size_t i = 0; i < d; ++i) put(digits[i]);
  }
  if (capacity > 0) out[n] = '\0';
  return n;
}

}  // namespace rts
