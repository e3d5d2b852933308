#include "core/ticket.h"

#include <gtest/gtest.h>

namespace lianxin {
namespace {

TEST(Ticket, EnumNamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(TicketStatus::kArchived); ++i) {
    auto s = static_cast<TicketStatus>(i);
    EXPECT_EQ(ParseTicketStatus(ToString(s)), s);
    EXPECT_FALSE(LabelZh(s).empty());
  }
  for (int i = 0; i <= static_cast<int>(EventType::kAssistReply); ++i) {
    auto e = static_cast<EventType>(i);
    EXPECT_EQ(ParseEventType(ToString(e)), e);
    EXPECT_FALSE(LabelZh(e).empty());
  }
  for (int i = 0; i <= static_cast<int>(Satisfaction::kUnsatisfied); ++i) {
    auto s = static_cast<Satisfaction>(i);
    EXPECT_EQ(ParseSatisfaction(ToString(s)), s);
  }
  EXPECT_EQ(ParseEventType("return_request"), EventType::kReturnRequest);
  EXPECT_EQ(LabelZh(EventType::kEscalation), "督办");
  EXPECT_EQ(LabelZh(Satisfaction::kBasicallySatisfied), "基本满意");
  EXPECT_FALSE(ParseSatisfaction("happy").has_value());
  EXPECT_EQ(ParseTicketKind("complaint"), TicketKind::kComplaint);
  EXPECT_EQ(LabelZh(TicketKind::kComplaint), "投诉");
  EXPECT_EQ(ParseUrgency("critical"), Urgency::kCritical);
  EXPECT_EQ(ParseChannel("mini_program"), Channel::kMiniProgram);
  EXPECT_FALSE(ParseChannel("fax").has_value());
  EXPECT_FALSE(ParseTicketKind("").has_value());
}

}  // namespace
}  // namespace lianxin
