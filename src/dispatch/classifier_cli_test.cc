#include "dispatch/classifier_cli.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "dispatch/test_data.h"
#include "testutil/testutil.h"

namespace lianxin::dispatch {
namespace {

struct CliRun {
  int code;
  std::string out, err;
};

CliRun Cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  int code = RunDispatchCli(args, out, err);
  return {code, out.str(), err.str()};
}

class ClassifierCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    double f1, acc;
    ASSERT_EQ(testing::WriteCaseSplit("train", train_, &f1, &acc), "");
    ASSERT_EQ(testing::WriteCaseSplit("test", test_, &f1, &acc), "");
  }
  testutil::TempDir dir_;
  std::string train_ = dir_.File("train.jsonl");
  std::string test_ = dir_.File("test.jsonl");
  std::string model_ = dir_.File("model.lxdm");
};

TEST_F(ClassifierCliTest, TrainEvalPredictWithJson) {
  CliRun r = Cli({"train", "--data", train_, "--out", model_, "--char-segmenter", "--set", "calibration_folds=2"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("trained on 420 messages"), std::string::npos) << r.out;

  r = Cli({"eval", "--model", model_, "--data", test_, "--json", "--char-segmenter"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"macro_f1", "accuracy", "n", "per_class", "confusion", "coverage", "coverage_at_97"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["n"], 140);
  EXPECT_EQ(j["confusion"].size(), 7u);

  r = Cli({"predict", "--model", model_, "--title", "学校乱收费", "--char-segmenter"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(r.out.empty());

  r = Cli({"eval", "--model", model_, "--data", test_});  // jieba: a different segmenter
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("failed_precondition"), std::string::npos) << r.err;
}

TEST_F(ClassifierCliTest, CrossValidationJson) {
  CliRun r = Cli({"cv", "--data", train_, "--folds", "3", "--json", "--char-segmenter", "--set",
               "calibration_folds=0"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["n"], 420);
  EXPECT_EQ(j["folds"], 3);
  EXPECT_EQ(j["fold_macro_f1"].size(), 3u);
  EXPECT_TRUE(j.contains("coverage_at_97"));
  EXPECT_GT(j["macro_f1"].get<double>(), 0.5);
}

TEST_F(ClassifierCliTest, UsageErrors) {
  EXPECT_EQ(Cli({}).code, 2);
  EXPECT_EQ(Cli({"frobnicate"}).code, 2);
  EXPECT_EQ(Cli({"train", "--data", train_}).code, 2);  // no --out
  EXPECT_EQ(Cli({"cv", "--data", train_, "--folds", "x"}).code, 2);
  EXPECT_EQ(Cli({"cv", "--data", train_, "--set", "nope=1"}).code, 2);
  EXPECT_EQ(Cli({"eval", "--model", model_, "--data", dir_.File("absent.jsonl")}).code, 1);
  CliRun r = Cli({"options"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("svm_c="), std::string::npos);
  EXPECT_EQ(Cli({"help"}).code, 0);
}

}  // namespace
}  // namespace lianxin::dispatch
