// The flc command line (TOOLS.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace fl::driver {

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
  std::string stack;
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
