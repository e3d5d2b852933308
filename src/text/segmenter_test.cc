#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "testutil/testutil.h"
#include "text/text.h"

namespace lianxin::text {
namespace {

bool Contains(const std::vector<std::string>& tokens, const std::string& t) {
  return std::find(tokens.begin(), tokens.end(), t) != tokens.end();
}

// Loading takes a fraction of a second: share one segmenter per configuration.
class JiebaSegmenterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SegmenterOptions options;
    options.user_words = {"A3区", "西湖建筑集团 100 nt", "供水管网改造"};
    auto seg = LoadJiebaSegmenter(options);
    ASSERT_TRUE(seg.ok()) << seg.status().ToString();
    seg_ = std::move(seg).value().release();
    options.drop_stop_words = false;
    auto keep = LoadJiebaSegmenter(options);
    ASSERT_TRUE(keep.ok()) << keep.status().ToString();
    keep_stop_ = std::move(keep).value().release();
  }
  static void TearDownTestSuite() {
    delete seg_;
    delete keep_stop_;
  }
  static Segmenter* seg_;
  static Segmenter* keep_stop_;
};
Segmenter* JiebaSegmenterTest::seg_ = nullptr;
Segmenter* JiebaSegmenterTest::keep_stop_ = nullptr;

TEST_F(JiebaSegmenterTest, CutsWords) {
  auto tokens = seg_->Cut(Normalize("小区停车位被占用，物业不作为"));
  EXPECT_TRUE(Contains(tokens, "小区")) << ::testing::PrintToString(tokens);
  EXPECT_TRUE(Contains(tokens, "停车位"));
  EXPECT_TRUE(Contains(tokens, "物业"));
}

TEST_F(JiebaSegmenterTest, UserWordsStayWhole) {
  auto tokens = seg_->Cut(Normalize("A市A3区西湖建筑集团的供水管网改造"));
  EXPECT_TRUE(Contains(tokens, "a3区")) << ::testing::PrintToString(tokens);
  EXPECT_TRUE(Contains(tokens, "西湖建筑集团"));
  EXPECT_TRUE(Contains(tokens, "供水管网改造"));
}

TEST_F(JiebaSegmenterTest, DropsPunctuationAndWhitespace) {
  auto tokens = seg_->Cut(Normalize("噪音！！ 扰民…… “严重”（夜间）"));
  for (const std::string& t : tokens) {
    EXPECT_EQ(t.find_first_of(" !.\"()"), std::string::npos) << t;
  }
  EXPECT_TRUE(Contains(tokens, "噪音")) << ::testing::PrintToString(tokens);
  EXPECT_TRUE(Contains(tokens, "扰民"));
  EXPECT_TRUE(seg_->Cut("，。！？ ...").empty());
  EXPECT_TRUE(seg_->Cut("").empty());
}

TEST_F(JiebaSegmenterTest, StopWordsOptional) {
  std::string text = Normalize("我们的小区没有物业，请问怎么办");
  auto dropped = seg_->Cut(text);
  auto kept = keep_stop_->Cut(text);
  EXPECT_FALSE(Contains(dropped, "我们")) << ::testing::PrintToString(dropped);
  EXPECT_FALSE(Contains(dropped, "的"));
  EXPECT_FALSE(Contains(dropped, "请问"));
  EXPECT_TRUE(Contains(dropped, "没有"));  // negations are not stop words
  EXPECT_TRUE(Contains(dropped, "物业"));
  EXPECT_TRUE(Contains(kept, "我们"));
  EXPECT_TRUE(Contains(kept, "的"));
  EXPECT_GT(kept.size(), dropped.size());
}

TEST_F(JiebaSegmenterTest, NumbersAndLatinWords) {
  auto tokens = seg_->Cut(Normalize("2019年工资3500元，WiFi信号差"));
  EXPECT_TRUE(Contains(tokens, "2019")) << ::testing::PrintToString(tokens);
  EXPECT_TRUE(Contains(tokens, "3500"));
  EXPECT_TRUE(Contains(tokens, "wifi"));
}

TEST_F(JiebaSegmenterTest, AppendsToOutput) {
  std::vector<std::string> out = {"existing"};
  seg_->Cut("物业", out);
  EXPECT_EQ(out, (std::vector<std::string>{"existing", "物业"}));
}

TEST_F(JiebaSegmenterTest, ToleratesUnnormalisedInput) {
  auto tokens = seg_->Cut("物业\xFF\xFE服务");
  EXPECT_TRUE(Contains(tokens, "物业")) << ::testing::PrintToString(tokens);
  EXPECT_TRUE(Contains(tokens, "服务"));
}

TEST_F(JiebaSegmenterTest, ConcurrentCutsAgree) {
  std::vector<std::string> texts = {Normalize("A3区自来水停水三天，无人处理"),
                                    Normalize("学校周边道路拥堵，希望增设红绿灯"),
                                    Normalize("社保卡补办需要哪些材料"),
                                    Normalize("夜间施工噪音严重影响休息")};
  std::vector<std::vector<std::string>> expected;
  for (const auto& t : texts) expected.push_back(seg_->Cut(t));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (int round = 0; round < 300; ++round) {
        size_t idx = (round + k) % texts.size();
        if (seg_->Cut(texts[idx]) != expected[idx]) ++mismatches[k];
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(JiebaSegmenterLoad, MissingFolderIsNotFound) {
  SegmenterOptions options;
  options.dict_dir = "/nonexistent/jieba";
  auto seg = LoadJiebaSegmenter(options);
  ASSERT_FALSE(seg.ok());
  EXPECT_EQ(seg.status().code(), StatusCode::kNotFound);
}

TEST(JiebaSegmenterLoad, MalformedFilesAreInvalidArgument) {
  testutil::TempDir dir;
  std::ofstream(dir.File("jieba.dict.utf8")) << "物业 100 n\n";
  std::ofstream(dir.File("hmm_model.utf8")) << "# not a model\n1 2 3\n";
  SegmenterOptions options;
  options.dict_dir = dir.path();
  auto seg = LoadJiebaSegmenter(options);
  ASSERT_FALSE(seg.ok());
  EXPECT_EQ(seg.status().code(), StatusCode::kInvalidArgument);

  std::filesystem::copy_file(std::string(LIANXIN_JIEBA_DICT_DIR) + "/hmm_model.utf8",
                             dir.File("hmm_model.utf8"),
                             std::filesystem::copy_options::overwrite_existing);
  std::ofstream(dir.File("jieba.dict.utf8")) << "物业 100\n";
  seg = LoadJiebaSegmenter(options);
  ASSERT_FALSE(seg.ok());
  EXPECT_EQ(seg.status().code(), StatusCode::kInvalidArgument);

  std::ofstream(dir.File("jieba.dict.utf8")) << "物业 100 n\n服务 50 vn\n";
  seg = LoadJiebaSegmenter(options);
  ASSERT_TRUE(seg.ok()) << seg.status().ToString();
  EXPECT_EQ((*seg)->Cut("物业服务"), (std::vector<std::string>{"物业", "服务"}));
}

TEST(CharSegmenter, OneTokenPerHanCharacter) {
  auto seg = NewCharSegmenter();
  EXPECT_EQ(seg->Cut("物业服务"), (std::vector<std::string>{"物", "业", "服", "务"}));
}

TEST(CharSegmenter, AsciiWordsWholePunctuationDropped) {
  auto seg = NewCharSegmenter();
  EXPECT_EQ(seg->Cut("a3区 wifi,2019年!"),
            (std::vector<std::string>{"a3", "区", "wifi", "2019", "年"}));
  EXPECT_TRUE(seg->Cut(" ,.!").empty());
  EXPECT_TRUE(seg->Cut("").empty());
}

}  // namespace
}  // namespace lianxin::text
