#include "dispatch/cross_validation.h"

#include <gtest/gtest.h>

#include <map>

#include "dispatch/classifier.h"
#include "dispatch/test_data.h"

namespace lianxin::dispatch {
namespace {

TEST(CrossValidation, StratifiedFoldsAreBalancedAndSeeded) {
  std::vector<int> labels;
  for (int i = 0; i < 103; ++i) labels.push_back(i % 7 == 0 ? 1 : 0);  // 15 of class 1
  const auto folds = StratifiedFolds(labels, 5, 42);
  std::map<int, int> size;
  std::map<std::pair<int, int>, int> per_class;
  for (size_t i = 0; i < labels.size(); ++i) {
    ASSERT_GE(folds[i], 0);
    ASSERT_LT(folds[i], 5);
    ++size[folds[i]];
    ++per_class[{folds[i], labels[i]}];
  }
  for (int f = 0; f < 5; ++f) {
    EXPECT_GE(size[f], 20);
    EXPECT_LE(size[f], 21);
    EXPECT_EQ(per_class[std::make_pair(f, 1)], 3);
  }
  EXPECT_EQ(folds, StratifiedFolds(labels, 5, 42));
  EXPECT_NE(folds, StratifiedFolds(labels, 5, 43));
}

TEST(CrossValidation, ReportsEveryMessageOnce) {
  ClassifierOptions o;
  o.min_df = 1;
  o.calibration_folds = 2;
  const auto data = testing::SyntheticMessages(10);
  auto report = CrossValidate(data, o, std::shared_ptr<const text::Segmenter>(text::NewCharSegmenter()), 3);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->pooled.n(), static_cast<int64_t>(data.size()));
  EXPECT_EQ(report->fold_macro_f1.size(), 3u);
  EXPECT_GT(report->pooled.MacroF1(), 0.9);
  for (int p : report->predicted) EXPECT_GE(p, 0);
  EXPECT_LE(report->auto_correct, report->auto_dispatched);
}

TEST(CrossValidation, RejectsTooFewFolds) {
  const auto data = testing::SyntheticMessages(3);
  auto seg = std::shared_ptr<const text::Segmenter>(text::NewCharSegmenter());
  EXPECT_EQ(CrossValidate(data, {}, seg, 1).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace lianxin::dispatch
