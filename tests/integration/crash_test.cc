// Crash safety of ticket intake: every ticket the server acknowledged with 201
// is still there, title intact, after `lianxin serve` is killed with SIGKILL
// while creators are posting, and restarted on the same data dir.
//
// The server runs as a child process (fork/exec of LIANXIN_BINARY, set by
// tests/integration/CMakeLists.txt). Correctness does not depend on when the
// kill lands: requests in flight at the kill get no 201 and are not checked;
// deadlines only turn a hang into a failure.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "integration/server_process.h"
#include "testutil/testutil.h"

#ifndef LIANXIN_BINARY
#error "LIANXIN_BINARY must name the lianxin executable"
#endif

namespace lianxin {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// One `lianxin serve --port 0 --demo --no-history` child on `data_dir`.
class ServerProcess : public testutil::ServerProcess {
 public:
  ServerProcess(const std::string& data_dir, const std::string& log_path)
      : testutil::ServerProcess({"serve", "--data-dir", data_dir, "--port", "0", "--demo",
                                 "--no-history", "--threads", "16"},
                                data_dir, log_path) {}
};

struct Acked {
  std::string number;
  std::string query_code;
  std::string title;
};

// Posts tickets from `threads` keep-alive clients until `stop`; collects every 201.
class Creators {
 public:
  Creators(int port, int round, int threads) {
    for (int t = 0; t < threads; ++t) {
      workers_.emplace_back([this, port, round, t] { Run(port, round, t); });
    }
  }
  ~Creators() { Stop(); }

  size_t acked_count() const { return acked_count_.load(); }

  // Stops and joins the creators; returns everything acknowledged.
  std::vector<Acked> Stop() {
    stop_.store(true);
    for (std::thread& w : workers_) {
      if (w.joinable()) w.join();
    }
    std::lock_guard<std::mutex> lock(mu_);
    return acked_;
  }

 private:
  void Run(int port, int round, int thread) {
    httplib::Client cli("127.0.0.1", port);
    cli.set_keep_alive(true);
    cli.set_tcp_nodelay(true);
    cli.set_connection_timeout(2, 0);
    cli.set_read_timeout(30, 0);
    for (int i = 0; !stop_.load(); ++i) {
      std::string title = "崩溃测试：第" + std::to_string(round) + "轮 线程" +
                          std::to_string(thread) + " 第" + std::to_string(i) + "件 小区路灯不亮";
      nlohmann::json body = {
          {"title", title},
          {"body", "市民反映小区内路灯已经坏了两个星期，晚上出行很不方便，希望尽快维修。" + title},
          {"phone", "13800138000"},
          {"region", "XD.A.A3"}};
      auto res = cli.Post("/api/public/tickets", body.dump(), "application/json");
      if (!res) {
        // The server is gone (killed); nothing was acknowledged for this one.
        std::this_thread::sleep_for(5ms);
        continue;
      }
      if (res->status != 201) {
        ADD_FAILURE() << "POST answered " << res->status << ": " << res->body;
        continue;
      }
      auto j = nlohmann::json::parse(res->body, nullptr, false);
      if (j.is_discarded() || !j.contains("number") || !j.contains("query_code")) {
        ADD_FAILURE() << "bad 201 body: " << res->body;
        continue;
      }
      std::lock_guard<std::mutex> lock(mu_);
      acked_.push_back({j["number"].get<std::string>(), j["query_code"].get<std::string>(), title});
      acked_count_.store(acked_.size());
    }
  }

  std::atomic<bool> stop_{false};
  std::atomic<size_t> acked_count_{0};
  std::mutex mu_;
  std::vector<Acked> acked_;
  std::vector<std::thread> workers_;
};

// Every acknowledged ticket is readable by number + query code with its title.
void ExpectAllPresent(int port, const std::vector<Acked>& acked) {
  httplib::Client cli("127.0.0.1", port);
  cli.set_keep_alive(true);
  cli.set_tcp_nodelay(true);
  int missing = 0;
  for (const Acked& a : acked) {
    auto res = cli.Get("/api/public/tickets/" + a.number + "?code=" + a.query_code);
    ASSERT_TRUE(res) << "GET " << a.number << ": " << httplib::to_string(res.error());
    if (res->status != 200) {
      if (++missing <= 5) ADD_FAILURE() << "acknowledged " << a.number << " lost: " << res->status;
      continue;
    }
    auto j = nlohmann::json::parse(res->body, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << res->body;
    EXPECT_EQ(j.value("title", ""), a.title) << a.number;
  }
  EXPECT_EQ(missing, 0) << "of " << acked.size() << " acknowledged tickets";
}

TEST(CrashTest, AcknowledgedTicketsSurviveSigkill) {
  testutil::TempDir tmp;
  const std::string data_dir = tmp.File("data");
  constexpr int kRounds = 2;
  constexpr int kThreads = 8;
  // Kill once this many creates of the round were acknowledged, or after the
  // time limit on a very slow machine; either way mid-stream.
  constexpr size_t kAcksBeforeKill = 300;
  constexpr auto kMaxRoundTime = 10s;

  std::vector<Acked> all;
  for (int round = 1; round <= kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    ServerProcess server(data_dir, tmp.File("server-" + std::to_string(round) + ".log"));
    if (HasFatalFailure()) return;
    // Everything acknowledged before the previous kills is still there.
    ExpectAllPresent(server.port(), all);

    Creators creators(server.port(), round, kThreads);
    auto deadline = Clock::now() + kMaxRoundTime;
    while (creators.acked_count() < kAcksBeforeKill && Clock::now() < deadline) {
      std::this_thread::sleep_for(2ms);
    }
    server.Kill();  // creators are still posting
    std::vector<Acked> acked = creators.Stop();
    ASSERT_GT(acked.size(), 0u) << "no create was acknowledged before the kill";
    all.insert(all.end(), acked.begin(), acked.end());
  }

  // Numbers are never handed out twice, across restarts either.
  std::set<std::string> numbers;
  for (const Acked& a : all) EXPECT_TRUE(numbers.insert(a.number).second) << a.number;

  ServerProcess server(data_dir, tmp.File("server-final.log"));
  if (HasFatalFailure()) return;
  ExpectAllPresent(server.port(), all);
}

}  // namespace
}  // namespace lianxin
