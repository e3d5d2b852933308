#include "kb/lsa.h"

#include <gtest/gtest.h>

namespace lianxin::kb {
namespace {

// Two topics whose documents share words only partly: LSA must place a query
// using one topic's words nearer to that topic's documents, even to one that
// shares no word with the query.
TEST(LsaModel, GroupsCooccurringWords) {
  std::vector<std::vector<std::string>> docs = {
      {"社保", "缴费", "养老"}, {"养老", "退休", "社保"}, {"退休", "养老", "金"},
      {"停车", "收费", "车位"}, {"车位", "小区", "停车"}, {"小区", "物业", "车位"},
  };
  LsaOptions options;
  options.dims = 2;
  options.oversample = 2;
  options.max_df_share = 1.0;
  options.min_df = 1;
  auto model = LsaModel::Fit(docs, options);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_EQ(model->dims(), 2);
  std::vector<float> q = model->Embed({"缴费"});
  std::vector<float> pension = model->Embed(docs[2]);  // shares no word with the query
  std::vector<float> parking = model->Embed(docs[4]);
  EXPECT_GT(Dot(q, pension.data()), Dot(q, parking.data()) + 0.3f);
  std::vector<float> unknown = model->Embed({"不存在"});
  EXPECT_EQ(Dot(unknown, unknown.data()), 0.0f);
}

TEST(LsaModel, RefusesTooLittleData) {
  EXPECT_EQ(LsaModel::Fit({{"a"}}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(LsaModel::Fit({{"a"}, {"b"}}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace lianxin::kb
