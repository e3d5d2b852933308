#include "dispatch/trainer.h"

#include <gtest/gtest.h>

#include <cmath>

#include "dispatch/classifier.h"
#include "dispatch/model_file.h"
#include "dispatch/test_data.h"

namespace lianxin::dispatch {
namespace {

std::shared_ptr<const text::Segmenter> CharSegmenter() {
  return std::shared_ptr<const text::Segmenter>(text::NewCharSegmenter());
}

TEST(Trainer, SameSeedGivesTheSameModel) {
  const auto data = testing::SyntheticMessages(15);
  ClassifierOptions o;
  o.calibration_folds = 3;
  o.min_df = 1;
  auto a = Classifier::Train(data, o, CharSegmenter());
  auto b = Classifier::Train(data, o, CharSegmenter());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(SerializeModel((*a)->model()), SerializeModel((*b)->model()));
  o.seed = 43;
  auto c = Classifier::Train(data, o, CharSegmenter());
  ASSERT_TRUE(c.ok());
  EXPECT_NE(SerializeModel((*a)->model()), SerializeModel((*c)->model()));
}

TEST(Trainer, LearnsSyntheticTopicsWithCalibratedProbabilities) {
  ClassifierOptions o;
  o.min_df = 1;
  o.calibration_folds = 3;
  auto c = Classifier::Train(testing::SyntheticMessages(20), o, CharSegmenter());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_GT((*c)->model().temperature(), 0);
  EXPECT_TRUE(std::isfinite((*c)->auto_threshold()));
  const Prediction p = (*c)->Predict("公交车站太拥堵", "早上公交线路拥堵，司机开得慢");
  EXPECT_EQ(p.label, "交通运输");
  float sum = 0;
  for (float x : p.probabilities) sum += x;
  EXPECT_NEAR(sum, 1.0, 1e-5);
  EXPECT_EQ(p.confidence, p.probabilities[p.label_index]);
  const Meter m = Evaluate(**c, testing::SyntheticMessages(10));
  EXPECT_GT(m.MacroF1(), 0.95);
  // The char segmenter's words are characters: 公/交/拥/堵/司/机/线/路 speak for 交通运输.
  const auto words = (*c)->DecisiveWords("公交车站太拥堵", "早上公交线路拥堵", p.label_index, 3);
  ASSERT_EQ(words.size(), 3u);
  for (const auto& w : words) EXPECT_NE(std::string("公交车站拥堵线路").find(w), std::string::npos) << w;
  EXPECT_TRUE((*c)->DecisiveWords("", "", p.label_index).empty());
  EXPECT_TRUE((*c)->DecisiveWords("公交", "", 99).empty());
}

TEST(Trainer, LogisticMixTrainsToo) {
  ClassifierOptions o;
  o.min_df = 1;
  o.calibration_folds = 0;
  o.lr_c = 10;
  auto c = Classifier::Train(testing::SyntheticMessages(20), o, CharSegmenter());
  ASSERT_TRUE(c.ok());
  EXPECT_GT(Evaluate(**c, testing::SyntheticMessages(10)).MacroF1(), 0.95);
}

TEST(Trainer, RejectsBadInput) {
  auto one_label = testing::SyntheticMessages(5);
  for (auto& m : one_label) m.label = "x";
  EXPECT_EQ(Classifier::Train(one_label, {}, CharSegmenter()).status().code(),
            StatusCode::kInvalidArgument);
  ClassifierOptions bad;
  bad.svm_c = -1;
  EXPECT_EQ(Classifier::Train(testing::SyntheticMessages(5), bad, CharSegmenter()).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(Classifier::Train(testing::SyntheticMessages(5), {}, nullptr).ok());
  EXPECT_FALSE(TrainLinearModel({}, {1}, {"a", "b"}, ClassifierOptions()).ok());
}

TEST(Trainer, UnknownGoldLabelsCountAsErrorsInEvaluate) {
  ClassifierOptions o;
  o.min_df = 1;
  o.calibration_folds = 0;
  auto c = Classifier::Train(testing::SyntheticMessages(10), o, CharSegmenter());
  ASSERT_TRUE(c.ok());
  auto data = testing::SyntheticMessages(2);
  data[0].label = "其他";
  const Meter m = Evaluate(**c, data);
  EXPECT_EQ(m.labels().size(), 4u);
  EXPECT_EQ(m.labels().back(), "其他");
  EXPECT_EQ(m.ForClass(3).f1, 0.0);
}

}  // namespace
}  // namespace lianxin::dispatch
