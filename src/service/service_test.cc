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

  Result<TicketView> Do(const Actor& a, TicketId id, EventType type, std::string unit = "",
                        std::string content = "", std::string reason = "") {
    ActionRequest r;
    r.type = type;
    r.unit_code = std::move(unit);
    r.content = std::move(content);
    r.reason = std::move(reason);
    return svc_->Perform(a, id, r);
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
  TicketId id = created->ticket.id;
  EXPECT_EQ(created->ticket.query_code.size(), 6u);

  Actor dispatcher = As("paidan"), zj = As("zj"), cg = As("cg");
  // Unit handlers cannot act before dispatch, nor on another unit's ticket.
  EXPECT_EQ(Do(zj, id, EventType::kAccept).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Do(zj, id, EventType::kDispatch, "XD.A.A3/zjj").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Do(As("fenxi"), id, EventType::kDispatch, "XD.A.A3/zjj").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(Do(dispatcher, id, EventType::kDispatch, "XD.BAD/x").status().code(),
            StatusCode::kInvalidArgument);
  auto d = Do(dispatcher, id, EventType::kDispatch, "XD.A.A3/zjj", "", "属地住建部门负责");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(d->personal_data_masked);  // dispatchers do not need the phone
  EXPECT_EQ(d->ticket.citizen_phone, "138****1234");
  EXPECT_EQ(d->ticket.due_at, kT0 + 7 * kDayMs);

  EXPECT_EQ(svc_->GetTicket(cg, id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Do(cg, id, EventType::kAccept).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Do(zj, id, EventType::kReply, "", "已处理").status().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(Do(zj, id, EventType::kAccept).ok());
  auto r = Do(zj, id, EventType::kReply, "", "已责令工地夜间停工。");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->personal_data_masked);
  EXPECT_EQ(r->ticket.citizen_phone, "13812341234");
  auto z = Do(zj, id, EventType::kResolve);
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(z->ticket.status, TicketStatus::kResolved);
  EXPECT_EQ(svc_->ListEvents(zj, id)->size(), 5u);

  int64_t total = 0;
  EXPECT_EQ(svc_->ListTickets(cg, {}, &total)->size(), 0u);
  EXPECT_EQ(total, 0);
  EXPECT_EQ(svc_->ListTickets(zj, {}, &total)->size(), 1u);

  auto tracked = svc_->Track(created->ticket.number, created->ticket.query_code);
  ASSERT_TRUE(tracked.ok());
  EXPECT_EQ(tracked->ticket.citizen_phone, "138****1234");
  EXPECT_EQ(tracked->ticket.citizen_name, "张*");
  EXPECT_EQ(tracked->owner_unit_name, "A3区住房和城乡建设局");
  ASSERT_EQ(tracked->timeline.size(), 5u);
  EXPECT_EQ(tracked->timeline[3].content, "已责令工地夜间停工。");
  EXPECT_EQ(svc_->Track(created->ticket.number, "WRONG1").status().code(), StatusCode::kNotFound);
}

TEST_F(ServiceTest, PersonalDataReadsAreAudited) {
  auto t = svc_->CreateTicket(As("huawu"), Sample());
  ASSERT_TRUE(t.ok());
  // The intake answer shows the call-taker what was typed: a logged read.
  EXPECT_FALSE(t->personal_data_masked);
  EXPECT_EQ(t->ticket.citizen_phone, "13812341234");
  ASSERT_EQ(store_->ListAccess(10)->size(), 1u);
  EXPECT_EQ(store_->ListAccess(10)->at(0).purpose, "ticket.create");
  auto analyst = svc_->GetTicket(As("fenxi"), t->ticket.id);
  ASSERT_TRUE(analyst.ok());
  EXPECT_EQ(analyst->ticket.citizen_phone, "138****1234");
  EXPECT_EQ(store_->ListAccess(10)->size(), 1u);  // masked reads are not logged
  auto taker = svc_->GetTicket(As("huawu"), t->ticket.id);
  EXPECT_EQ(taker->ticket.citizen_phone, "13812341234");
  auto log = store_->ListAccess(10);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ(log->at(0).username, "huawu");
  EXPECT_EQ(log->at(0).ticket_id, t->ticket.id);
  EXPECT_EQ(log->at(0).purpose, "ticket.get");
}

TEST_F(ServiceTest, IntakeAnswerIsMaskedForRolesWithoutPersonalData) {
  auto t = svc_->CreateTicket(As("paidan"), Sample());  // a dispatcher records a call
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->personal_data_masked);
  EXPECT_EQ(t->ticket.citizen_phone, "138****1234");
  EXPECT_FALSE(t->ticket.query_code.empty());  // still read out to the caller
  EXPECT_TRUE(store_->ListAccess(10)->empty());
}

TEST_F(ServiceTest, ReturnsExtensionsRevisitsAndReopening) {
  AddUser("duban", Role::kSupervisor, "");
  Actor dispatcher = As("paidan"), zj = As("zj"), sup = As("duban");
  auto t = svc_->SubmitPublic(Sample());
  ASSERT_TRUE(t.ok());
  TicketId id = t->ticket.id;
  ASSERT_TRUE(Do(dispatcher, id, EventType::kDispatch, "XD.A.A3/cg").ok());
  // The wrong unit returns it; the dispatcher upholds and sends it on.
  Actor cg = As("cg");
  EXPECT_EQ(Do(cg, id, EventType::kReturnRequest, "", "不归我们管", "不是理由").status().code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(Do(cg, id, EventType::kReturnRequest, "", "施工噪音归住建部门", "职能不符").ok());
  EXPECT_EQ(Do(cg, id, EventType::kReturnApprove, "XD.A.A3/zjj").status().code(),
            StatusCode::kPermissionDenied);
  auto moved = Do(dispatcher, id, EventType::kReturnApprove, "XD.A.A3/zjj", "", "职能不符，改派住建");
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->ticket.owner_unit, "XD.A.A3/zjj");
  EXPECT_EQ(svc_->GetTicket(cg, id).status().code(), StatusCode::kNotFound);
  // The new unit signs and asks for more time; a supervisor approves.
  ASSERT_TRUE(Do(zj, id, EventType::kAccept).ok());
  ActionRequest ext;
  ext.type = EventType::kExtensionRequest;
  ext.reason = "需协调多个部门";
  ext.due_at = kT0 + 10 * kDayMs;
  ASSERT_TRUE(svc_->Perform(zj, id, ext).ok());
  EXPECT_EQ(Do(zj, id, EventType::kExtensionApprove).status().code(), StatusCode::kPermissionDenied);
  auto approved = Do(sup, id, EventType::kExtensionApprove, "", "", "同意延期");
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->ticket.due_at, kT0 + 10 * kDayMs);
  EXPECT_EQ(approved->ticket.status, TicketStatus::kAccepted);
  ASSERT_TRUE(Do(zj, id, EventType::kReply, "", "已协调停工。").ok());
  ASSERT_TRUE(Do(zj, id, EventType::kResolve).ok());
  // The citizen is not satisfied: the ticket is reopened.
  auto revisit = svc_->CitizenRevisit(t->ticket.number, t->ticket.query_code, false, Satisfaction::kUnsatisfied,
                                      "还在施工");
  ASSERT_TRUE(revisit.ok()) << revisit.status().ToString();
  // 重办 goes straight back to the unit that handled it, with a fresh deadline.
  EXPECT_EQ(revisit->ticket.status, TicketStatus::kDispatched);
  EXPECT_EQ(revisit->ticket.owner_unit, "XD.A.A3/zjj");
  EXPECT_EQ(revisit->ticket.due_at, kT0 + 7 * kDayMs);
  EXPECT_EQ(svc_->CitizenRevisit(t->ticket.number, "BADBAD", true, Satisfaction::kSatisfied, "")
                .status()
                .code(),
            StatusCode::kNotFound);
  // Signed again, resolved and confirmed.
  ASSERT_TRUE(Do(zj, id, EventType::kAccept).ok());
  ASSERT_TRUE(Do(zj, id, EventType::kReply, "", "已彻底解决。").ok());
  ASSERT_TRUE(Do(zj, id, EventType::kResolve).ok());
  auto ok = svc_->CitizenRevisit(t->ticket.number, t->ticket.query_code, true, Satisfaction::kSatisfied, "");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->ticket.status, TicketStatus::kRevisited);
  ASSERT_TRUE(Do(sup, id, EventType::kArchive).ok());
  auto allowed = svc_->AllowedActions(sup, svc_->GetTicket(sup, id)->ticket);
  EXPECT_EQ(std::count(allowed.begin(), allowed.end(), EventType::kArchive), 0);
}

// ---- reopen routing and assisted tickets (issue 4, part A) ----
TEST_F(ServiceTest, ReopenGoesBackToTheUnitOrToTheDispatchers) {
  ASSERT_TRUE(store_->PutUnits({{"XD/rx", "12345热线中心", "rx", "XD"}}).ok());
  ASSERT_TRUE(svc_->ReloadDirectory().ok());
  AddUser("duban", Role::kSupervisor, "");
  Actor dispatcher = As("paidan"), zj = As("zj"), cg = As("cg"), sup = As("duban");
  auto resolve = [&](TicketId id) {
    ASSERT_TRUE(Do(zj, id, EventType::kAccept).ok());
    ASSERT_TRUE(Do(zj, id, EventType::kReply, "", "已处理。").ok());
    ASSERT_TRUE(Do(zj, id, EventType::kResolve).ok());
  };
  auto a = svc_->SubmitPublic(Sample());
  ASSERT_TRUE(a.ok());
  TicketId id = a->ticket.id;
  EXPECT_EQ(a->ticket.owner_unit, "XD/rx");
  ActionRequest send;
  send.type = EventType::kDispatch;
  send.unit_code = "XD.A.A3/zjj";
  send.assist_units = {"XD.A.A3/cg"};
  ASSERT_TRUE(svc_->Perform(dispatcher, id, send).ok());
  resolve(id);

  // A supervisor reopens: back to the same lead and assisting unit, fresh deadline.
  clock_.Advance(kDayMs);
  auto back = Do(sup, id, EventType::kReopen, "", "", "群众反映仍未解决");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->ticket.status, TicketStatus::kDispatched);
  EXPECT_EQ(back->ticket.owner_unit, "XD.A.A3/zjj");
  EXPECT_EQ(back->ticket.assist_units, std::vector<std::string>{"XD.A.A3/cg"});
  EXPECT_EQ(back->ticket.dispatched_at, kT0 + kDayMs);
  EXPECT_EQ(back->ticket.due_at, kT0 + 8 * kDayMs);
  auto events = svc_->ListEvents(sup, id);
  ASSERT_GE(events->size(), 2u);
  EXPECT_EQ(events->at(events->size() - 2).type, EventType::kReopen);
  EXPECT_EQ(events->back().type, EventType::kDispatch);
  EXPECT_EQ(events->back().actor, "system");
  int64_t total = 0;
  ASSERT_TRUE(svc_->DispatchQueue(dispatcher, 20, 0, &total).ok());
  EXPECT_EQ(total, 0);

  // Reopened as misrouted: to the dispatchers' queue, owned by the centre.
  resolve(id);
  ActionRequest wrong;
  wrong.type = EventType::kReopen;
  wrong.reason = "承办单位不对";
  wrong.misrouted = true;
  auto queued = svc_->Perform(sup, id, wrong);
  ASSERT_TRUE(queued.ok()) << queued.status().ToString();
  EXPECT_EQ(queued->ticket.status, TicketStatus::kReopened);
  EXPECT_EQ(queued->ticket.owner_unit, "XD/rx");
  EXPECT_TRUE(queued->ticket.assist_units.empty());
  EXPECT_EQ(queued->ticket.due_at, clock_.Now() + 2 * kHourMs);
  auto queue = svc_->DispatchQueue(dispatcher, 20, 0, &total);
  ASSERT_EQ(total, 1);
  EXPECT_EQ(queue->at(0).ticket.id, id);
  EXPECT_EQ(svc_->GetTicket(zj, id).status().code(), StatusCode::kNotFound);
  // The dispatcher must name the unit (the centre is no default).
  EXPECT_EQ(Do(dispatcher, id, EventType::kDispatch).status().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(Do(dispatcher, id, EventType::kDispatch, "XD.A.A3/cg").ok());
  // misrouted only on reopen and revisit.
  ActionRequest bad;
  bad.type = EventType::kNote;
  bad.content = "x";
  bad.misrouted = true;
  EXPECT_EQ(svc_->Perform(dispatcher, id, bad).status().code(), StatusCode::kInvalidArgument);
  (void)cg;
}

TEST_F(ServiceTest, UnitHandlersListLeadAndAssistedTickets) {
  Actor dispatcher = As("paidan"), zj = As("zj"), cg = As("cg");
  auto lead = svc_->SubmitPublic(Sample());
  auto assisted = svc_->SubmitPublic(Sample());
  ASSERT_TRUE(lead.ok() && assisted.ok());
  ASSERT_TRUE(Do(dispatcher, lead->ticket.id, EventType::kDispatch, "XD.A.A3/cg").ok());
  ActionRequest send;
  send.type = EventType::kDispatch;
  send.unit_code = "XD.A.A3/zjj";
  send.assist_units = {"XD.A.A3/cg"};
  ASSERT_TRUE(svc_->Perform(dispatcher, assisted->ticket.id, send).ok());
  int64_t total = 0;
  store::TicketFilter f;
  ASSERT_TRUE(svc_->ListTickets(cg, f, &total).ok());
  EXPECT_EQ(total, 2);
  f.involvement = store::TicketFilter::Involvement::kLead;
  auto leads = svc_->ListTickets(cg, f, &total);
  ASSERT_EQ(total, 1);
  EXPECT_EQ(leads->at(0).ticket.id, lead->ticket.id);
  f.involvement = store::TicketFilter::Involvement::kAssist;
  auto helps = svc_->ListTickets(cg, f, &total);
  ASSERT_EQ(total, 1);
  EXPECT_EQ(helps->at(0).ticket.id, assisted->ticket.id);
  // A handler cannot widen its scope with another unit's code.
  store::TicketFilter other;
  other.owner_unit = "XD.A.A3/zjj";
  ASSERT_TRUE(svc_->ListTickets(cg, other, &total).ok());
  EXPECT_EQ(total, 2);  // still only its own two
  ASSERT_TRUE(svc_->ListTickets(zj, store::TicketFilter{}, &total).ok());
  EXPECT_EQ(total, 1);
}

TEST_F(ServiceTest, SlaScanRemindsThenEscalatesOnceEach) {
  auto t = svc_->SubmitPublic(Sample());
  ASSERT_TRUE(t.ok());
  ASSERT_TRUE(Do(As("paidan"), t->ticket.id, EventType::kDispatch, "XD.A.A3/zjj").ok());
  EXPECT_EQ(*svc_->RunSlaScan(), 0);  // nothing due yet
  clock_.Advance(6 * kDayMs);  // past 80% of 7 days
  EXPECT_EQ(*svc_->RunSlaScan(), 1);
  EXPECT_EQ(*svc_->RunSlaScan(), 0);  // never twice for the same deadline
  auto reminded = store_->GetTicket(t->ticket.id);
  EXPECT_GT(reminded->reminded_at, 0);
  clock_.Advance(2 * kDayMs);  // past the deadline
  EXPECT_EQ(*svc_->RunSlaScan(), 1);
  EXPECT_EQ(*svc_->RunSlaScan(), 0);
  auto events = store_->ListEvents(t->ticket.id);
  int reminders = 0, escalations = 0;
  for (const auto& e : *events) {
    reminders += e.type == EventType::kReminder;
    escalations += e.type == EventType::kEscalation;
  }
  EXPECT_EQ(reminders, 1);
  EXPECT_EQ(escalations, 1);
  // A fresh service over the same store (a restart) finds nothing left to do.
  Service again(*store_, clock_);
  EXPECT_EQ(*again.RunSlaScan(), 0);
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
