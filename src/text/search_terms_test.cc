#include <gtest/gtest.h>

#include <algorithm>

#include "text/text.h"

namespace lianxin::text {
namespace {

const Segmenter& Jieba() {
  static std::unique_ptr<Segmenter> seg = [] {
    auto s = LoadJiebaSegmenter({});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return std::move(s).value();
  }();
  return *seg;
}

bool Has(const std::vector<std::string>& v, const std::string& t) {
  return std::find(v.begin(), v.end(), t) != v.end();
}

TEST(SearchTerms, DocumentsAddTheTwoCharacterPiecesOfLongWords) {
  auto doc = SearchTerms(Jieba(), "人行道包括路灯杆被圈进施工围墙", false);
  auto words = Jieba().Cut(Normalize("人行道包括路灯杆被圈进施工围墙"));
  for (const std::string& w : words) EXPECT_TRUE(Has(doc, w)) << w;
  EXPECT_TRUE(Has(doc, "人行"));
  EXPECT_TRUE(Has(doc, "行道"));
  // Every term once.
  std::vector<std::string> sorted = doc;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
}

// The order is that of first occurrence: each long word's pieces, then the word,
// word by word, every term once (a naive reference built from the same cut).
TEST(SearchTerms, FirstOccurrenceOrder) {
  const std::string text =
      "小区路灯杆坏了，路灯不亮，晚上路灯杆旁边很黑。请尽快修理路灯，路灯杆要换新的。";
  std::vector<std::string> expected;
  auto add = [&](const std::string& t) {
    if (!Has(expected, t)) expected.push_back(t);
  };
  for (const std::string& w : Jieba().Cut(Normalize(text))) {
    // Every word here is Chinese; 3-byte characters.
    if (w.size() >= 9) {
      for (size_t k = 0; k + 6 <= w.size(); k += 3) add(w.substr(k, 6));
    }
    add(w);
  }
  EXPECT_EQ(SearchTerms(Jieba(), text, false), expected);
  std::vector<std::string> query;
  for (const std::string& w : Jieba().Cut(Normalize(text))) {
    if (!Has(query, w)) query.push_back(w);
  }
  EXPECT_EQ(SearchTerms(Jieba(), text, true), query);
}

TEST(SearchTerms, QueriesKeepTheWordsOnly) {
  auto q = SearchTerms(Jieba(), "人行道", true);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0], "人行道");
}

TEST(SearchTerms, NormalisesWidthCaseAndScript) {
  // Full-width Latin and traditional characters meet their plain forms.
  EXPECT_EQ(SearchTerms(Jieba(), "ＡＢＣ", true), SearchTerms(Jieba(), "abc", true));
  EXPECT_EQ(SearchTerms(Jieba(), "噪音擾民", true), SearchTerms(Jieba(), "噪音扰民", true));
}

TEST(SearchTerms, LatinWordsAreNotCutIntoPieces) {
  auto doc = SearchTerms(*NewCharSegmenter(), "wifi", false);
  ASSERT_EQ(doc.size(), 1u);
  EXPECT_EQ(doc[0], "wifi");
}

TEST(SearchTerms, EmptyAndPunctuationGiveNothing) {
  EXPECT_TRUE(SearchTerms(Jieba(), "", false).empty());
  EXPECT_TRUE(SearchTerms(Jieba(), "，。！？", false).empty());
}

}  // namespace
}  // namespace lianxin::text
