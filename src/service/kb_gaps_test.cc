// Knowledge-base gaps (unanswered questions clustered, most asked first; entries
// expired, expiring, not cited) and containment (answered without a person,
// hand-offs by reason, corrections within 7 days), with their role checks.
#include <gtest/gtest.h>

#include "service/kb_fixture.h"

namespace lianxin::service {
namespace {

using KbGapsTest = KbServiceTest;

TEST_F(KbGapsTest, UnansweredQuestionsAreClusteredMostAskedFirst) {
  for (const char* q : {"火星移民签证怎么办理", "请问火星移民签证怎么办理", "火星移民签证如何办理呢",
                        "深海潜水执照在哪里考"}) {
    auto a = svc_->Answer(Actor::Citizen(), {q, "", ""});
    ASSERT_TRUE(a.ok());
    ASSERT_FALSE(a->answered) << q;
    clock_.Advance(kHourMs);
  }
  ASSERT_TRUE(svc_->Answer(Actor::Citizen(), {"社保卡丢了怎么补办", "", ""})->answered);
  ASSERT_FALSE(svc_->Answer(Actor::Citizen(), {"投诉小区噪音扰民严重，请尽快处理", "", ""})->answered);
  auto g = svc_->KnowledgeGaps(analyst_, {});
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  // The complaint is handed off too; it counts as a gap only if no entry matched it either
  // (low confidence): count what was handed off for low confidence.
  int64_t low = 0;
  auto records = store_->ListAssistRecords(0, 0, 100);
  ASSERT_TRUE(records.ok());
  for (const auto& r : *records) {
    low += std::find(r.reasons.begin(), r.reasons.end(), "low_confidence") != r.reasons.end();
  }
  EXPECT_EQ(g->unanswered, low);
  ASSERT_GE(g->clusters.size(), 2u);
  EXPECT_EQ(g->clusters[0].count, 3);
  EXPECT_EQ(g->clusters[0].examples.size(), 3u);
  EXPECT_EQ(g->clusters[0].examples[0], "火星移民签证如何办理呢");  // newest first
  EXPECT_FALSE(g->clusters[0].title.empty());
  for (size_t i = 1; i < g->clusters.size(); ++i) EXPECT_LE(g->clusters[i].count, g->clusters[i - 1].count);
  bool diving = false;
  for (const GapCluster& c : g->clusters) diving = diving || c.examples[0] == "深海潜水执照在哪里考";
  EXPECT_TRUE(diving);
  // A period before the questions has none.
  KbGapsQuery before;
  before.from = kT0 - 10 * kDayMs;
  before.to = kT0;
  EXPECT_EQ(svc_->KnowledgeGaps(analyst_, before)->unanswered, 0);
}

TEST_F(KbGapsTest, FlagsExpiredExpiringAndUncitedEntries) {
  KbEntryView expired = Published("龙舟赛报名怎么参加", "请到区文化馆登记。", "2026-11-01");
  KbEntryView expiring = Published("冬泳比赛报名怎么参加", "请到区体育馆登记。", "2026-12-10");
  ASSERT_TRUE(svc_->Answer(Actor::Citizen(), {"社保卡丢了怎么补办", "", ""})->answered);
  KbGapsQuery q;
  q.expiring_days = 15;  // the demo's 高龄津贴 entry ends on 2026-12-31, outside
  auto g = svc_->KnowledgeGaps(supervisor_, q);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ASSERT_EQ(g->expired.size(), 1u);
  EXPECT_EQ(g->expired[0].entry.id, expired.entry.id);
  ASSERT_EQ(g->expiring.size(), 1u);
  EXPECT_EQ(g->expiring[0].entry.id, expiring.entry.id);
  // 12 demo entries + the expiring one, less the one just cited; the expired one is flagged as expired.
  EXPECT_EQ(g->unused_total, 12);
  for (const FlaggedEntry& f : g->unused) {
    EXPECT_EQ(f.last_cited, 0);
    EXPECT_NE(f.entry.id, expired.entry.id);
    EXPECT_EQ(f.entry.questions[0].find("社保卡"), std::string::npos);
  }
  // A unit handler sees its own unit's entries only.
  auto own = svc_->KnowledgeGaps(zjj_, q);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->unused_total, 1);  // the expiring one is XD.A.A3/zjj's
  auto other = svc_->KnowledgeGaps(cg_, {});
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->expired.empty());
  EXPECT_EQ(svc_->KnowledgeGaps(taker_, {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->KnowledgeGaps(Actor::Citizen(), {}).status().code(), StatusCode::kPermissionDenied);
  KbGapsQuery bad;
  bad.limit = 0;
  EXPECT_EQ(svc_->KnowledgeGaps(admin_, bad).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(KbGapsTest, ContainmentCountsAnswersHandoffsAndCorrections) {
  // Three consultations answered (one for a caller with a phone), one unanswerable, one complaint.
  ASSERT_TRUE(svc_->Answer(taker_, {"社保卡丢了怎么补办", "", "138-1234-0001"})->answered);
  ASSERT_TRUE(svc_->Answer(Actor::Citizen(), {"公积金提取需要什么条件", "XD.A.A3", ""})->answered);
  ASSERT_TRUE(svc_->Answer(Actor::Citizen(), {"驾驶证到期怎么换证", "", ""})->answered);
  ASSERT_FALSE(svc_->Answer(Actor::Citizen(), {"火星移民签证怎么办理", "", ""})->answered);
  ASSERT_FALSE(svc_->Answer(Actor::Citizen(), {"投诉小区噪音扰民严重，请尽快处理", "", ""})->answered);
  // Came back: the same phone two days later; the same question three days later;
  // a ticket about the third answer only after eight days (not a correction).
  auto ticket = [&](const std::string& title, const std::string& body, const std::string& phone) {
    NewTicket n;
    n.channel = Channel::kPhone;
    n.title = title;
    n.body = body;
    n.citizen_phone = phone;
    ASSERT_TRUE(svc_->CreateTicket(taker_, n).ok());
  };
  clock_.Advance(2 * kDayMs);
  ticket("补办进度", "还是没有拿到卡", "13812340001");
  clock_.Advance(kDayMs);
  ticket("公积金提取需要什么条件", "公积金提取需要什么条件，窗口说材料不全", "13900000000");
  clock_.Advance(5 * kDayMs);
  ticket("驾驶证到期怎么换证", "驾驶证到期怎么换证", "13700000000");
  auto m = svc_->AssistFigures(analyst_, kT0 - kDayMs, kT0 + kDayMs);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->questions, 5);
  EXPECT_EQ(m->consultations, 4);
  EXPECT_EQ(m->answered, 3);
  EXPECT_EQ(m->handed_off, 2);
  ASSERT_TRUE(m->containment.has_value());
  EXPECT_DOUBLE_EQ(*m->containment, 0.75);
  EXPECT_EQ(m->from_staff, 1);
  EXPECT_EQ(m->from_public, 4);
  EXPECT_EQ(m->corrections, 2);
  EXPECT_DOUBLE_EQ(*m->correction_rate, 2.0 / 3.0);
  std::map<std::string, int64_t> reasons(m->handoff_reasons.begin(), m->handoff_reasons.end());
  EXPECT_EQ(reasons["not_a_consultation"], 1);
  EXPECT_GE(reasons["low_confidence"], 1);
  auto empty = svc_->AssistFigures(supervisor_, kT0 - 10 * kDayMs, kT0 - 5 * kDayMs);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->questions, 0);
  EXPECT_FALSE(empty->containment.has_value());
  EXPECT_EQ(svc_->AssistFigures(taker_, 0, 0).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->AssistFigures(zjj_, 0, 0).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->AssistFigures(admin_, kT0, kT0).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace lianxin::service
