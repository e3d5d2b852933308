#include "dispatch/objective.h"

#include <gtest/gtest.h>

#include <cmath>

namespace lianxin::dispatch {
namespace {

// Three classes, each owning one feature, plus a shared noise feature.
CsrMatrix ThreeBlobs(std::vector<int>& labels) {
  CsrMatrix x;
  x.cols = 4;
  Rng rng(3);
  for (int i = 0; i < 60; ++i) {
    const int c = i % 3;
    x.col.push_back(static_cast<uint32_t>(c));
    x.val.push_back(0.8f + 0.2f * static_cast<float>(rng.Below(100)) / 100);
    x.col.push_back(3);
    x.val.push_back(static_cast<float>(rng.Below(100)) / 100);
    x.row_start.push_back(x.col.size());
    labels.push_back(c);
  }
  return x;
}

TEST(Objective, OneVsRestSvmSeparatesBlobs) {
  std::vector<int> labels;
  const CsrMatrix x = ThreeBlobs(labels);
  OneVsRestProblem p;
  p.x = &x;
  p.labels = labels;
  p.num_classes = 3;
  p.cost.assign(labels.size(), 1.0);
  const OneVsRestWeights w = SolveOneVsRestSvm(p, SolverOptions());
  EXPECT_EQ(w.stride, 8u);
  for (size_t i = 0; i < x.rows(); ++i) {
    int best = -1;
    double best_score = -1e9;
    for (int c = 0; c < 3; ++c) {
      double s = w.at(x.cols, c) * p.bias;
      for (size_t q = x.row_start[i]; q < x.row_start[i + 1]; ++q) s += w.at(x.col[q], c) * x.val[q];
      if (s > best_score) best_score = s, best = c;
    }
    EXPECT_EQ(best, labels[i]) << "row " << i;
  }
  // Own feature positive, the others' negative.
  EXPECT_GT(w.at(0, 0), 0.5);
  EXPECT_LT(w.at(1, 0), 0.0);
}

TEST(Objective, LogisticDualLearnsTheSign) {
  std::vector<int> labels;
  const CsrMatrix x = ThreeBlobs(labels);
  BinaryProblem p;
  p.x = &x;
  for (int y : labels) p.y.push_back(y == 1 ? 1 : -1);
  p.cost.assign(labels.size(), 10.0);
  const std::vector<double> w = SolveLogisticDual(p, SolverOptions());
  ASSERT_EQ(w.size(), x.cols + 1);
  EXPECT_GT(w[1], 1.0);
  EXPECT_LT(w[0], 0.0);
}

TEST(Objective, SameSeedSameWeights) {
  std::vector<int> labels;
  const CsrMatrix x = ThreeBlobs(labels);
  OneVsRestProblem p;
  p.x = &x;
  p.labels = labels;
  p.num_classes = 3;
  p.cost.assign(labels.size(), 0.5);
  EXPECT_EQ(SolveOneVsRestSvm(p, SolverOptions()).w, SolveOneVsRestSvm(p, SolverOptions()).w);
}

TEST(Objective, SoftmaxSumsToOne) {
  const float scores[3] = {1.0f, 2.0f, -1.0f};
  float probs[3];
  Softmax(scores, 3, 2.0, probs);
  EXPECT_NEAR(probs[0] + probs[1] + probs[2], 1.0, 1e-6);
  EXPECT_GT(probs[1], probs[0]);
  EXPECT_NEAR(probs[1] / probs[0], std::exp(2.0), 1e-3);
}

TEST(Objective, FitTemperatureRecoversTheGenerator) {
  // Labels drawn from softmax(3 * s): the fitted temperature should be near 3.
  const double t_true = 3.0;
  Rng rng(11);
  std::vector<float> scores;
  std::vector<int> gold;
  for (int i = 0; i < 20000; ++i) {
    float s[2] = {static_cast<float>(rng.Below(2000)) / 1000 - 1, static_cast<float>(rng.Below(2000)) / 1000 - 1};
    float p[2];
    Softmax(s, 2, t_true, p);
    gold.push_back(static_cast<double>(rng.Below(1000000)) / 1e6 < p[0] ? 0 : 1);
    scores.push_back(s[0]);
    scores.push_back(s[1]);
  }
  EXPECT_NEAR(FitTemperature(scores, 2, gold), t_true, 0.2);
  EXPECT_EQ(FitTemperature({}, 2, {}), 1.0);
}

}  // namespace
}  // namespace lianxin::dispatch
