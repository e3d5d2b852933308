// A real server on 127.0.0.1 (in process, temporary SQLite file, the demo
// province, no dispatch model) for the workflow HTTP tests, with a fake clock
// the tests move. One server per test suite; not thread-safe.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "http/server.h"
#include "service/service.h"
#include "testutil/testutil.h"

namespace lianxin::testing_http {

using nlohmann::json;

inline constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST (a Sunday)

class HttpFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testutil::TempDir();
    clock_ = new FakeClock(kT0);
    auto s = store::OpenSqliteStore(dir_->File("wf.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value().release();
    svc_ = new service::Service(*store_, *clock_);
    Status st = service::LoadDemoProvince(*svc_, testutil::RepoRoot() + "/data/demo");
    ASSERT_TRUE(st.ok()) << st.ToString();
    http::ServerOptions opt;
    opt.port = 0;
    opt.threads = 4;
    server_ = new http::HttpServer(*svc_, opt);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok());
    port_ = *port;
    thread_ = new std::thread([] { server_->Listen(); });
    tokens_ = new std::map<std::string, std::string>();
  }
  static void TearDownTestSuite() {
    server_->Stop();
    thread_->join();
    delete thread_;
    delete server_;
    delete svc_;
    delete store_;
    delete clock_;
    delete tokens_;
    delete dir_;
  }

  static httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }
  // A bearer token for the demo user `user` (password demo1234), cached.
  static std::string Token(const std::string& user) {
    auto it = tokens_->find(user);
    if (it != tokens_->end()) return it->second;
    auto r = Client().Post("/api/auth/login",
                           json{{"username", user}, {"password", "demo1234"}}.dump(),
                           "application/json");
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    std::string token = json::parse(r->body)["token"];
    (*tokens_)[user] = token;
    return token;
  }
  static httplib::Result Post(const std::string& path, const std::string& body,
                              const std::string& user = "") {
    httplib::Headers h;
    if (!user.empty()) h.emplace("Authorization", "Bearer " + Token(user));
    return Client().Post(path.c_str(), h, body, "application/json");
  }
  static httplib::Result Get(const std::string& path, const std::string& user = "") {
    httplib::Headers h;
    if (!user.empty()) h.emplace("Authorization", "Bearer " + Token(user));
    return Client().Get(path.c_str(), h);
  }
  // A new staff ticket in A3区 (received, owned by the hotline centre); its id.
  static int64_t NewTicket(const std::string& title = "A3区某路段路灯不亮") {
    auto r = Post("/api/tickets",
                  json{{"title", title},
                       {"body", "路灯坏了一周，晚上出行不安全。"},
                       {"phone", "13812341234"},
                       {"name", "张三"},
                       {"region", "XD.A.A3"}}
                      .dump(),
                  "huawu");
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, 201) << r->body;
    return json::parse(r->body)["id"].get<int64_t>();
  }
  // Moves the fake clock; sessions (12 h) may expire, so tokens are dropped.
  static void Advance(TimeMs d) {
    clock_->Advance(d);
    tokens_->clear();
  }
  static std::string TicketPath(int64_t id) { return "/api/tickets/" + std::to_string(id); }
  // GET /api/tickets/{id} as the supervisor.
  static json Fetch(int64_t id) {
    auto r = Get(TicketPath(id), "duban");
    EXPECT_EQ(r->status, 200) << r->body;
    return json::parse(r->body);
  }

  static inline testutil::TempDir* dir_;
  static inline FakeClock* clock_;
  static inline store::Store* store_;
  static inline service::Service* svc_;
  static inline http::HttpServer* server_;
  static inline std::thread* thread_;
  static inline int port_;
  static inline std::map<std::string, std::string>* tokens_;
};

}  // namespace lianxin::testing_http
