// A real server on 127.0.0.1 (in process, temporary SQLite file, the demo
// province, no dispatch model; testutil::TestServer) for the workflow HTTP
// tests, with a fake clock the tests move. One server per test suite; not thread-safe.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <nlohmann/json.hpp>

#include "service/service.h"
#include "testutil/test_server.h"

namespace lianxin::testing_http {

using nlohmann::json;

inline constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST (a Sunday)

class HttpFixture : public testutil::ServerSuite<HttpFixture> {
 public:
  static testutil::TestServerOptions ServerOptions() {
    testutil::TestServerOptions o;
    o.db_name = "wf.db";
    o.clock = clock_;
    o.server.threads = 4;
    return o;
  }

 protected:
  static void SetUpTestSuite() {
    clock_ = new FakeClock(kT0);
    tokens_ = new std::map<std::string, std::string>();
    ServerSuite::SetUpTestSuite();
    if (!server_) return;  // the failure is recorded
    store_ = &server_->store();
    svc_ = &server_->service();
    port_ = server_->port();
  }
  static void TearDownTestSuite() {
    ServerSuite::TearDownTestSuite();
    delete clock_;
    delete tokens_;
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

  static inline FakeClock* clock_;
  // The server's (ServerSuite::server_):
  static inline store::Store* store_;
  static inline service::Service* svc_;
  static inline int port_;
  static inline std::map<std::string, std::string>* tokens_;
};

}  // namespace lianxin::testing_http
