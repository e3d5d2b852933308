#include "kb/eval.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testutil/testutil.h"

namespace lianxin::kb {
namespace {

std::vector<ReplyPair> Pairs() {
  const char* topics[] = {"社保卡补办", "停车收费", "公积金提取", "垃圾清运", "路灯维修",
                          "噪音扰民", "学校招生", "医保报销", "供水停水", "燃气安检"};
  std::vector<ReplyPair> out;
  for (int i = 0; i < 10; ++i) {
    ReplyPair p;
    p.title = std::string(topics[i]) + "问题";
    p.body = std::string("我想咨询") + topics[i] + "的办理。";
    p.reply = std::string("您好，关于") + topics[i] + "，已转相关部门处理，第" + std::to_string(i) + "号。";
    out.push_back(p);
  }
  return out;
}

// Two folds and a tiny LSA, for the ten pairs above.
EvalOptions SmallOptions() {
  EvalOptions options;
  options.folds = 2;
  options.lsa.dims = 4;
  options.lsa.oversample = 2;
  return options;
}

TEST(EvaluateRetrieval, FindsOwnRepliesAndReportsEveryMethod) {
  auto seg = text::NewCharSegmenter();
  EvalOptions options = SmallOptions();
  auto report = EvaluateRetrieval(*seg, Pairs(), options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->queries, 10u);
  ASSERT_EQ(report->methods.size(), 3u);
  EXPECT_EQ(report->methods[0].name, "ours");
  EXPECT_EQ(report->chosen.size(), 2u);
  for (const MethodReport& m : report->methods) {
    EXPECT_EQ(m.folds.size(), 2u);
    EXPECT_GE(m.mean.recall_at_10, m.mean.recall_at_1);
    EXPECT_GE(m.mean.mrr_at_10, m.mean.recall_at_1);
    EXPECT_LE(m.mean.mrr_at_10, m.mean.recall_at_10);
    // The topic words are unique to each reply: every method finds it first.
    EXPECT_DOUBLE_EQ(m.mean.recall_at_1, 1.0) << m.name;
  }
}

// The number of query terms kept: the smallest K within the tolerance of the
// best training MRR@10; when no K qualifies, all terms (0).
TEST(EvaluateRetrieval, ChoosesTheSmallestQueryTermCountWithinTheTolerance) {
  auto seg = text::NewCharSegmenter();
  EvalOptions options = SmallOptions();
  options.max_terms_grid = {1000, 2, 1};
  for (double tolerance : {1.0, -1.0}) {
    options.max_terms_tolerance = tolerance;
    auto report = EvaluateRetrieval(*seg, Pairs(), options);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    ASSERT_EQ(report->chosen.size(), 2u);
    ASSERT_EQ(report->max_terms_trials.size(), 2u);
    for (size_t f = 0; f < 2; ++f) {
      EXPECT_EQ(report->chosen[f].max_terms, tolerance > 0 ? 1u : 0u) << "fold " << f;
      ASSERT_EQ(report->max_terms_trials[f].size(), 4u);
      EXPECT_EQ(report->max_terms_trials[f][0].first, 0u);
      // K far above the query's terms scores exactly as all terms do.
      EXPECT_DOUBLE_EQ(report->max_terms_trials[f][1].second, report->max_terms_trials[f][0].second);
    }
  }
}

TEST(EvaluateRetrieval, RefusesTooFewPairs) {
  auto seg = text::NewCharSegmenter();
  EvalOptions options;
  options.folds = 20;
  EXPECT_EQ(EvaluateRetrieval(*seg, Pairs(), options).status().code(), StatusCode::kInvalidArgument);
}

TEST(ReadReplyPairs, NamesTheBadLine) {
  testutil::TempDir dir;
  std::string path = dir.path() + "/r.jsonl";
  {
    std::ofstream out(path);
    out << R"({"title":"t","body":"b","reply":"r"})" << "\n" << R"({"title":"t"})" << "\n";
  }
  auto r = ReadReplyPairs(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find(":2:"), std::string::npos);
  EXPECT_EQ(ReadReplyPairs(dir.path() + "/none.jsonl").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace lianxin::kb
