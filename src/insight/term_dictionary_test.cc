#include "insight/term_dictionary.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

namespace lianxin::insight {
namespace {

TEST(TermDictionary, HandsOutDenseIdsInOrderOfFirstSight) {
  TermDictionary d;
  EXPECT_EQ(d.Find("噪音"), TermDictionary::kNone);
  EXPECT_EQ(d.Intern("噪音"), 0u);
  EXPECT_EQ(d.Intern("小区"), 1u);
  EXPECT_EQ(d.Intern("噪音"), 0u);
  EXPECT_EQ(d.Find("小区"), 1u);
  EXPECT_EQ(d.Find("小"), TermDictionary::kNone);
  EXPECT_EQ(d.Intern(""), 2u);  // the empty token is a token like any other
  EXPECT_EQ(d.Find(""), 2u);
  EXPECT_EQ(d.Token(1), "小区");
  EXPECT_EQ(d.Token(3), "");
  EXPECT_EQ(d.size(), 3u);
}

// Many tokens (through several growths), long ones and ones that differ only in the
// last byte, checked against std::unordered_map doing the same interning.
TEST(TermDictionary, AgreesWithAHashMapThroughGrowth) {
  TermDictionary d;
  std::unordered_map<std::string, uint32_t> ref;
  auto token = [](int k) {
    std::string s = "词" + std::to_string(k % 7919);
    if (k % 3 == 0) s += std::string(17, 'x');  // longer than one 8-byte word and SSO
    return s;
  };
  for (int k = 0; k < 50000; ++k) {
    std::string t = token(k * 31);
    auto [it, added] = ref.try_emplace(t, static_cast<uint32_t>(ref.size()));
    ASSERT_EQ(d.Intern(t), it->second) << t;
  }
  EXPECT_EQ(d.size(), ref.size());
  for (const auto& [t, id] : ref) {
    ASSERT_EQ(d.Find(t), id);
    ASSERT_EQ(d.Token(id), t);
  }
  EXPECT_EQ(d.Find("词7919"), TermDictionary::kNone);
}

}  // namespace
}  // namespace lianxin::insight
