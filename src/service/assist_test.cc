// The AI seat in the service: answers cite published versions verbatim, hand-offs
// (complaint, low confidence, personal data) carry a draft, validity and region
// scope are respected, review keeps the searcher current, every reply is logged
// masked; the call-taker's suggestions.
#include <gtest/gtest.h>

#include "service/kb_fixture.h"

namespace lianxin::service {
namespace {

using AssistTest = KbServiceTest;

TEST_F(AssistTest, AnswersFromPublishedVersionsVerbatimAndLogsIt) {
  auto a = svc_->Answer(Actor::Citizen(), {"社保卡丢了怎么补办", "XD.A.A3", ""});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(a->answered);
  ASSERT_FALSE(a->sentences.empty());
  EXPECT_GT(a->confidence, 0.5f);
  for (const kb::AnswerSentence& s : a->sentences) {
    auto versions = store_->ListKbEntryVersions(s.citation.entry_id);
    ASSERT_TRUE(versions.ok());
    const KbEntry& cited = versions->at(s.citation.version - 1);
    EXPECT_EQ(cited.status, KbEntryStatus::kPublished);
    EXPECT_NE(cited.answer.find(s.text), std::string::npos) << s.text;  // copied, not written
  }
  ASSERT_EQ(a->entries.size(), 1u);
  EXPECT_NE(a->entries[0].questions[0].find("社保卡"), std::string::npos);
  auto log = store_->ListAssistRecords(0, 0, 10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->at(0).id, a->log_id);
  EXPECT_EQ(log->at(0).channel, "public");
  EXPECT_TRUE(log->at(0).answered);
  EXPECT_EQ(log->at(0).cited.front().first, a->sentences[0].citation.entry_id);
  EXPECT_EQ(log->at(0).at, kT0);
}

TEST_F(AssistTest, HandsOffAComplaintWithADraftForTheDispatchAgent) {
  auto a = svc_->Answer(taker_, {"投诉A3区某工地夜间施工噪音扰民，请尽快处理", "XD.A.A3", "13812345678"});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_FALSE(a->answered);
  EXPECT_TRUE(a->sentences.empty());
  EXPECT_TRUE(a->entries.empty());
  ASSERT_FALSE(a->reasons.empty());
  EXPECT_EQ(a->reasons[0], kb::HandoffReason::kNotAConsultation);
  EXPECT_EQ(a->draft.kind, TicketKind::kComplaint);
  EXPECT_EQ(a->draft.region, "XD.A.A3");
  EXPECT_FALSE(a->draft.title.empty());
  EXPECT_EQ(a->draft.body, "投诉A3区某工地夜间施工噪音扰民，请尽快处理");
  EXPECT_FALSE(a->draft.route.explanation.empty());
  auto log = store_->ListAssistRecords(0, 0, 10);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->at(0).channel, "staff");
  EXPECT_EQ(log->at(0).actor, "huawu");
  EXPECT_FALSE(log->at(0).phone_hash.empty());
  EXPECT_EQ(log->at(0).phone_hash.find("138"), std::string::npos);  // a hash, not the phone
  EXPECT_EQ(log->at(0).reasons[0], "not_a_consultation");
}

TEST_F(AssistTest, HandsOffLowConfidenceAndPersonalDataMaskedInTheLog) {
  auto low = svc_->Answer(Actor::Citizen(), {"火星移民签证怎么办理", "", ""});
  ASSERT_TRUE(low.ok());
  EXPECT_FALSE(low->answered);
  EXPECT_NE(std::find(low->reasons.begin(), low->reasons.end(), kb::HandoffReason::kLowConfidence),
            low->reasons.end());
  auto pii = svc_->Answer(Actor::Citizen(), {"我的手机13812345678，社保卡丢了怎么补办", "", ""});
  ASSERT_TRUE(pii.ok());
  EXPECT_FALSE(pii->answered);
  EXPECT_NE(std::find(pii->reasons.begin(), pii->reasons.end(), kb::HandoffReason::kPersonalData),
            pii->reasons.end());
  auto log = store_->ListAssistRecords(0, 0, 10);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ(log->at(1).question.find("13812345678"), std::string::npos) << log->at(1).question;
  EXPECT_NE(log->at(1).question.find("社保卡"), std::string::npos);
}

TEST_F(AssistTest, RefusesBadInputAndRecordsNothing) {
  EXPECT_EQ(svc_->Answer(Actor::Citizen(), {" ", "", ""}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(svc_->Answer(Actor::Citizen(), {"社保卡怎么补办", "XD.NOPE", ""}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(svc_->Answer(Actor::Citizen(), {std::string(3000, 'a'), "", ""}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(store_->ListAssistRecords(0, 0, 10)->empty());
}

TEST_F(AssistTest, AnExpiredEntryIsNeverUsed) {
  KbEntryView expired = Published("龙舟赛报名怎么参加", "龙舟赛报名请到区文化馆窗口登记。", "2026-11-28");
  auto a = svc_->Answer(Actor::Citizen(), {"龙舟赛报名怎么参加", "", ""});
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(Cites(*a, expired.entry.id));
  clock_.Set(kT0 - 2 * kDayMs);  // while it was still valid it answered
  auto before = svc_->Answer(Actor::Citizen(), {"龙舟赛报名怎么参加", "", ""});
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->answered);
  EXPECT_TRUE(Cites(*before, expired.entry.id));
}

TEST_F(AssistTest, RegionScopeIsRespected) {
  KbEntryView b_only = Published("停车月卡如何办理", "停车月卡请到B市停车管理窗口办理。", "", {"XD.B"});
  auto elsewhere = svc_->Answer(Actor::Citizen(), {"停车月卡如何办理", "XD.A.A3", ""});
  ASSERT_TRUE(elsewhere.ok());
  EXPECT_FALSE(Cites(*elsewhere, b_only.entry.id));
  auto unknown = svc_->Answer(Actor::Citizen(), {"停车月卡如何办理", "", ""});
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(Cites(*unknown, b_only.entry.id));
  auto inside = svc_->Answer(Actor::Citizen(), {"停车月卡如何办理", "XD.B", ""});
  ASSERT_TRUE(inside.ok());
  EXPECT_TRUE(inside->answered);
  EXPECT_TRUE(Cites(*inside, b_only.entry.id));
}

TEST_F(AssistTest, PublishingANewVersionSwitchesCitationsAndRetiringStopsThem) {
  KbEntryView v1 = Published("游泳馆开放时间是几点", "游泳馆每天上午九点开放。");
  int64_t id = v1.entry.id;
  KbEntry edit = v1.entry;
  edit.answer = "游泳馆每天上午八点开放，周一闭馆。";
  ASSERT_TRUE(svc_->EditKbEntry(zjj_, id, edit).ok());
  auto draft_only = svc_->Answer(Actor::Citizen(), {"游泳馆开放时间是几点", "", ""});
  ASSERT_TRUE(draft_only.ok());
  ASSERT_TRUE(Cites(*draft_only, id));
  EXPECT_EQ(draft_only->sentences[0].citation.version, 1);  // a draft is never used
  ASSERT_TRUE(svc_->PublishKbEntry(supervisor_, id, 2).ok());
  auto v2 = svc_->Answer(Actor::Citizen(), {"游泳馆开放时间是几点", "", ""});
  ASSERT_TRUE(v2.ok());
  ASSERT_TRUE(Cites(*v2, id));
  EXPECT_EQ(v2->sentences[0].citation.version, 2);
  EXPECT_NE(v2->text.find("八点"), std::string::npos);
  ASSERT_TRUE(svc_->RetireKbEntry(supervisor_, id).ok());
  auto retired = svc_->Answer(Actor::Citizen(), {"游泳馆开放时间是几点", "", ""});
  ASSERT_TRUE(retired.ok());
  EXPECT_FALSE(Cites(*retired, id));
}

TEST_F(AssistTest, SuggestionsGiveEntriesWithHighlightsAndSimilarPastTickets) {
  NewTicket n;
  n.channel = Channel::kPhone;
  n.title = "社保卡丢失补办一直没有办好";
  n.body = "上月社保卡丢失，去网点补办至今没有拿到卡。";
  n.citizen_phone = "13812341234";
  n.region_code = "XD.A.A3";
  auto t = svc_->CreateTicket(taker_, n);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  auto s = svc_->SuggestForCallTaker(taker_, "社保卡丢了补办", "XD.A.A3");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_FALSE(s->entries.empty());
  const EntrySuggestion& best = s->entries[0];
  EXPECT_NE(best.question.find("社保卡"), std::string::npos);
  ASSERT_FALSE(best.hit.highlights.empty());
  for (const auto& [b, e] : best.hit.highlights) {
    ASSERT_LE(e, best.hit.snippet.size());
    EXPECT_LT(b, e);
  }
  ASSERT_FALSE(s->tickets.empty());
  EXPECT_EQ(s->tickets[0].id, t->ticket.id);
  EXPECT_EQ(s->tickets[0].status, t->ticket.status);
  EXPECT_GT(s->tickets[0].similarity, 0.1);
  EXPECT_TRUE(svc_->SuggestForCallTaker(taker_, "社", "")->entries.empty());  // too short yet
  EXPECT_EQ(svc_->SuggestForCallTaker(zjj_, "社保卡", "").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(svc_->SuggestForCallTaker(Actor::Citizen(), "社保卡", "").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(store_->ListAssistRecords(0, 0, 10)->empty());  // suggestions are not consultations
}

}  // namespace
}  // namespace lianxin::service
