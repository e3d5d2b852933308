// See server_process.h.
#include "server_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string_view>
#include <thread>

namespace lianxin::testutil {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

ServerProcess::ServerProcess(ServerProcessOptions options) : options_(std::move(options)) { Start(); }

void ServerProcess::Kill(int signal) {
  if (pid_ <= 0) return;
  ::kill(pid_, signal);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string ServerProcess::log() const {
  std::ifstream in(options_.log_path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void ServerProcess::Start() {
  std::vector<std::string> args = {options_.binary, "serve", "--data-dir", options_.data_dir,
                                   "--port", "0"};
  args.insert(args.end(), options_.args.begin(), options_.args.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env = {"LIANXIN_SHARED_DIR=" + options_.data_dir + "/no-shared-data"};
  for (char** e = environ; *e; ++e) {
    if (std::string_view(*e).rfind("LIANXIN_SHARED_DIR=", 0) != 0) env.push_back(*e);
  }
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  int out = ::open(options_.log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  ASSERT_GE(out, 0) << options_.log_path;
  const rlim_t limit = static_cast<rlim_t>(options_.file_size_limit);
  struct rlimit current = {RLIM_INFINITY, RLIM_INFINITY};
  ::getrlimit(RLIMIT_FSIZE, &current);
  pid_ = ::fork();
  ASSERT_GE(pid_, 0) << "fork failed";
  if (pid_ == 0) {  // child: only async-signal-safe calls
    ::dup2(out, 1);
    ::dup2(out, 2);
    if (limit > 0) {
      ::signal(SIGXFSZ, SIG_IGN);  // kept across execve
      struct rlimit rl = {limit, current.rlim_max};  // the test may lift it (prlimit)
      if (::setrlimit(RLIMIT_FSIZE, &rl) != 0) ::_exit(126);
    }
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out);

  // The server prints "lianxin serving on http://127.0.0.1:PORT/" once bound.
  const std::string marker = "lianxin serving on http://127.0.0.1:";
  const auto start_limit = std::chrono::seconds(options_.start_seconds);
  auto deadline = Clock::now() + start_limit;
  while (port_ == 0) {
    std::string log = this->log();
    size_t p = log.find(marker);
    if (p != std::string::npos && log.find('/', p + marker.size()) != std::string::npos) {
      port_ = std::stoi(log.substr(p + marker.size()));
      break;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      FAIL() << "lianxin serve exited early:\n" << log;
    }
    if (Clock::now() > deadline) FAIL() << "lianxin serve did not start in " << start_limit.count() << " s:\n" << log;
    std::this_thread::sleep_for(20ms);
  }
  httplib::Client cli("127.0.0.1", port_);
  while (true) {
    auto res = cli.Get("/healthz");
    if (res && res->status == 200) return;
    if (Clock::now() > deadline) FAIL() << "/healthz did not answer 200 in " << start_limit.count() << " s";
    std::this_thread::sleep_for(20ms);
  }
}

}  // namespace lianxin::testutil
