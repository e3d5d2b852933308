#include "workflow/lifecycle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace lianxin::workflow {
namespace {

using S = TicketStatus;
using E = EventType;

constexpr TimeMs kT0 = 1'790'000'000'000;  // 2026-09-21, some Monday afternoon

Action Act(EventType type, TimeMs at, std::string unit = "", std::string content = "") {
  Action a;
  a.event.type = type;
  a.event.at = at;
  a.event.unit_code = std::move(unit);
  a.event.content = std::move(content);
  return a;
}

// clang-format off
// ---------------------------------------------------------------------------
// The specification: which action is legal in which status. One row per action
// (EventType order), one column per status (TicketStatus order); 'x' = legal.
//
//                                 received            resolved  reopened
//                                 |resolved_at_intake ||revisited|merged
//                                 ||dispatched        |||       ||archived
//                                 |||accepted         |||       |||
//                                 ||||in_progress     |||       |||
//                                 |||||return_requested         |||
//                                 ||||||extension_requested     |||
//                                 |||||||                       |||
const struct {
  EventType type;
  const char* legal_in;
} kTable[] = {
    {E::kReceived,          "............"},
    {E::kResolveAtIntake,   "x..........."},
    {E::kDispatch,          "x.x......x.."},
    {E::kAccept,            "..x........."},
    {E::kReply,             "...xx......."},
    {E::kResolve,           "....x......."},
    {E::kArchive,           ".x.....xx.x."},
    {E::kNote,              "xxxxxxxxxxxx"},
    {E::kContact,           "...xx.x....."},
    {E::kRedispatch,        "..xxx......."},
    {E::kReturnRequest,     "..xxx......."},
    {E::kReturnApprove,     ".....x......"},
    {E::kReturnReject,      ".....x......"},
    {E::kExtensionRequest,  "...xx......."},
    {E::kExtensionApprove,  "......x....."},
    {E::kExtensionRefuse,   "......x....."},
    {E::kRevisit,           ".......x...."},
    {E::kReopen,            ".x.....xx..."},
    {E::kMerge,             "x.xxx....x.."},
    {E::kReminder,          "x.xxxxx..x.."},
    {E::kEscalation,        "x.xxxxx..x.."},
    {E::kAssistReply,       "..xxxxx....."},
};
// clang-format on
constexpr int kStatuses = static_cast<int>(S::kArchived) + 1;
constexpr int kEvents = static_cast<int>(E::kAssistReply) + 1;

// A ticket in `status` with everything an action might look at: an owner
// "U1", an assisting unit "U2", a deadline 7 days after dispatch, a reply.
Ticket TicketIn(S status) {
  Ticket t;
  t.id = 7;
  t.number = "XD-20260921-000007";
  t.status = status;
  t.version = 5;
  t.owner_unit = "U1";
  t.assist_units = {"U2"};
  t.dispatched_at = kT0;
  t.due_at = kT0 + 7 * kDayMs;
  t.accepted_at = kT0 + kHourMs;
  t.first_contact_at = kT0 + 2 * kHourMs;
  t.reply = "已答复";
  if (status == S::kExtensionRequested) t.requested_due_at = t.due_at + 3 * kDayMs;
  return t;
}

// An action of `type` with every field it needs, at a time before the deadline.
Action ValidAction(E type) {
  Action a = Act(type, kT0 + kDayMs);
  TicketEvent& e = a.event;
  switch (type) {
    case E::kResolveAtIntake:
    case E::kContact:
    case E::kReply:
    case E::kResolve:
    case E::kNote:
      e.content = "内容";
      break;
    case E::kDispatch:
    case E::kReturnApprove:
      e.unit_code = "U3";
      break;
    case E::kRedispatch:
      e.unit_code = "U3";
      e.reason = "派错单位";
      break;
    case E::kReturnRequest:
      e.reason = "职能不符";
      e.content = "依据三定方案不属本单位职责";
      break;
    case E::kReturnReject:
    case E::kExtensionRefuse:
    case E::kReopen:
    case E::kEscalation:
      e.reason = "理由";
      break;
    case E::kExtensionRequest:
      e.reason = "需协调多部门";
      e.due_at = kT0 + 12 * kDayMs;
      break;
    case E::kRevisit:
      e.resolved = true;
      e.satisfaction = Satisfaction::kSatisfied;
      break;
    case E::kMerge:
      e.parent_id = 99;
      break;
    case E::kAssistReply:
      e.unit_code = "U2";
      e.content = "已配合现场核查";
      break;
    default:
      break;
  }
  return a;
}

TEST(Lifecycle, TransitionTableIsExact) {
  ASSERT_EQ(std::size(kTable), static_cast<size_t>(kEvents));
  int legal_count = 0;
  for (int row = 0; row < kEvents; ++row) {
    const E type = kTable[row].type;
    ASSERT_EQ(static_cast<int>(type), row) << "kTable rows must follow EventType order";
    ASSERT_EQ(std::string(kTable[row].legal_in).size(), static_cast<size_t>(kStatuses));
    for (int col = 0; col < kStatuses; ++col) {
      const S status = static_cast<S>(col);
      const bool legal = kTable[row].legal_in[col] == 'x';
      SCOPED_TRACE(std::string(ToString(type)) + " in " + std::string(ToString(status)));
      Ticket t = TicketIn(status);
      auto next = Apply(t, ValidAction(type));
      EXPECT_EQ(next.ok(), legal) << next.status().ToString();
      if (legal) ++legal_count;
      if (next.ok()) {
        EXPECT_EQ(next->version, t.version + 1);
        EXPECT_EQ(next->updated_at, kT0 + kDayMs);
      } else if (!legal) {
        EXPECT_EQ(next.status().code(), StatusCode::kFailedPrecondition);
        EXPECT_NE(next.status().message().find(std::string(LabelZh(status))), std::string::npos);
        EXPECT_NE(next.status().message().find(std::string(LabelZh(type))), std::string::npos);
      }
      auto offered = LegalActions(t);
      EXPECT_EQ(std::count(offered.begin(), offered.end(), type), legal ? 1 : 0);
    }
  }
  EXPECT_EQ(legal_count, 67);
}

TEST(Lifecycle, HappyPathDispatchAcceptReplyResolve) {
  Ticket t;
  t.version = 1;
  auto d = Apply(t, Act(E::kDispatch, 1000, "XD.A/zjj"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->status, S::kDispatched);
  EXPECT_EQ(d->owner_unit, "XD.A/zjj");
  EXPECT_EQ(d->due_at, 1000 + 7 * kDayMs);
  EXPECT_EQ(d->version, 2);
  auto a = Apply(*d, Act(E::kAccept, 2000));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->accepted_at, 2000);
  auto r = Apply(*a, Act(E::kReply, 3000, "", "已安排整改"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->reply, "已安排整改");
  EXPECT_EQ(r->first_contact_at, 3000);
  auto z = Apply(*r, Act(E::kResolve, 4000));
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(z->status, S::kResolved);
  EXPECT_EQ(z->resolved_at, 4000);
  EXPECT_TRUE(Apply(*z, Act(E::kArchive, 5000)).ok());
}

TEST(Lifecycle, RefusesIllegalActionsNamingTheState) {
  Ticket t;
  auto accept = Apply(t, Act(E::kAccept, 1));
  ASSERT_EQ(accept.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(accept.status().message().find("已受理"), std::string::npos);
  EXPECT_EQ(Apply(t, Act(E::kResolve, 1)).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Apply(t, Act(E::kDispatch, 1)).status().code(), StatusCode::kInvalidArgument);
  t.status = S::kAccepted;
  EXPECT_EQ(Apply(t, Act(E::kReply, 1)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(Apply(t, Act(E::kArchive, 1)).ok());
}

TEST(Lifecycle, RequiredFieldsAreCheckedWithChineseMessages) {
  struct Case {
    S status;
    E type;
    void (*strip)(TicketEvent&);
  };
  const Case cases[] = {
      {S::kReceived, E::kResolveAtIntake, [](TicketEvent& e) { e.content.clear(); }},
      {S::kDispatched, E::kRedispatch, [](TicketEvent& e) { e.unit_code.clear(); }},
      {S::kDispatched, E::kRedispatch, [](TicketEvent& e) { e.reason.clear(); }},
      {S::kAccepted, E::kContact, [](TicketEvent& e) { e.content.clear(); }},
      {S::kAccepted, E::kReturnRequest, [](TicketEvent& e) { e.reason = "不想办"; }},
      {S::kAccepted, E::kReturnRequest, [](TicketEvent& e) { e.content.clear(); }},
      {S::kReturnRequested, E::kReturnApprove, [](TicketEvent& e) { e.unit_code.clear(); }},
      {S::kReturnRequested, E::kReturnApprove, [](TicketEvent& e) { e.unit_code = "U1"; }},
      {S::kReturnRequested, E::kReturnReject, [](TicketEvent& e) { e.reason.clear(); }},
      {S::kInProgress, E::kExtensionRequest, [](TicketEvent& e) { e.reason.clear(); }},
      {S::kInProgress, E::kExtensionRequest, [](TicketEvent& e) { e.due_at = 0; }},
      {S::kInProgress, E::kExtensionRequest, [](TicketEvent& e) { e.due_at = kT0 + kDayMs; }},
      {S::kExtensionRequested, E::kExtensionApprove, [](TicketEvent& e) { e.due_at = kT0; }},
      {S::kExtensionRequested, E::kExtensionRefuse, [](TicketEvent& e) { e.reason.clear(); }},
      {S::kResolved, E::kRevisit, [](TicketEvent& e) { e.resolved.reset(); }},
      {S::kResolved, E::kRevisit, [](TicketEvent& e) { e.satisfaction.reset(); }},
      {S::kRevisited, E::kReopen, [](TicketEvent& e) { e.reason.clear(); }},
      {S::kReceived, E::kMerge, [](TicketEvent& e) { e.parent_id = 0; }},
      {S::kReceived, E::kMerge, [](TicketEvent& e) { e.parent_id = 7; }},
      {S::kInProgress, E::kEscalation, [](TicketEvent& e) { e.reason.clear(); }},
      {S::kInProgress, E::kAssistReply, [](TicketEvent& e) { e.content.clear(); }},
      {S::kReceived, E::kDispatch, [](TicketEvent& e) { e.assist_units = {"U3"}; }},  // = lead
      {S::kReceived, E::kDispatch,
       [](TicketEvent& e) {
         e.assist_units = {"U4", "U4"};
       }},
      {S::kReceived, E::kDispatch, [](TicketEvent& e) { e.due_at = e.at; }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(ToString(c.type)) + " in " + std::string(ToString(c.status)));
    Action a = ValidAction(c.type);
    ASSERT_TRUE(Apply(TicketIn(c.status), a).ok());
    c.strip(a.event);
    auto r = Apply(TicketIn(c.status), a);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
    const std::string& m = r.status().message();
    EXPECT_TRUE(std::any_of(m.begin(), m.end(), [](char ch) {  // written in Chinese
      return static_cast<unsigned char>(ch) >= 0xE4;
    })) << m;
  }
}

TEST(Lifecycle, ReturnArbitration) {
  // Rejected: back to where the unit was. Derived from accepted_at / first_contact_at.
  for (S from : {S::kDispatched, S::kAccepted, S::kInProgress}) {
    Ticket t = TicketIn(from);
    if (from != S::kInProgress) t.first_contact_at = 0;
    if (from == S::kDispatched) t.accepted_at = 0;
    auto asked = Apply(t, ValidAction(E::kReturnRequest));
    ASSERT_TRUE(asked.ok());
    EXPECT_EQ(asked->status, S::kReturnRequested);
    EXPECT_EQ(asked->due_at, t.due_at);  // a return pauses nothing
    auto rejected = Apply(*asked, ValidAction(E::kReturnReject));
    ASSERT_TRUE(rejected.ok());
    EXPECT_EQ(rejected->status, from);
    EXPECT_EQ(rejected->owner_unit, "U1");
  }
  // Upheld: another unit, a new clock, nothing signed yet.
  auto asked = Apply(TicketIn(S::kInProgress), ValidAction(E::kReturnRequest));
  Action approve = ValidAction(E::kReturnApprove);
  approve.event.due_at = kT0 + 9 * kDayMs;
  approve.event.assist_units = {"U1"};
  auto moved = Apply(*asked, approve);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->status, S::kDispatched);
  EXPECT_EQ(moved->owner_unit, "U3");
  EXPECT_EQ(moved->assist_units, std::vector<std::string>{"U1"});
  EXPECT_EQ(moved->dispatched_at, kT0 + kDayMs);
  EXPECT_EQ(moved->due_at, kT0 + 9 * kDayMs);
  EXPECT_EQ(moved->accepted_at, 0);
  EXPECT_EQ(moved->first_contact_at, 0);
}

TEST(Lifecycle, ExtensionBeforeTheDeadlineOnly) {
  Ticket t = TicketIn(S::kAccepted);
  t.first_contact_at = 0;
  Action ask = ValidAction(E::kExtensionRequest);
  ask.event.at = t.due_at;  // too late
  auto late = Apply(t, ask);
  EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(late.status().message().find("已超过办理期限"), std::string::npos);
  ask.event.at = t.due_at - 1;
  auto asked = Apply(t, ask);
  ASSERT_TRUE(asked.ok());
  EXPECT_EQ(asked->status, S::kExtensionRequested);
  EXPECT_EQ(asked->requested_due_at, kT0 + 12 * kDayMs);
  EXPECT_EQ(asked->due_at, t.due_at);  // nothing moves until approved

  // The unit may log a contact while waiting; the status stays.
  auto contact = Apply(*asked, Act(E::kContact, kT0 + 2 * kDayMs, "U1", "电话告知群众需延期"));
  ASSERT_TRUE(contact.ok());
  EXPECT_EQ(contact->status, S::kExtensionRequested);

  auto approved = Apply(*asked, Act(E::kExtensionApprove, kT0 + 3 * kDayMs));
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->status, S::kAccepted);
  EXPECT_EQ(approved->due_at, kT0 + 12 * kDayMs);
  EXPECT_EQ(approved->requested_due_at, 0);
  EXPECT_EQ(Apply(*contact, Act(E::kExtensionApprove, kT0 + 3 * kDayMs))->status, S::kInProgress);

  Action shorter = Act(E::kExtensionApprove, kT0 + 3 * kDayMs);
  shorter.event.due_at = kT0 + 10 * kDayMs;  // the supervisor grants less than asked
  EXPECT_EQ(Apply(*asked, shorter)->due_at, kT0 + 10 * kDayMs);

  auto refused = Apply(*asked, ValidAction(E::kExtensionRefuse));
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, S::kAccepted);
  EXPECT_EQ(refused->due_at, t.due_at);
  EXPECT_EQ(refused->requested_due_at, 0);
}

TEST(Lifecycle, RevisitReopensWhenUnsatisfiedOrUnresolved) {
  struct Case {
    bool resolved;
    Satisfaction rating;
    S expected;
  };
  for (Case c : {Case{true, Satisfaction::kSatisfied, S::kRevisited},
                 Case{true, Satisfaction::kBasicallySatisfied, S::kRevisited},
                 Case{true, Satisfaction::kUnsatisfied, S::kReopened},
                 Case{false, Satisfaction::kSatisfied, S::kReopened}}) {
    Ticket t = TicketIn(S::kResolved);
    t.resolved_at = kT0 + kDayMs;
    Action a = Act(E::kRevisit, kT0 + 2 * kDayMs);
    a.event.resolved = c.resolved;
    a.event.satisfaction = c.rating;
    auto r = Apply(t, a);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, c.expected);
    EXPECT_EQ(r->revisit_resolved, c.resolved);
    EXPECT_EQ(r->satisfaction, c.rating);
    EXPECT_EQ(r->resolved_at, c.expected == S::kReopened ? 0 : t.resolved_at);
  }
}

TEST(Lifecycle, ReopenedTicketGoesBackToTheSameUnitByDefault) {
  Ticket t = TicketIn(S::kRevisited);
  auto reopened = Apply(t, Act(E::kReopen, kT0 + 9 * kDayMs));
  EXPECT_EQ(reopened.status().code(), StatusCode::kInvalidArgument);  // needs a reason
  Action complaint = Act(E::kReopen, kT0 + 9 * kDayMs);
  complaint.event.reason = "群众来电投诉：问题仍未解决";
  reopened = Apply(t, complaint);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(reopened->status, S::kReopened);
  auto again = Apply(*reopened, Act(E::kDispatch, kT0 + 10 * kDayMs));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->status, S::kDispatched);
  EXPECT_EQ(again->owner_unit, "U1");
  EXPECT_EQ(again->assist_units, std::vector<std::string>{"U2"});
  EXPECT_EQ(again->due_at, kT0 + 17 * kDayMs);
  EXPECT_EQ(again->accepted_at, 0);
  EXPECT_EQ(Apply(*again, Act(E::kAccept, kT0 + 11 * kDayMs))->status, S::kAccepted);
}

TEST(Lifecycle, MergeFollowsTheParentAndArchives) {
  Ticket child = TicketIn(S::kInProgress);
  Ticket parent = TicketIn(S::kInProgress);
  parent.id = 99;
  EXPECT_TRUE(CheckMergeParent(child, parent).ok());
  EXPECT_EQ(CheckMergeParent(child, child).code(), StatusCode::kInvalidArgument);
  parent.status = S::kMerged;
  EXPECT_EQ(CheckMergeParent(child, parent).code(), StatusCode::kFailedPrecondition);
  auto merged = Apply(child, ValidAction(E::kMerge));
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->status, S::kMerged);
  EXPECT_EQ(merged->parent_id, 99);
  EXPECT_TRUE(IsClosed(merged->status));
  EXPECT_EQ(Apply(*merged, ValidAction(E::kReply)).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(Apply(*merged, Act(E::kArchive, kT0 + 2 * kDayMs))->status, S::kArchived);
}

TEST(Lifecycle, RemindersEscalationsAndAssistRepliesChangeNoStatus) {
  Ticket t = TicketIn(S::kAccepted);
  auto reminded = Apply(t, Act(E::kReminder, kT0 + 5 * kDayMs));
  ASSERT_TRUE(reminded.ok());
  EXPECT_EQ(reminded->status, S::kAccepted);
  EXPECT_EQ(reminded->reminded_at, kT0 + 5 * kDayMs);
  Action escalate = ValidAction(E::kEscalation);
  escalate.event.at = kT0 + 8 * kDayMs;
  auto escalated = Apply(*reminded, escalate);
  ASSERT_TRUE(escalated.ok());
  EXPECT_EQ(escalated->status, S::kAccepted);
  EXPECT_EQ(escalated->escalated_at, kT0 + 8 * kDayMs);
  EXPECT_EQ(escalated->reminded_at, kT0 + 5 * kDayMs);

  auto assist = Apply(t, ValidAction(E::kAssistReply));
  ASSERT_TRUE(assist.ok());
  EXPECT_EQ(assist->status, S::kAccepted);
  EXPECT_EQ(assist->reply, t.reply);  // the lead's reply stays the ticket's reply
  Action stranger = ValidAction(E::kAssistReply);
  stranger.event.unit_code = "U9";
  auto refused = Apply(t, stranger);
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("不是该工单的协办单位"), std::string::npos);

  t.assist_units.clear();
  auto offered = LegalActions(t);
  EXPECT_EQ(std::count(offered.begin(), offered.end(), E::kAssistReply), 0);
}

TEST(Lifecycle, DispatchNamesAssistingUnitsAndTheCallersDeadline) {
  Ticket t;
  Action a = Act(E::kDispatch, kT0, "XD.A.A3/zjj");
  a.event.assist_units = {"XD.A.A3/cg", "XD.A.A3/sthj"};
  a.event.due_at = kT0 + 3 * kDayMs;
  auto d = Apply(t, a);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->assist_units, (std::vector<std::string>{"XD.A.A3/cg", "XD.A.A3/sthj"}));
  EXPECT_EQ(d->due_at, kT0 + 3 * kDayMs);
  // Redispatch: a new lead, a new clock; the old lead's progress is gone.
  Ticket accepted = *Apply(*d, Act(E::kAccept, kT0 + 1));
  Action move = Act(E::kRedispatch, kT0 + kHourMs, "XD.A.A3/cg");
  move.event.reason = "属城管职责";
  move.event.assist_units = {"XD.A.A3/cg"};  // the lead cannot also assist
  EXPECT_EQ(Apply(accepted, move).status().code(), StatusCode::kInvalidArgument);
  move.event.assist_units = {"XD.A.A3/zjj"};
  auto moved = Apply(accepted, move);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->owner_unit, "XD.A.A3/cg");
  EXPECT_EQ(moved->due_at, kT0 + kHourMs + 7 * kDayMs);
  EXPECT_EQ(moved->accepted_at, 0);
  // The old API still compiles and behaves: Action{event}.
  TicketEvent e;
  e.type = E::kAccept;
  e.at = kT0 + 2 * kHourMs;
  EXPECT_EQ(Apply(*moved, Action{e})->status, S::kAccepted);
  EXPECT_EQ(Apply(*moved, Action{e})->accepted_at, kT0 + 2 * kHourMs);
}

TEST(Lifecycle, ResolveAtIntakeCanBeReopenedAndDispatched) {
  auto direct = Apply(Ticket{}, Act(E::kResolveAtIntake, kT0, "", "按政策答复"));
  ASSERT_TRUE(direct.ok());
  Action reopen = Act(E::kReopen, kT0 + kDayMs);
  reopen.event.reason = "群众不认可答复";
  auto reopened = Apply(*direct, reopen);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(Apply(*reopened, Act(E::kDispatch, kT0 + kDayMs)).status().code(),
            StatusCode::kInvalidArgument);  // no previous unit to default to
  EXPECT_TRUE(Apply(*reopened, Act(E::kDispatch, kT0 + kDayMs, "XD.A/rs")).ok());
}

TEST(Lifecycle, CitizenSeesMilestonesNotInternals) {
  EXPECT_TRUE(ShownToCitizen(E::kDispatch));
  EXPECT_TRUE(ShownToCitizen(E::kExtensionApprove));
  EXPECT_TRUE(ShownToCitizen(E::kExtensionRefuse));
  EXPECT_TRUE(ShownToCitizen(E::kRevisit));
  EXPECT_FALSE(ShownToCitizen(E::kReturnRequest));
  EXPECT_FALSE(ShownToCitizen(E::kEscalation));
  EXPECT_FALSE(ShownToCitizen(E::kAssistReply));
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
