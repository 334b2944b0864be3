// Linux's numbers and names for files, which the File module gives on both
// targets: the host's system calls return them, a 9P2000.L server sends
// them, and the runtime's own checks (core/files.cpp, the VM's 9P client)
// must fail and list as Linux would. core/error_text.cpp has the texts.
#pragma once

#include <stddef.h>

namespace linux_abi {

// errno values the runtime produces itself.
enum Errno : int {
  kENOENT = 2, kEIO = 5, kENOMEM = 12, kEEXIST = 17,
  kENOTDIR = 20, kEISDIR = 21, kEINVAL = 22, kEMFILE = 24,
  kEFBIG = 27, kENAMETOOLONG = 36, kELOOP = 40, kEPROTO = 71,
};
// The largest errno value (MAX_ERRNO): a larger number names no error.
constexpr int kMaxErrno = 4095;

// A name in a directory: NAME_MAX.
constexpr size_t kMaxNameLength = 255;
// A path, and a symbolic link's target: PATH_MAX without its NUL.
constexpr size_t kMaxPathLength = 4095;
// Symbolic links followed in one path before giving up (ELOOP).
constexpr int kMaxSymlinkHops = 40;

// "." and "..", which every directory has and list_dir leaves out.
inline bool is_dot_or_dotdot(const char* name, size_t len) {
  return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

}  // namespace linux_abi
