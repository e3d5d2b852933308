// Proactive governance end to end over 127.0.0.1 (issue 6): tickets in over HTTP, the
// insight pass, then hot topics, alerts (acknowledge, assign), repeats, a governance item
// promoted from a hot topic with tasks and its volume, and the HTML report with its charts.
// Every list answer goes through the personal-data scan. Fixed (fake) clock.
#include "http_fixture.h"
#include "service/insight_pass.h"
#include "testutil/pii_scan.h"

namespace lianxin::testing_http {
namespace {

class InsightE2e : public HttpFixture {
 protected:
  static const text::Segmenter& Jieba() {
    static const std::unique_ptr<text::Segmenter> seg = [] {
      auto s = text::LoadJiebaSegmenter({});
      EXPECT_TRUE(s.ok()) << s.status().ToString();
      return std::move(s).value();
    }();
    return *seg;
  }
  static void RunPass() {
    service::InsightPass pass(*svc_, Jieba());
    auto r = pass.RunOnce();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  // GET as `user`, expecting 200 and no personal data in the body.
  static json GetClean(const std::string& path, const std::string& user) {
    auto r = Get(path, user);
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, 200) << path << ": " << r->body;
    for (const std::string& hit : testutil::FindPersonalData(r->body)) {
      ADD_FAILURE() << path << " reveals " << hit;
    }
    return json::parse(r->body);
  }
};

TEST_F(InsightE2e, HotTopicsAlertsGovernanceAndReport) {
  std::vector<int64_t> noise;
  for (int i = 0; i < 3; ++i) {
    noise.push_back(NewTicket("A3区丽发新城搅拌站夜间施工噪音扰民，联系人张三 13812341234"));
    Advance(kHourMs);
  }
  NewTicket("小区楼道燃气泄漏，味道很大");
  RunPass();

  // Hot topics: one, with its tickets (masked), filtered by region.
  json hs = GetClean("/api/insight/hotspots", "fenxi");
  ASSERT_EQ(hs["total"], 1) << hs.dump();
  json h = hs["items"][0];
  EXPECT_EQ(h["size"], 3);
  EXPECT_EQ(h["tickets_total"], 3);
  EXPECT_EQ(h["tickets"].size(), 3u);
  EXPECT_EQ(h["region"], "XD.A.A3");
  std::vector<std::string> keywords = h["keywords"];
  EXPECT_NE(std::find(keywords.begin(), keywords.end(), "搅拌站"), keywords.end()) << h.dump();
  EXPECT_EQ(GetClean("/api/insight/hotspots?region=XD.B", "fenxi")["total"], 0);
  EXPECT_EQ(GetClean("/api/insight/hotspots?from=2027-01-01", "fenxi")["total"], 0);
  int64_t hotspot = h["id"];
  json one = GetClean("/api/insight/hotspots/" + std::to_string(hotspot) + "?limit=1&offset=1", "duban");
  EXPECT_EQ(one["tickets"].size(), 1u);
  EXPECT_EQ(one["tickets"][0]["id"], noise[1]);  // newest first: the middle one
  EXPECT_EQ(Get("/api/insight/hotspots?limit=0", "fenxi")->status, 400);
  EXPECT_EQ(Get("/api/insight/hotspots?from=yesterday", "fenxi")->status, 400);

  // Repeats: the same caller again about the same matter.
  json reps = GetClean("/api/insight/repeats", "fenxi");
  EXPECT_EQ(reps["by_kind"]["same_person"], 2) << reps.dump();
  EXPECT_EQ(reps["items"][0]["kind_label"], "同一人重复诉求");

  // The risky-word alert: acknowledged, then assigned; the unit then sees it.
  json alerts = GetClean("/api/insight/alerts?kind=risky_word", "fenxi");
  ASSERT_EQ(alerts["total"], 1) << alerts.dump();
  std::string alert_path = "/api/insight/alerts/" + std::to_string(alerts["items"][0]["id"].get<int64_t>());
  EXPECT_EQ(GetClean("/api/insight/alerts", "zhujian_a3")["total"], 0);
  auto ack = Post(alert_path + "/ack", R"({"note":"已知悉"})", "duban");
  ASSERT_EQ(ack->status, 200) << ack->body;
  EXPECT_EQ(json::parse(ack->body)["state"], "acknowledged");
  EXPECT_EQ(Post(alert_path + "/assign", R"({"note":"x"})", "duban")->status, 400);
  EXPECT_EQ(Post(alert_path + "/assign", R"({"unit_code":"XD.A.A3/zjj","extra":1})", "duban")->status, 400);
  auto assign = Post(alert_path + "/assign", R"({"unit_code":"XD.A.A3/zjj","note":"请核查"})", "duban");
  ASSERT_EQ(assign->status, 200) << assign->body;
  EXPECT_EQ(json::parse(assign->body)["state_label"], "已交办");
  EXPECT_EQ(GetClean("/api/insight/alerts", "zhujian_a3")["total"], 1);
  EXPECT_EQ(GetClean(alert_path, "zhujian_a3")["example_tickets"].size(), 1u);
  EXPECT_EQ(Get(alert_path, "cg_a3")->status, 404);

  // Promote the hot topic to a governance item with a task for the city management unit.
  json body = {{"source_kind", "hotspot"},
               {"source_id", hotspot},
               {"lead_unit", "XD.A.A3/zjj"},
               {"assist_units", {"XD.A.A3/cg"}},
               {"deadline", "2027-01-31"},
               {"tasks", {{{"unit_code", "XD.A.A3/cg"}, {"title", "夜间巡查"}, {"deadline", "2026-12-15"}}}}};
  EXPECT_EQ(Post("/api/governance/items", body.dump(), "fenxi")->status, 403);
  json unknown_unit = body;
  unknown_unit["lead_unit"] = "XD.NOPE";
  EXPECT_EQ(Post("/api/governance/items", unknown_unit.dump(), "duban")->status, 404);
  auto created = Post("/api/governance/items", body.dump(), "duban");
  ASSERT_EQ(created->status, 201) << created->body;
  std::string item_path = "/api/governance/items/" + std::to_string(json::parse(created->body)["id"].get<int64_t>());
  EXPECT_EQ(GetClean("/api/governance/items", "zhujian_a3")["total"], 1);
  EXPECT_EQ(GetClean("/api/governance/items", "cg_a3")["total"], 1);  // it has a task
  EXPECT_EQ(Get(item_path, "huawu")->status, 403);
  json item = GetClean(item_path, "cg_a3");
  ASSERT_EQ(item["tasks"].size(), 1u);
  std::string task_path = item_path + "/tasks/" + std::to_string(item["tasks"][0]["id"].get<int64_t>());
  auto done = Post(task_path, R"({"state":"done","note":"已巡查三次"})", "cg_a3");
  ASSERT_EQ(done->status, 200) << done->body;
  EXPECT_EQ(Post(item_path + "/progress", R"({"state":"closed"})", "zhujian_a3")->status, 403);
  EXPECT_EQ(Post(item_path + "/progress", R"({"state":"in_progress","note":"协调会"})", "zhujian_a3")->status, 200);
  EXPECT_EQ(Post(item_path + "/tickets", R"({"ticket_ids":[)" + std::to_string(noise[0]) + "]}", "zhujian_a3")->status, 200);
  EXPECT_EQ(Post(item_path + "/tickets", R"({"ticket_ids":["x"]})", "zhujian_a3")->status, 400);

  // After the promotion the matter comes back once: the volume shows it.
  Advance(2 * kDayMs);
  NewTicket("A3区丽发新城搅拌站夜间施工噪音扰民，又开始了");
  RunPass();
  item = GetClean(item_path, "duban");
  EXPECT_EQ(item["volume"]["before"], 3);
  EXPECT_EQ(item["volume"]["after"], 1);
  EXPECT_EQ(item["state"], "in_progress");
  EXPECT_EQ(item["tasks"][0]["state"], "done");
  EXPECT_EQ(item["tickets"].size(), 1u);
  EXPECT_EQ(item["progress"].size(), 2u);  // the task done, the state (links are not logged)

  // The weekly report of A市 as HTML with its charts.
  auto report = Get("/api/reports/weekly?region=XD.A&period=2026-W49", "fenxi");
  ASSERT_EQ(report->status, 200) << report->body;
  EXPECT_NE(report->get_header_value("Content-Type").find("text/html"), std::string::npos);
  const std::string& html = report->body;
  EXPECT_NE(html.find("A市 12345 热线周报 2026-W49"), std::string::npos);
  auto count = [&](const std::string& needle) {
    size_t n = 0;
    for (size_t p = html.find(needle); p != std::string::npos; p = html.find(needle, p + 1)) ++n;
    return n;
  };
  size_t svgs = count("<svg ");
  EXPECT_GE(svgs, 3u);  // daily volumes, categories, regions (and the hot topics' heat)
  size_t bars = count("<rect class=\"bar\"");
  EXPECT_GE(bars, 8u);  // seven days at least
  EXPECT_NE(html.find(h["title"].get<std::string>()), std::string::npos);  // the hot topic
  EXPECT_NE(html.find("每月一题"), std::string::npos);
  EXPECT_TRUE(testutil::FindPersonalData(html).empty());
  EXPECT_EQ(Get("/api/reports/weekly?period=2026-48", "fenxi")->status, 400);
  EXPECT_EQ(Get("/api/reports/monthly?region=XD.NOPE", "fenxi")->status, 400);
}

}  // namespace
}  // namespace lianxin::testing_http
