#include "text/word_dict.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "cppjieba/MixSegment.hpp"
#include "testutil/testutil.h"
#include "text/text.h"
#include "text/unicode.h"

namespace lianxin::text::internal {
namespace {

const std::string kDictDir = LIANXIN_JIEBA_DICT_DIR;

std::u32string U32(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t len = DecodeUtf8(s, i, cp);
    out += cp;
    i += len;
  }
  return out;
}

std::vector<std::string> Words(const WordDict& dict, std::string_view text) {
  std::u32string runes = U32(text);
  std::vector<uint32_t> lengths;
  std::vector<double> route;
  dict.Cut(runes.data(), runes.size(), lengths, route);
  std::vector<std::string> out;
  size_t pos = 0;
  for (uint32_t len : lengths) {
    std::string w;
    for (size_t k = pos; k < pos + len; ++k) AppendUtf8(runes[k], w);
    out.push_back(w);
    pos += len;
  }
  return out;
}

std::string WriteFile(const testutil::TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = dir.File(name);
  std::ofstream(path) << text;
  return path;
}

TEST(WordDict, PicksTheMostProbablePath) {
  testutil::TempDir dir;
  // "ab" is likelier than "a" + "b"; "abc" is missing, "bc" is rare.
  std::string path = WriteFile(dir, "d.utf8", "a 100 n\nb 100 n\nab 1000 n\nbc 1 n\nc 100 n\n");
  WordDict dict;
  ASSERT_TRUE(dict.LoadJiebaDict(path, false).ok());
  dict.Freeze();
  EXPECT_EQ(Words(dict, "abc"), (std::vector<std::string>{"ab", "c"}));
  EXPECT_EQ(Words(dict, "xab"), (std::vector<std::string>{"x", "ab"}));
  EXPECT_EQ(Words(dict, ""), std::vector<std::string>{});
}

TEST(WordDict, UserWordsJoinAndOverride) {
  testutil::TempDir dir;
  std::string path = WriteFile(dir, "d.utf8", "a 100 n\nb 100 n\nc 100 n\n");
  WordDict dict;
  ASSERT_TRUE(dict.LoadJiebaDict(path, false).ok());
  dict.AddWord(U"abc", 0);
  dict.AddWord(U"z", 0);
  dict.Freeze();
  EXPECT_EQ(Words(dict, "abcz"), (std::vector<std::string>{"abc", "z"}));
  EXPECT_TRUE(dict.IsUserSingleChar(U'z'));
  EXPECT_FALSE(dict.IsUserSingleChar(U'a'));
}

TEST(WordDict, LowercasesAsciiWhenAsked) {
  testutil::TempDir dir;
  std::string path = WriteFile(dir, "d.utf8", "B超 3 n\nb 1 n\n超 1 n\n");
  WordDict dict;
  ASSERT_TRUE(dict.LoadJiebaDict(path, true).ok());
  dict.Freeze();
  EXPECT_EQ(Words(dict, "b超"), (std::vector<std::string>{"b超"}));
}

TEST(WordDict, LoadErrors) {
  testutil::TempDir dir;
  WordDict missing;
  EXPECT_EQ(missing.LoadJiebaDict(dir.File("nope"), false).code(), StatusCode::kNotFound);
  WordDict bad;
  std::string path = WriteFile(dir, "bad.utf8", "a 100 n\njust-a-word\n");
  Status s = bad.LoadJiebaDict(path, false);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find(":2"), std::string::npos) << s.message();
  WordDict empty;
  EXPECT_EQ(empty.LoadJiebaDict(WriteFile(dir, "empty.utf8", ""), false).code(),
            StatusCode::kInvalidArgument);
}

// Our segmenter must cut exactly like cppjieba::MixSegment (dictionary MP + HMM)
// on normalised text, apart from the punctuation it drops.
class AgreesWithCppjieba : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    mix_ = new cppjieba::MixSegment(kDictDir + "/jieba.dict.utf8", kDictDir + "/hmm_model.utf8");
    SegmenterOptions options;
    options.drop_stop_words = false;
    auto seg = LoadJiebaSegmenter(options);
    ASSERT_TRUE(seg.ok()) << seg.status().ToString();
    ours_ = std::move(seg).value().release();
  }
  static void TearDownTestSuite() {
    delete mix_;
    delete ours_;
  }

  static std::vector<std::string> Reference(const std::string& normalized) {
    std::vector<std::string> words, out;
    mix_->Cut(normalized, words, true);
    for (const std::string& w : words) {
      bool punct = true;
      for (size_t i = 0; i < w.size() && punct;) {
        char32_t cp;
        size_t len = DecodeUtf8(w, i, cp);
        punct = len != 0 && IsSpaceOrPunct(cp);
        i += len == 0 ? 1 : len;
      }
      if (!punct) out.push_back(w);
    }
    return out;
  }

  static cppjieba::MixSegment* mix_;
  static Segmenter* ours_;
};
cppjieba::MixSegment* AgreesWithCppjieba::mix_ = nullptr;
Segmenter* AgreesWithCppjieba::ours_ = nullptr;

TEST_F(AgreesWithCppjieba, OnSentences) {
  const char* sentences[] = {
      "我来到北京清华大学",
      "他来到了网易杭研大厦",
      "小明硕士毕业于中国科学院计算所,后在日本京都大学深造",
      "a市西湖建筑集团占道施工有安全隐患",
      "a3区大道西行便道,未管所路口至加油站路段,人行道包括路灯杆,被圈西湖建筑集团燕子山安置房项目施工围墙内.",
      "请问2019年的社保缴费基数是多少?工资3500元,iphone11和wifi都不行",
      "王峮也没给我一个说法,居民长达六年没有危房补助",
  };
  for (const char* s : sentences) {
    std::string normalized = Normalize(s);
    EXPECT_EQ(ours_->Cut(normalized), Reference(normalized)) << s;
  }
}

TEST_F(AgreesWithCppjieba, OnTeddyMessages) {
  std::string dir = testutil::SharedDataDir();
  std::ifstream in(dir + "/messages_labeled.jsonl");
  if (dir.empty() || !in) GTEST_SKIP() << "teddy2020 data not present";
  int compared = 0;
  for (std::string line; compared < 500 && std::getline(in, line);) {
    auto j = nlohmann::json::parse(line);
    std::string text = (j["title"].is_string() ? j["title"].get<std::string>() : "") + "\n" +
                       (j["body"].is_string() ? j["body"].get<std::string>() : "");
    std::string normalized = Normalize(text);
    // The only intended difference: we lower-case the dictionary's few ASCII words.
    bool lowered_word = false;
    for (const char* w : {"b超", "t恤", "at&t", "c#", "c++"}) {
      lowered_word = lowered_word || normalized.find(w) != std::string::npos;
    }
    if (lowered_word) continue;
    ASSERT_EQ(ours_->Cut(normalized), Reference(normalized)) << text;
    ++compared;
  }
  EXPECT_GT(compared, 100);
}

}  // namespace
}  // namespace lianxin::text::internal
