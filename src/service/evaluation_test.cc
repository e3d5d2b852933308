#include <gtest/gtest.h>

#include "service/service.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

// Role checks and wiring of the evaluation use cases (the figures themselves
// are checked by hand in insight/rollup_test.cc).
class EvaluationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("v.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    ASSERT_TRUE(LoadDemoProvince(*svc_, testutil::RepoRoot() + "/data/demo").ok());
    // Two handled tickets: one by A3区住建局, one by A3区城管局.
    for (const char* unit : {"XD.A.A3/zjj", "XD.A.A3/cg"}) {
      NewTicket in;
      in.kind = TicketKind::kComplaint;
      in.title = "噪音扰民";
      in.body = "夜间施工噪音扰民，请处理";
      in.citizen_phone = "13812345678";
      in.region_code = "XD.A.A3";
      auto t = svc_->CreateTicket(As(Role::kCallTaker), in);
      ASSERT_TRUE(t.ok()) << t.status().ToString();
      ActionRequest d;
      d.type = t->ticket.owner_unit.empty() || t->ticket.status == TicketStatus::kReceived
                   ? EventType::kDispatch
                   : EventType::kRedispatch;
      d.unit_code = unit;
      d.reason = "派单";
      auto done = svc_->Perform(As(Role::kDispatcher), t->ticket.id, d);
      if (!done.ok()) {  // already with the hotline centre's queue: move it
        d.type = EventType::kRedispatch;
        done = svc_->Perform(As(Role::kDispatcher), t->ticket.id, d);
      }
      ASSERT_TRUE(done.ok()) << done.status().ToString();
    }
    ASSERT_TRUE(svc_->UpdateRollups().ok());
  }
  Actor As(Role role, const std::string& unit = "") {
    Actor a;
    a.username = std::string(ToString(role));
    a.role = role;
    a.unit_code = unit;
    return a;
  }
  insight::DayRange Today() {
    int64_t d = insight::DayOf(clock_.Now());
    return {d, d};
  }

  testutil::TempDir dir_;
  FakeClock clock_{1795910400000};  // 2026-11-29 08:00 CST
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
};

TEST_F(EvaluationServiceTest, SupervisorsSeeAllUnitsSeeTheirOwn) {
  auto all = svc_->EvaluationRates(As(Role::kSupervisor), "unit", Today());
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "A3区城市管理和综合执法局");
  EXPECT_EQ((*all)[0].n[insight::kCounted], 1);
  EXPECT_TRUE(svc_->EvaluationRates(As(Role::kAnalyst), "region", Today()).ok());

  auto own = svc_->EvaluationRates(As(Role::kUnitHandler, "XD.A.A3/zjj"), "unit", Today());
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ((*own)[0].key, "XD.A.A3/zjj");
  EXPECT_EQ(svc_->EvaluationRates(As(Role::kUnitHandler, "XD.A.A3/zjj"), "region", Today())
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->EvaluationRates(As(Role::kCallTaker), "unit", Today()).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->EvaluationRates(Actor::Citizen(), "unit", Today()).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->EvaluationRates(As(Role::kAdmin), "street", Today()).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(svc_->EvaluationRates(As(Role::kAdmin), "unit", {20261301, 20261302}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(EvaluationServiceTest, RankingAndUnitDetail) {
  auto tiers = svc_->EvaluationRanking(As(Role::kAnalyst), Today());
  ASSERT_TRUE(tiers.ok());
  for (const auto& tier : *tiers) {
    for (const auto& m : tier.unranked) EXPECT_EQ(m.key.substr(m.key.find('/') + 1), tier.unit_type);
  }
  EXPECT_EQ(svc_->EvaluationRanking(As(Role::kUnitHandler, "XD.A.A3/zjj"), Today()).status().code(),
            StatusCode::kPermissionDenied);

  auto detail = svc_->EvaluationOfUnit(As(Role::kUnitHandler, "XD.A.A3/zjj"), "XD.A.A3/zjj",
                                       {20261101, 20261231});
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  EXPECT_EQ(detail->level, "district");
  EXPECT_EQ(detail->metrics.n[insight::kCounted], 1);
  ASSERT_EQ(detail->months.size(), 2u);
  EXPECT_EQ(detail->months[0].first, 202611);
  EXPECT_EQ(detail->months[0].second.n[insight::kCounted], 1);
  EXPECT_EQ(detail->months[1].second.n[insight::kCounted], 0);
  EXPECT_EQ(svc_->EvaluationOfUnit(As(Role::kUnitHandler, "XD.A.A3/zjj"), "XD.A.A3/cg", Today())
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(svc_->EvaluationOfUnit(As(Role::kAdmin), "XD.Z/none", Today()).status().code(),
            StatusCode::kNotFound);
}

TEST_F(EvaluationServiceTest, RollupsFollowNewEventsAndRebuildIsAdminOnly) {
  auto status = svc_->GetRollupStatus();
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->cursor, status->newest_event);
  EXPECT_EQ(svc_->RebuildRollups(As(Role::kSupervisor)).status().code(),
            StatusCode::kPermissionDenied);
  ASSERT_TRUE(svc_->RebuildRollups(As(Role::kAdmin)).ok());
  auto all = svc_->EvaluationRates(As(Role::kSupervisor), "unit", Today());
  EXPECT_EQ(all->size(), 2u);
}

}  // namespace
}  // namespace lianxin::service
