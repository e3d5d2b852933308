// The AI seat and the knowledge base over HTTP on 127.0.0.1 (issue 5): answers
// whose citations point to existing published versions, hand-offs for complaints
// and low confidence, an expired entry never used, region scope, version history
// kept on edit, the review roles, the call-taker's suggestions (with their CPU
// cost per call on this small knowledge base), gaps and containment.
#include <ctime>

#include "core/csv.h"
#include "kb/entries.h"
#include "integration/http_fixture.h"

namespace lianxin::testing_http {
namespace {

class AssistHttp : public HttpFixture {
 protected:
  static void SetUpTestSuite() {
    HttpFixture::SetUpTestSuite();
    std::string csv = testutil::RepoRoot() + "/data/kb/common.csv";
    auto text = ReadTextFile(csv);
    ASSERT_TRUE(text.ok());
    auto entries = kb::ParseEntriesCsv(*text, csv);
    ASSERT_TRUE(entries.ok());
    for (KbEntry& e : *entries) {
      e.status = KbEntryStatus::kPublished;
      e.edited_at = kT0;
    }
    ASSERT_TRUE(store_->ImportKbEntries(*entries).ok());
  }

  static json Ask(const std::string& question, const std::string& region = "", const std::string& user = "") {
    json body = {{"question", question}};
    if (!region.empty()) body["region"] = region;
    auto r = Post("/api/assist/answer", body.dump(), user);
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    return json::parse(r->body);
  }
  static bool Cites(const json& answer, int64_t id, int version = 0) {
    if (answer["kind"] != "answer") return false;
    for (const json& s : answer["sentences"]) {
      if (s["entry_id"] == id && (version == 0 || s["version"] == version)) return true;
    }
    return false;
  }
  // A new entry by the A3区住建局 handler (draft), then published by the supervisor.
  static int64_t NewPublished(const json& entry) {
    auto c = Post("/api/kb/entries", entry.dump(), "zhujian_a3");
    EXPECT_EQ(c->status, 201) << c->body;
    int64_t id = json::parse(c->body)["id"];
    auto p = Post("/api/kb/entries/" + std::to_string(id) + "/publish", R"({"version":1})", "duban");
    EXPECT_EQ(p->status, 200) << p->body;
    return id;
  }
};

TEST_F(AssistHttp, AnswerCitationsPointToExistingPublishedVersions) {
  for (const char* q : {"社保卡丢了怎么补办", "公积金提取需要什么条件", "驾驶证到期怎么换证", "居住证怎么办理"}) {
    json a = Ask(q, "XD.A.A3");
    ASSERT_EQ(a["kind"], "answer") << q << " " << a.dump();
    EXPECT_GT(a["confidence"].get<double>(), 0.5);
    ASSERT_FALSE(a["sentences"].empty());
    std::string joined;
    for (const json& s : a["sentences"]) {
      joined += s["text"].get<std::string>();
      auto r = Get("/api/kb/entries/" + std::to_string(s["entry_id"].get<int64_t>()));  // anonymous
      ASSERT_EQ(r->status, 200) << r->body;
      json e = json::parse(r->body);
      EXPECT_EQ(e["status"], "published");
      EXPECT_EQ(e["version"], s["version"]);
      EXPECT_NE(e["answer"].get<std::string>().find(s["text"].get<std::string>()), std::string::npos);
    }
    EXPECT_EQ(a["text"], joined);
    EXPECT_EQ(a["entries"][0]["status"], "published");
  }
}

TEST_F(AssistHttp, HandsOffComplaintsAndLowConfidenceWithADraft) {
  json c = Ask("投诉A3区某工地夜间施工噪音扰民，请尽快处理", "XD.A.A3");
  ASSERT_EQ(c["kind"], "handoff") << c.dump();
  EXPECT_EQ(c["reason"]["code"], "not_a_consultation");
  EXPECT_FALSE(c["reason"]["label"].get<std::string>().empty());
  EXPECT_FALSE(c.contains("sentences"));
  EXPECT_EQ(c["draft"]["kind"], "complaint");
  EXPECT_EQ(c["draft"]["region"], "XD.A.A3");
  EXPECT_FALSE(c["draft"]["title"].get<std::string>().empty());
  EXPECT_TRUE(c["draft"]["suggestion"]["candidates"].is_array());
  EXPECT_FALSE(c["draft"]["suggestion"]["explanation"].get<std::string>().empty());
  json low = Ask("火星移民签证怎么办理");
  ASSERT_EQ(low["kind"], "handoff");
  bool low_confidence = false;
  for (const json& r : low["reasons"]) low_confidence = low_confidence || r["code"] == "low_confidence";
  EXPECT_TRUE(low_confidence) << low.dump();
}

TEST_F(AssistHttp, BadInputIsRefusedClearly) {
  auto unknown = Post("/api/assist/answer", R"({"question":"社保卡怎么补办","foo":1})");
  EXPECT_EQ(unknown->status, 400);
  EXPECT_NE(unknown->body.find("未知字段"), std::string::npos);
  EXPECT_EQ(Post("/api/assist/answer", R"({"question":""})")->status, 400);
  EXPECT_EQ(Post("/api/assist/answer", R"({"question":"社保卡怎么补办","region":"XD.NOPE"})")->status, 400);
  EXPECT_EQ(Post("/api/assist/answer", R"({"question":"社保卡怎么补办","phone":"13812341234"})")->status, 400);
  httplib::Headers bad = {{"Authorization", "Bearer not-a-token"}};
  EXPECT_EQ(Client().Post("/api/assist/answer", bad, R"({"question":"社保卡怎么补办"})", "application/json")->status,
            401);
  EXPECT_EQ(Post("/api/kb/entries", R"({"questions":["问"],"answer":""})", "zhujian_a3")->status, 400);
  EXPECT_EQ(Post("/api/kb/entries", "not json", "zhujian_a3")->status, 400);
}

TEST_F(AssistHttp, EditKeepsHistoryAndOnlyReviewedVersionsAnswer) {
  auto c = Post("/api/kb/entries",
                json{{"questions", {"游泳馆开放时间是几点"}}, {"answer", "游泳馆每天上午九点开放。"}, {"tags", {"文体"}}}.dump(),
                "zhujian_a3");
  ASSERT_EQ(c->status, 201) << c->body;
  json draft = json::parse(c->body);
  EXPECT_EQ(draft["status"], "draft");
  EXPECT_EQ(draft["owner_unit"], "XD.A.A3/zjj");
  std::string path = "/api/kb/entries/" + std::to_string(draft["id"].get<int64_t>());
  int64_t id = draft["id"];
  EXPECT_EQ(Get(path)->status, 404);  // the public never sees a draft
  EXPECT_FALSE(Cites(Ask("游泳馆开放时间是几点"), id));
  EXPECT_EQ(Post(path + "/publish", R"({"version":1})", "zhujian_a3")->status, 403);
  EXPECT_EQ(Post(path + "/publish", R"({"version":1})", "huawu")->status, 403);
  ASSERT_EQ(Post(path + "/publish", R"({"version":1})", "duban")->status, 200);
  EXPECT_TRUE(Cites(Ask("游泳馆开放时间是几点"), id, 1));
  auto e = Post(path + "/versions", json{{"questions", {"游泳馆开放时间是几点"}}, {"answer", "游泳馆每天上午八点开放。"}}.dump(),
                "zhujian_a3");
  ASSERT_EQ(e->status, 201) << e->body;
  EXPECT_EQ(json::parse(e->body)["version"], 2);
  EXPECT_EQ(Post(path + "/versions", json{{"questions", {"问"}}, {"answer", "答。"}}.dump(), "cg_a3")->status, 403);
  auto history = Get(path, "zhujian_a3");
  json h = json::parse(history->body);
  ASSERT_EQ(h["versions"].size(), 2u);
  EXPECT_EQ(h["versions"][0]["answer"], "游泳馆每天上午九点开放。");
  EXPECT_EQ(h["versions"][0]["status"], "published");
  EXPECT_EQ(h["versions"][1]["editor"], "zhujian_a3");
  EXPECT_FALSE(h["versions"][1]["edited_at"].is_null());
  EXPECT_EQ(h["published_version"], 1);
  json pub = json::parse(Get(path)->body);  // the public: the published version, no history
  EXPECT_EQ(pub["version"], 1);
  EXPECT_FALSE(pub.contains("versions"));
  EXPECT_TRUE(Cites(Ask("游泳馆开放时间是几点"), id, 1));  // the draft is not used
  ASSERT_EQ(Post(path + "/publish", R"({"version":2})", "duban")->status, 200);
  EXPECT_TRUE(Cites(Ask("游泳馆开放时间是几点"), id, 2));
  json after = json::parse(Get(path, "duban")->body);
  EXPECT_EQ(after["versions"][0]["status"], "retired");
  EXPECT_EQ(Post(path + "/retire", "", "zhujian_a3")->status, 403);
  ASSERT_EQ(Post(path + "/retire", "", "duban")->status, 200);
  EXPECT_FALSE(Cites(Ask("游泳馆开放时间是几点"), id));
  EXPECT_EQ(Get(path)->status, 404);
  EXPECT_EQ(Post(path + "/retire", "", "duban")->status, 409);
}

TEST_F(AssistHttp, AnExpiredEntryIsNeverUsedAndRegionScopeIsRespected) {
  int64_t expired = NewPublished({{"questions", {"龙舟赛报名怎么参加"}}, {"answer", "龙舟赛报名请到区文化馆窗口登记。"},
                                  {"valid_to", "2026-11-28"}});
  EXPECT_FALSE(Cites(Ask("龙舟赛报名怎么参加"), expired));
  int64_t b_only = NewPublished(
      {{"questions", {"停车月卡如何办理"}}, {"answer", "停车月卡请到B市停车管理窗口办理。"}, {"regions", {"XD.B"}}});
  EXPECT_FALSE(Cites(Ask("停车月卡如何办理", "XD.A.A3"), b_only));
  EXPECT_FALSE(Cites(Ask("停车月卡如何办理"), b_only));
  EXPECT_TRUE(Cites(Ask("停车月卡如何办理", "XD.B"), b_only));
}

TEST_F(AssistHttp, SuggestionsForTheCallTakerAndTheirCost) {
  NewTicket("社保卡丢失补办一直没有办好");
  auto r = Get("/api/assist/suggest?q=" + httplib::detail::encode_query_param("社保卡丢了补办") + "&region=XD.A.A3", "huawu");
  ASSERT_EQ(r->status, 200) << r->body;
  json s = json::parse(r->body);
  ASSERT_FALSE(s["entries"].empty());
  EXPECT_NE(s["entries"][0]["question"].get<std::string>().find("社保卡"), std::string::npos);
  EXPECT_FALSE(s["entries"][0]["highlights"].empty());
  ASSERT_FALSE(s["tickets"].empty());
  EXPECT_EQ(s["tickets"][0]["title"], "社保卡丢失补办一直没有办好");
  EXPECT_FALSE(s["tickets"][0]["status_label"].get<std::string>().empty());
  EXPECT_EQ(Get("/api/assist/suggest?q=x")->status, 401);
  EXPECT_EQ(Get("/api/assist/suggest?q=x", "zhujian_a3")->status, 403);
  // CPU time per call (server and client in this process), on this small knowledge base.
  const char* typed[] = {"社保", "社保卡", "社保卡丢", "社保卡丢了", "社保卡丢了怎么", "社保卡丢了怎么补办"};
  constexpr int kRounds = 10;
  std::clock_t start = std::clock();
  for (int i = 0; i < kRounds; ++i) {
    for (const char* q : typed) {
      ASSERT_EQ(Get(std::string("/api/assist/suggest?q=") + httplib::detail::encode_query_param(q), "huawu")->status, 200);
    }
  }
  double ms = 1000.0 * (std::clock() - start) / CLOCKS_PER_SEC / (kRounds * 6);
  std::printf("[ suggest ] %d calls, %.2f ms CPU per call (12-entry knowledge base, in-process server)\n",
              kRounds * 6, ms);
}

TEST_F(AssistHttp, GapsAndContainmentForTheOwners) {
  Advance(40 * kDayMs);  // a period of its own
  Ask("社保卡丢了怎么补办");
  Ask("请问月球旅游签证怎么办理");
  Ask("月球旅游签证如何办理");
  auto g = Get("/api/kb/gaps", "fenxi");
  ASSERT_EQ(g->status, 200) << g->body;
  json gaps = json::parse(g->body);
  EXPECT_EQ(gaps["unanswered"], 2);
  ASSERT_EQ(gaps["clusters"].size(), 1u);
  EXPECT_EQ(gaps["clusters"][0]["count"], 2);
  EXPECT_EQ(gaps["clusters"][0]["examples"][0], "月球旅游签证如何办理");
  EXPECT_TRUE(gaps["unused"].is_array());
  EXPECT_EQ(Get("/api/kb/gaps", "huawu")->status, 403);
  EXPECT_EQ(Get("/api/kb/gaps?limit=abc", "fenxi")->status, 400);
  std::string from = FormatIsoCst(clock_->Now() - kHourMs), to = FormatIsoCst(clock_->Now() + kHourMs);
  auto m = Get("/api/assist/metrics?from=" + httplib::detail::encode_query_param(from) +
                   "&to=" + httplib::detail::encode_query_param(to), "fenxi");
  ASSERT_EQ(m->status, 200) << m->body;
  json metrics = json::parse(m->body);
  EXPECT_EQ(metrics["questions"], 3);
  EXPECT_EQ(metrics["answered"], 1);
  EXPECT_NEAR(metrics["containment"].get<double>(), 1.0 / 3.0, 1e-9);
  EXPECT_EQ(metrics["handoff_reasons"][0]["code"], "low_confidence");
  EXPECT_EQ(metrics["handoff_reasons"][0]["count"], 2);
  EXPECT_EQ(Get("/api/assist/metrics", "huawu")->status, 403);
  EXPECT_EQ(Get("/api/assist/metrics?from=yesterday", "fenxi")->status, 400);
}

}  // namespace
}  // namespace lianxin::testing_http
