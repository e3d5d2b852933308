// The supervisors' lists over HTTP (issue 4, part A): what each list holds as
// the fake clock moves, remaining time, role scopes, pagination, bad input.
#include "integration/http_fixture.h"

namespace lianxin::testing_http {
namespace {

class SupervisionHttp : public HttpFixture {
 protected:
  int64_t Dispatched(const std::string& unit, const std::string& urgency) {
    auto r = Post("/api/tickets",
                  json{{"title", "A3区某小区供水中断"},
                       {"body", "小区停水一天了。"},
                       {"phone", "13812341234"},
                       {"region", "XD.A.A3"},
                       {"urgency", urgency}}
                      .dump(),
                  "huawu");
    EXPECT_EQ(r->status, 201) << r->body;
    int64_t id = json::parse(r->body)["id"];
    auto d = Post(TicketPath(id) + "/dispatch", json{{"unit_code", unit}}.dump(), "paidan");
    EXPECT_EQ(d->status, 200) << d->body;
    return id;
  }
  json List(const std::string& list, const std::string& user, const std::string& query = "") {
    auto r = Get("/api/supervision/" + list + "?limit=500" + query, user);
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    return json::parse(r->body);
  }
  static bool Holds(const json& page, int64_t id) {
    for (const json& item : page["items"]) {
      if (item["id"] == id) return true;
    }
    return false;
  }
};

TEST_F(SupervisionHttp, OverdueDueSoonEscalatedWithRemainingTime) {
  int64_t urgent = Dispatched("XD.A.A3/zjj", "urgent");  // 24 h
  int64_t normal = Dispatched("XD.A.A3/cg", "normal");   // 7 days
  json soon = List("due_soon", "duban", "&window_hours=48");
  EXPECT_TRUE(Holds(soon, urgent));
  EXPECT_FALSE(Holds(soon, normal));
  EXPECT_EQ(soon["list"], "due_soon");
  EXPECT_EQ(soon["label"], "即将到期");
  for (const json& item : soon["items"]) {
    if (item["id"] == urgent) {
      EXPECT_EQ(item["remaining_seconds"], 24 * 3600);
      EXPECT_EQ(item["overdue"], false);
    }
  }
  Advance(30 * kHourMs);
  json overdue = List("overdue", "duban");
  EXPECT_TRUE(Holds(overdue, urgent));
  EXPECT_FALSE(Holds(overdue, normal));
  for (const json& item : overdue["items"]) {
    if (item["id"] == urgent) EXPECT_EQ(item["remaining_seconds"], -6 * 3600);
  }
  // The unit sees its own overdue ticket, not another unit's.
  EXPECT_TRUE(Holds(List("overdue", "zhujian_a3"), urgent));
  EXPECT_FALSE(Holds(List("overdue", "cg_a3"), urgent));
  // Filter by unit and region.
  EXPECT_TRUE(Holds(List("overdue", "duban", "&unit=XD.A.A3/zjj&region=XD.A"), urgent));
  EXPECT_FALSE(Holds(List("overdue", "duban", "&unit=XD.A.A3/cg"), urgent));
  EXPECT_FALSE(Holds(List("overdue", "duban", "&region=XD.B"), urgent));
  // The scheduler escalates it: it moves to the escalated list.
  EXPECT_FALSE(Holds(List("escalated", "duban"), urgent));
  ASSERT_TRUE(svc_->RunSlaScan().ok());
  EXPECT_TRUE(Holds(List("escalated", "duban"), urgent));
  // Counts for the dashboard, per role.
  auto counts = Get("/api/supervision", "duban");
  ASSERT_EQ(counts->status, 200) << counts->body;
  json items = json::parse(counts->body)["items"];
  ASSERT_EQ(items.size(), 7u);
  EXPECT_EQ(items[0]["list"], "overdue");
  EXPECT_GE(items[0]["total"].get<int>(), 1);
  auto taker = Get("/api/supervision", "huawu");
  ASSERT_EQ(taker->status, 200);
  EXPECT_EQ(json::parse(taker->body)["items"].size(), 2u);  // revisits, reopened
}

TEST_F(SupervisionHttp, ExtensionsReturnsRevisitsByRole) {
  int64_t ext = Dispatched("XD.A.A3/zjj", "normal");
  ASSERT_EQ(Post(TicketPath(ext) + "/accept", "{}", "zhujian_a3")->status, 200);
  ASSERT_EQ(Post(TicketPath(ext) + "/extension_request",
                 json{{"reason", "需协调"}, {"due_at", FormatIsoCst(clock_->Now() + 10 * kDayMs)}}.dump(),
                 "zhujian_a3")
                ->status,
            200);
  int64_t ret = Dispatched("XD.A.A3/cg", "normal");
  ASSERT_EQ(Post(TicketPath(ret) + "/return_request",
                 json{{"reason", "职能不符"}, {"content", "供水归水务"}}.dump(), "cg_a3")
                ->status,
            200);
  EXPECT_TRUE(Holds(List("extensions", "duban"), ext));
  EXPECT_TRUE(Holds(List("returns", "paidan"), ret));
  EXPECT_FALSE(Holds(List("returns", "paidan"), ext));
  EXPECT_EQ(Get("/api/supervision/extensions", "paidan")->status, 403);
  EXPECT_EQ(Get("/api/supervision/overdue", "huawu")->status, 403);
  EXPECT_EQ(Get("/api/supervision/overdue")->status, 401);
  // Approved: off the list.
  ASSERT_EQ(Post(TicketPath(ext) + "/extension_approve", json{{"reason", "同意"}}.dump(), "duban")->status,
            200);
  EXPECT_FALSE(Holds(List("extensions", "duban"), ext));
  // Resolved: awaiting the revisit, for call-takers too.
  ASSERT_EQ(Post(TicketPath(ext) + "/reply", json{{"content", "已恢复供水"}}.dump(), "zhujian_a3")->status, 200);
  ASSERT_EQ(Post(TicketPath(ext) + "/resolve", "{}", "zhujian_a3")->status, 200);
  EXPECT_TRUE(Holds(List("revisits", "huawu"), ext));
}

TEST_F(SupervisionHttp, PaginationAndBadInput) {
  for (int i = 0; i < 3; ++i) Dispatched("XD.A.A3/zjj", "critical");  // 2 h
  Advance(3 * kHourMs);
  auto page = Get("/api/supervision/overdue?limit=2&offset=0", "duban");
  ASSERT_EQ(page->status, 200);
  json p = json::parse(page->body);
  EXPECT_EQ(p["items"].size(), 2u);
  EXPECT_GE(p["total"].get<int>(), 3);
  EXPECT_EQ(p["limit"], 2);
  // Earliest deadline first.
  EXPECT_LE(p["items"][0]["due_at"].get<std::string>(), p["items"][1]["due_at"].get<std::string>());
  EXPECT_EQ(Get("/api/supervision/nope", "duban")->status, 404);
  EXPECT_EQ(Get("/api/supervision/overdue?limit=0", "duban")->status, 400);
  EXPECT_EQ(Get("/api/supervision/overdue?limit=x", "duban")->status, 400);
  EXPECT_EQ(Get("/api/supervision/due_soon?window_hours=abc", "duban")->status, 400);
  EXPECT_EQ(Get("/api/supervision/due_soon?window_hours=0", "duban")->status, 400);
  EXPECT_EQ(Get("/api/supervision/overdue?region=XD.NOPE", "duban")->status, 400);
}

}  // namespace
}  // namespace lianxin::testing_http
