#include "service/importer.h"

#include <gtest/gtest.h>

#include "core/utf8.h"
#include "insight/rollup.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

TEST(ImportHistorical, MapsMessagesToArchivedTicketsAndIsRerunnable) {
  testutil::TempDir dir;
  auto store = store::OpenSqliteStore(dir.File("i.db"));
  ASSERT_TRUE(store.ok());
  FakeClock clock(0);
  Service svc(**store, clock);
  ASSERT_TRUE((*store)->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                    {"XD.A", "A市", "XD", RegionLevel::kCity},
                                    {"XD.A.A3", "A3区", "XD.A", RegionLevel::kDistrict}})
                  .ok());
  ASSERT_TRUE((*store)->PutUnits({{"XD.A.A3/gov", "A3区人民政府", "gov", "XD.A.A3"}}).ok());
  ASSERT_TRUE((*store)->PutCategories({{"01", "城乡建设", "", 1}}).ok());
  ASSERT_TRUE(svc.ReloadDirectory().ok());

  std::vector<HistoricalMessage> msgs(3);
  msgs[0].number = "HIS-R2549";
  msgs[0].user = "A00045581";
  msgs[0].title = "投诉A市A3区景蓉华苑物业管理有问题";
  msgs[0].body = "小区物业乱收费。";
  msgs[0].time = *ParseTime("2019-04-25 09:32:09");
  msgs[0].category_name = "城乡建设";
  msgs[0].reply = "经调查，已责令物业整改。";
  msgs[0].reply_time = *ParseTime("2019-05-10 14:56:53");
  msgs[1].number = "HIS-L7";
  msgs[1].title = "咨询社保转移";
  msgs[1].body = "外省社保如何转入？";
  msgs[2].number = "HIS-L8";  // no title: the body's first 30 characters, none cut apart
  msgs[2].body = "市民反映小区门口道路破损严重，雨天积水，车辆和行人通行困难，希望有关部门尽快修复，谢谢。";

  size_t calls = 0;
  auto n = ImportHistorical(svc, msgs, [&](size_t done, size_t total) {
    ++calls;
    EXPECT_EQ(done, total);
  });
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 3);
  EXPECT_EQ(calls, 1u);
  auto untitled = (*store)->GetTicketByNumber("HIS-L8");
  ASSERT_TRUE(untitled.ok());
  EXPECT_TRUE(IsValidUtf8(untitled->title));
  EXPECT_EQ(Utf8Length(untitled->title), 30u);
  auto t = (*store)->GetTicketByNumber("HIS-R2549");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->status, TicketStatus::kArchived);
  EXPECT_EQ(t->kind, TicketKind::kComplaint);
  EXPECT_EQ(t->region_code, "XD.A.A3");
  EXPECT_EQ(t->category_code, "01");
  EXPECT_EQ(t->owner_unit, "XD.A.A3/gov");
  EXPECT_EQ(t->reply, "经调查，已责令物业整改。");
  EXPECT_EQ(t->channel, Channel::kImport);
  auto events = (*store)->ListEvents(t->id);
  // 受理, then the imported 派单 → 签收 → 答复 → 办结 → 归档 the evaluation reads.
  std::vector<EventType> types;
  for (const TicketEvent& e : *events) types.push_back(e.type);
  EXPECT_EQ(types, (std::vector<EventType>{EventType::kReceived, EventType::kDispatch,
                                           EventType::kAccept, EventType::kReply,
                                           EventType::kResolve, EventType::kArchive}));
  EXPECT_EQ(events->at(1).at, msgs[0].time);
  EXPECT_EQ(events->at(1).unit_code, "XD.A.A3/gov");
  EXPECT_EQ(events->at(3).at, msgs[0].reply_time);
  for (size_t i = 1; i < events->size(); ++i) EXPECT_EQ(events->at(i).actor, "import");
  EXPECT_EQ(t->dispatched_at, msgs[0].time);
  EXPECT_EQ(t->due_at, msgs[0].time + 7 * kDayMs);  // the default SLA: 7 days
  EXPECT_EQ(t->first_contact_at, msgs[0].reply_time);
  EXPECT_EQ(t->resolved_at, msgs[0].reply_time);
  EXPECT_EQ(t->version, 6);
  auto other = (*store)->GetTicketByNumber("HIS-L7");
  EXPECT_EQ(other->kind, TicketKind::kConsultation);
  EXPECT_EQ(other->region_code, "XD");  // no place named: the province
  EXPECT_EQ((*store)->ListEvents(other->id)->size(), 2u);
  EXPECT_EQ(*ImportHistorical(svc, msgs), 0);  // re-run adds nothing
}

// The imported history is evaluated like live tickets: the unit that answered
// gets its 参评 tickets, answered within the deadline or not (issue 4, part C).
TEST(ImportHistorical, ImportedRepliesAreEvaluated) {
  testutil::TempDir dir;
  auto store = store::OpenSqliteStore(dir.File("e.db"));
  ASSERT_TRUE(store.ok());
  FakeClock clock(*ParseTime("2020-01-01 00:00:00"));
  Service svc(**store, clock);
  ASSERT_TRUE((*store)->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                    {"XD.A", "A市", "XD", RegionLevel::kCity},
                                    {"XD.A.A3", "A3区", "XD.A", RegionLevel::kDistrict}})
                  .ok());
  ASSERT_TRUE((*store)->PutUnits({{"XD.A.A3/gov", "A3区人民政府", "gov", "XD.A.A3"}}).ok());
  ASSERT_TRUE((*store)->PutCategories({{"01", "城乡建设", "", 1}}).ok());
  ASSERT_TRUE(svc.ReloadDirectory().ok());
  std::vector<HistoricalMessage> msgs(3);
  const TimeMs t0 = *ParseTime("2019-04-25 09:00:00");
  for (size_t i = 0; i < msgs.size(); ++i) {
    msgs[i].number = "HIS-E" + std::to_string(i);
    msgs[i].title = "投诉A3区小区物业";
    msgs[i].body = "A3区某小区物业乱收费。";
    msgs[i].time = t0 + static_cast<TimeMs>(i) * kDayMs;
    msgs[i].category_name = "城乡建设";
    msgs[i].reply = "经调查，已责令物业整改。";
  }
  msgs[0].reply_time = msgs[0].time + 2 * kDayMs;   // within the 7 days
  msgs[1].reply_time = msgs[1].time + 20 * kDayMs;  // late
  msgs[2].reply.clear();                            // no answer: no unit known
  ASSERT_EQ(*ImportHistorical(svc, msgs), 3);
  ASSERT_TRUE(svc.UpdateRollups().ok());
  insight::EvaluationRules rules;
  auto m = insight::QueryMetrics(**store, rules, "unit", {20190401, 20190531});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->size(), 1u);
  EXPECT_EQ(m->front().key, "XD.A.A3/gov");
  EXPECT_EQ(m->front().n[insight::kCounted], 2);
  EXPECT_EQ(m->front().n[insight::kResponded], 1);
  EXPECT_EQ(m->front().n[insight::kOnTime], 1);
  EXPECT_EQ(m->front().n[insight::kOverdue], 1);
  EXPECT_EQ(m->front().n[insight::kReplied], 2);
}

}  // namespace
}  // namespace lianxin::service
