// HTTP end to end for /api/evaluation (issue 4, part B): a real server on
// 127.0.0.1 with the demo province; tickets handled through the API, the
// rollups brought up to date as the background job does, figures read back.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "service/service.h"
#include "testutil/test_server.h"

namespace lianxin {
namespace {

using nlohmann::json;

class EvaluationE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = testutil::TestServer::Start();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = std::move(s).value();
    svc_ = &server_->service();
  }
  httplib::Client Client() { return server_->Client(); }
  std::string Login(const std::string& user) { return server_->Login(user); }
  httplib::Result Post(const std::string& path, const json& body, const std::string& token) {
    httplib::Headers h{{"Authorization", "Bearer " + token}};
    return Client().Post(path.c_str(), h, body.dump(), "application/json");
  }
  httplib::Result Get(const std::string& path, const std::string& token = "") {
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    return Client().Get(path.c_str(), h);
  }

  std::unique_ptr<testutil::TestServer> server_;
  service::Service* svc_ = nullptr;  // the server's
};

TEST_F(EvaluationE2E, RatesRankingAndUnitDetailWithRoleChecks) {
  std::string taker = Login("huawu"), dispatcher = Login("paidan"), unit = Login("zhujian_a3");
  std::string supervisor = Login("duban"), analyst = Login("fenxi");
  // One ticket through its life: dispatched to A3区住建局, signed, contacted,
  // replied, resolved, revisited (resolved, 满意).
  auto created = Post("/api/tickets",
                      {{"title", "小区电梯故障"}, {"body", "电梯停运一周无人维修"},
                       {"region", "XD.A.A3"}, {"kind", "complaint"},
                       {"phone", "13812345678"}},
                      taker);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  json t = json::parse(created->body);
  std::string id = std::to_string(t["id"].get<int64_t>());
  std::string status = t["status"];
  std::string verb = status == "dispatched" ? "redispatch" : "dispatch";
  if (!(status == "dispatched" && t["owner_unit"] == "XD.A.A3/zjj")) {
    auto d = Post("/api/tickets/" + id + "/" + verb,
                  {{"unit_code", "XD.A.A3/zjj"}, {"reason", "属住建局职责"}}, dispatcher);
    ASSERT_EQ(d->status, 200) << d->body;
  }
  for (const auto& [action, body] :
       std::vector<std::pair<std::string, json>>{{"accept", json::object()},
                                                 {"contact", {{"content", "已电话联系"}}},
                                                 {"reply", {{"content", "已安排维修"}}},
                                                 {"resolve", json::object()}}) {
    auto r = Post("/api/tickets/" + id + "/" + action, body, unit);
    ASSERT_EQ(r->status, 200) << action << ": " << r->body;
  }
  auto rv = Post("/api/tickets/" + id + "/revisit", {{"resolved", true}, {"satisfaction", "satisfied"}},
                 supervisor);
  ASSERT_EQ(rv->status, 200) << rv->body;
  ASSERT_TRUE(svc_->UpdateRollups().ok());  // what serve's background job does

  auto rates = Get("/api/evaluation/rates?dim=unit", supervisor);
  ASSERT_EQ(rates->status, 200) << rates->body;
  json r = json::parse(rates->body);
  ASSERT_EQ(r["items"].size(), 1u) << rates->body;
  json m = r["items"][0];
  EXPECT_EQ(m["key"], "XD.A.A3/zjj");
  EXPECT_EQ(m["name"], "A3区住房和城乡建设局");
  EXPECT_EQ(m["counted"], 1);
  EXPECT_DOUBLE_EQ(m["response_rate"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(m["resolution_rate"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(m["satisfaction_rate"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(m["composite"].get<double>(), 100.0);
  EXPECT_EQ(r["rollup"]["cursor"], r["rollup"]["newest_event"]);
  // Reply quality beside the 三率: the reply was on time and scored.
  EXPECT_EQ(m["reply_quality"]["replied"], 1);
  EXPECT_DOUBLE_EQ(m["reply_quality"]["timeliness"].get<double>(), 1.0);
  EXPECT_TRUE(m["reply_quality"]["relevance"].is_number());

  auto region = Get("/api/evaluation/rates?dim=region&prefix=XD.A", analyst);
  ASSERT_EQ(region->status, 200);
  EXPECT_EQ(json::parse(region->body)["items"].size(), 2u);  // XD.A and XD.A.A3

  // The unit handler sees its own unit, nothing wider; a call-taker nothing.
  auto own = Get("/api/evaluation/rates", unit);
  ASSERT_EQ(own->status, 200);
  EXPECT_EQ(json::parse(own->body)["items"].size(), 1u);
  EXPECT_EQ(Get("/api/evaluation/rates?dim=region", unit)->status, 403);
  EXPECT_EQ(Get("/api/evaluation/rates", taker)->status, 403);
  EXPECT_EQ(Get("/api/evaluation/rates")->status, 401);
  auto bad = Get("/api/evaluation/rates?from=2026-01-01", supervisor);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(json::parse(bad->body)["error"]["message"].get<std::string>().find("YYYYMMDD"),
            std::string::npos);

  auto ranking = Get("/api/evaluation/ranking", analyst);
  ASSERT_EQ(ranking->status, 200);
  json tiers = json::parse(ranking->body)["tiers"];
  ASSERT_EQ(tiers.size(), 1u);
  EXPECT_EQ(tiers[0]["unit_type"], "zjj");
  EXPECT_EQ(tiers[0]["level"], "district");
  EXPECT_EQ(Get("/api/evaluation/ranking", unit)->status, 403);

  auto detail = Get("/api/evaluation/units/XD.A.A3/zjj", unit);
  ASSERT_EQ(detail->status, 200) << detail->body;
  json d = json::parse(detail->body);
  EXPECT_EQ(d["unit"]["level"], "district");
  EXPECT_EQ(d["metrics"]["counted"], 1);
  EXPECT_EQ(d["months"].size(), 12u);
  EXPECT_EQ(Get("/api/evaluation/units/XD.A.A3/cg", unit)->status, 404);
  EXPECT_EQ(Get("/api/evaluation/units/XD.A.A3/cg", supervisor)->status, 200);
}

}  // namespace
}  // namespace lianxin
