#include "workflow/lifecycle.h"

#include <gtest/gtest.h>

namespace lianxin::workflow {
namespace {

Action Act(EventType type, TimeMs at, std::string unit = "", std::string content = "") {
  Action a;
  a.event.type = type;
  a.event.at = at;
  a.event.unit_code = std::move(unit);
  a.event.content = std::move(content);
  return a;
}

TEST(Lifecycle, HappyPathDispatchAcceptReplyResolve) {
  Ticket t;
  t.version = 1;
  auto d = Apply(t, Act(EventType::kDispatch, 1000, "XD.A/zjj"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->status, TicketStatus::kDispatched);
  EXPECT_EQ(d->owner_unit, "XD.A/zjj");
  EXPECT_EQ(d->due_at, 1000 + 7 * kDayMs);
  EXPECT_EQ(d->version, 2);
  auto a = Apply(*d, Act(EventType::kAccept, 2000));
  ASSERT_TRUE(a.ok());
  auto r = Apply(*a, Act(EventType::kReply, 3000, "", "已安排整改"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->reply, "已安排整改");
  auto z = Apply(*r, Act(EventType::kResolve, 4000));
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(z->status, TicketStatus::kResolved);
  EXPECT_EQ(z->resolved_at, 4000);
  EXPECT_TRUE(Apply(*z, Act(EventType::kArchive, 5000)).ok());
}

TEST(Lifecycle, RefusesIllegalActionsNamingTheState) {
  Ticket t;
  auto accept = Apply(t, Act(EventType::kAccept, 1));
  ASSERT_EQ(accept.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(accept.status().message().find("已受理"), std::string::npos);
  EXPECT_EQ(Apply(t, Act(EventType::kResolve, 1)).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Apply(t, Act(EventType::kDispatch, 1)).status().code(), StatusCode::kInvalidArgument);
  t.status = TicketStatus::kAccepted;
  EXPECT_EQ(Apply(t, Act(EventType::kReply, 1)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(Apply(t, Act(EventType::kArchive, 1)).ok());
}

TEST(Lifecycle, DeadlineFollowsUrgency) {
  Ticket t;
  t.urgency = Urgency::kCritical;
  EXPECT_EQ(DefaultDeadline(t, 0), 2 * kHourMs);
  t.urgency = Urgency::kUrgent;
  EXPECT_EQ(DefaultDeadline(t, 0), 24 * kHourMs);
}

}  // namespace
}  // namespace lianxin::workflow
