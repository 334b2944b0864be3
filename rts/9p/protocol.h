// 9P2000.L, the part of it the File module needs: message types, the Linux
// open flags and file-mode bits that travel in it, and the protocol's
// limits. The wire format: every message is size[4] type[1] tag[2] and a
// body, little-endian; a string is len[2] bytes; a qid is type[1]
// version[4] path[8].
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "core/linux_abi.h"

namespace ninep {

// Errors are Linux's errno values end to end (Rlerror carries them), and
// the client keeps Linux's limits on names and paths, so that both
// targets refuse the same ones.
using namespace linux_abi;

enum MessageType : uint8_t {
  Rlerror = 7,
  Tlopen = 12, Rlopen = 13,
  Tlcreate = 14, Rlcreate = 15,
  Treadlink = 22, Rreadlink = 23,
  Tgetattr = 24, Rgetattr = 25,
  Treaddir = 40, Rreaddir = 41,
  Tmkdir = 72, Rmkdir = 73,
  Tunlinkat = 76, Runlinkat = 77,
  Tversion = 100, Rversion = 101,
  Tattach = 104, Rattach = 105,
  Twalk = 110, Rwalk = 111,
  Tread = 116, Rread = 117,
  Twrite = 118, Rwrite = 119,
  Tclunk = 120, Rclunk = 121,
};

constexpr uint16_t kNoTag = 0xFFFF;
constexpr uint32_t kNoFid = 0xFFFFFFFF;
constexpr const char kVersion[] = "9P2000.L";

constexpr uint32_t kHeaderSize = 7;  // size[4] type[1] tag[2]
// Twrite's header (fid[4] offset[8] count[4] after the 7) is the largest
// in front of file data; Linux and QEMU reserve 24 bytes (P9_IOHDRSZ).
constexpr uint32_t kIoHeaderSize = 24;
constexpr uint32_t kReadReplyHeader = kHeaderSize + 4;  // Rread: count[4] then data
// The smallest msize the client accepts from a server: room for a
// directory entry of the longest name and the largest fixed reply.
constexpr uint32_t kMinMsize = 4096;
// Twalk takes at most this many names (MAXWELEM).
constexpr int kMaxWalkNames = 16;

// Open flags (Linux x86 values, which 9P2000.L uses as they are).
enum OpenFlags : uint32_t {
  kReadOnly = 0,
  kWriteOnly = 01,
  kCreate = 0100,
  kTruncate = 01000,
  kDirectory = 0200000,
};

// st_mode file types.
constexpr uint32_t kModeTypeMask = 0170000;
constexpr uint32_t kModeDirectory = 0040000;

// Tgetattr request_mask: P9_GETATTR_BASIC (mode through blocks).
constexpr uint64_t kGetattrBasic = 0x7ff;

struct Qid {
  uint8_t type;
  uint32_t version;
  uint64_t path;
};
constexpr uint8_t kQidDirectory = 0x80;
constexpr uint8_t kQidSymlink = 0x02;

// The fields of Rgetattr the client uses.
struct Attributes {
  Qid qid;
  uint32_t mode;
  uint64_t size;
};

}  // namespace ninep
