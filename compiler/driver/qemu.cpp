#include "driver/qemu.h"

#include <fcntl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fl::driver {

namespace {

// A program argument as one word of the kernel command line, quoted the way
// rts/platform/vm/args.cpp reads it back when it has spaces or quotes.
std::string kernel_word(const std::string& arg) {
  if (!arg.empty() && arg.find_first_of(" \t\"\\") == std::string::npos) return arg;
  std::string word = "\"";
  for (char c : arg) {
    if (c == '"' || c == '\\') word += '\\';
    word += c;
  }
  return word + "\"";
}

// The flags every VM gets, whatever the accelerator.
std::vector<std::string> base_command(const Options& options, const std::string& image) {
  return {
      "qemu-system-x86_64",
      // -M pc has the PCI bus, local APIC and I/O APIC that the devices
      // need; qboot boots the PVH entry ~25 ms sooner than SeaBIOS
      // (kernel/README.md has the measurements).
      "-M", "pc", "-bios", "qboot.rom", "-nodefaults", "-no-user-config", "-display", "none",
      // A triple fault must end the VM, never reboot it into a loop.
      "-no-reboot",
      "-serial", "stdio",
      "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
      "-m", options.mem,
      "-kernel", image,
  };
}

std::string probe_cache_path() {
  std::string dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) dir = xdg;
  else if (const char* home = std::getenv("HOME"); home && *home) dir = std::string(home) + "/.cache";
  else return "";
  return dir + "/fl/kvm-probe";
}

// Boots `image` under KVM with "fl.probe", which makes the kernel exit
// right after its first SSE instructions.
bool kvm_probe(const Options& options, const std::string& image) {
  Options probe = options;
  probe.mem = "64M";
  std::vector<std::string> argv = base_command(probe, image);
  argv.insert(argv.end(), {"-accel", "kvm", "-cpu", "host", "-append", "fl.probe"});
  ProcessResult r = run_process(argv, 10, true);
  return r.started && !r.timed_out && r.signal == 0 && r.exit_code == 1;
}

// KVM when /dev/kvm can be opened and really runs our kernel: a nested
// /dev/kvm can open fine and still fail at the first SSE instruction, so
// one probe boot per host kernel decides, and its answer is cached.
// FL_NO_KVM=1 forces software emulation, as CI has.
bool kvm_usable(const Options& options, const std::string& image) {
  const char* no_kvm = std::getenv("FL_NO_KVM");
  if (no_kvm && *no_kvm && std::string(no_kvm) != "0") return false;
  int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  close(fd);

  struct utsname host {};
  uname(&host);
  const std::string key = std::string(host.release) + " " + host.version;
  const std::string cache = probe_cache_path();
  if (!cache.empty()) {
    std::ifstream in(cache);
    std::string cached_key, verdict;
    if (std::getline(in, cached_key) && std::getline(in, verdict) && cached_key == key) return verdict == "ok";
  }
  if (access(image.c_str(), R_OK) != 0) return false;  // nothing to probe with yet
  bool ok = kvm_probe(options, image);
  if (!cache.empty()) {
    std::error_code ignored;
    std::filesystem::create_directories(std::filesystem::path(cache).parent_path(), ignored);
    std::ofstream(cache) << key << "\n" << (ok ? "ok" : "broken") << "\n";
  }
  return ok;
}

}  // namespace

std::vector<std::string> qemu_command(const Options& options, const std::string& image) {
  std::vector<std::string> argv = base_command(options, image);
  if (kvm_usable(options, image)) {
    argv.insert(argv.end(), {"-accel", "kvm", "-cpu", "host"});
  } else {
    argv.insert(argv.end(), {"-accel", "tcg"});
  }
  // --net user (the default): QEMU's user networking behind a virtio-net
  // device with only the modern (virtio 1.0) interface, the one the kernel
  // drives. --net none leaves the machine without one, so that a test can
  // attach its own back-end and device with --qemu.
  if (options.net == "user") {
    std::string netdev = "user,id=net0";
    for (const auto& f : options.forwards) {  // HOSTPORT:GUESTPORT, checked by options.cpp
      size_t colon = f.find(':');
      netdev += ",hostfwd=tcp:127.0.0.1:" + f.substr(0, colon) + "-:" + f.substr(colon + 1);
    }
    argv.insert(argv.end(), {"-netdev", netdev, "-device", "virtio-net-pci,netdev=net0,disable-legacy=on"});
  }
  // --share DIR: QEMU's own 9P server exports DIR through a virtio-9p
  // device (modern interface only); File in the VM sees DIR as "/".
  // security_model=none: files are created as whoever runs QEMU.
  if (!options.share.empty()) {
    std::string path = std::filesystem::absolute(options.share).string(), escaped;
    for (char c : path) escaped += c == ',' ? std::string(",,") : std::string(1, c);  // QEMU's option syntax
    argv.insert(argv.end(), {"-fsdev", "local,id=share0,security_model=none,path=" + escaped, "-device",
                             "virtio-9p-pci,fsdev=share0,mount_tag=share,disable-legacy=on"});
  }
  // Every VM gets a memory balloon (modern interface only): the host can
  // take RAM back and return it through QMP `balloon` while the program
  // runs (docs/deployment.md). The kernel looks for it only when the
  // program first collects, yields or idles, so boot time is unchanged.
  // Its id lets an operator address it (qom-set balloon0
  // guest-stats-polling-interval N).
  argv.insert(argv.end(), {"-device", "virtio-balloon-pci,id=balloon0,disable-legacy=on"});
  if (!options.program_args.empty()) {
    std::string cmdline = "--";
    for (const auto& a : options.program_args) cmdline += " " + kernel_word(a);
    argv.insert(argv.end(), {"-append", cmdline});
  }
  for (const auto& a : options.qemu_args) {
    // --qemu takes one argument per use, but "-smp 1" in one is handy too.
    std::istringstream words(a);
    std::string w;
    while (words >> w) argv.push_back(w);
  }
  return argv;
}

int program_status(const ProcessResult& qemu) {
  if (qemu.signal != 0) return -1;
  // QEMU's own fatal errors also exit with 1, the code of a program status
  // 0; they are told apart by QEMU's message (ARCHITECTURE.md).
  std::istringstream lines(qemu.captured_stderr);
  std::string line;
  while (std::getline(lines, line))
    if (line.rfind("qemu-system", 0) == 0 && line.find("warning") == std::string::npos) return -1;
  if (qemu.exit_code == 0) return 0;  // ACPI power-off
  if (qemu.exit_code & 1) return qemu.exit_code >> 1;
  return -1;
}

}  // namespace fl::driver
