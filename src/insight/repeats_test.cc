#include "insight/repeats.h"

#include <gtest/gtest.h>

namespace lianxin::insight {
namespace {

RepeatInput T(int64_t id, double day, std::string user, int64_t topic, int reopened = 0) {
  return {id, std::move(user), static_cast<TimeMs>(day * kDayMs), topic, reopened};
}

TEST(FindRepeats, SamePersonThenSamePlaceAndMatterWithinTheWindow) {
  // Given out of order on purpose.
  std::vector<RepeatInput> in = {T(3, 10, "b", 1), T(1, 0, "a", 1), T(2, 5, "a", 1),
                                 T(4, 50, "a", 1), T(5, 6, "a", 2), T(6, 7, "", 0)};
  auto r = FindRepeats(in);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].ticket_id, 2);
  EXPECT_EQ(r[0].earlier_ticket_id, 1);
  EXPECT_EQ(r[0].kind, RepeatKind::kSamePerson);
  EXPECT_DOUBLE_EQ(r[0].days_after, 5);
  EXPECT_EQ(r[1].ticket_id, 3);
  EXPECT_EQ(r[1].earlier_ticket_id, 2);
  EXPECT_EQ(r[1].kind, RepeatKind::kSamePlaceAndMatter);
  // Ticket 4 comes 40 days after the topic's last ticket: not a repeat; ticket 5 is
  // another matter (topic 2); ticket 6 has no topic.
}

TEST(FindRepeats, ReopenedTicketsAreListedAndCounted) {
  std::vector<RepeatInput> in = {T(1, 0, "a", 1), T(2, 1, "a", 1, 1), T(3, 2, "c", 0, 2)};
  auto r = FindRepeats(in);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1].kind, RepeatKind::kReopened);
  EXPECT_EQ(r[2].ticket_id, 3);
  EXPECT_EQ(ToString(r[2].kind), "reopened");
  RepeatSummary s = SummariseRepeats(r, 3);
  EXPECT_EQ(s.same_person, 1);
  EXPECT_EQ(s.reopened, 2);
  EXPECT_EQ(s.same_place_and_matter, 0);
  EXPECT_DOUBLE_EQ(s.repeat_rate, 2.0 / 3);  // tickets 2 and 3
  EXPECT_DOUBLE_EQ(SummariseRepeats({}, 0).repeat_rate, 0);
}

}  // namespace
}  // namespace lianxin::insight
