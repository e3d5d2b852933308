// The dispatch agent inside the service: intake classifies and routes, the
// queue holds what the agent is unsure of, nothing is ever without an owner.
#include <gtest/gtest.h>

#include "dispatch/classifier.h"
#include "service/service.h"
#include "testutil/testutil.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kT0 = 1795910400000;  // 2026-11-29 08:00 CST

// Three topics with their own words, deterministic.
std::vector<dispatch::LabeledMessage> Topics() {
  const std::vector<std::pair<std::string, std::vector<std::string>>> topics = {
      {"交通运输", {"公交", "车站", "道路", "拥堵", "出租车", "司机", "线路", "高速"}},
      {"教育文体", {"学校", "老师", "学生", "招生", "幼儿园", "学费", "考试", "课程"}},
      {"环境保护", {"污染", "噪音", "油烟", "排放", "垃圾", "河道", "臭味", "工厂"}},
  };
  std::vector<dispatch::LabeledMessage> out;
  for (int i = 0; i < 40; ++i) {
    for (const auto& [label, words] : topics) {
      dispatch::LabeledMessage m;
      m.label = label;
      m.title = words[i % 8] + words[(i * 3 + 1) % 8] + "问题";
      for (int w = 0; w < 8; ++w) m.body += words[(i * 5 + w * 7) % 8] + (w % 3 ? "" : "，请解决");
      out.push_back(std::move(m));
    }
  }
  return out;
}

class DispatchAgentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::OpenSqliteStore(dir_.File("a.db"))).value();
    svc_ = std::make_unique<Service>(*store_, clock_);
    ASSERT_TRUE(store_->PutRegions({{"XD", "西地省", "", RegionLevel::kProvince},
                                    {"XD.A", "A市", "XD", RegionLevel::kCity},
                                    {"XD.A.A3", "A3区", "XD.A", RegionLevel::kDistrict}})
                    .ok());
    ASSERT_TRUE(store_->PutUnits({{"XD/rx", "西地省12345政务服务便民热线", "rx", "XD"},
                                  {"XD/gov", "西地省人民政府", "gov", "XD"},
                                  {"XD.A.A3/gov", "A3区人民政府", "gov", "XD.A.A3"},
                                  {"XD.A/jtys", "A市交通运输局", "jtys", "XD.A"},
                                  {"XD.A.A3/jy", "A3区教育局", "jy", "XD.A.A3"},
                                  {"XD.A.A3/sthj", "A3区生态环境局", "sthj", "XD.A.A3"}})
                    .ok());
    ASSERT_TRUE(store_->PutCategories({{"05", "交通运输", "", 1},
                                       {"06", "教育文体", "", 1},
                                       {"07", "环境保护", "", 1}})
                    .ok());
    ASSERT_TRUE(store_->PutDutyRules({{"05", "jtys", RegionLevel::kCity, ""},
                                      {"06", "jy", RegionLevel::kDistrict, ""},
                                      {"07", "sthj", RegionLevel::kDistrict, ""}})
                    .ok());
    ASSERT_TRUE(svc_->ReloadDirectory().ok());
    User u;
    u.username = "paidan";
    u.role = Role::kDispatcher;
    ASSERT_TRUE(svc_->PutUser(Actor::System(), u, "password1").ok());
    dispatcher_ = *svc_->Authenticate(svc_->Login("paidan", "password1")->token);
  }

  void LoadModel() {
    std::shared_ptr<const text::Segmenter> seg(text::NewCharSegmenter());
    auto clf = dispatch::Classifier::Train(Topics(), {}, seg);
    ASSERT_TRUE(clf.ok()) << clf.status().ToString();
    svc_->SetClassifier(std::shared_ptr<const dispatch::Classifier>(std::move(clf).value()));
  }

  NewTicket Request(const std::string& title, const std::string& body) {
    NewTicket n;
    n.title = title;
    n.body = body;
    n.citizen_phone = "13812341234";
    return n;
  }

  testutil::TempDir dir_;
  FakeClock clock_{kT0};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Service> svc_;
  Actor dispatcher_;
};

TEST_F(DispatchAgentTest, WithoutAModelEverythingWaitsOwnedInTheQueue) {
  auto r = svc_->SubmitPublic(Request("A3区公交车站拥堵", "道路拥堵严重"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->suggestion.model_loaded);
  EXPECT_EQ(r->ticket.status, TicketStatus::kReceived);
  EXPECT_EQ(r->ticket.owner_unit, "XD/rx");  // 零遗漏: the hotline centre owns it
  EXPECT_EQ(r->ticket.due_at, kT0 + 2 * kHourMs);
  EXPECT_EQ(r->ticket.region_code, "XD.A.A3");  // located from the text
  int64_t total = 0;
  auto queue = svc_->DispatchQueue(dispatcher_, 20, 0, &total);
  ASSERT_TRUE(queue.ok());
  EXPECT_EQ(total, 1);
  EXPECT_TRUE(svc_->UnownedTickets(dispatcher_)->empty());
  EXPECT_EQ(svc_->Suggest(Actor::Citizen(), "x", "y", "").status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(DispatchAgentTest, RoutesClassifiesAndDispatchesWhenSure) {
  LoadModel();
  auto s = svc_->Suggest(dispatcher_, "A3区公交车站道路拥堵", "公交线路拥堵，出租车司机乱停", "");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->model_loaded);
  EXPECT_EQ(s->category_label, "交通运输");
  ASSERT_FALSE(s->route.candidates.empty());
  EXPECT_EQ(s->route.candidates[0].unit_code, "XD.A/jtys");
  EXPECT_NE(s->route.explanation.find("交通运输"), std::string::npos);

  // Intake does the same and acts on it: sure, so dispatched at once.
  auto r = svc_->SubmitPublic(Request("A3区公交车站道路拥堵", "公交线路拥堵，出租车司机乱停"));
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->suggestion.route.automatic) << r->suggestion.route.hold_reason;
  EXPECT_EQ(r->ticket.status, TicketStatus::kDispatched);
  EXPECT_EQ(r->ticket.owner_unit, "XD.A/jtys");
  auto events = store_->ListEvents(r->ticket.id);
  EXPECT_EQ(events->back().actor, "dispatch-agent");
  EXPECT_NE(events->back().reason.find("自动派单"), std::string::npos);
  EXPECT_EQ(r->ticket.category_code, "05");

  // No place named: never automatic, the queue has it with the agent's proposal.
  auto unplaced = svc_->SubmitPublic(Request("学校招生考试", "幼儿园学费太高，老师课程安排"));
  ASSERT_TRUE(unplaced.ok());
  EXPECT_FALSE(unplaced->suggestion.route.automatic);
  EXPECT_EQ(unplaced->suggestion.route.hold_reason, "未能识别诉求属地");
  EXPECT_EQ(unplaced->ticket.owner_unit, "XD/rx");

  // A dispatcher's correction is recorded as a labelled example and counted.
  ActionRequest fix;
  fix.type = EventType::kDispatch;
  fix.unit_code = "XD.A.A3/jy";
  fix.category_code = "06";
  auto fixed = svc_->Perform(dispatcher_, unplaced->ticket.id, fix);
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  EXPECT_EQ(fixed->ticket.category_code, "06");
  EXPECT_EQ(store_->ListEvents(unplaced->ticket.id)->back().category_code, "06");

  auto stats = svc_->AgentStats(dispatcher_, 0);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->received, 2);
  EXPECT_EQ(stats->auto_dispatched, 1);
  EXPECT_DOUBLE_EQ(stats->coverage, 0.5);
  EXPECT_EQ(stats->unowned_open, 0);
}

TEST_F(DispatchAgentTest, SuggestsDuplicatesOfOpenTicketsInTheRegion) {
  auto first = svc_->SubmitPublic(Request("A3区金科小区夜间施工噪音扰民", "工地每晚十一点还在打桩"));
  ASSERT_TRUE(first.ok());
  auto s = svc_->Suggest(dispatcher_, "金科小区夜间施工噪音扰民", "A3区工地晚上十一点还在打桩施工", "");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->duplicates.size(), 1u);
  EXPECT_EQ(s->duplicates[0].id, first->ticket.id);
  EXPECT_GE(s->duplicates[0].similarity, 0.5);
  // The merge links them; the child follows its parent.
  auto second = svc_->SubmitPublic(Request("金科小区夜间施工噪音扰民", "A3区工地晚上十一点还在打桩施工"));
  ASSERT_TRUE(second.ok());
  ActionRequest merge;
  merge.type = EventType::kMerge;
  merge.parent_id = first->ticket.id;
  auto merged = svc_->Perform(dispatcher_, second->ticket.id, merge);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->ticket.status, TicketStatus::kMerged);
  auto tracked = svc_->Track(second->ticket.number, second->ticket.query_code);
  ASSERT_TRUE(tracked.ok());
  EXPECT_EQ(tracked->parent_number, first->ticket.number);
}

}  // namespace
}  // namespace lianxin::service

// ---- reference data editing (issue 7 item 7) ----
namespace lianxin::service {
namespace {

// An administrator's edit of the duty catalog and of a unit reaches the agent's
// router at once, without a restart or a reload.
TEST_F(DispatchAgentTest, DutyCatalogAndUnitEditsRerouteWithoutRestart) {
  LoadModel();
  Actor admin;
  admin.username = "admin";
  admin.role = Role::kAdmin;
  auto before = svc_->Suggest(dispatcher_, "A3区公交车站道路拥堵", "公交线路拥堵，出租车司机乱停", "");
  ASSERT_TRUE(before.ok());
  ASSERT_FALSE(before->route.candidates.empty());
  EXPECT_EQ(before->route.candidates[0].unit_code, "XD.A/jtys");

  auto catalog = svc_->GetDutyCatalog(admin);
  ASSERT_TRUE(catalog.ok());
  std::vector<DutyRule> rules = catalog->rules;
  rules[0] = {"05", "gov", RegionLevel::kDistrict, ""};  // 交通运输 → the district government
  auto put = svc_->PutDutyCatalog(admin, rules, catalog->revision);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  auto after = svc_->Suggest(dispatcher_, "A3区公交车站道路拥堵", "公交线路拥堵，出租车司机乱停", "");
  ASSERT_TRUE(after.ok());
  ASSERT_FALSE(after->route.candidates.empty());
  EXPECT_EQ(after->route.candidates[0].unit_code, "XD.A.A3/gov");

  // A renamed unit shows its new name in the agent's candidates.
  ASSERT_TRUE(svc_->PutUnit(admin, {"XD.A.A3/gov", "A3区人民政府（新）", "gov", "XD.A.A3"}).ok());
  auto renamed = svc_->Suggest(dispatcher_, "A3区公交车站道路拥堵", "公交线路拥堵，出租车司机乱停", "");
  ASSERT_FALSE(renamed->route.candidates.empty());
  EXPECT_EQ(renamed->route.candidates[0].unit_name, "A3区人民政府（新）");
}

}  // namespace
}  // namespace lianxin::service
