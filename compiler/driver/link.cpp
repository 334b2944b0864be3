#include "driver/link.h"

#include <unistd.h>

#include <filesystem>

#include "driver/process.h"

namespace fl::driver {

namespace fs = std::filesystem;

std::string runtime_dir() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return (self.parent_path().parent_path() / "lib" / "fl").string();
}

namespace {

bool run_linker(const std::vector<std::string>& argv, std::string& error) {
  ProcessResult r = run_process(argv, 0, true);
  if (r.started && r.signal == 0 && r.exit_code == 0) return true;
  error = "linking failed: " + quote_command(argv) + "\n" + r.captured_stderr;
  return false;
}

bool require(const std::string& path, std::string& error) {
  if (fs::exists(path)) return true;
  error = "missing runtime file " + path + " (is the build complete?)";
  return false;
}

}  // namespace

bool link_vm_image(const std::string& object, const std::string& out, std::string& error) {
  std::string lib = runtime_dir();
  std::string script = lib + "/kernel.ld", rts = lib + "/libfl_rts_vm.a", kernel = lib + "/libfl_kernel.a";
  if (!require(script, error) || !require(rts, error) || !require(kernel, error)) return false;
  return run_linker({FL_LLVM_BIN "/ld.lld", "-static", "-nostdlib", "--no-pie", "-T", script, "-o", out, object,
                     "--start-group", rts, kernel, "--end-group"},
                    error);
}

bool link_host_executable(const std::string& object, const std::string& out, std::string& error) {
  std::string lib = runtime_dir();
  std::string rts = lib + "/libfl_rts_host.a";
  if (!require(rts, error)) return false;
  return run_linker({FL_LLVM_BIN "/clang", "-fuse-ld=lld", "-o", out, object, rts, "-lgc", "-lpthread"}, error);
}

}  // namespace fl::driver
