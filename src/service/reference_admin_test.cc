// Editing reference data (issue 7 item 7): admin only, validation with zh-CN
// messages that store nothing, the audit trail, the catalog's revision check,
// and the directory current at once.
#include <gtest/gtest.h>

#include "service/service.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST

class ReferenceAdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::OpenSqliteStore(dir_.File("r.db"))).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    ASSERT_TRUE(store_
                    ->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                  {"XD.A", "A市", "XD", RegionLevel::kCity},
                                  {"XD.A.A3", "A3区", "XD.A", RegionLevel::kDistrict}})
                    .ok());
    ASSERT_TRUE(store_
                    ->PutUnits({{"XD/rx", "12345热线", "rx", "XD"},
                                {"XD.A/zjj", "A市住建局", "zjj", "XD.A"},
                                {"XD.A.A3/cg", "A3区城管局", "cg", "XD.A.A3"}})
                    .ok());
    ASSERT_TRUE(
        store_->PutCategories({{"01", "城乡建设", "", 1}, {"01.02", "市政设施", "01", 2}}).ok());
    ASSERT_TRUE(store_->PutDutyRules({{"01", "zjj", RegionLevel::kCity, ""}}).ok());
    ASSERT_TRUE(svc_->ReloadDirectory().ok());
    admin_.username = "admin";
    admin_.role = Role::kAdmin;
  }
  size_t Changes() { return store_->ListReferenceChanges(1000)->size(); }

  testutil::TempDir dir_;
  FakeClock clock_{kT0};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
  Actor admin_;
};

TEST_F(ReferenceAdminTest, OnlyAdminsWrite) {
  for (Role role : {Role::kCallTaker, Role::kDispatcher, Role::kUnitHandler, Role::kSupervisor,
                    Role::kAnalyst}) {
    Actor a;
    a.username = "u";
    a.role = role;
    a.unit_code = "XD.A/zjj";
    EXPECT_EQ(svc_->PutUnit(a, {"XD.A/zjj", "改名", "zjj", "XD.A"}).status().code(),
              StatusCode::kPermissionDenied);
    EXPECT_EQ(
        svc_->PutRegion(a, {"XD.A.A4", "A4区", "XD.A", RegionLevel::kDistrict}).status().code(),
        StatusCode::kPermissionDenied);
    EXPECT_EQ(svc_->PutCategory(a, {"02", "x", "", 1}).status().code(),
              StatusCode::kPermissionDenied);
    EXPECT_EQ(svc_->PutDutyCatalog(a, {}, "").status().code(), StatusCode::kPermissionDenied);
    EXPECT_TRUE(svc_->GetDutyCatalog(a).ok());  // staff read it
  }
  EXPECT_EQ(svc_->PutUnit(Actor::Citizen(), {"XD.A/zjj", "改名", "zjj", "XD.A"}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->GetDutyCatalog(Actor::Citizen()).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(store_->ListUnits()->at(1).name, "A市住建局");
  EXPECT_EQ(Changes(), 0u);
}

TEST_F(ReferenceAdminTest, UnitRenamedAndCreatedWithAudit) {
  clock_.Advance(1000);
  auto r = svc_->PutUnit(admin_, {"XD.A/zjj", "A市住房和城乡建设局", "zjj", "XD.A"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(svc_->directory()->FindUnit("XD.A/zjj")->name, "A市住房和城乡建设局");
  ASSERT_TRUE(svc_->PutUnit(admin_, {"XD.A.A3/sthj", "A3区生态环境局", "sthj", "XD.A.A3"}).ok());
  EXPECT_NE(svc_->directory()->FindUnit("XD.A.A3/sthj"), nullptr);
  auto log = store_->ListReferenceChanges(10);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ(log->at(1).actor, "admin");
  EXPECT_EQ(log->at(1).kind, "unit");
  EXPECT_EQ(log->at(1).code, "XD.A/zjj");
  EXPECT_EQ(log->at(1).at, kT0 + 1000);
  EXPECT_EQ(log->at(1).before, "name=A市住建局 type=zjj region=XD.A");
  EXPECT_EQ(log->at(1).after, "name=A市住房和城乡建设局 type=zjj region=XD.A");
  EXPECT_EQ(log->at(0).before, "");  // created
  auto listed = svc_->ListReferenceChanges(admin_, 10);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 2u);
  Actor analyst;
  analyst.role = Role::kAnalyst;
  EXPECT_EQ(svc_->ListReferenceChanges(analyst, 10).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(ReferenceAdminTest, BadUnitsAreRefusedAndStoreNothing) {
  const std::vector<Unit> bad = {
      {"XD.A/zjj", "", "zjj", "XD.A"},  // no name
      {"XD.A/zjj", std::string(101 * 3, 'x'), "zjj", "XD.A"},
      {"XD.Q/zjj", "Q市住建局", "zjj", "XD.Q"},    // unknown region
      {"XD.A/other", "A市住建局", "zjj", "XD.A"},  // code ≠ region/type
      {"XD.A/ZJJ", "A市住建局", "ZJJ", "XD.A"},    // type not lower case
      {"XD.A/1x", "A市住建局", "1x", "XD.A"},
  };
  for (const Unit& u : bad) {
    auto r = svc_->PutUnit(admin_, u);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << u.code << " " << u.name;
  }
  EXPECT_EQ(store_->ListUnits()->size(), 3u);
  EXPECT_EQ(store_->ListUnits()->at(1).name, "A市住建局");
  EXPECT_EQ(Changes(), 0u);
}

TEST_F(ReferenceAdminTest, RegionsNeedTheirParentOneLevelUp) {
  ASSERT_TRUE(svc_->PutRegion(admin_, {"XD.A.A4", "A4区", "XD.A", RegionLevel::kDistrict}).ok());
  EXPECT_NE(svc_->directory()->FindRegion("XD.A.A4"), nullptr);
  ASSERT_TRUE(svc_->PutRegion(admin_, {"XD.A.A4", "A4新区", "XD.A", RegionLevel::kDistrict}).ok());
  EXPECT_EQ(svc_->directory()->FindRegion("XD.A.A4")->name, "A4新区");
  const std::vector<Region> bad = {
      {"XD.B.B1", "B1区", "XD.B", RegionLevel::kDistrict},   // parent missing
      {"XD.A.A5", "A5区", "XD.A", RegionLevel::kStreet},     // two levels below
      {"XD.C.A6", "A6区", "XD.A", RegionLevel::kDistrict},   // code not under the parent
      {"XD.A.A-7", "A7区", "XD.A", RegionLevel::kDistrict},  // bad segment
      {"YD", "东地省", "", RegionLevel::kProvince},          // a second root
      {"XD.A.A3", "A3区", "XD", RegionLevel::kCity},         // moving an existing region
      {"XD.A.A8", " ", "XD.A", RegionLevel::kDistrict},
  };
  for (const Region& r : bad) {
    EXPECT_EQ(svc_->PutRegion(admin_, r).status().code(), StatusCode::kInvalidArgument) << r.code;
  }
  EXPECT_EQ(store_->ListRegions()->size(), 4u);
  EXPECT_EQ(Changes(), 2u);
}

TEST_F(ReferenceAdminTest, CategoriesAtMostThreeLevels) {
  ASSERT_TRUE(svc_->PutCategory(admin_, {"01.02.017", "井盖", "01.02", 3}).ok());
  ASSERT_TRUE(svc_->PutCategory(admin_, {"16", "新的一级分类", "", 1}).ok());
  ASSERT_TRUE(svc_->PutCategory(admin_, {"01", "城乡建设管理", "", 1}).ok());
  EXPECT_EQ(svc_->directory()->FindCategory("01")->name, "城乡建设管理");
  const std::vector<Category> bad = {
      {"01.02.017.1", "太深", "01.02.017", 4},
      {"01.09.001", "x", "01.09", 3},  // parent missing
      {"01.03", "x", "01", 3},         // wrong level
      {"02.01", "x", "01", 2},         // code not under the parent
      {"1a", "x", "", 1},
      {"01.02", "x", "", 1},  // moving an existing one
  };
  for (const Category& k : bad) {
    EXPECT_EQ(svc_->PutCategory(admin_, k).status().code(), StatusCode::kInvalidArgument) << k.code;
  }
  EXPECT_EQ(store_->ListCategories()->size(), 4u);
}

TEST_F(ReferenceAdminTest, DutyCatalogReplacedOnTheRevisionReadOnly) {
  auto c = svc_->GetDutyCatalog(admin_);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->rules.size(), 1u);
  std::vector<DutyRule> rules = {{"01", "zjj", RegionLevel::kCity, ""},
                                 {"01.02", "cg", RegionLevel::kDistrict, "井盖 路灯"}};
  auto put = svc_->PutDutyCatalog(admin_, rules, c->revision);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_NE(put->revision, c->revision);
  EXPECT_EQ(svc_->directory()->duty_rules.size(), 2u);
  EXPECT_EQ(store_->ListDutyRules()->at(1).keywords, "井盖 路灯");
  auto log = store_->ListReferenceChanges(1);
  EXPECT_EQ(log->at(0).kind, "duty_rules");
  EXPECT_EQ(log->at(0).before, "");  // nothing removed
  EXPECT_EQ(log->at(0).after, "01.02→cg@district[井盖 路灯]");
  // The old revision is stale now: refused, nothing changes.
  auto stale = svc_->PutDutyCatalog(admin_, {}, c->revision);
  EXPECT_EQ(stale.status().code(), StatusCode::kAborted);
  EXPECT_EQ(store_->ListDutyRules()->size(), 2u);
  // Bad rules name what is wrong and where.
  struct Case {
    DutyRule rule;
    std::string message;
  };
  for (const Case& bad :
       std::vector<Case>{{{"09", "zjj", RegionLevel::kCity, ""}, "分类不存在"},
                         {{"01", "nosuch", RegionLevel::kCity, ""}, "没有这种类型"},
                         {{"01", "zjj", RegionLevel::kCity, std::string(201, 'k')}, "200"},
                         {{"01", "zjj", RegionLevel::kCity, ""}, "重复"}}) {
    std::vector<DutyRule> next = rules;
    next.push_back(bad.rule);
    if (bad.message == "重复") next.pop_back(), next.push_back(rules[0]);
    auto r = svc_->PutDutyCatalog(admin_, next, put->revision);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find("第 3 条"), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find(bad.message), std::string::npos) << r.status().message();
  }
  EXPECT_EQ(store_->ListDutyRules()->size(), 2u);
  // Removing a rule is recorded as what was removed.
  auto removed = svc_->PutDutyCatalog(admin_, {rules[1]}, put->revision);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(store_->ListReferenceChanges(1)->at(0).before, "01→zjj@city");
}

}  // namespace
}  // namespace lianxin::service
