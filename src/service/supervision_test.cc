#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "service/service.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST

class SupervisionTest : public ::testing::Test {
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
    ASSERT_TRUE(store_->PutUnits({{"XD/rx", "12345热线中心", "rx", "XD"},
                                  {"XD.A.A3/zjj", "A3区住房和城乡建设局", "zjj", "XD.A.A3"},
                                  {"XD.A.A3/cg", "A3区城市管理局", "cg", "XD.A.A3"}})
                    .ok());
    ASSERT_TRUE(svc_->ReloadDirectory().ok());
    for (auto [name, role, unit] : {std::tuple{"paidan", Role::kDispatcher, ""},
                                    std::tuple{"duban", Role::kSupervisor, ""},
                                    std::tuple{"huawu", Role::kCallTaker, ""},
                                    std::tuple{"zj", Role::kUnitHandler, "XD.A.A3/zjj"},
                                    std::tuple{"cg", Role::kUnitHandler, "XD.A.A3/cg"}}) {
      User u;
      u.username = name;
      u.display_name = name;
      u.role = role;
      u.unit_code = unit;
      ASSERT_TRUE(svc_->PutUser(Actor::System(), u, "password1").ok());
      actors_[name] = *svc_->Authenticate(svc_->Login(name, "password1")->token);
    }
  }

  // A new ticket dispatched to `unit` (assisted by `assist` when given).
  TicketId Dispatched(const std::string& unit, Urgency urgency = Urgency::kNormal,
                      const std::string& assist = "") {
    NewTicket n;
    n.title = "路灯不亮";
    n.body = "A3区某路段路灯坏了一周。";
    n.citizen_phone = "13812341234";
    n.region_code = "XD.A.A3";
    n.urgency = urgency;
    auto t = svc_->SubmitPublic(n);
    EXPECT_TRUE(t.ok());
    ActionRequest r;
    r.type = EventType::kDispatch;
    r.unit_code = unit;
    if (!assist.empty()) r.assist_units = {assist};
    EXPECT_TRUE(svc_->Perform(actors_["paidan"], t->ticket.id, r).ok());
    return t->ticket.id;
  }
  void Act(const std::string& who, TicketId id, EventType type, std::string reason = "",
           std::string content = "", TimeMs due = 0) {
    ActionRequest r;
    r.type = type;
    r.reason = std::move(reason);
    r.content = std::move(content);
    r.due_at = due;
    auto done = svc_->Perform(actors_[who], id, r);
    ASSERT_TRUE(done.ok()) << done.status().ToString();
  }
  std::vector<TicketId> Ids(const std::string& who, SupervisionList list, TimeMs window = kDayMs,
                            int64_t* total = nullptr) {
    SupervisionQuery q;
    q.list = list;
    q.window = window;
    auto items = svc_->Supervision(actors_[who], q, total);
    EXPECT_TRUE(items.ok()) << items.status().ToString();
    std::vector<TicketId> out;
    if (items.ok()) {
      for (const TicketView& v : *items) out.push_back(v.ticket.id);
    }
    return out;
  }

  testutil::TempDir dir_;
  FakeClock clock_{kT0};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
  std::map<std::string, Actor> actors_;
};

TEST_F(SupervisionTest, EachListHoldsWhatItSaysScopedByRole) {
  using L = SupervisionList;
  TicketId normal = Dispatched("XD.A.A3/zjj");                              // due T0 + 7 d
  TicketId urgent = Dispatched("XD.A.A3/cg", Urgency::kUrgent, "XD.A.A3/zjj");  // due T0 + 24 h
  TicketId extension = Dispatched("XD.A.A3/zjj");
  Act("zj", extension, EventType::kAccept);
  Act("zj", extension, EventType::kExtensionRequest, "需协调", "", kT0 + 10 * kDayMs);
  TicketId returned = Dispatched("XD.A.A3/cg");
  Act("cg", returned, EventType::kReturnRequest, "职能不符", "路灯归住建");
  TicketId resolved = Dispatched("XD.A.A3/zjj");
  Act("zj", resolved, EventType::kAccept);
  Act("zj", resolved, EventType::kReply, "", "已修复");
  Act("zj", resolved, EventType::kResolve);

  EXPECT_TRUE(Ids("duban", L::kOverdue).empty());
  EXPECT_EQ(Ids("duban", L::kDueSoon, 2 * kDayMs), std::vector<TicketId>{urgent});
  clock_.Advance(2 * kDayMs);
  EXPECT_EQ(Ids("duban", L::kOverdue), std::vector<TicketId>{urgent});
  ASSERT_TRUE(svc_->RunSlaScan().ok());  // escalates the overdue one
  EXPECT_EQ(Ids("duban", L::kEscalated), std::vector<TicketId>{urgent});
  // Due within 6 days from now (T0 + 2 d): the three 7-day tickets still open, earliest first.
  std::vector<TicketId> soon = Ids("duban", L::kDueSoon, 6 * kDayMs);
  // The pending extension moves nothing until approved; the resolved one is not open.
  EXPECT_EQ(soon, (std::vector<TicketId>{normal, extension, returned}));
  EXPECT_EQ(Ids("duban", L::kExtensions), std::vector<TicketId>{extension});
  EXPECT_EQ(Ids("paidan", L::kReturns), std::vector<TicketId>{returned});
  EXPECT_EQ(Ids("huawu", L::kRevisits), std::vector<TicketId>{resolved});

  // Unit handlers see their unit's part of every list, lead or assisting.
  EXPECT_EQ(Ids("zj", L::kOverdue), std::vector<TicketId>{urgent});  // assists it
  EXPECT_TRUE(Ids("zj", L::kReturns).empty());
  EXPECT_EQ(Ids("cg", L::kReturns), std::vector<TicketId>{returned});
  EXPECT_TRUE(Ids("cg", L::kExtensions).empty());

  // Roles without a list are refused; bad windows too.
  SupervisionQuery q;
  q.list = L::kExtensions;
  EXPECT_EQ(svc_->Supervision(actors_["paidan"], q, nullptr).status().code(),
            StatusCode::kPermissionDenied);
  q.list = L::kOverdue;
  EXPECT_EQ(svc_->Supervision(actors_["huawu"], q, nullptr).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->Supervision(Actor::Citizen(), q, nullptr).status().code(),
            StatusCode::kPermissionDenied);
  q.list = L::kDueSoon;
  q.window = 0;
  EXPECT_EQ(svc_->Supervision(actors_["duban"], q, nullptr).status().code(),
            StatusCode::kInvalidArgument);

  // Reopened: a misrouted reopen waits for a dispatcher.
  ActionRequest r;
  r.type = EventType::kReopen;
  r.reason = "派错单位";
  r.misrouted = true;
  ASSERT_TRUE(svc_->Perform(actors_["duban"], resolved, r).ok());
  EXPECT_EQ(Ids("paidan", L::kReopened), std::vector<TicketId>{resolved});
  EXPECT_TRUE(Ids("huawu", L::kRevisits).empty());

  // Counts per list, only those the role may read.
  auto counts = svc_->SupervisionCounts(actors_["paidan"]);
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 5u);
  EXPECT_EQ(counts->at(0), std::make_pair(L::kOverdue, int64_t{1}));
  EXPECT_EQ(counts->at(3), std::make_pair(L::kReturns, int64_t{1}));
  EXPECT_EQ(counts->at(4), std::make_pair(L::kReopened, int64_t{1}));
}

TEST_F(SupervisionTest, ListsPaginate) {
  for (int i = 0; i < 5; ++i) Dispatched("XD.A.A3/zjj", Urgency::kUrgent);
  clock_.Advance(2 * kDayMs);
  SupervisionQuery q;
  q.list = SupervisionList::kOverdue;
  q.limit = 2;
  q.offset = 4;
  int64_t total = 0;
  auto page = svc_->Supervision(actors_["duban"], q, &total);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(total, 5);
  EXPECT_EQ(page->size(), 1u);
}

TEST(SupervisionList, NamesRoundTrip) {
  for (SupervisionList l : kSupervisionLists) {
    EXPECT_EQ(ParseSupervisionList(ToString(l)), l);
    EXPECT_FALSE(LabelZh(l).empty());
  }
  EXPECT_FALSE(ParseSupervisionList("nope").has_value());
}

}  // namespace
}  // namespace lianxin::service
