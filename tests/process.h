// Test helper: runs a program with arguments (no shell), feeding stdin and capturing stdout,
// stderr and the exit status; or starts one in the background (SpawnProcess) so a test can
// kill it or run other programs meanwhile.
#pragma once

#include <chrono>
#include <csignal>
#include <optional>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace rkn::test {

// The binaries under test, as CMake built them (compile definitions of the test target).
inline const std::string kIndexBin = RKN_INDEX_BIN;
inline const std::string kSearchBin = RKN_SEARCH_BIN;

struct ProcessResult {
  int status = -1;  // exit code, or 128+signal
  std::string out, err;
  bool timed_out = false;  // killed by RunProcess after RunOptions::timeout_seconds
  long max_rss_kb = 0;     // the child's peak resident memory
};

// How to run a child process.
struct RunOptions {
  std::string input;                          // written to the child's stdin
  std::vector<std::string> env;               // NAME=VALUE entries added to the child's environment
  std::optional<rlim_t> max_file_bytes;       // RLIMIT_FSIZE of the child: no file it writes grows past this
  std::optional<rlim_t> max_open_files;       // RLIMIT_NOFILE of the child: it opens no more files than this
  int timeout_seconds = 0;                    // RunProcess kills the child (SIGKILL) after this; 0 = never
  std::string cwd;                            // the child's working directory; "" = the test's
};

namespace internal {

// In the forked child: applies `options` and execs argv; never returns.
[[noreturn]] inline void ExecChild(const std::vector<std::string>& argv, const RunOptions& options) {
  std::signal(SIGPIPE, SIG_DFL);  // the parent ignores it (IgnoreSigpipe); an ignored signal survives exec
  for (const auto& e : options.env) putenv(const_cast<char*>(e.c_str()));
  if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(127);
  if (options.max_file_bytes) {
    const rlimit lim{*options.max_file_bytes, *options.max_file_bytes};
    setrlimit(RLIMIT_FSIZE, &lim);
  }
  if (options.max_open_files) {
    const rlimit lim{*options.max_open_files, *options.max_open_files};
    setrlimit(RLIMIT_NOFILE, &lim);
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execv(args[0], args.data());
  _exit(127);
}

inline int DecodeWaitStatus(int st) { return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st); }

// A child that exits before reading all its input must not kill the test with SIGPIPE.
inline void IgnoreSigpipe() { std::signal(SIGPIPE, SIG_IGN); }

}  // namespace internal

// Runs argv[0] (a path; no PATH lookup, no shell) and waits for it. The child's stdin gets
// `options.input`; stdout and stderr are captured. Returns status -1 when the pipes or the fork
// fail; 127 when the program cannot be executed.
inline ProcessResult RunProcess(const std::vector<std::string>& argv, const RunOptions& options) {
  internal::IgnoreSigpipe();
  int in[2], out[2], err[2];
  if (pipe(in) != 0 || pipe(out) != 0 || pipe(err) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    internal::ExecChild(argv, options);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  // stdin is written from the same poll loop that drains stdout and stderr, so a child that
  // answers while it reads (rkn-search --batch) never deadlocks on a full pipe.
  int in_fd = in[1];
  size_t written = 0;
  if (options.input.empty()) {
    close(in_fd);
    in_fd = -1;
  } else {
    fcntl(in_fd, F_SETFL, fcntl(in_fd, F_GETFL) | O_NONBLOCK);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_seconds);
  ProcessResult r;
  pollfd fds[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {in_fd, POLLOUT, 0}};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    int wait_ms = -1;
    if (options.timeout_seconds > 0 && !r.timed_out) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        kill(pid, SIGKILL);
        r.timed_out = true;
      } else {
        wait_ms = static_cast<int>(left.count());
      }
    }
    fds[2].fd = in_fd;
    const int ready = poll(fds, 3, wait_ms);
    if (ready < 0) break;
    if (ready == 0) continue;  // the deadline passed: checked at the top
    if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t w = write(in_fd, options.input.data() + written, options.input.size() - written);
      if (w > 0) written += static_cast<size_t>(w);
      if (w < 0 || written == options.input.size()) {
        close(in_fd);
        in_fd = -1;
      }
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        (i == 0 ? r.out : r.err).append(buf, static_cast<size_t>(n));
      }
    }
  }
  if (in_fd >= 0) close(in_fd);
  int st = 0;
  rusage usage{};
  wait4(pid, &st, 0, &usage);
  r.status = internal::DecodeWaitStatus(st);
  r.max_rss_kb = usage.ru_maxrss;
  return r;
}

// The same with only stdin and environment entries.
inline ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& input = {},
                                const std::vector<std::string>& env = {}) {
  RunOptions options;
  options.input = input;
  options.env = env;
  return RunProcess(argv, options);
}

// Starts argv[0] in the background with stdin from /dev/null and stdout and stderr appended to
// `log_path` (so nothing can block on a full pipe). `options.input` and `timeout_seconds` are
// ignored. Returns the child's pid, or -1 when the fork fails.
inline pid_t SpawnProcess(const std::vector<std::string>& argv, const RunOptions& options, const std::string& log_path) {
  pid_t pid = fork();
  if (pid == 0) {
    const int null_fd = open("/dev/null", O_RDONLY);
    const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (null_fd < 0 || log_fd < 0) _exit(127);
    dup2(null_fd, 0);
    dup2(log_fd, 1);
    dup2(log_fd, 2);
    close(null_fd);
    close(log_fd);
    internal::ExecChild(argv, options);
  }
  return pid;
}

// Whether the background child `pid` has ended; if so, *status gets its exit code (or
// 128+signal). Never blocks.
inline bool ProcessEnded(pid_t pid, int* status) {
  int st = 0;
  if (waitpid(pid, &st, WNOHANG) != pid) return false;
  *status = internal::DecodeWaitStatus(st);
  return true;
}

// Waits for the background child `pid` and returns its exit code (or 128+signal); -1 on error.
inline int WaitProcess(pid_t pid) {
  int st = 0;
  if (waitpid(pid, &st, 0) != pid) return -1;
  return internal::DecodeWaitStatus(st);
}

}  // namespace rkn::test
