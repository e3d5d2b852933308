// A `lianxin` child process (fork/exec of LIANXIN_BINARY) for tests that need
// a real server: started with given arguments, its stdout and stderr in a log
// file, waited for until it prints its port and /healthz answers, killed with
// SIGKILL on demand or at destruction. Header-only; one object per child,
// used from one thread.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#ifndef LIANXIN_BINARY
#error "LIANXIN_BINARY must name the lianxin executable"
#endif

namespace lianxin::testutil {

class ServerProcess {
 public:
  // Runs `lianxin <args...>` (a serve command with --port 0) and waits up to
  // `start_limit` until it serves (a test failure otherwise). `data_dir` gets an
  // empty LIANXIN_SHARED_DIR so --demo does not train the dispatch model.
  ServerProcess(std::vector<std::string> args, const std::string& data_dir,
                const std::string& log_path,
                std::chrono::seconds start_limit = std::chrono::seconds(60))
      : log_path_(log_path) {
    Start(std::move(args), data_dir, start_limit);
  }
  ~ServerProcess() { Kill(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  bool running() const { return pid_ > 0; }

  // Everything the child wrote so far.
  std::string log() const {
    std::ifstream in(log_path_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  // SIGKILL, then reap. Safe to call twice.
  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  void Start(std::vector<std::string> args, const std::string& data_dir,
             std::chrono::seconds start_limit) {
    using Clock = std::chrono::steady_clock;
    using namespace std::chrono_literals;
    args.insert(args.begin(), LIANXIN_BINARY);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // No shared training data: --demo would otherwise train the dispatch model
    // first (~15 s), which these tests do not need.
    std::vector<std::string> env = {"LIANXIN_SHARED_DIR=" + data_dir + "/no-shared-data"};
    for (char** e = environ; *e; ++e) {
      if (std::string_view(*e).rfind("LIANXIN_SHARED_DIR=", 0) != 0) env.push_back(*e);
    }
    std::vector<char*> envp;
    for (std::string& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    int out = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    ASSERT_GE(out, 0) << log_path_;
    pid_ = ::fork();
    ASSERT_GE(pid_, 0) << "fork failed";
    if (pid_ == 0) {  // child: only async-signal-safe calls
      ::dup2(out, 1);
      ::dup2(out, 2);
      ::execve(argv[0], argv.data(), envp.data());
      ::_exit(127);
    }
    ::close(out);

    // The server prints "lianxin serving on http://127.0.0.1:PORT/" once bound.
    const std::string marker = "lianxin serving on http://127.0.0.1:";
    auto deadline = Clock::now() + start_limit;
    while (port_ == 0) {
      std::string text = log();
      size_t p = text.find(marker);
      if (p != std::string::npos && text.find('/', p + marker.size()) != std::string::npos) {
        port_ = std::stoi(text.substr(p + marker.size()));
        break;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        FAIL() << "lianxin serve exited early:\n" << text;
      }
      if (Clock::now() > deadline) {
        FAIL() << "lianxin serve did not start in " << start_limit.count() << " s:\n" << text;
      }
      std::this_thread::sleep_for(20ms);
    }
    httplib::Client cli("127.0.0.1", port_);
    while (true) {
      auto res = cli.Get("/healthz");
      if (res && res->status == 200) return;
      if (Clock::now() > deadline) FAIL() << "/healthz did not answer 200 in time";
      std::this_thread::sleep_for(20ms);
    }
  }

  std::string log_path_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace lianxin::testutil
