#include "service/open311_mapping.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace lianxin::service {
namespace {

TEST(Open311Mapping, DetailedStatesMapOntoOpenAndClosed) {
  for (TicketStatus s : {TicketStatus::kReceived, TicketStatus::kDispatched, TicketStatus::kAccepted,
                         TicketStatus::kInProgress, TicketStatus::kReturnRequested,
                         TicketStatus::kExtensionRequested, TicketStatus::kReopened}) {
    EXPECT_EQ(BaseStatus(s), "open") << ToString(s);
  }
  for (TicketStatus s : {TicketStatus::kResolved, TicketStatus::kResolvedAtIntake,
                         TicketStatus::kRevisited, TicketStatus::kArchived, TicketStatus::kMerged}) {
    EXPECT_EQ(BaseStatus(s), "closed") << ToString(s);
  }
  EXPECT_EQ(ExtendedStatus(TicketStatus::kMerged), "duplicate");
  EXPECT_EQ(ExtendedStatus(TicketStatus::kReturnRequested), "internal_referral");
  EXPECT_EQ(ExtendedStatus(TicketStatus::kResolved), "fixed");
}

TEST(Open311Mapping, FilterValuesSelectStatuses) {
  auto open = StatusesFor("open");
  EXPECT_EQ(open.size(), 7u);
  EXPECT_NE(std::find(open.begin(), open.end(), TicketStatus::kReopened), open.end());
  EXPECT_EQ(StatusesFor("closed").size(), 5u);
  auto fixed = StatusesFor("fixed");
  ASSERT_EQ(fixed.size(), 2u);
  EXPECT_TRUE(StatusesFor("bogus").empty());
  EXPECT_TRUE(StatusesFor("OPEN").empty());  // the request filter is lower case
}

TEST(Open311Mapping, EventsGiveFixMyStreetUpdateStatuses) {
  TicketEvent e;
  e.type = EventType::kRedispatch;
  EXPECT_EQ(UpdateStatus(e), "INTERNAL_REFERRAL");
  e.type = EventType::kReply;
  EXPECT_EQ(UpdateStatus(e), "IN_PROGRESS");
  e.type = EventType::kResolve;
  EXPECT_EQ(UpdateStatus(e), "FIXED");
  e.type = EventType::kMerge;
  EXPECT_EQ(UpdateStatus(e), "DUPLICATE");
  e.type = EventType::kRevisit;
  e.resolved = true;
  e.satisfaction = Satisfaction::kSatisfied;
  EXPECT_EQ(UpdateStatus(e), "CLOSED");
  e.satisfaction = Satisfaction::kUnsatisfied;
  EXPECT_EQ(UpdateStatus(e), "REOPEN");
  EXPECT_EQ(NoteType(EventType::kReceived), "submitted");
  EXPECT_EQ(NoteType(EventType::kResolve), "closed");
  EXPECT_EQ(NoteType(EventType::kReply), "activity");
  EXPECT_TRUE(IsKnownUpdateStatus("NOT_COUNCILS_RESPONSIBILITY"));
  EXPECT_FALSE(IsKnownUpdateStatus("open"));
}

}  // namespace
}  // namespace lianxin::service
