#include "kb/entries.h"

#include <gtest/gtest.h>

namespace lianxin::kb {
namespace {

TEST(Entries, ParsesCsvWithHeaderInAnyOrder) {
  const char* csv =
      "answer,questions,regions,tags,valid_to\n"
      "\"携带身份证到窗口补办，当场出卡。\",社保卡丢了怎么办|社保卡补办,XD.A;XD.B,社保;补办,2026-12-31\n";
  auto entries = ParseEntriesCsv(csv, "kb.csv");
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 1u);
  const KbEntry& e = entries->front();
  EXPECT_EQ(e.questions, (std::vector<std::string>{"社保卡丢了怎么办", "社保卡补办"}));
  EXPECT_EQ(e.answer, "携带身份证到窗口补办，当场出卡。");
  EXPECT_EQ(e.regions, (std::vector<std::string>{"XD.A", "XD.B"}));
  EXPECT_EQ(e.tags.size(), 2u);
  EXPECT_EQ(e.valid_to, "2026-12-31");
  EXPECT_EQ(e.status, KbEntryStatus::kDraft);
}

TEST(Entries, BadCsvRowNamesItsLine) {
  auto bad_date = ParseEntriesCsv("questions,answer,valid_from\n问,答,2026-13-01\n", "kb.csv");
  ASSERT_FALSE(bad_date.ok());
  EXPECT_NE(bad_date.status().message().find("kb.csv:2:"), std::string::npos);
  EXPECT_FALSE(ParseEntriesCsv("questions,answer,colour\n问,答,红\n", "kb.csv").ok());
  EXPECT_FALSE(ParseEntriesCsv("questions\n问\n", "kb.csv").ok());
  EXPECT_FALSE(ParseEntriesCsv("questions,answer\n问,\n", "kb.csv").ok());
}

TEST(Entries, ParsesJsonlAndRejectsWrongTypes) {
  auto ok = ParseEntriesJsonl(
      "{\"questions\":[\"公积金怎么提取\"],\"answer\":\"凭身份证办理。\",\"owner_unit\":\"XD.A/gjj\"}\n\n",
      "kb.jsonl");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->front().owner_unit, "XD.A/gjj");
  auto bad = ParseEntriesJsonl("{\"questions\":\"不是数组\",\"answer\":\"答\"}\n", "kb.jsonl");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("kb.jsonl:1:"), std::string::npos);
  EXPECT_FALSE(ParseEntriesJsonl("{\"questions\":[\"问\"],\"answer\":\"答\",\"x\":\"1\"}\n", "k").ok());
}

TEST(Entries, ValidateRejectsInvertedValidity) {
  KbEntry e;
  e.questions = {"问"};
  e.answer = "答";
  EXPECT_TRUE(ValidateEntry(e).ok());
  e.valid_from = "2026-06-01";
  e.valid_to = "2026-01-01";
  EXPECT_EQ(ValidateEntry(e).code(), StatusCode::kInvalidArgument);
}

TEST(Entries, StatusNamesRoundTrip) {
  for (KbEntryStatus s : {KbEntryStatus::kDraft, KbEntryStatus::kPublished, KbEntryStatus::kRetired}) {
    KbEntryStatus back;
    ASSERT_TRUE(ParseEntryStatus(ToString(s), back));
    EXPECT_EQ(back, s);
  }
  KbEntryStatus out;
  EXPECT_FALSE(ParseEntryStatus("deleted", out));
}

}  // namespace
}  // namespace lianxin::kb
