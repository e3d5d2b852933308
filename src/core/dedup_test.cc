#include "core/dedup.h"

#include <gtest/gtest.h>

namespace lianxin {
namespace {

TEST(DedupKeepFirst, KeepsFirstOccurrencesInOrder) {
  std::vector<std::string> v = {"路灯", "a", "路灯", "b", "a", "路灯杆", "b", "c"};
  DedupKeepFirst(v);
  EXPECT_EQ(v, (std::vector<std::string>{"路灯", "a", "b", "路灯杆", "c"}));
}

TEST(DedupKeepFirst, EmptyAndSingleAndAllEqual) {
  std::vector<std::string> v;
  DedupKeepFirst(v);
  EXPECT_TRUE(v.empty());
  v = {"x"};
  DedupKeepFirst(v);
  EXPECT_EQ(v, std::vector<std::string>{"x"});
  v = {"", "x", "", "x"};  // the empty string is a term like any other
  DedupKeepFirst(v);
  EXPECT_EQ(v, (std::vector<std::string>{"", "x"}));
  v = std::vector<std::string>(100, "同");
  DedupKeepFirst(v);
  EXPECT_EQ(v, std::vector<std::string>{"同"});
}

TEST(DedupKeepFirst, LongStringsMoveIntact) {
  std::string long_a(100, 'a'), long_b(100, 'b');
  std::vector<std::string> v = {long_a, long_a, long_b, long_a};
  DedupKeepFirst(v);
  EXPECT_EQ(v, (std::vector<std::string>{long_a, long_b}));
}

TEST(DedupKeepFirst, ManyTermsWithRepeats) {
  std::vector<std::string> v, expected;
  for (int i = 0; i < 1000; ++i) v.push_back("词" + std::to_string((i * 7) % 300));
  for (int i = 0; i < 300; ++i) expected.push_back("词" + std::to_string((i * 7) % 300));
  DedupKeepFirst(v);
  EXPECT_EQ(v, expected);
}

}  // namespace
}  // namespace lianxin
