#include "text/hmm.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <random>
#include <string>
#include <vector>

// cppjieba headers are not self-contained: DictTrie.hpp brings XLOG and MIN_DOUBLE.
#include "cppjieba/DictTrie.hpp"
#include "cppjieba/HMMSegment.hpp"
#include "testutil/testutil.h"
#include "text/text.h"
#include "text/unicode.h"

namespace lianxin::text::internal {
namespace {

using Ranges = std::vector<std::pair<uint32_t, uint32_t>>;

class HmmCutterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    model_ = new cppjieba::HMMModel(std::string(LIANXIN_JIEBA_DICT_DIR) + "/hmm_model.utf8");
    ours_ = new HmmCutter(*model_);
  }
  static void TearDownTestSuite() {
    delete ours_;
    delete model_;
  }

  // cppjieba's cut of the code points `cps`, as (first, last) index pairs.
  static Ranges Reference(const std::vector<char32_t>& cps) {
    cppjieba::RuneStrArray runes;
    for (size_t i = 0; i < cps.size(); ++i) {
      runes.push_back(cppjieba::RuneStr(cps[i], static_cast<uint32_t>(i), 1));
    }
    cppjieba::HMMSegment hmm(model_);
    std::vector<cppjieba::WordRange> words;
    hmm.Cut(runes.begin(), runes.end(), words);
    Ranges out;
    for (const cppjieba::WordRange& w : words) {
      out.emplace_back(static_cast<uint32_t>(w.left - runes.begin()),
                       static_cast<uint32_t>(w.right - runes.begin()));
    }
    return out;
  }
  static Ranges Ours(const std::vector<char32_t>& cps) {
    Ranges out = {{99, 99}};  // Cut appends
    ours_->Cut(cps.data(), cps.size(), out);
    out.erase(out.begin());
    return out;
  }
  static std::vector<char32_t> CodePoints(std::string_view s) {
    std::vector<char32_t> out;
    for (size_t i = 0; i < s.size();) {
      char32_t cp = 0;
      size_t n = DecodeUtf8(s, i, cp);
      if (n == 0) {
        ++i;
        continue;
      }
      out.push_back(cp);
      i += n;
    }
    return out;
  }

  static cppjieba::HMMModel* model_;
  static HmmCutter* ours_;
};
cppjieba::HMMModel* HmmCutterTest::model_ = nullptr;
HmmCutter* HmmCutterTest::ours_ = nullptr;

TEST_F(HmmCutterTest, CutsLikeCppjiebaOnSentences) {
  for (const char* s : {"王峮也没给我一个说法", "小明硕士毕业于中国科学院计算所", "a3区大道西行便道iphone11和3.5元",
                        "锟斤拷", "𠀀𠀁丂", "x", "7", "..", "居民长达六年没有危房补助"}) {
    std::vector<char32_t> cps = CodePoints(s);
    EXPECT_EQ(Ours(cps), Reference(cps)) << s;
  }
  EXPECT_TRUE(Ours({}).empty());
}

TEST_F(HmmCutterTest, CutsLikeCppjiebaOnRandomRuns) {
  // Common and rare Han characters, characters outside the model (astral,
  // kana), ASCII letters, digits, '.' and punctuation, in runs of 1..60.
  std::vector<char32_t> alphabet = {U'的', U'区', U'路', U'灯', U'峮', U'锟', U'斤', U'拷', U'龘',
                                    U'あ', U'𠀀', U'a', U'Z', U'0', U'9', U'.', U',', U' ', U'-'};
  for (char32_t c = 0x4E00; c < 0x9FA5; c += 97) alphabet.push_back(c);
  std::mt19937 rng(20261202);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1), len(1, 60);
  for (int i = 0; i < 5000; ++i) {
    std::vector<char32_t> cps(len(rng));
    for (char32_t& c : cps) c = alphabet[pick(rng)];
    ASSERT_EQ(Ours(cps), Reference(cps)) << i;
  }
}

TEST_F(HmmCutterTest, CutsLikeCppjiebaOnTeddyMessages) {
  // Whole normalised messages through the HMM (not only the runs the
  // dictionary leaves to it): every message of every file.
  const std::string dir = testutil::SharedDataDir();
  int compared = 0;
  for (const char* file : {"messages_labeled.jsonl", "test_unlabeled.jsonl",
                           "messages_with_votes.jsonl", "messages_with_replies.jsonl"}) {
    std::ifstream in(dir + "/" + file);
    for (std::string line; in && std::getline(in, line);) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object()) continue;
      for (const char* field : {"title", "body"}) {
        if (!j.contains(field) || !j[field].is_string()) continue;
        std::vector<char32_t> cps = CodePoints(Normalize(j[field].get<std::string>()));
        ASSERT_EQ(Ours(cps), Reference(cps)) << file << ": " << j[field];
      }
      ++compared;
    }
  }
  if (compared == 0) GTEST_SKIP() << "teddy2020 data not present";
  EXPECT_GT(compared, 10000);
}

}  // namespace
}  // namespace lianxin::text::internal
