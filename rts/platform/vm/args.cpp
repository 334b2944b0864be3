// Sys.argv in the VM: the words after `--` on the kernel command line
// (flc run FILE.fl -- a b passes `-append "-- a b"`). A word may be quoted
// with double quotes and a backslash takes the next character as it is, so
// that arguments with spaces survive (the driver quotes them that way).
#include "kernel.h"
#include "platform/platform.h"

namespace platform {
namespace {

constexpr size_t kMaxBytes = 4096;  // the kernel keeps no longer a line
constexpr size_t kMaxArgs = 512;

char words[kMaxBytes];
const char* args[kMaxArgs];
size_t count = 0;
bool parsed = false;

// Splits `line` into words (NUL-terminated in `words`); returns how many.
size_t split(const char* line, const char** out) {
  size_t n = 0, used = 0;
  const char* p = line;
  for (;;) {
    while (*p == ' ' || *p == '\t') ++p;
    if (*p == '\0' || n == kMaxArgs || used == kMaxBytes) return n;
    out[n++] = words + used;
    bool quoted = false;
    for (; *p != '\0' && (quoted || (*p != ' ' && *p != '\t')); ++p) {
      if (*p == '"') {
        quoted = !quoted;
      } else if (used + 1 < kMaxBytes) {
        if (*p == '\\' && p[1] != '\0') ++p;
        words[used++] = *p;
      }
    }
    words[used++] = '\0';
  }
}

void parse() {
  if (parsed) return;
  parsed = true;
  size_t n = split(kernel_cmdline(), args);
  for (size_t i = 0; i < n; ++i) {
    if (args[i][0] == '-' && args[i][1] == '-' && args[i][2] == '\0') {
      count = n - i - 1;
      for (size_t k = 0; k < count; ++k) args[k] = args[i + 1 + k];
      return;
    }
  }
}

}  // namespace

size_t arg_count() {
  parse();
  return count;
}

const char* arg(size_t i) {
  parse();
  return args[i];
}

}  // namespace platform
