#include "insight/reply_quality.h"

#include <gtest/gtest.h>

namespace lianxin::insight {
namespace {

class ReplyScorerTest : public ::testing::Test {
 protected:
  std::unique_ptr<text::Segmenter> seg_ = text::NewCharSegmenter();
};

TEST_F(ReplyScorerTest, PointsAreTheQuestionsAndDemands) {
  ReplyScorer s(*seg_);
  auto points = s.Points("小区门口长期堆放垃圾。请问谁负责清运？希望尽快处理！天气很热。");
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0], "请问谁负责清运？");
  EXPECT_EQ(points[1], "希望尽快处理！");
  EXPECT_EQ(s.Points("路灯坏了").size(), 1u);  // no question: the whole text is one point
}

TEST_F(ReplyScorerTest, AGoodReplyBeatsABoilerplateOne) {
  ReplyScorer s(*seg_, 15 * kDayMs);
  ReplyCase good;
  good.title = "小区垃圾堆放无人清运";
  good.body = "小区门口长期堆放垃圾。请问谁负责清运？希望尽快清运垃圾！";
  good.reply =
      "经核实，该小区门口垃圾由街道环卫所负责清运。根据《城市市容和环境卫生管理条例》规定，"
      "环卫所已于次日清运堆放垃圾，并安排每日清运。";
  good.asked_at = 1'000'000'000'000;
  good.replied_at = good.asked_at + 3 * kDayMs;
  ReplyCase poor = good;
  poor.reply = "您好，您的留言已收悉，感谢您对我们工作的支持。";
  poor.replied_at = poor.asked_at + 45 * kDayMs;

  ReplyQuality g = s.Score(good), p = s.Score(poor);
  EXPECT_GT(g.relevance, 0.3);
  EXPECT_EQ(g.points, 2);
  EXPECT_EQ(g.points_answered, 2);
  EXPECT_DOUBLE_EQ(g.completeness, 1.0);
  EXPECT_DOUBLE_EQ(g.timeliness, 1.0);
  EXPECT_TRUE(g.cites_policy);
  EXPECT_DOUBLE_EQ(g.explanation, 1.0);
  EXPECT_LT(p.relevance, 0.05);
  EXPECT_EQ(p.points_answered, 0);
  EXPECT_DOUBLE_EQ(p.timeliness, 0.0);  // 3× the deadline
  EXPECT_DOUBLE_EQ(p.explanation, 0.0);
  EXPECT_GT(g.overall, p.overall + 0.5);

  ReplyCase reasons = good;
  reasons.reply = "由于垃圾清运车辆检修，清运推迟，现已恢复。";
  reasons.replied_at = reasons.asked_at + 30 * kDayMs;  // halfway from 1× to 3×
  ReplyQuality r = s.Score(reasons);
  EXPECT_FALSE(r.cites_policy);
  EXPECT_TRUE(r.gives_reasons);
  EXPECT_DOUBLE_EQ(r.explanation, 0.6);
  EXPECT_DOUBLE_EQ(r.timeliness, 0.5);
  reasons.asked_at = 0;
  EXPECT_DOUBLE_EQ(s.Score(reasons).timeliness, 0.5);  // unknown times
}

TEST(ReplyAgreement, CountsAndKappa) {
  Agreement a = Agree({true, true, false, false, true}, {true, false, false, true, true});
  EXPECT_EQ(a.n, 5);
  EXPECT_EQ(a.both_yes, 2);
  EXPECT_EQ(a.ours_only, 1);
  EXPECT_EQ(a.label_only, 1);
  EXPECT_EQ(a.both_no, 1);
  EXPECT_DOUBLE_EQ(a.accuracy, 0.6);
  // p_o = 0.6, p_e = 0.6·0.6 + 0.4·0.4 = 0.52, κ = 0.08 / 0.48.
  EXPECT_NEAR(a.kappa, 0.08 / 0.48, 1e-12);
  EXPECT_EQ(Agree({}, {}).n, 0);
}

}  // namespace
}  // namespace lianxin::insight
