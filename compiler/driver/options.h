// The flc command line (TOOLS.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fl::driver {

// Thread stacks (--stack): the default is LANGUAGE.md's; below the minimum
// the runtime's own headroom would not fit, above the maximum 100,000
// reservations would not fit in the address space.
constexpr uint64_t kDefaultStackBytes = uint64_t{64} << 20;
constexpr uint64_t kMinStackBytes = uint64_t{256} << 10;
constexpr uint64_t kMaxStackBytes = uint64_t{1} << 30;

enum class Command { Build, Run, Check, Verify, Repl, Help, Version };
enum class Target { Vm, Host };
enum class Emit { Image, LlvmIr, Assembly, Object };

struct Options {
  Command command = Command::Help;
  std::string help_topic;  // `flc help build`
  std::vector<std::string> files;
  std::vector<std::string> program_args;  // after `--`
  std::string output;                     // -o
  Target target = Target::Vm;
  Emit emit = Emit::Image;
  int opt_level = 2;
  bool debug_info = false;
  bool quiet = false;
  // VM run options.
  std::string mem = "128M";
  std::string net = "user";
  std::vector<std::string> forwards;
  std::string share;
  std::string nine_p;
  std::vector<std::string> qemu_args;
  // Each thread's stack limit, main included (build and run, both
  // targets): the image or executable holds it (fl_stack_bytes).
  uint64_t stack_bytes = kDefaultStackBytes;
  int timeout_seconds = 0;  // 0: none
  bool print_qemu = false;
  // Developer switches (STYLE.md): dumps between passes and pass timings.
  bool dump_ast = false;
  bool dump_typed = false;
  bool dump_llvm = false;
  bool time_passes = false;
};

// Parses argv. On a usage error prints "flc: error: ..." and returns
// nothing; the caller exits with status 1.
std::optional<Options> parse_options(int argc, char** argv);

void print_help(const std::string& topic);

}  // namespace fl::driver
