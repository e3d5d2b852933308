#include "kb/answerer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace lianxin::kb {
namespace {

KbEntry Entry(int64_t id, int version, std::string question, std::string answer, std::string unit) {
  KbEntry e;
  e.id = id;
  e.version = version;
  e.status = KbEntryStatus::kPublished;
  e.questions = {std::move(question)};
  e.answer = std::move(answer);
  e.owner_unit = std::move(unit);
  return e;
}

class AnswererTest : public ::testing::Test {
 protected:
  void SetUp() override {
    segmenter_ = text::NewCharSegmenter();
    entries_ = {
        Entry(1, 3, "社保卡丢了怎么补办",
              "社保卡丢失后请先挂失。携带身份证到社保经办窗口补办社保卡。补办一般当场出卡。", "XD.A/rsj"),
        Entry(2, 1, "小区停车收费标准", "住宅小区停车收费由物业与业主协商确定。", "XD.A/fgw"),
        Entry(3, 1, "公积金提取条件", "购房、退休、离职可申请提取住房公积金。", "XD.A/gjj"),
    };
    KbEntry draft = Entry(4, 1, "社保卡补办草稿", "草稿里的社保卡补办说法。", "XD.A/rsj");
    draft.status = KbEntryStatus::kDraft;
    entries_.push_back(draft);
    auto s = Searcher::Build(*segmenter_, entries_);
    ASSERT_TRUE(s.ok());
    searcher_ = std::move(s).value();
  }
  Answer Ask(const std::string& q) {
    Query query;
    query.title = q;
    query.date = "2026-12-01";
    return Compose(*searcher_, query);
  }
  std::unique_ptr<text::Segmenter> segmenter_;
  std::vector<KbEntry> entries_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(AnswererTest, AnswersWithVerbatimCitedSentences) {
  Answer a = Ask("请问社保卡丢了怎么补办？");
  ASSERT_TRUE(a.answered) << (a.reasons.empty() ? "" : std::string(ToString(a.reasons[0])));
  EXPECT_GE(a.confidence, 0.5f);
  ASSERT_FALSE(a.sentences.empty());
  for (const AnswerSentence& s : a.sentences) {
    // Every sentence is a substring of a published version's answer, cited exactly.
    bool found = false;
    for (const KbEntry& e : entries_) {
      if (e.id == s.citation.entry_id && e.version == s.citation.version) {
        EXPECT_EQ(e.status, KbEntryStatus::kPublished);
        found = e.answer.find(s.text) != std::string::npos;
      }
    }
    EXPECT_TRUE(found) << s.text;
  }
  EXPECT_EQ(a.sentences[0].citation.entry_id, 1);
  EXPECT_EQ(a.sentences[0].citation.version, 3);
}

TEST_F(AnswererTest, HandsOffComplaintsAndReports) {
  Answer a = Ask("投诉小区物业乱收费停车费，严重影响生活");
  EXPECT_FALSE(a.answered);
  EXPECT_TRUE(a.sentences.empty());
  EXPECT_NE(std::find(a.reasons.begin(), a.reasons.end(), HandoffReason::kNotAConsultation), a.reasons.end());
  EXPECT_EQ(DetectKind("举报某工地偷排污水"), TicketKind::kReport);
  EXPECT_EQ(DetectKind("请问公积金提取需要什么条件？"), TicketKind::kConsultation);
}

TEST_F(AnswererTest, HandsOffLowConfidence) {
  Answer a = Ask("护照过期了去哪里换发");
  EXPECT_FALSE(a.answered);
  EXPECT_TRUE(a.sentences.empty());
  EXPECT_NE(std::find(a.reasons.begin(), a.reasons.end(), HandoffReason::kLowConfidence), a.reasons.end());
}

TEST_F(AnswererTest, HandsOffPersonalData) {
  Answer a = Ask("我的社保卡丢了怎么补办，电话13812345678");
  EXPECT_FALSE(a.answered);
  EXPECT_NE(std::find(a.reasons.begin(), a.reasons.end(), HandoffReason::kPersonalData), a.reasons.end());
}

TEST(Answerer, ReasonNamesAreDistinct) {
  std::set<std::string_view> names;
  for (HandoffReason r : {HandoffReason::kNotAConsultation, HandoffReason::kCrossDepartment,
                          HandoffReason::kLowConfidence, HandoffReason::kPersonalData}) {
    names.insert(ToString(r));
    EXPECT_FALSE(Describe(r).empty());
  }
  EXPECT_EQ(names.size(), 4u);
}

}  // namespace
}  // namespace lianxin::kb
