#include "dispatch/options.h"

#include <gtest/gtest.h>

namespace lianxin::dispatch {
namespace {

TEST(ClassifierOptions, PrinterListsEveryFieldAndParsesBack) {
  ClassifierOptions o;
  o.svm_c = 0.25;
  o.title_weight = 0.5;
  o.balanced = false;
  o.seed = 7;
  const std::string text = ToString(o);
  EXPECT_NE(text.find("svm_c=0.25"), std::string::npos);
  EXPECT_NE(text.find("balanced=false"), std::string::npos);
  EXPECT_NE(text.find("seed=7"), std::string::npos);
  auto parsed = ParseOptions(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(ToString(*parsed), text);
}

TEST(ClassifierOptions, DefaultsAreValid) { EXPECT_TRUE(Validate(ClassifierOptions()).ok()); }

TEST(ClassifierOptions, SetOptionRejectsUnknownKeysAndBadValuesAndKeepsOptions) {
  ClassifierOptions o;
  EXPECT_TRUE(SetOption(o, "min_df", "5").ok());
  EXPECT_EQ(o.min_df, 5);
  EXPECT_EQ(SetOption(o, "no_such_option", "1").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SetOption(o, "min_df", "five").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SetOption(o, "svm_c", "").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SetOption(o, "use_idf", "maybe").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(o.min_df, 5);
  EXPECT_EQ(ParseOptions("svm_c").status().code(), StatusCode::kInvalidArgument);
}

TEST(ClassifierOptions, ValidateNamesTheBadField) {
  ClassifierOptions o;
  o.svm_c = 0;
  Status s = Validate(o);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("svm_c"), std::string::npos);
  o = ClassifierOptions();
  o.word_ngrams = 0;
  o.char_ngram_max = 0;
  EXPECT_FALSE(Validate(o).ok());
  o = ClassifierOptions();
  o.calibration_folds = 1;
  EXPECT_FALSE(Validate(o).ok());
}

}  // namespace
}  // namespace lianxin::dispatch
