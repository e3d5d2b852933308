#include "dispatch/meter.h"

#include <gtest/gtest.h>

#include <cmath>

namespace lianxin::dispatch {
namespace {

// Two classes a (0) and b (1); six predictions worked out by hand:
//   gold a: a(0.9) a(0.8) b(0.6)     gold b: b(0.95) b(0.7) a(0.5)
// a: tp 2, fp 1, fn 1 -> P 2/3, R 2/3, F1 2/3; b the same. Accuracy 4/6.
Meter Example() {
  Meter m({"a", "b"});
  m.Add(0, 0, 0.9);
  m.Add(0, 0, 0.8);
  m.Add(0, 1, 0.6);
  m.Add(1, 1, 0.95);
  m.Add(1, 1, 0.7);
  m.Add(1, 0, 0.5);
  return m;
}

TEST(Meter, HandComputedExample) {
  const Meter m = Example();
  EXPECT_EQ(m.n(), 6);
  EXPECT_DOUBLE_EQ(m.Accuracy(), 4.0 / 6);
  const ClassMetrics a = m.ForClass(0);
  EXPECT_DOUBLE_EQ(a.precision, 2.0 / 3);
  EXPECT_DOUBLE_EQ(a.recall, 2.0 / 3);
  EXPECT_NEAR(a.f1, 2.0 / 3, 1e-12);
  EXPECT_EQ(a.support, 3);
  EXPECT_EQ(a.predicted, 3);
  EXPECT_NEAR(m.MacroF1(), 2.0 / 3, 1e-12);
  EXPECT_EQ(m.confusion()[0][0], 2);
  EXPECT_EQ(m.confusion()[0][1], 1);
  EXPECT_EQ(m.confusion()[1][0], 1);
  EXPECT_EQ(m.confusion()[1][1], 2);
}

TEST(Meter, UnbalancedClassesMacroF1) {
  // gold a x3 all predicted a; gold b x1 predicted a.
  // a: tp 3 fp 1 fn 0 -> P 3/4, R 1, F1 6/7; b: tp 0 -> F1 0. Macro = 3/7.
  Meter m({"a", "b"});
  for (int i = 0; i < 3; ++i) m.Add(0, 0, 0.9);
  m.Add(1, 0, 0.9);
  EXPECT_NEAR(m.ForClass(0).f1, 6.0 / 7, 1e-12);
  EXPECT_DOUBLE_EQ(m.ForClass(1).f1, 0.0);
  EXPECT_DOUBLE_EQ(m.ForClass(1).precision, 0.0);
  EXPECT_NEAR(m.MacroF1(), 3.0 / 7, 1e-12);
}

TEST(Meter, CoverageAtThreshold) {
  const Meter m = Example();
  // >= 0.7: 0.95 ok, 0.9 ok, 0.8 ok, 0.7 ok -> 4/6 covered, all correct.
  CoveragePoint p = m.AtThreshold(0.7);
  EXPECT_EQ(p.n, 4);
  EXPECT_DOUBLE_EQ(p.coverage, 4.0 / 6);
  EXPECT_DOUBLE_EQ(p.accuracy, 1.0);
  p = m.AtThreshold(0.55);  // adds 0.6 (wrong) -> 4/5
  EXPECT_DOUBLE_EQ(p.accuracy, 0.8);
  p = m.AtThreshold(2.0);
  EXPECT_EQ(p.n, 0);
  EXPECT_DOUBLE_EQ(p.accuracy, 1.0);
}

TEST(Meter, CoverageAtPrecision) {
  const Meter m = Example();
  // Sorted: .95 ok, .9 ok, .8 ok, .7 ok, .6 bad (4/5), .5 bad (4/6).
  CoveragePoint p = m.AtPrecision(0.97);
  EXPECT_DOUBLE_EQ(p.coverage, 4.0 / 6);
  EXPECT_DOUBLE_EQ(p.threshold, 0.7);
  EXPECT_DOUBLE_EQ(p.accuracy, 1.0);
  p = m.AtPrecision(0.8);
  EXPECT_DOUBLE_EQ(p.coverage, 5.0 / 6);
  EXPECT_DOUBLE_EQ(p.threshold, 0.6);
  p = m.AtPrecision(0.5);
  EXPECT_DOUBLE_EQ(p.coverage, 1.0);
}

TEST(Meter, CoverageNeverCutsInsideATie) {
  Meter m({"a", "b"});
  m.Add(0, 0, 0.9);
  m.Add(0, 1, 0.8);  // wrong, tied with the next
  m.Add(1, 1, 0.8);
  // Cutting after the first is 100%; including the tie gives 2/3.
  CoveragePoint p = m.AtPrecision(0.9);
  EXPECT_DOUBLE_EQ(p.coverage, 1.0 / 3);
  p = m.AtPrecision(0.6);
  EXPECT_DOUBLE_EQ(p.coverage, 1.0);
  Meter none({"a", "b"});
  none.Add(0, 1, 0.9);
  p = none.AtPrecision(0.97);
  EXPECT_EQ(p.coverage, 0.0);
  EXPECT_TRUE(std::isinf(p.threshold));
}

TEST(Meter, MergeAddsRecords) {
  Meter m = Example();
  m.Merge(Example());
  EXPECT_EQ(m.n(), 12);
  EXPECT_EQ(m.confusion()[0][0], 4);
  EXPECT_DOUBLE_EQ(m.Accuracy(), 4.0 / 6);
}

}  // namespace
}  // namespace lianxin::dispatch
