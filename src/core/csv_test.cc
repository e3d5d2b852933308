#include "core/csv.h"

#include <gtest/gtest.h>

namespace lianxin {
namespace {

TEST(Csv, SplitsTrimsQuotesAndSkipsComments) {
  auto rows = ReadCsv(
      "\xEF\xBB\xBF# header comment\n\na, b ,c\r\n  # indented comment\n"
      "\"x, y\",\"say \"\"hi\"\"\", \n1,,3,\n",
      "t.csv");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].line, 3);
  EXPECT_EQ((*rows)[0].fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ((*rows)[1].line, 5);
  EXPECT_EQ((*rows)[1].fields, (std::vector<std::string>{"x, y", "say \"hi\"", ""}));
  EXPECT_EQ((*rows)[2].fields, (std::vector<std::string>{"1", "", "3", ""}));
}

TEST(Csv, RefusesBrokenQuotesWithTheLine) {
  auto open = ReadCsv("a,b\n\"never closed,1\n", "t.csv");
  EXPECT_EQ(open.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(open.status().message(), "t.csv:2: 引号未闭合");
  EXPECT_EQ(ReadCsv("\"a\"b,c\n", "t.csv").status().message(), "t.csv:1: 引号后有多余字符");
}

}  // namespace
}  // namespace lianxin
