// GET /api/dashboard/summary over 127.0.0.1: a real server (testutil::TestServer:
// in process, temporary SQLite file, the demo province), as the dashboard screen
// calls it.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "service/service.h"
#include "testutil/test_server.h"

namespace lianxin {
namespace {

using nlohmann::json;

class DashboardHttp : public testutil::ServerSuite<DashboardHttp> {
 public:
  static testutil::TestServerOptions ServerOptions() {
    testutil::TestServerOptions o;
    o.db_name = "dash.db";
    return o;
  }

 protected:
  httplib::Result Get(const std::string& path, const std::string& token = "") {
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    return Client().Get(path.c_str(), h);
  }
  static const json* Group(const json& groups, const std::string& code) {
    for (const auto& g : groups) {
      if (g["code"] == code) return &g;
    }
    return nullptr;
  }
};

TEST_F(DashboardHttp, SummaryCountsASubmittedTicketForItsRegion) {
  std::string analyst = Login("fenxi");
  auto before = Get("/api/dashboard/summary?region=XD.A", analyst);
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200) << before->body;
  int64_t total_before = json::parse(before->body)["total"];

  auto sub = Client().Post("/api/public/tickets",
                           json{{"title", "A3区幸福路路灯不亮"},
                                {"body", "幸福路一段路灯坏了一周"},
                                {"phone", "13812341234"},
                                {"region", "XD.A.A3"}}
                               .dump(),
                           "application/json");
  ASSERT_TRUE(sub);
  ASSERT_EQ(sub->status, 201) << sub->body;

  auto after = Get("/api/dashboard/summary?region=XD.A", analyst);
  ASSERT_EQ(after->status, 200) << after->body;
  json s = json::parse(after->body);
  EXPECT_EQ(s["total"], total_before + 1);
  EXPECT_GE(s["open"].get<int64_t>(), 1);
  const json* a3 = Group(s["by_region"], "XD.A.A3");
  ASSERT_NE(a3, nullptr) << s["by_region"].dump();
  EXPECT_EQ((*a3)["name"], "A3区");
  EXPECT_GE((*a3)["count"].get<int64_t>(), 1);
  ASSERT_FALSE(s["by_day"].empty());
  EXPECT_TRUE(s["by_day"].back().contains("day"));
  EXPECT_NE(Group(s["by_status"], "received"), nullptr);
  // Another region's summary does not count it.
  auto other = Get("/api/dashboard/summary?region=XD.B", analyst);
  ASSERT_EQ(other->status, 200) << other->body;
  EXPECT_EQ(Group(json::parse(other->body)["by_region"], "XD.A.A3"), nullptr);
}

TEST_F(DashboardHttp, RolesAndBadParameters) {
  EXPECT_EQ(Get("/api/dashboard/summary")->status, 401);
  EXPECT_EQ(Get("/api/dashboard/summary", Login("paidan"))->status, 403);
  EXPECT_EQ(Get("/api/dashboard/summary", Login("duban"))->status, 200);
  std::string analyst = Login("fenxi");
  auto bad = Get("/api/dashboard/summary?from=yesterday", analyst);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("时间格式错误"), std::string::npos);
  EXPECT_EQ(Get("/api/dashboard/summary?region=XD.ZZ", analyst)->status, 400);
  auto ranged = Get("/api/dashboard/summary?from=2026-11-01&to=2026-11-08", analyst);
  ASSERT_EQ(ranged->status, 200) << ranged->body;
  EXPECT_EQ(json::parse(ranged->body)["by_day"].size(), 7u);
}

}  // namespace
}  // namespace lianxin
