#include "service/importer.h"

#include <gtest/gtest.h>

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

  std::vector<HistoricalMessage> msgs(2);
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

  size_t calls = 0;
  auto n = ImportHistorical(svc, msgs, [&](size_t done, size_t total) {
    ++calls;
    EXPECT_EQ(done, total);
  });
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(calls, 1u);
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
  ASSERT_EQ(events->size(), 4u);  // received, reply, resolve, archive
  EXPECT_EQ(events->at(1).at, msgs[0].reply_time);
  auto other = (*store)->GetTicketByNumber("HIS-L7");
  EXPECT_EQ(other->kind, TicketKind::kConsultation);
  EXPECT_EQ(other->region_code, "XD");  // no place named: the province
  EXPECT_EQ((*store)->ListEvents(other->id)->size(), 2u);
  EXPECT_EQ(*ImportHistorical(svc, msgs), 0);  // re-run adds nothing
}

}  // namespace
}  // namespace lianxin::service
