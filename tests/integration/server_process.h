// `lianxin serve` as a child process for the crash and fault tests: fork/exec of
// the real binary on a data dir, wait until it listens and /healthz answers, kill
// it with a signal. Optionally with a file-size limit (RLIMIT_FSIZE, SIGXFSZ
// ignored) so that its writes fail with EFBIG like on a full disk.
//
// Not thread-safe: one thread starts and stops a ServerProcess. Start failures are
// reported as GoogleTest failures (callers check HasFatalFailure()).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace lianxin::testutil {

struct ServerProcessOptions {
  std::string binary;    // the lianxin executable
  std::string data_dir;  // --data-dir
  std::string log_path;  // the child's stdout and stderr
  // Arguments after `serve --data-dir D --port 0`; default: the demo without
  // history and 16 threads.
  std::vector<std::string> args = {"--demo", "--no-history", "--threads", "16"};
  // When > 0: RLIMIT_FSIZE of the child in bytes, and SIGXFSZ ignored, so that a
  // write past it fails with EFBIG instead of killing the process.
  long long file_size_limit = 0;
  // How long to wait for it to serve (loading the demo into PostgreSQL is slower).
  int start_seconds = 60;
};

class ServerProcess {
 public:
  // Starts the server (no shared training data: --demo then skips training the
  // dispatch model and tickets wait for a dispatcher) and waits up to 60 s until
  // it printed its port and /healthz answers 200; a failure is a test failure.
  explicit ServerProcess(ServerProcessOptions options);
  ~ServerProcess() { Kill(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Whether the child is running (started and not killed by us).
  bool running() const { return pid_ > 0; }
  // Everything the child wrote to its log so far.
  std::string log() const;
  // Sends `signal` (SIGKILL by default), then reaps the child. Safe to call twice.
  void Kill(int signal = 9);

 private:
  void Start();
  ServerProcessOptions options_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace lianxin::testutil
