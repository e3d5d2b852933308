// Several `lianxin serve` nodes on one PostgreSQL (issue 9): sessions made on
// one node work on the other; only the node holding the "background" lease runs
// the background passes; when it dies (SIGKILL) the other takes over.
//
// Observed through effects, with bounded waits (no fixed sleeps): a ticket's
// 受理 notification enters the outbox only when some node's notifier pass runs.
// Needs LIANXIN_TEST_PG (scripts/test sets it); skips loudly without it.
#include <gtest/gtest.h>
#include <httplib.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "server_process.h"
#include "testutil/pg_testdb.h"
#include "testutil/testutil.h"

namespace lianxin {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using testutil::ServerProcess;

// `lianxin serve` on the shared store, every background pass each second.
std::unique_ptr<ServerProcess> StartNode(const std::string& url, const std::string& dir,
                                         const std::string& log, bool demo) {
  testutil::ServerProcessOptions o;
  o.binary = LIANXIN_BINARY;
  o.data_dir = dir;
  o.log_path = log;
  o.args = {"--store", url, "--no-model", "--threads", "4", "--sla-scan-seconds", "1",
            "--notify-seconds", "1", "--rollup-seconds", "1"};
  if (demo) {
    o.args.push_back("--demo");
    o.args.push_back("--no-history");
  }
  // Loading the demo province into PostgreSQL takes a while on a busy machine.
  o.start_seconds = 150;
  return std::make_unique<ServerProcess>(o);
}

// Waits up to `limit` for `done`; whether it came true.
bool WaitFor(std::chrono::seconds limit, const std::function<bool()>& done) {
  auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(100ms);
  }
  return done();
}

int64_t NotificationTotal(int port, const std::string& token) {
  httplib::Client cli("127.0.0.1", port);
  auto res = cli.Get("/api/notifications?limit=1", {{"Authorization", "Bearer " + token}});
  if (!res || res->status != 200) return -1;
  auto j = nlohmann::json::parse(res->body, nullptr, false);
  return j.is_discarded() ? -1 : j.value("total", int64_t{-1});
}

void PostTicket(int port, const std::string& title) {
  httplib::Client cli("127.0.0.1", port);
  nlohmann::json body = {{"title", title},
                         {"body", "市民反映小区路灯不亮已经两周，夜间出行不便，请尽快维修。"},
                         {"phone", "13800138000"},
                         {"region", "XD.A.A3"}};
  auto res = cli.Post("/api/public/tickets", body.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
}

// Whether the node's notifier pass delivered something (its log line).
bool Notified(const ServerProcess& node) {
  return node.log().find("event=notify ") != std::string::npos;
}

bool Leads(const ServerProcess& node) {
  return node.log().find("event=lease_taken lease=background") != std::string::npos;
}

TEST(SeveralNodes, ShareSessionsAndHandOverTheBackgroundPasses) {
  if (testutil::PgTestServerUrl().empty()) GTEST_SKIP() << testutil::PgSkipMessage();
  testutil::PgTestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  testutil::TempDir tmp;

  auto a = StartNode(db.url(), tmp.File("a"), tmp.File("a.log"), /*demo=*/true);
  ASSERT_TRUE(a->running());
  auto b = StartNode(db.url(), tmp.File("b"), tmp.File("b.log"), /*demo=*/false);
  ASSERT_TRUE(b->running());

  // Exactly one node leads: the first one up holds the lease, the second waits.
  ASSERT_TRUE(WaitFor(20s, [&] { return Leads(*a) || Leads(*b); }));
  ServerProcess* leader = Leads(*a) ? a.get() : b.get();
  ServerProcess* follower = leader == a.get() ? b.get() : a.get();
  EXPECT_FALSE(Leads(*follower)) << follower->log();

  // A session made on one node works on the other (tokens live in the store).
  httplib::Client la("127.0.0.1", follower->port());
  auto login = la.Post("/api/auth/login", R"({"username":"admin","password":"demo1234"})",
                       "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200) << login->body;
  std::string token = nlohmann::json::parse(login->body)["token"].get<std::string>();
  httplib::Client lb("127.0.0.1", leader->port());
  auto me = lb.Get("/api/notifications?limit=1", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200) << me->body;

  // A ticket taken on the follower is notified by the leader's pass.
  int64_t before = NotificationTotal(leader->port(), token);
  ASSERT_GE(before, 0);
  PostTicket(follower->port(), "多节点测试：第一件");
  ASSERT_TRUE(WaitFor(30s, [&] { return NotificationTotal(follower->port(), token) > before; }))
      << leader->log();
  // The pass logs its deliveries after it enqueued them: wait for the line too.
  EXPECT_TRUE(WaitFor(30s, [&] { return Notified(*leader); })) << leader->log();
  EXPECT_FALSE(Notified(*follower)) << follower->log();

  // The leader dies; the follower takes the lease over and runs the passes.
  int64_t settled = NotificationTotal(follower->port(), token);
  leader->Kill();
  auto killed_at = Clock::now();
  PostTicket(follower->port(), "多节点测试：第二件");
  ASSERT_TRUE(WaitFor(30s, [&] {
    return Leads(*follower) && NotificationTotal(follower->port(), token) > settled;
  })) << follower->log();
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - killed_at);
  std::cout << "takeover and first notifier pass " << took.count() << " ms after SIGKILL\n";
  EXPECT_TRUE(WaitFor(30s, [&] { return Notified(*follower); })) << follower->log();
}

// Runs `lianxin <args>` to completion; its exit code and output (stdout+stderr).
std::pair<int, std::string> RunLianxin(const std::string& args) {
  std::string out;
  FILE* p = ::popen((std::string(LIANXIN_BINARY) + " " + args + " 2>&1").c_str(), "r");
  if (!p) return {-1, "popen failed"};
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = ::pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// `lianxin migrate-store` end to end: a SQLite data folder with the demo
// province becomes a PostgreSQL store a node serves, users and all.
TEST(MigrateStore, CopiesADataFolderThatANodeThenServes) {
  if (testutil::PgTestServerUrl().empty()) GTEST_SKIP() << testutil::PgSkipMessage();
  testutil::PgTestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  testutil::TempDir tmp;
  std::string dir = tmp.File("lite");
  auto [init_rc, init_out] = RunLianxin("init --data-dir " + dir + " --demo");
  ASSERT_EQ(init_rc, 0) << init_out;

  auto [rc, out] = RunLianxin("migrate-store --from " + dir + " --to " + db.url());
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("counts and checksums agree"), std::string::npos) << out;
  EXPECT_NE(out.find("\nunits "), std::string::npos) << out;
  EXPECT_EQ(out.find("MISMATCH"), std::string::npos) << out;
  // A second run refuses: the target is no longer empty.
  auto [again_rc, again_out] = RunLianxin("migrate-store --from " + dir + " --to " + db.url());
  EXPECT_NE(again_rc, 0) << again_out;
  EXPECT_NE(again_out.find("failed_precondition"), std::string::npos) << again_out;

  auto node = StartNode(db.url(), tmp.File("node"), tmp.File("node.log"), /*demo=*/false);
  ASSERT_TRUE(node->running());
  httplib::Client cli("127.0.0.1", node->port());
  auto login = cli.Post("/api/auth/login", R"({"username":"paidan","password":"demo1234"})",
                        "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 200) << login->body;
}

}  // namespace
}  // namespace lianxin
