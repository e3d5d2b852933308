#include "http/kb_codec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace lianxin::http {
namespace {

TEST(KbCodec, DecodesAnEntryStrictly) {
  auto e = DecodeKbEntry(Json::parse(
      R"({"questions":["社保卡怎么补办"],"answer":"携带身份证办理。","regions":["XD.A"],"tags":["社保"],"valid_to":"2027-01-01"})"));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->questions, std::vector<std::string>{"社保卡怎么补办"});
  EXPECT_EQ(e->answer, "携带身份证办理。");
  EXPECT_EQ(e->regions, std::vector<std::string>{"XD.A"});
  EXPECT_EQ(e->valid_to, "2027-01-01");
  EXPECT_EQ(DecodeKbEntry(Json::parse(R"({"answer":"x","status":"published"})")).status().code(),
            StatusCode::kInvalidArgument);  // status is set by review only
  EXPECT_EQ(DecodeKbEntry(Json::parse(R"({"questions":"一个问题"})")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(DecodeKbEntry(Json::parse(R"({"tags":[1]})")).status().code(), StatusCode::kInvalidArgument);
}

TEST(KbCodec, AnswerCarriesCitationsAndHandoffItsReasonAndDraft) {
  service::AssistAnswer a;
  a.answered = true;
  a.text = "携带身份证办理。";
  a.sentences = {{"携带身份证办理。", {7, 2}}};
  KbEntry e;
  e.id = 7;
  e.version = 2;
  e.status = KbEntryStatus::kPublished;
  a.entries = {e};
  Json j = EncodeAssistAnswer(a);
  EXPECT_EQ(j["kind"], "answer");
  EXPECT_EQ(j["sentences"][0]["entry_id"], 7);
  EXPECT_EQ(j["sentences"][0]["version"], 2);
  EXPECT_EQ(j["entries"][0]["status"], "published");
  EXPECT_EQ(j["entries"][0]["status_label"], "已发布");

  service::AssistAnswer h;
  h.reasons = {kb::HandoffReason::kNotAConsultation, kb::HandoffReason::kLowConfidence};
  h.draft.title = "投诉噪音";
  h.draft.kind = TicketKind::kComplaint;
  h.draft.route.category_code = "01.02.003";
  Json k = EncodeAssistAnswer(h);
  EXPECT_EQ(k["kind"], "handoff");
  EXPECT_EQ(k["reason"]["code"], "not_a_consultation");
  EXPECT_FALSE(k["reason"]["label"].get<std::string>().empty());
  EXPECT_EQ(k["reasons"].size(), 2u);
  EXPECT_EQ(k["draft"]["kind"], "complaint");
  EXPECT_EQ(k["draft"]["category"], "01.02.003");
  EXPECT_TRUE(k["draft"]["suggestion"].contains("candidates"));
}

TEST(KbCodec, MetricsRatesAreNullWithoutDenominator) {
  service::AssistMetrics m;
  m.handoff_reasons = {{"low_confidence", 3}};
  Json j = EncodeAssistMetrics(m);
  EXPECT_TRUE(j["containment"].is_null());
  EXPECT_TRUE(j["correction_rate"].is_null());
  EXPECT_EQ(j["handoff_reasons"][0]["count"], 3);
  EXPECT_EQ(j["handoff_reasons"][0]["label"], std::string(kb::Describe(kb::HandoffReason::kLowConfidence)));
}

}  // namespace
}  // namespace lianxin::http
