#include "driver/options.h"

#include <cstdlib>
#include <iostream>

namespace fl::driver {

namespace {

std::nullopt_t usage_error(const std::string& message) {
  std::cerr << "flc: error: " << message << "\n"
            << "Run 'flc help' for usage.\n";
  return std::nullopt;
}

bool parse_int(const std::string& text, int& out) {
  char* end = nullptr;
  long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < 0 || v > 1000000) return false;
  out = static_cast<int>(v);
  return true;
}

// A size in bytes with an optional K, M or G suffix (binary units), as
// --stack takes it: "64M", "1G", "262144".
bool parse_size(const std::string& text, uint64_t& out) {
  char* end = nullptr;
  unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || end == text.c_str() || text[0] == '-') return false;
  int shift = 0;
  if (*end == 'K' || *end == 'k') shift = 10;
  else if (*end == 'M' || *end == 'm') shift = 20;
  else if (*end == 'G' || *end == 'g') shift = 30;
  if (shift != 0) ++end;
  if (*end != '\0' || v > (uint64_t{1} << 40) >> shift) return false;
  out = static_cast<uint64_t>(v) << shift;
  return true;
}

}  // namespace

std::optional<Options> parse_options(int argc, char** argv) {
  Options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return o;  // help

  size_t i = 0;
  const std::string& command = args[i];
  if (command == "build") o.command = Command::Build;
  else if (command == "run") o.command = Command::Run;
  else if (command == "check") o.command = Command::Check;
  else if (command == "verify") o.command = Command::Verify;
  else if (command == "repl") o.command = Command::Repl;
  else if (command == "help" || command == "--help" || command == "-h") o.command = Command::Help;
  else if (command == "--version" || command == "version") o.command = Command::Version;
  else {
    return usage_error("unknown command '" + command + "'");
  }
  ++i;

  // Options taking a value accept both `--opt value` and `--opt=value`.
  auto value_of = [&](const std::string& arg, const std::string& name, std::string& out) -> int {
    if (arg == name) {
      if (i + 1 >= args.size()) {
        usage_error("option " + name + " needs a value");
        return -1;
      }
      out = args[++i];
      return 1;
    }
    if (arg.rfind(name + "=", 0) == 0) {
      out = arg.substr(name.size() + 1);
      return 1;
    }
    return 0;
  };

  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string v;
    int r;
    if (a == "--") {
      o.program_args.assign(args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    }
    if (o.command == Command::Help) {
      o.help_topic = a;
      continue;
    }
    if ((r = value_of(a, "-o", v))) {
      if (r < 0) return std::nullopt;
      o.output = v;
    } else if ((r = value_of(a, "--target", v))) {
      if (r < 0) return std::nullopt;
      if (v == "vm") o.target = Target::Vm;
      else if (v == "host") o.target = Target::Host;
      else return usage_error("unknown target '" + v + "' (expected vm or host)");
    } else if ((r = value_of(a, "--emit", v))) {
      if (r < 0) return std::nullopt;
      if (v == "llvm") o.emit = Emit::LlvmIr;
      else if (v == "asm") o.emit = Emit::Assembly;
      else if (v == "obj") o.emit = Emit::Object;
      else return usage_error("unknown --emit kind '" + v + "' (expected llvm, asm or obj)");
    } else if ((r = value_of(a, "--format", v))) {
      if (r < 0) return std::nullopt;
      if (v != "elf") return usage_error("--format " + v + " is not supported yet");
    } else if ((r = value_of(a, "--mem", v))) {
      if (r < 0) return std::nullopt;
      o.mem = v;
    } else if ((r = value_of(a, "--net", v))) {
      if (r < 0) return std::nullopt;
      if (v != "user" && v != "none") return usage_error("--net must be user or none");
      o.net = v;
    } else if ((r = value_of(a, "--forward", v))) {
      if (r < 0) return std::nullopt;
      size_t colon = v.find(':');
      int host_port = 0, guest_port = 0;
      if (colon == std::string::npos || !parse_int(v.substr(0, colon), host_port) ||
          !parse_int(v.substr(colon + 1), guest_port) || host_port < 1 || host_port > 65535 || guest_port < 1 ||
          guest_port > 65535)
        return usage_error("--forward needs HOSTPORT:GUESTPORT (ports 1 to 65535), not '" + v + "'");
      o.forwards.push_back(v);
    } else if ((r = value_of(a, "--share", v))) {
      if (r < 0) return std::nullopt;
      o.share = v;
    } else if ((r = value_of(a, "--9p", v))) {
      if (r < 0) return std::nullopt;
      o.nine_p = v;
    } else if ((r = value_of(a, "--qemu", v))) {
      if (r < 0) return std::nullopt;
      o.qemu_args.push_back(v);
    } else if ((r = value_of(a, "--stack", v))) {
      if (r < 0) return std::nullopt;
      if (!parse_size(v, o.stack_bytes) || o.stack_bytes < kMinStackBytes || o.stack_bytes > kMaxStackBytes)
        return usage_error("--stack needs a size from 256K to 1G (e.g. 64M)");
    } else if ((r = value_of(a, "--timeout", v))) {
      if (r < 0) return std::nullopt;
      if (!parse_int(v, o.timeout_seconds)) return usage_error("--timeout needs a number of seconds");
    } else if (a == "--print-qemu") {
      o.print_qemu = true;
    } else if (a.size() == 3 && a[0] == '-' && a[1] == 'O' && a[2] >= '0' && a[2] <= '3') {
      o.opt_level = a[2] - '0';
    } else if (a == "-g") {
      o.debug_info = true;
    } else if (a == "-q") {
      o.quiet = true;
    } else if (a == "--dump-ast") {
      o.dump_ast = true;
    } else if (a == "--dump-typed") {
      o.dump_typed = true;
    } else if (a == "--dump-llvm") {
      o.dump_llvm = true;
    } else if (a == "--time-passes") {
      o.time_passes = true;
    } else if (!a.empty() && a[0] == '-') {
      return usage_error("unknown option '" + a + "'");
    } else {
      o.files.push_back(a);
    }
  }

  bool needs_files = o.command == Command::Build || o.command == Command::Run || o.command == Command::Check ||
                     o.command == Command::Verify;
  if (needs_files && o.files.empty()) {
    return usage_error("no input file");
  }
  if (!o.forwards.empty() && o.net != "user") {
    return usage_error("--forward needs --net user");
  }
  if (o.command == Command::Run && o.emit != Emit::Image) {
    return usage_error("--emit is for 'flc build'");
  }
  return o;
}

void print_help(const std::string& topic) {
  if (topic == "build") {
    std::cout << "usage: flc build FILE.fl [MORE.fl...] [-o OUT] [--target vm|host] [--emit llvm|asm|obj]\n"
                 "  Compiles the program. The first file is the main module.\n"
                 "  vm (default): a bootable x86-64 ELF image with a PVH entry (OUT defaults to FILE.img)\n"
                 "  host: a native Linux executable (OUT defaults to FILE)\n"
                 "  --emit stops after LLVM IR (.ll), assembly (.s) or an object file (.o)\n"
                 "  -O0..-O3 optimisation level (default -O2), -g debug info, -q quiet\n"
                 "  --stack SIZE: each thread's stack limit (default 64M)\n";
    return;
  }
  if (topic == "run") {
    std::cout << "usage: flc run FILE.fl [options] [-- ARGS]\n"
                 "  Builds the program and runs it: in QEMU (default) or natively (--target host).\n"
                 "  The exit status is the program's; 124 when --timeout expires.\n"
                 "  --mem SIZE (default 128M)   --timeout SECONDS   --qemu ARG (repeatable)\n"
                 "  --net user|none   --forward HOSTPORT:GUESTPORT   --share DIR   --9p HOST:PORT\n"
                 "  --stack SIZE (default 64M)   --print-qemu (print the QEMU command line, do not run)\n";
    return;
  }
  if (topic == "check") {
    std::cout << "usage: flc check FILE.fl [MORE.fl...]\n  Parses and type-checks only.\n";
    return;
  }
  if (topic == "repl") {
    std::cout << "usage: flc repl [FILE.fl...] [-O0|-O1|-O3]\n"
                 "  The interactive top level, on the host (LLVM JIT). The files are loaded first.\n"
                 "  A phrase ends with ;; or, when it is complete, at the end of the line.\n"
                 "  Directives: :type EXPR  :load FILE  :reload  :env  :help  :quit\n"
                 "  Typed phrases compile at -O1 and loaded files at -O0, unless a level is given.\n"
                 "  Not a terminal: phrases are read from standard input, answers printed without prompts.\n";
    return;
  }
  std::cout << "flc — the fl compiler\n\n"
               "usage: flc COMMAND [options] FILE.fl...\n\n"
               "commands:\n"
               "  build     compile to a VM image, or a host executable with --target host\n"
               "  run       build and run (in QEMU, or natively with --target host)\n"
               "  check     parse and type-check only\n"
               "  verify    prove contracts with the SMT solver\n"
               "  repl      the interactive top level\n"
               "  help [COMMAND], --version\n\n"
               "developer options: --dump-ast --dump-typed --dump-llvm --time-passes\n";
}

}  // namespace fl::driver
