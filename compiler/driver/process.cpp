#include "driver/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace fl::driver {

namespace {

int pidfd_open(pid_t pid) { return static_cast<int>(syscall(SYS_pidfd_open, pid, 0)); }

void fill_status(int status, ProcessResult& r) {
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, int timeout_seconds, bool capture_stderr,
                          StdinMode stdin_mode) {
  ProcessResult result;
  int err_pipe[2] = {-1, -1};
  if (capture_stderr && pipe2(err_pipe, O_CLOEXEC) != 0) return result;
  // A terminal is left to the child as it is: Ctrl-D arrives by itself.
  bool forward = stdin_mode == StdinMode::ForwardWithEot && !isatty(STDIN_FILENO);
  int in_pipe[2] = {-1, -1};
  if (forward && pipe2(in_pipe, O_CLOEXEC) != 0) return result;

  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) return result;
  if (pid == 0) {
    if (capture_stderr) dup2(err_pipe[1], STDERR_FILENO);
    if (forward) dup2(in_pipe[0], STDIN_FILENO);
    execvp(cargv[0], cargv.data());
    const char* msg = "flc: error: cannot run ";
    (void)!write(STDERR_FILENO, msg, strlen(msg));
    (void)!write(STDERR_FILENO, cargv[0], strlen(cargv[0]));
    (void)!write(STDERR_FILENO, "\n", 1);
    _exit(127);
  }
  result.started = true;
  if (capture_stderr) close(err_pipe[1]);
  std::string pending;  // read from our stdin, not yet written to the child
  bool stdin_open = forward;
  if (forward) {
    close(in_pipe[0]);
    fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
    signal(SIGPIPE, SIG_IGN);  // a child that exits early closes the pipe
  }

  // Wait for the child's exit (its pidfd becomes readable) and drain its
  // stderr, until the deadline if there is one.
  int pidfd = pidfd_open(pid);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  bool exited = false;
  while (!exited) {
    pollfd fds[4];
    int n = 0;
    fds[n++] = {pidfd, POLLIN, 0};
    int err_slot = -1, in_slot = -1, out_slot = -1;
    if (capture_stderr && err_pipe[0] >= 0) {
      err_slot = n;
      fds[n++] = {err_pipe[0], POLLIN, 0};
    }
    if (stdin_open && pending.empty()) {
      in_slot = n;
      fds[n++] = {STDIN_FILENO, POLLIN, 0};
    }
    if (in_pipe[1] >= 0 && !pending.empty()) {
      out_slot = n;
      fds[n++] = {in_pipe[1], POLLOUT, 0};
    }
    int wait_ms = -1;
    if (timeout_seconds > 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      wait_ms = left.count() > 0 ? static_cast<int>(left.count()) : 0;
    }
    int ready = pidfd >= 0 ? poll(fds, static_cast<nfds_t>(n), wait_ms) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (pidfd < 0) break;  // no pidfd: fall back to a blocking wait below
    if (ready == 0 && timeout_seconds > 0) {
      kill(pid, SIGKILL);
      result.timed_out = true;
      break;
    }
    if (in_slot >= 0 && (fds[in_slot].revents & (POLLIN | POLLHUP))) {
      char buf[4096];
      ssize_t got = read(STDIN_FILENO, buf, sizeof buf);
      if (got > 0) {
        pending.append(buf, static_cast<size_t>(got));
      } else {
        pending += '\x04';  // EOT: the end of input, for the runtime
        stdin_open = false;
      }
    }
    if (out_slot >= 0 && (fds[out_slot].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t put = write(in_pipe[1], pending.data(), pending.size());
      if (put > 0) pending.erase(0, static_cast<size_t>(put));
      else if (put < 0 && errno != EAGAIN) pending.clear();
      if (pending.empty() && !stdin_open) {
        close(in_pipe[1]);
        in_pipe[1] = -1;
      }
    }
    if (err_slot >= 0 && (fds[err_slot].revents & (POLLIN | POLLHUP))) {
      char buf[4096];
      ssize_t got = read(err_pipe[0], buf, sizeof buf);
      if (got > 0) {
        result.captured_stderr.append(buf, static_cast<size_t>(got));
      } else {
        close(err_pipe[0]);
        err_pipe[0] = -1;
      }
    }
    if (fds[0].revents & POLLIN) exited = true;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  fill_status(status, result);
  if (capture_stderr && err_pipe[0] >= 0) {
    char buf[4096];
    ssize_t got;
    while ((got = read(err_pipe[0], buf, sizeof buf)) > 0) result.captured_stderr.append(buf, static_cast<size_t>(got));
    close(err_pipe[0]);
  }
  if (pidfd >= 0) close(pidfd);
  if (in_pipe[1] >= 0) close(in_pipe[1]);
  return result;
}

std::string quote_command(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    if (!out.empty()) out += ' ';
    bool plain = !a.empty() && a.find_first_not_of(
                                   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%") ==
                                   std::string::npos;
    if (plain) {
      out += a;
      continue;
    }
    out += '\'';
    for (char c : a) {
      if (c == '\'') out += "'\\''";
      else out += c;
    }
    out += '\'';
  }
  return out;
}

}  // namespace fl::driver
