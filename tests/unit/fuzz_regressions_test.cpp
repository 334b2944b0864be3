// The inputs the front-end fuzzer (tests/fuzz) found crashing, hanging or
// tripping a sanitizer (tests/fuzz/crashes/*.fl), each run through the real
// flc next to this test binary: `flc check FILE` and `flc build --emit llvm
// FILE` must end with status 0 or 1 (accepted or rejected) within the time
// limit, never by a signal, and never report an internal error. Findings
// not fixed yet (crashes/open.txt) get only the commands that pass.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "driver/process.h"

namespace fl {
namespace {

namespace fs = std::filesystem;

// tests/fuzz/crashes, found from this file's path (FL_FUZZ_CRASHES_DIR
// overrides it).
fs::path crashes_dir() {
  if (const char* dir = std::getenv("FL_FUZZ_CRASHES_DIR"); dir && *dir) return dir;
  return fs::path(__FILE__).parent_path().parent_path() / "fuzz" / "crashes";
}

std::vector<std::string> regression_inputs() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(crashes_dir(), ec))
    if (entry.is_regular_file() && entry.path().extension() == ".fl") names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

// crashes/open.txt: file name -> the first command that still fails on it
// ("check" or "build"); # starts a comment line.
std::map<std::string, std::string> open_findings() {
  std::map<std::string, std::string> failing;
  std::ifstream in(crashes_dir() / "open.txt");
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string name, command;
    if (words >> name >> command && name[0] != '#') failing[name] = command;
  }
  return failing;
}

std::string flc_path() {
  std::error_code ec;
  return (fs::read_symlink("/proc/self/exe", ec).parent_path() / "flc").string();
}

// Generous: the slowest of these should take well under a second.
constexpr int kTimeoutSeconds = 60;

void expect_no_crash(const std::vector<std::string>& argv) {
  std::string command = driver::quote_command(argv);
  driver::ProcessResult r = driver::run_process(argv, kTimeoutSeconds, /*capture_stderr=*/true);
  ASSERT_TRUE(r.started) << command;
  EXPECT_FALSE(r.timed_out) << command << ": still running after " << kTimeoutSeconds << " s";
  EXPECT_EQ(r.signal, 0) << command << ": killed by signal " << r.signal << "\n" << r.captured_stderr;
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1)
      << command << ": exit status " << r.exit_code << "\n" << r.captured_stderr;
  EXPECT_EQ(r.captured_stderr.find("error: internal error"), std::string::npos) << command << "\n"
                                                                                  << r.captured_stderr;
}

class FuzzRegression : public testing::TestWithParam<std::string> {};

TEST_P(FuzzRegression, FlcNeitherCrashesNorHangs) {
  std::string flc = flc_path();
  if (!fs::exists(flc)) GTEST_SKIP() << "no flc at " << flc;
  std::string input = (crashes_dir() / GetParam()).string();
  auto open = open_findings();
  auto failing = open.find(GetParam());
  if (failing != open.end() && failing->second == "check") GTEST_SKIP() << "open: see crashes/open.txt";
  expect_no_crash({flc, "check", input});
  if (failing != open.end()) return;  // `flc build` still fails: see crashes/open.txt
  std::string ll = testing::TempDir() + "fuzz_regression_" + std::to_string(getpid()) + ".ll";
  expect_no_crash({flc, "build", "--target", "host", "--emit", "llvm", "-O0", "-o", ll, input});
  std::error_code ec;
  fs::remove(ll, ec);
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Crashes, FuzzRegression, testing::ValuesIn(regression_inputs()), test_name);
// No inputs yet is not an error.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(FuzzRegression);

TEST(FuzzRegressions, InputsAreFound) {
  EXPECT_TRUE(fs::is_directory(crashes_dir())) << crashes_dir() << " is missing";
}

}  // namespace
}  // namespace fl
