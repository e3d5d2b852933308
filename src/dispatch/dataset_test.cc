#include "dispatch/dataset.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testutil/testutil.h"

namespace lianxin::dispatch {
namespace {

std::string Write(const testutil::TempDir& dir, const std::string& text) {
  const std::string path = dir.File("d.jsonl");
  std::ofstream(path) << text;
  return path;
}

TEST(Dataset, ReadsTitleBodyAndSegmentedFallbacks) {
  testutil::TempDir dir;
  const std::string path = Write(dir,
      "{\"title\":\" 公交晚点 \",\"body\":\"每天都晚\",\"label_l1\":\"交通运输\"}\n"
      "\n"
      "{\"title\":\"学校收费\",\"label_l1\":\"教育文体\",\"text_segmented\":\"学校 收费 太 高\"}\n"
      "{\"label_l1\":\"环境保护\",\"text_segmented\":\"噪音 扰民\"}\n");
  auto data = ReadLabeledJsonl(path);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ASSERT_EQ(data->size(), 3u);
  EXPECT_EQ((*data)[0].title, "公交晚点");
  EXPECT_EQ((*data)[0].body, "每天都晚");
  EXPECT_EQ((*data)[1].body, "学校收费太高");  // segmented body by default
  EXPECT_EQ((*data)[2].body, "噪音扰民");
  ReadOptions peer;
  peer.segmented_body = false;
  data = ReadLabeledJsonl(path, peer);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ((*data)[1].body, "");
  EXPECT_EQ((*data)[2].body, "噪音扰民");  // both missing: always the fallback

  const LabelIndex index = IndexLabels(*data);
  EXPECT_EQ(index.labels, (std::vector<std::string>{"交通运输", "教育文体", "环境保护"}));
  EXPECT_EQ(index.of_message, (std::vector<int>{0, 1, 2}));
}

TEST(Dataset, ErrorsNameTheLine) {
  testutil::TempDir dir;
  auto bad = ReadLabeledJsonl(Write(dir, "{\"title\":\"a\",\"label_l1\":\"x\"}\n{not json\n"));
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find(":2:"), std::string::npos) << bad.status().message();
  auto no_label = ReadLabeledJsonl(Write(dir, "{\"title\":\"a\"}\n"));
  EXPECT_NE(no_label.status().message().find("label_l1"), std::string::npos);
  auto no_text = ReadLabeledJsonl(Write(dir, "{\"label_l1\":\"x\"}\n"));
  EXPECT_NE(no_text.status().message().find("no text"), std::string::npos);
  EXPECT_EQ(ReadLabeledJsonl(Write(dir, "\n")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadLabeledJsonl(dir.File("absent.jsonl")).status().code(), StatusCode::kNotFound);
  auto bad_utf8 = ReadLabeledJsonl(Write(dir, "{\"title\":\"\xff\",\"label_l1\":\"x\"}\n"));
  EXPECT_NE(bad_utf8.status().message().find("UTF-8"), std::string::npos);
}

}  // namespace
}  // namespace lianxin::dispatch
