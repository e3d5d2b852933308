// Authorization matrix (issue 9 item 6): every route × every role × own/other unit,
// over HTTP on 127.0.0.1 against a temporary SQLite store with the demo province.
// The expected answers live in authz_matrix.tsv beside this file (its header says how
// to read it); a route added to routes.cc without a row there fails RowForEveryRoute.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "service/service.h"
#include "testutil/test_server.h"

namespace lianxin {
namespace {

using nlohmann::json;

struct Row {
  int line = 0;
  std::string method, pattern, path, body;
  std::vector<std::string> expected;  // one per column of kColumns
};

// The matrix columns: who calls (a demo user, or "" for no token).
const std::vector<std::pair<std::string, std::string>> kColumns = {
    {"anon", ""},           {"call_taker", "huawu"},    {"dispatcher", "paidan"},
    {"handler_own", "zhujian_a3"}, {"handler_other", "cg_a3"}, {"supervisor", "duban"},
    {"analyst", "fenxi"},   {"admin", "admin"}};

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, '\t')) out.push_back(field);
  return out;
}

std::vector<Row> ReadMatrix() {
  std::ifstream in(testutil::RepoRoot() + "/tests/integration/authz_matrix.tsv");
  EXPECT_TRUE(in) << "authz_matrix.tsv missing";
  std::vector<Row> rows;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = SplitTabs(line);
    if (f.size() != 4 + kColumns.size()) {
      ADD_FAILURE() << "authz_matrix.tsv:" << n << ": " << f.size() << " fields, want "
                    << 4 + kColumns.size();
      continue;
    }
    rows.push_back({n, f[0], f[1], f[2], f[3] == "-" ? "" : f[3],
                    std::vector<std::string>(f.begin() + 4, f.end())});
  }
  return rows;
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
}

bool Matches(const std::string& expected, int status) {
  if (expected == "2xx") return status >= 200 && status < 300;
  if (expected == "ok") return status != 401 && status != 403 && status != 404 && status < 500;
  return std::to_string(status) == expected;
}

constexpr char kIndexHtml[] =
    "<!doctype html><html><head><script>\n  document.documentElement.classList.add('x')\n"
    "</script></head><body><div id=app></div><script type=\"module\" src=\"/assets/app.js\">"
    "</script></body></html>";

class AuthzMatrix : public testutil::ServerSuite<AuthzMatrix> {
 public:
  static testutil::TestServerOptions ServerOptions() {
    testutil::TestServerOptions o;
    o.db_name = "authz.db";
    o.prepare = [](service::Service& svc, const testutil::TempDir& dir,
                   http::ServerOptions& server) -> Status {
      // Issue 7 item 7: the SLA in the store, as `lianxin serve` seeds it.
      LX_RETURN_IF_ERROR(svc.LoadStoredSla(testutil::RepoRoot() + "/data/calendar"));
      User victim;
      victim.username = "revoke_me";
      victim.display_name = "待注销";
      victim.role = Role::kCallTaker;
      LX_RETURN_IF_ERROR(svc.PutUser(service::Actor::System(), victim, "demo1234"));
      // A web folder whose page has an inline script, as web/index.html has.
      std::filesystem::create_directories(dir.File("web/assets"));
      std::ofstream(dir.File("web/index.html")) << kIndexHtml;
      std::ofstream(dir.File("web/assets/app.js")) << "console.log(1)";
      server.web_dir = dir.File("web");
      return Status::Ok();
    };
    return o;
  }

 protected:

  // A fresh ticket dispatched to XD.A.A3/zjj, so every cell starts from the same state.
  static Ticket FreshTicket() {
    service::NewTicket n;
    n.title = "小区路灯不亮";
    n.body = "A3区东风路小区路灯坏了三天";
    n.citizen_phone = "13812345678";
    n.region_code = "XD.A.A3";
    n.channel = Channel::kPhone;
    auto created = server_->service().CreateTicket(service::Actor::System(), n);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    Ticket t = created->ticket;
    if (t.owner_unit != "XD.A.A3/zjj") {
      service::ActionRequest d;
      d.type = t.status == TicketStatus::kReceived ? EventType::kDispatch : EventType::kRedispatch;
      d.unit_code = "XD.A.A3/zjj";
      d.reason = "授权矩阵测试";
      auto done = server_->service().Perform(service::Actor::System(), t.id, d);
      EXPECT_TRUE(done.ok()) << done.status().ToString();
      if (done.ok()) t = done->ticket;
    }
    EXPECT_EQ(t.owner_unit, "XD.A.A3/zjj");
    return t;
  }

};

TEST_F(AuthzMatrix, RowForEveryRouteAndRouteForEveryRow) {
  // One request, so the server is listening before TearDownTestSuite stops it.
  ASSERT_TRUE(httplib::Client("127.0.0.1", server_->port()).Get("/healthz"));
  std::set<std::pair<std::string, std::string>> routes = {{"GET", "/metrics"}};
  for (const http::Route& r : http::Routes()) routes.insert({r.method, r.pattern});
  std::set<std::pair<std::string, std::string>> rows;
  for (const Row& row : ReadMatrix()) rows.insert({row.method, row.pattern});
  for (const auto& r : routes) {
    EXPECT_TRUE(rows.count(r)) << "route without a row in authz_matrix.tsv: " << r.first << " " << r.second;
  }
  for (const auto& r : rows) {
    EXPECT_TRUE(routes.count(r)) << "row for no route: " << r.first << " " << r.second;
  }
}

TEST_F(AuthzMatrix, EveryRouteEveryRoleOwnAndOtherUnit) {
  std::vector<Row> rows = ReadMatrix();
  ASSERT_GT(rows.size(), 40u);
  std::vector<std::string> tokens;
  for (const auto& [column, user] : kColumns) tokens.push_back(user.empty() ? "" : Login(user));
  int cells = 0;
  for (const Row& row : rows) {
    for (size_t c = 0; c < kColumns.size(); ++c) {
      std::string path = row.path, body = row.body;
      if (path.find('{') != std::string::npos || body.find('{') != std::string::npos) {
        Ticket t = FreshTicket();
        for (std::string* s : {&path, &body}) {
          ReplaceAll(*s, "{ticket}", std::to_string(t.id));
          ReplaceAll(*s, "{number}", t.number);
          ReplaceAll(*s, "{code}", t.query_code);
        }
      }
      std::string token = tokens[c];
      if (row.pattern == "/api/auth/logout" && !token.empty()) token = Login(kColumns[c].second);
      auto before = server_->store().ListAccess(1);
      ASSERT_TRUE(before.ok());
      httplib::Client client("127.0.0.1", server_->port());
      client.set_read_timeout(30, 0);
      httplib::Headers h;
      if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
      auto res = row.method == "GET" ? client.Get(path.c_str(), h)
                                     : client.Post(path.c_str(), h, body, "application/json");
      ASSERT_TRUE(res) << row.method << " " << path;
      EXPECT_TRUE(Matches(row.expected[c], res->status))
          << "authz_matrix.tsv:" << row.line << ": " << row.method << " " << path << " as "
          << kColumns[c].first << ": want " << row.expected[c] << ", got " << res->status << " "
          << res->body.substr(0, 200);
      // The access log is complete: a response showing the citizen's phone in clear
      // was preceded by an access record of this caller (the intake answer too).
      if (res->body.find("13812345678") != std::string::npos) {
        auto after = server_->store().ListAccess(1);
        ASSERT_TRUE(after.ok());
        bool logged = !after->empty() && after->front().username == kColumns[c].second &&
                      (before->empty() || after->front().at != before->front().at ||
                       after->front().ticket_id != before->front().ticket_id ||
                       after->front().purpose != before->front().purpose ||
                       after->front().username != before->front().username);
        EXPECT_TRUE(logged) << "personal data in clear without an access record: " << row.method
                            << " " << path << " as " << kColumns[c].first;
      }
      ++cells;
    }
  }
  EXPECT_EQ(cells, static_cast<int>(rows.size() * kColumns.size()));
}

// A revoked user's tokens stop working at once; other users' tokens do not.
TEST_F(AuthzMatrix, RevokeSessionsEndsEveryTokenOfTheUser) {
  std::string a = Login("revoke_me"), b = Login("revoke_me"), other = Login("paidan");
  std::string admin = Login("admin");
  httplib::Client c("127.0.0.1", server_->port());
  auto me = [&](const std::string& tok) {
    return c.Get("/api/auth/me", {{"Authorization", "Bearer " + tok}})->status;
  };
  ASSERT_EQ(me(a), 200);
  ASSERT_EQ(me(b), 200);
  EXPECT_EQ(c.Post("/api/users/revoke_me/revoke-sessions", {{"Authorization", "Bearer " + other}}, "",
                   "application/json")->status, 403);
  EXPECT_EQ(me(a), 200);
  auto r = c.Post("/api/users/revoke_me/revoke-sessions", {{"Authorization", "Bearer " + admin}}, "",
                  "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_GE(json::parse(r->body)["revoked"].get<int>(), 2);
  EXPECT_EQ(me(a), 401);
  EXPECT_EQ(me(b), 401);
  EXPECT_EQ(me(other), 200);
}

// Five failed logins from one address lock that username there, even for the right password.
TEST_F(AuthzMatrix, LoginThrottledAfterRepeatedFailures) {
  httplib::Client c("127.0.0.1", server_->port());
  auto login = [&](const std::string& user, const std::string& password) {
    return c.Post("/api/auth/login", json{{"username", user}, {"password", password}}.dump(),
                  "application/json");
  };
  for (int i = 0; i < 5; ++i) {
    auto r = login("duban", "guess-" + std::to_string(i));
    ASSERT_EQ(r->status, 401);
    EXPECT_NE(r->body.find("用户名或密码错误"), std::string::npos);
  }
  auto locked = login("duban", "demo1234");
  EXPECT_EQ(locked->status, 401);
  EXPECT_NE(locked->body.find("登录失败次数过多"), std::string::npos) << locked->body;
  EXPECT_EQ(login("paidan", "demo1234")->status, 200);  // other users are not affected
}

// Every response carries the security headers; pages get a CSP that allows their own
// inline script by hash, and the API a CSP that allows nothing.
TEST_F(AuthzMatrix, SecurityHeadersOnEveryResponse) {
  httplib::Client c("127.0.0.1", server_->port());
  for (const char* path : {"/api/version", "/api/tickets", "/api/nothing-here", "/", "/index.html",
                           "/tickets/12", "/assets/app.js", "/metrics"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "same-origin") << path;
    EXPECT_EQ(r->get_header_value_count("Content-Security-Policy"), 1u) << path;
    std::string csp = r->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    // One policy for every response: the page's, with its inline script allowed by hash.
    EXPECT_NE(csp.find("script-src 'self' 'sha256-"), std::string::npos) << path << ": " << csp;
    if (r->get_header_value("Content-Type").rfind("text/html", 0) == 0) {
      EXPECT_EQ(r->body, kIndexHtml) << path;
    }
  }
}

}  // namespace
}  // namespace lianxin
