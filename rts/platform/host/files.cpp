// The File module on Linux: the file system itself, relative paths from
// the working directory. Each operation does what the 9P client does in
// the VM (platform/vm/files.cpp), so that both fail with the same errno
// values: a directory is EISDIR for read and remove, missing components
// are not an error for exists.
#include "platform/files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/linux_abi.h"
#include "platform/platform.h"

namespace platform::files {

namespace {

// Closes a descriptor on every path out.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace

int read(const char* path, size_t, FlString** contents) {
  Fd f{open(path, O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) return errno;
  struct stat st;
  if (fstat(f.fd, &st) != 0) return errno;
  if (S_ISDIR(st.st_mode)) return EISDIR;
  // The size is a hint: the file may change while it is read (or, like
  // files in /proc, claim 0), so the string grows if it must.
  size_t capacity = st.st_size > 0 ? static_cast<size_t>(st.st_size) : 4096;
  auto* s = static_cast<FlString*>(platform::alloc(sizeof(FlString) + capacity, true));
  if (s == nullptr) return kOutOfMemory;
  size_t len = 0;
  for (;;) {
    if (len == capacity) {
      size_t bigger = capacity * 2;
      auto* t = static_cast<FlString*>(platform::alloc(sizeof(FlString) + bigger, true));
      if (t == nullptr) return kOutOfMemory;
      for (size_t i = 0; i < len; ++i) t->bytes[i] = s->bytes[i];
      s = t;
      capacity = bigger;
    }
    ssize_t n = ::read(f.fd, s->bytes + len, capacity - len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) break;
    len += static_cast<size_t>(n);
  }
  s->len = static_cast<int64_t>(len);
  *contents = s;
  return 0;
}

int write(const char* path, size_t, const char* bytes, size_t n, bool append) {
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);
  Fd f{open(path, flags, 0644)};
  if (f.fd < 0) return errno;
  while (n > 0) {
    ssize_t w = ::write(f.fd, bytes, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return errno;
    bytes += w;
    n -= static_cast<size_t>(w);
  }
  if (close(f.fd) != 0) {
    f.fd = -1;
    return errno;
  }
  f.fd = -1;
  return 0;
}

int exists(const char* path, size_t, bool* result) {
  struct stat st;
  *result = stat(path, &st) == 0;
  if (*result || errno == ENOENT || errno == ENOTDIR) return 0;
  return errno;
}

int remove(const char* path, size_t) { return unlink(path) == 0 ? 0 : errno; }

int mkdir(const char* path, size_t) { return ::mkdir(path, 0755) == 0 ? 0 : errno; }

int size(const char* path, size_t, int64_t* result) {
  struct stat st;
  if (stat(path, &st) != 0) return errno;
  *result = static_cast<int64_t>(st.st_size);
  return 0;
}

int list_dir(const char* path, size_t, bool (*entry)(void*, const char*, size_t), void* context) {
  DIR* dir = opendir(path);
  if (dir == nullptr) return errno;
  int error = 0;
  for (;;) {
    errno = 0;
    struct dirent* d = readdir(dir);
    if (d == nullptr) {
      error = errno;
      break;
    }
    size_t len = 0;
    while (d->d_name[len] != '\0') ++len;
    if (linux_abi::is_dot_or_dotdot(d->d_name, len)) continue;
    if (!entry(context, d->d_name, len)) {
      error = kOutOfMemory;
      break;
    }
  }
  closedir(dir);
  return error;
}

}  // namespace platform::files
