#include <gtest/gtest.h>

#include "driver/options.h"
#include "driver/process.h"
#include "driver/qemu.h"

namespace fl::driver {
namespace {

std::optional<Options> parse(std::vector<std::string> args) {
  args.insert(args.begin(), "flc");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return parse_options(static_cast<int>(argv.size()), argv.data());
}

TEST(Options, RunWithProgramArguments) {
  auto o = parse({"run", "--target", "host", "--timeout=5", "prog.fl", "--", "a", "-b"});
  ASSERT_TRUE(o);
  EXPECT_EQ(o->command, Command::Run);
  EXPECT_EQ(o->target, Target::Host);
  EXPECT_EQ(o->timeout_seconds, 5);
  EXPECT_EQ(o->files, std::vector<std::string>{"prog.fl"});
  EXPECT_EQ(o->program_args, (std::vector<std::string>{"a", "-b"}));
}

TEST(Options, BuildEmitAndOutput) {
  auto o = parse({"build", "--emit", "llvm", "-O0", "-o", "x.ll", "a.fl", "b.fl"});
  ASSERT_TRUE(o);
  EXPECT_EQ(o->emit, Emit::LlvmIr);
  EXPECT_EQ(o->opt_level, 0);
  EXPECT_EQ(o->output, "x.ll");
  EXPECT_EQ(o->files.size(), 2u);
}

TEST(Options, UsageErrors) {
  EXPECT_FALSE(parse({"frobnicate"}));
  EXPECT_FALSE(parse({"build"}));
  EXPECT_FALSE(parse({"build", "--target", "arm", "a.fl"}));
  EXPECT_FALSE(parse({"run", "--timeout"}));
  EXPECT_FALSE(parse({"run", "--timeout", "soon", "a.fl"}));
  EXPECT_FALSE(parse({"build", "--no-such-option", "a.fl"}));
}

TEST(Options, QemuArgumentsRepeat) {
  auto o = parse({"run", "--qemu", "-smp 1", "--qemu=-s", "--mem", "512M", "a.fl"});
  ASSERT_TRUE(o);
  EXPECT_EQ(o->qemu_args.size(), 2u);
  auto argv = qemu_command(*o, "a.img");
  EXPECT_NE(std::find(argv.begin(), argv.end(), "-smp"), argv.end());
  EXPECT_NE(std::find(argv.begin(), argv.end(), "512M"), argv.end());
  EXPECT_NE(std::find(argv.begin(), argv.end(), "-no-reboot"), argv.end());
}

TEST(Qemu, ProgramArgumentsGoOnTheKernelCommandLine) {
  auto o = parse({"run", "a.fl", "--", "x", "y"});
  ASSERT_TRUE(o);
  auto argv = qemu_command(*o, "a.img");
  auto append = std::find(argv.begin(), argv.end(), "-append");
  ASSERT_NE(append, argv.end());
  EXPECT_EQ(*(append + 1), "-- x y");
}

TEST(Qemu, StatusFromDebugExit) {
  ProcessResult r;
  r.exit_code = 1;
  EXPECT_EQ(program_status(r), 0);
  r.exit_code = (7 << 1) | 1;
  EXPECT_EQ(program_status(r), 7);
  r.exit_code = 0;  // ACPI power-off
  EXPECT_EQ(program_status(r), 0);
  r.exit_code = 1;
  r.captured_stderr = "qemu-system-x86_64: -kernel x.img: could not load kernel\n";
  EXPECT_EQ(program_status(r), -1);
  r.captured_stderr = "qemu-system-x86_64: warning: TCG doesn't support requested feature\n";
  EXPECT_EQ(program_status(r), 0);
  r.signal = 9;
  EXPECT_EQ(program_status(r), -1);
}

TEST(Process, ExitCodeTimeoutAndCapture) {
  EXPECT_EQ(run_process({"sh", "-c", "exit 5"}, 0, false).exit_code, 5);
  ProcessResult slow = run_process({"sleep", "10"}, 1, false);
  EXPECT_TRUE(slow.timed_out);
  ProcessResult err = run_process({"sh", "-c", "echo oops >&2"}, 0, true);
  EXPECT_EQ(err.captured_stderr, "oops\n");
  EXPECT_EQ(quote_command({"a", "b c", "it's"}), "a 'b c' 'it'\\''s'");
}

}  // namespace
}  // namespace fl::driver
