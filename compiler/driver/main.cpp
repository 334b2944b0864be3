// flc: the command line of TOOLS.md on top of the pipeline (pipeline.h),
// the linker (link.h) and QEMU (qemu.h).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "driver/link.h"
#include "driver/options.h"
#include "driver/pipeline.h"
#include "driver/process.h"
#include "driver/qemu.h"
#include "repl/repl.h"

namespace fs = std::filesystem;
using namespace fl::driver;

namespace {

constexpr int kCompileError = 1;
constexpr int kTimeout = 124;

std::string default_output(const Options& o) {
  fs::path p(o.files.front());
  p.replace_extension();
  switch (o.emit) {
    case Emit::LlvmIr: return p.string() + ".ll";
    case Emit::Assembly: return p.string() + ".s";
    case Emit::Object: return p.string() + ".o";
    case Emit::Image: return o.target == Target::Vm ? p.string() + ".img" : p.string();
  }
  return p.string();
}

// A private directory for intermediate files, removed on destruction.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (fs::temp_directory_path() / "flc-XXXXXX").string();
    if (mkdtemp(tmpl.data())) path_ = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  bool ok() const { return !path_.empty(); }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Compiles and links options.files into `out`; returns false after errors.
bool build_to(const Options& o, const std::string& out, const ScratchDir& scratch) {
  if (o.emit != Emit::Image) return compile(o, o.emit, out);
  std::string object = scratch.file("program.o");
  if (!compile(o, Emit::Object, object)) return false;
  std::string error;
  bool linked = o.target == Target::Vm ? link_vm_image(object, out, error) : link_host_executable(object, out, error);
  if (!linked) std::cerr << "flc: error: " << error << "\n";
  return linked;
}

int reject_unsupported_run_options(const Options& o) {
  if (!o.nine_p.empty()) {
    std::cerr << "flc: error: --9p is not supported yet: it needs a TCP stack in the VM, which fl does not have; "
                 "serve a host directory with --share DIR instead\n";
    return kCompileError;
  }
  if (!o.share.empty() && !fs::is_directory(o.share)) {
    std::cerr << "flc: error: --share " << o.share << ": not a directory\n";
    return kCompileError;
  }
  return 0;
}

int run(const Options& o) {
  if (int status = reject_unsupported_run_options(o)) return status;
  ScratchDir scratch;
  if (!scratch.ok()) {
    std::cerr << "flc: error: cannot create a temporary directory\n";
    return kCompileError;
  }
  std::string program = scratch.file(o.target == Target::Vm ? "program.img" : "program");
  if (o.print_qemu && o.target == Target::Vm) {
    // Print the command for the image `flc build` would write.
    std::cout << quote_command(qemu_command(o, default_output(o))) << "\n";
    return 0;
  }
  if (!build_to(o, program, scratch)) return kCompileError;
  std::cout.flush();

  if (o.target == Target::Host) {
    std::vector<std::string> argv = {program};
    argv.insert(argv.end(), o.program_args.begin(), o.program_args.end());
    // --share DIR on the host: the program runs in DIR, so that its
    // relative paths name the same files as in the VM.
    if (!o.share.empty() && chdir(o.share.c_str()) != 0) {
      std::cerr << "flc: error: --share " << o.share << ": cannot enter it\n";
      return kCompileError;
    }
    ProcessResult r = run_process(argv, o.timeout_seconds, false);
    if (r.timed_out) return kTimeout;
    if (r.signal != 0) {
      std::cerr << "flc: the program was killed by signal " << r.signal << "\n";
      return 128 + r.signal;
    }
    return r.exit_code;
  }

  ProcessResult r = run_process(qemu_command(o, program), o.timeout_seconds, true, StdinMode::ForwardWithEot);
  if (r.timed_out) {
    std::cerr << "flc: the VM did not finish within " << o.timeout_seconds << " s and was stopped\n";
    return kTimeout;
  }
  int status = program_status(r);
  if (status < 0) {
    std::cerr << r.captured_stderr << "flc: error: QEMU failed (exit code " << r.exit_code << ")\n";
    return kCompileError;
  }
  if (!o.quiet) std::cerr << r.captured_stderr;
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  auto options = parse_options(argc, argv);
  if (!options) return kCompileError;
  const Options& o = *options;
  switch (o.command) {
    case Command::Help:
      print_help(o.help_topic);
      return 0;
    case Command::Version:
      std::cout << "flc " FL_VERSION "\n";
      return 0;
    case Command::Check:
      return check(o) ? 0 : kCompileError;
    case Command::Build: {
      if (o.print_qemu) {
        std::cout << quote_command(qemu_command(o, o.output.empty() ? default_output(o) : o.output)) << "\n";
        return 0;
      }
      ScratchDir scratch;
      if (!scratch.ok()) return kCompileError;
      return build_to(o, o.output.empty() ? default_output(o) : o.output, scratch) ? 0 : kCompileError;
    }
    case Command::Run:
      return run(o);
    case Command::Verify:
      std::cerr << "flc: error: 'flc verify' is not supported yet\n";
      return kCompileError;
    case Command::Repl:
      return fl::repl::run(o);
  }
  return kCompileError;
}
