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

}  // namespace
}  // namespace lianxin
