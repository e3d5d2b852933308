// Editing reference data, SLA policies and the calendar end to end (issue 7
// item 7) on 127.0.0.1: an administrator renames a unit and edits a duty rule
// over HTTP, others are refused, the audit trail names who changed what; the
// SLA policy and a holiday are edited and the next dispatch's deadline follows.
#include "integration/http_fixture.h"

namespace lianxin::testing_http {
namespace {

class ReferenceAdminE2E : public HttpFixture {
 protected:
  static json Body(const httplib::Result& r) { return json::parse(r->body); }
};

TEST_F(ReferenceAdminE2E, AdminRenamesAUnitAndEditsADutyRule) {
  auto refused = Post(
      "/api/units",
      json{{"code", "XD.A.A3/zjj"}, {"name", "改名"}, {"unit_type", "zjj"}, {"region", "XD.A.A3"}}
          .dump(),
      "paidan");
  EXPECT_EQ(refused->status, 403);
  auto renamed = Post("/api/units",
                      json{{"code", "XD.A.A3/zjj"},
                           {"name", "A3区住房和城乡建设委员会"},
                           {"unit_type", "zjj"},
                           {"region", "XD.A.A3"}}
                          .dump(),
                      "admin");
  ASSERT_EQ(renamed->status, 200) << renamed->body;
  auto units = Get("/api/units?region=XD.A.A3&type=zjj");
  ASSERT_EQ(Body(units)["items"].size(), 1u);
  EXPECT_EQ(Body(units)["items"][0]["name"], "A3区住房和城乡建设委员会");
  auto bad =
      Post("/api/units", json{{"name", "无属地"}, {"unit_type", "zjj"}, {"region", "XD.Q"}}.dump(),
           "admin");
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(Body(bad)["error"]["message"].get<std::string>().find("所属区域不存在"),
            std::string::npos);

  auto catalog = Get("/api/duty-catalog", "paidan");
  ASSERT_EQ(catalog->status, 200);
  json c = Body(catalog);
  ASSERT_GT(c["items"].size(), 10u);
  json rules = c["items"];
  rules[0]["keywords"] = "井盖 窨井";
  auto put = Post("/api/duty-catalog", json{{"rules", rules}, {"revision", c["revision"]}}.dump(),
                  "admin");
  ASSERT_EQ(put->status, 200) << put->body.substr(0, 300);
  EXPECT_EQ(Body(put)["items"][0]["keywords"], "井盖 窨井");
  EXPECT_NE(Body(put)["revision"], c["revision"]);
  // The same stale revision again: someone changed it since.
  auto stale = Post("/api/duty-catalog", json{{"rules", rules}, {"revision", c["revision"]}}.dump(),
                    "admin");
  EXPECT_EQ(stale->status, 409);
  EXPECT_EQ(Body(Get("/api/duty-catalog", "huawu"))["items"][0]["keywords"], "井盖 窨井");

  auto changes = Get("/api/reference/changes?limit=5", "duban");
  ASSERT_EQ(changes->status, 200);
  json items = Body(changes)["items"];
  ASSERT_GE(items.size(), 2u);
  EXPECT_EQ(items[0]["kind"], "duty_rules");
  EXPECT_EQ(items[0]["actor"], "admin");
  EXPECT_NE(items[0]["after"].get<std::string>().find("井盖 窨井"), std::string::npos);
  EXPECT_EQ(items[1]["kind"], "unit");
  EXPECT_EQ(items[1]["code"], "XD.A.A3/zjj");
  EXPECT_EQ(Get("/api/reference/changes", "fenxi")->status, 403);

  // The ticket screen names the unit by its new name at once.
  int64_t id = NewTicket();
  auto d = Post(TicketPath(id) + "/dispatch", json{{"unit_code", "XD.A.A3/zjj"}}.dump(), "paidan");
  ASSERT_EQ(d->status, 200) << d->body;
  EXPECT_EQ(Body(d)["owner_unit_name"], "A3区住房和城乡建设委员会");
}

TEST_F(ReferenceAdminE2E, RegionAndCategoryCreatedUnderTheirParents) {
  auto region = Post(
      "/api/regions",
      json{{"code", "XD.A.A3.X1"}, {"name", "新设街道"}, {"parent", "XD.A.A3"}, {"level", "street"}}
          .dump(),
      "admin");
  ASSERT_EQ(region->status, 200) << region->body;
  bool found = false;
  const json regions = Body(Get("/api/regions"));  // kept alive for the loop
  for (const json& r : regions["items"]) found = found || r["code"] == "XD.A.A3.X1";
  EXPECT_TRUE(found);
  auto orphan =
      Post("/api/regions",
           json{{"code", "XD.Z.Z1"}, {"name", "无上级"}, {"parent", "XD.Z"}, {"level", "district"}}
               .dump(),
           "admin");
  EXPECT_EQ(orphan->status, 400);
  auto category = Post("/api/categories",
                       json{{"code", "98"}, {"name", "新分类"}, {"level", 1}}.dump(), "admin");
  ASSERT_EQ(category->status, 200) << category->body;
  auto deep = Post("/api/categories",
                   json{{"code", "98.01"}, {"name", "二级"}, {"parent", "98"}, {"level", 3}}.dump(),
                   "admin");
  EXPECT_EQ(deep->status, 400);
}

TEST_F(ReferenceAdminE2E, SlaPolicyAndHolidayApplyToTheNextDeadline) {
  ASSERT_TRUE(svc_->LoadStoredSla(testutil::RepoRoot() + "/data/calendar").ok());
  auto sla = Get("/api/sla/policies", "admin");
  ASSERT_EQ(sla->status, 200) << sla->body;
  json config = Body(sla);
  EXPECT_NE(config["applies"].get<std::string>().find("此后"), std::string::npos);
  json rules = config["items"];
  ASSERT_EQ(rules[0]["rule"], "deadline");
  ASSERT_EQ(rules[0]["urgency"], "*");
  // The general rule: 7 days → 5 working days.
  rules[0]["amount"] = 5;
  rules[0]["unit"] = "working_days";
  EXPECT_EQ(Post("/api/sla/policies", json{{"rules", rules}}.dump(), "duban")->status, 403);
  auto put = Post("/api/sla/policies", json{{"rules", rules}}.dump(), "admin");
  ASSERT_EQ(put->status, 200) << put->body.substr(0, 300);
  json bad_rules = rules;
  bad_rules[0]["unit"] = "fortnights";
  auto bad = Post("/api/sla/policies", json{{"rules", bad_rules}}.dump(), "admin");
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(Body(bad)["error"]["message"].get<std::string>().find("时限策略第 1 条"),
            std::string::npos);

  // Wednesday 2026-12-02 becomes a holiday: 5 working days from Sunday 2026-11-29
  // 08:00 (the clock starts Monday 00:00) end with Monday 12-07 instead of Friday 12-04.
  auto day =
      Post("/api/sla/calendar",
           json{{"date", "2026-12-02"}, {"type", "holiday"}, {"note", "测试放假"}}.dump(), "admin");
  ASSERT_EQ(day->status, 200) << day->body.substr(0, 300);
  int64_t id = NewTicket();
  auto d = Post(TicketPath(id) + "/dispatch", json{{"unit_code", "XD.A.A3/zjj"}}.dump(), "paidan");
  ASSERT_EQ(d->status, 200) << d->body;
  EXPECT_EQ(Body(d)["due_at"], "2026-12-08T00:00:00+08:00");
  auto removed = Post("/api/sla/calendar/2026-12-02/remove", "", "admin");
  EXPECT_EQ(removed->status, 200);
  EXPECT_EQ(Post("/api/sla/calendar/2026-12-02/remove", "", "admin")->status, 404);
  int64_t id2 = NewTicket("A3区另一路段路灯不亮");
  auto d2 =
      Post(TicketPath(id2) + "/dispatch", json{{"unit_code", "XD.A.A3/zjj"}}.dump(), "paidan");
  EXPECT_EQ(Body(d2)["due_at"], "2026-12-05T00:00:00+08:00");
  // The first ticket keeps its deadline.
  EXPECT_EQ(Fetch(id)["due_at"], "2026-12-08T00:00:00+08:00");
}

}  // namespace
}  // namespace lianxin::testing_http
