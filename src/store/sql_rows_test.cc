#include "store/sql_rows.h"

#include <gtest/gtest.h>

namespace lianxin::store::sql {
namespace {

TEST(SqlRows, ListColumnsRoundTripAndDropEmptyItems) {
  EXPECT_EQ(JoinCodes({"XD.A/zjj", "XD.A/cgj"}), "XD.A/zjj,XD.A/cgj");
  EXPECT_EQ(SplitCodes("a,,b,"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(SplitLines(JoinLines({"怎么办", "在哪办"})), (std::vector<std::string>{"怎么办", "在哪办"}));
  EXPECT_TRUE(SplitCodes("").empty());
}

TEST(SqlRows, NumbersAndStatusNames) {
  EXPECT_EQ(TicketNumber("XD-20261129", 7), "XD-20261129-000007");
  EXPECT_EQ(ParseKbStatus(KbStatusName(KbEntryStatus::kRetired)), KbEntryStatus::kRetired);
  EXPECT_EQ(ParseKbStatus("nonsense"), KbEntryStatus::kDraft);
  EXPECT_EQ(CounterColumns("x.").substr(0, 10), "x.n0, x.n1");
}

TEST(SqlRows, BigramTermsSplitChineseRunsAndLowerAscii) {
  EXPECT_EQ(BigramTerms("路灯不亮，Road 12", false),
            (std::vector<std::string>{"路灯", "灯不", "不亮", "road", "12"}));
  StoreOptions options;  // no function: bigrams
  EXPECT_EQ(DocumentTerms(options, "井盖", "缺失"), "井盖 缺失");
}

TEST(SqlRows, ZipEventsPairsEachTicketWithItsEvents) {
  std::vector<Ticket> tickets(2);
  tickets[0].id = 3;
  tickets[1].id = 5;
  std::vector<TicketEvent> events(3);
  events[0].ticket_id = 3;
  events[1].ticket_id = 4;  // no such ticket in the page: skipped
  events[2].ticket_id = 5;
  auto zipped = ZipEvents(tickets, events);
  ASSERT_EQ(zipped.size(), 2u);
  EXPECT_EQ(zipped[0].events.size(), 1u);
  EXPECT_EQ(zipped[1].events.size(), 1u);
  EXPECT_EQ(zipped[1].events[0].ticket_id, 5);
}

}  // namespace
}  // namespace lianxin::store::sql
