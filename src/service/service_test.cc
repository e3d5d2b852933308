#include "service/service.h"

#include <gtest/gtest.h>

#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenSqliteStore(dir_.File("s.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    ASSERT_TRUE(store_->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                    {"XD.A", "A市", "XD", RegionLevel::kCity},
                                    {"XD.A.A3", "A3区", "XD.A", RegionLevel::kDistrict}})
                    .ok());
    ASSERT_TRUE(store_->PutUnits({{"XD.A.A3/zjj", "A3区住房和城乡建设局", "zjj", "XD.A.A3"},
                                  {"XD.A.A3/cg", "A3区城市管理局", "cg", "XD.A.A3"}})
                    .ok());
    ASSERT_TRUE(store_->PutCategories({{"01", "城乡建设", "", 1}}).ok());
    ASSERT_TRUE(svc_->ReloadDirectory().ok());
    AddUser("huawu", Role::kCallTaker, "");
    AddUser("paidan", Role::kDispatcher, "");
    AddUser("zj", Role::kUnitHandler, "XD.A.A3/zjj");
    AddUser("cg", Role::kUnitHandler, "XD.A.A3/cg");
    AddUser("fenxi", Role::kAnalyst, "");
  }

  void AddUser(const std::string& name, Role role, const std::string& unit) {
    User u;
    u.username = name;
    u.display_name = name;
    u.role = role;
    u.unit_code = unit;
    ASSERT_TRUE(svc_->PutUser(Actor::System(), u, "password1").ok());
  }

  Actor As(const std::string& name) {
    auto login = svc_->Login(name, "password1");
    EXPECT_TRUE(login.ok()) << login.status().ToString();
    auto actor = svc_->Authenticate(login->token);
    EXPECT_TRUE(actor.ok());
    return *actor;
  }

  NewTicket Sample() {
    NewTicket n;
    n.kind = TicketKind::kComplaint;
    n.title = "小区夜间施工噪音扰民";
    n.body = "A3区某小区工地每晚十点后仍在施工，严重影响休息。";
    n.citizen_name = "张三";
    n.citizen_phone = "13812341234";
    n.region_code = "XD.A.A3";
    return n;
  }

  testutil::TempDir dir_;
  FakeClock clock_{kT0};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
};

TEST_F(ServiceTest, LoginAuthenticateLogoutAndExpiry) {
  EXPECT_EQ(svc_->Login("huawu", "wrong").status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(svc_->Login("nobody", "password1").status().code(), StatusCode::kUnauthenticated);
  auto login = svc_->Login("huawu", "password1");
  ASSERT_TRUE(login.ok());
  EXPECT_TRUE(login->user.password_hash.empty());
  EXPECT_EQ(svc_->Authenticate(login->token)->role, Role::kCallTaker);
  EXPECT_FALSE(svc_->Authenticate("lx_forged").ok());
  clock_.Advance(13 * kHourMs);
  EXPECT_EQ(svc_->Authenticate(login->token).status().code(), StatusCode::kUnauthenticated);
  auto again = svc_->Login("huawu", "password1");
  ASSERT_TRUE(svc_->Logout(again->token).ok());
  EXPECT_FALSE(svc_->Authenticate(again->token).ok());
}

TEST_F(ServiceTest, PasswordsAreStoredAsArgon2id) {
  auto u = store_->GetUser("huawu");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(u->password_hash.find("password1"), std::string::npos);
}

TEST_F(ServiceTest, OnlyAdminsManageUsers) {
  User u;
  u.username = "x";
  EXPECT_EQ(svc_->PutUser(As("paidan"), u, "password1").code(), StatusCode::kPermissionDenied);
  u.role = Role::kUnitHandler;
  u.unit_code = "XD.NOPE/x";
  EXPECT_EQ(svc_->PutUser(Actor::System(), u, "password1").code(), StatusCode::kInvalidArgument);
  u.role = Role::kAnalyst;
  EXPECT_EQ(svc_->PutUser(Actor::System(), u, "short").code(), StatusCode::kInvalidArgument);
}

TEST_F(ServiceTest, WholeFlowWithRolesAndScopes) {
  auto created = svc_->SubmitPublic(Sample());
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  TicketId id = created->id;
  EXPECT_EQ(created->query_code.size(), 6u);

  Actor dispatcher = As("paidan"), zj = As("zj"), cg = As("cg");
  // Unit handlers cannot act before dispatch, nor on another unit's ticket.
  EXPECT_EQ(svc_->Accept(zj, id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(svc_->Dispatch(zj, id, "XD.A.A3/zjj", "").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->Dispatch(dispatcher, id, "XD.BAD/x", "").status().code(),
            StatusCode::kInvalidArgument);
  auto d = svc_->Dispatch(dispatcher, id, "XD.A.A3/zjj", "属地住建部门负责");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(d->personal_data_masked);  // dispatchers do not need the phone
  EXPECT_EQ(d->ticket.citizen_phone, "138****1234");
  EXPECT_EQ(d->ticket.due_at, kT0 + 7 * kDayMs);

  EXPECT_EQ(svc_->GetTicket(cg, id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(svc_->Accept(cg, id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(svc_->Reply(zj, id, "已处理").status().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(svc_->Accept(zj, id).ok());
  auto r = svc_->Reply(zj, id, "已责令工地夜间停工。");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->personal_data_masked);
  EXPECT_EQ(r->ticket.citizen_phone, "13812341234");
  auto z = svc_->Resolve(zj, id, "");
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(z->ticket.status, TicketStatus::kResolved);
  EXPECT_EQ(svc_->ListEvents(zj, id)->size(), 5u);

  int64_t total = 0;
  EXPECT_EQ(svc_->ListTickets(cg, {}, &total)->size(), 0u);
  EXPECT_EQ(total, 0);
  EXPECT_EQ(svc_->ListTickets(zj, {}, &total)->size(), 1u);

  auto tracked = svc_->Track(created->number, created->query_code);
  ASSERT_TRUE(tracked.ok());
  EXPECT_EQ(tracked->ticket.citizen_phone, "138****1234");
  EXPECT_EQ(tracked->ticket.citizen_name, "张*");
  EXPECT_EQ(tracked->owner_unit_name, "A3区住房和城乡建设局");
  ASSERT_EQ(tracked->timeline.size(), 5u);
  EXPECT_EQ(tracked->timeline[3].content, "已责令工地夜间停工。");
  EXPECT_EQ(svc_->Track(created->number, "WRONG1").status().code(), StatusCode::kNotFound);
}

TEST_F(ServiceTest, PersonalDataReadsAreAudited) {
  auto t = svc_->CreateTicket(As("huawu"), Sample());
  ASSERT_TRUE(t.ok());
  auto analyst = svc_->GetTicket(As("fenxi"), t->id);
  ASSERT_TRUE(analyst.ok());
  EXPECT_EQ(analyst->ticket.citizen_phone, "138****1234");
  EXPECT_TRUE(store_->ListAccess(10)->empty());
  auto taker = svc_->GetTicket(As("huawu"), t->id);
  EXPECT_EQ(taker->ticket.citizen_phone, "13812341234");
  auto log = store_->ListAccess(10);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->at(0).username, "huawu");
  EXPECT_EQ(log->at(0).ticket_id, t->id);
}

TEST_F(ServiceTest, IntakeValidation) {
  Actor taker = As("huawu");
  NewTicket n = Sample();
  n.title = "  ";
  EXPECT_EQ(svc_->CreateTicket(taker, n).status().code(), StatusCode::kInvalidArgument);
  n = Sample();
  n.body = std::string(5001 * 3 / 3, 'x') + "长";
  EXPECT_EQ(svc_->CreateTicket(taker, n).status().code(), StatusCode::kInvalidArgument);
  n = Sample();
  n.title = "bad \xff utf8";
  EXPECT_EQ(svc_->CreateTicket(taker, n).status().code(), StatusCode::kInvalidArgument);
  n = Sample();
  n.region_code = "XD.Z";
  EXPECT_EQ(svc_->CreateTicket(taker, n).status().code(), StatusCode::kInvalidArgument);
  n = Sample();
  n.citizen_phone = "";
  EXPECT_EQ(svc_->SubmitPublic(n).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(svc_->CreateTicket(taker, n).ok());  // a call-taker may omit it
  n = Sample();
  n.latitude = 28.2;
  EXPECT_EQ(svc_->CreateTicket(taker, n).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(svc_->CreateTicket(As("fenxi"), Sample()).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(store_->Stats()->tickets, 1);  // nothing else stored
}

}  // namespace
}  // namespace lianxin::service
