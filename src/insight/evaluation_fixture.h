// Test-only: a small fixed history whose evaluation figures are computed by hand
// in the comments of evaluation_test.cc and rollup_test.cc. Not thread-safe.
#pragma once

#include <functional>

#include "core/ticket.h"
#include "insight/evaluation.h"
#include "store/store.h"

namespace lianxin::insight::testing {

inline constexpr char kU1[] = "XD.A.A3/zjj";
inline constexpr char kU2[] = "XD.A.A3/cg";

// 2026-01-05 09:00 CST.
inline TimeMs T0() { return DayStart(20260105) + 9 * kHourMs; }

// Builds tickets event by event in a store: each step appends one event and
// the projection the caller describes.
class HistoryBuilder {
 public:
  explicit HistoryBuilder(store::Store& store) : store_(store) {}

  Ticket Create(TimeMs at, TicketKind kind = TicketKind::kComplaint) {
    Ticket t;
    t.kind = kind;
    t.title = "噪音扰民";
    t.body = "夜间施工噪音";
    t.region_code = "XD.A.A3";
    t.category_code = "01.02.003";
    t.created_at = at;
    t.updated_at = at;
    TicketEvent e;
    e.type = EventType::kReceived;
    e.actor = "citizen";
    e.at = at;
    return *store_.CreateTicket(t, e, "XD");
  }

  // Appends `type` at `at` by `unit` and applies `mutate` to the projection.
  Ticket Step(Ticket t, EventType type, TimeMs at, const std::string& unit,
              const std::function<void(Ticket&, TicketEvent&)>& mutate = {}) {
    TicketEvent e;
    e.type = type;
    e.actor = "tester";
    e.at = at;
    e.unit_code = unit;
    t.version += 1;
    t.updated_at = at;
    if (type == EventType::kDispatch || type == EventType::kRedispatch ||
        type == EventType::kReturnApprove) {
      t.owner_unit = unit;
      t.dispatched_at = at;
      t.due_at = at + 7 * kDayMs;
      t.accepted_at = 0;
      t.first_contact_at = 0;
      t.status = TicketStatus::kDispatched;
      e.due_at = t.due_at;
    }
    if (type == EventType::kAccept) t.accepted_at = at;
    if ((type == EventType::kContact || type == EventType::kReply) && t.first_contact_at == 0) {
      t.first_contact_at = at;
    }
    if (type == EventType::kResolve) {
      t.resolved_at = at;
      t.status = TicketStatus::kResolved;
    }
    if (mutate) mutate(t, e);
    auto r = store_.AppendEvent(t, e);
    return r.ok() ? *r : t;
  }

 private:
  store::Store& store_;
};

// The fixed history (see evaluation_test.cc for the expected figures):
//   t1 day 0: → U1, signed +1h, contacted +2h, resolved +3d, revisit resolved 满意
//   t2 day 0 +1h: → U2, U2 asks a return, upheld → U1, signed, contacted and
//      resolved after the deadline, revisit not resolved 基本满意 (reopened)
//   t3 February, 表扬 (praise) → U1: excluded by kind
//   t4 day 0 +2h: → U1, signed, contacted in time, extension approved, still open
//   t5 day 0: resolved at intake, never dispatched
//   t6 day 0 +3h: → U1, a note with reason 无理诉求: excluded by review
// `now` for the figures: 2026-03-01.
inline TimeMs FixtureNow() { return DayStart(20260301); }

inline void BuildFixture(store::Store& store) {
  HistoryBuilder h(store);
  TimeMs t0 = T0();
  Ticket t1 = h.Create(t0);
  t1 = h.Step(t1, EventType::kDispatch, t0 + 60'000, kU1);
  t1 = h.Step(t1, EventType::kAccept, t0 + kHourMs, kU1);
  t1 = h.Step(t1, EventType::kContact, t0 + 2 * kHourMs, kU1);
  t1 = h.Step(t1, EventType::kResolve, t0 + 3 * kDayMs, kU1);
  t1 = h.Step(t1, EventType::kRevisit, t0 + 4 * kDayMs, "", [](Ticket& t, TicketEvent& e) {
    t.revisit_resolved = e.resolved = true;
    t.satisfaction = e.satisfaction = Satisfaction::kSatisfied;
    t.status = TicketStatus::kRevisited;
  });

  Ticket t2 = h.Create(t0 + kHourMs);
  t2 = h.Step(t2, EventType::kDispatch, t0 + kHourMs, kU2);
  t2 = h.Step(t2, EventType::kReturnRequest, t0 + 2 * kHourMs, kU2,
              [](Ticket& t, TicketEvent& e) {
                e.reason = "职能不符";
                t.status = TicketStatus::kReturnRequested;
              });
  t2 = h.Step(t2, EventType::kReturnApprove, t0 + 3 * kHourMs, kU1);
  t2 = h.Step(t2, EventType::kAccept, t0 + 4 * kHourMs, kU1);
  t2 = h.Step(t2, EventType::kContact, t0 + 8 * kDayMs, kU1);
  t2 = h.Step(t2, EventType::kResolve, t0 + 9 * kDayMs, kU1);
  t2 = h.Step(t2, EventType::kRevisit, t0 + 10 * kDayMs, "", [](Ticket& t, TicketEvent& e) {
    t.revisit_resolved = e.resolved = false;
    t.satisfaction = e.satisfaction = Satisfaction::kBasicallySatisfied;
    t.status = TicketStatus::kReopened;
  });

  Ticket t3 = h.Create(DayStart(20260210) + kHourMs, TicketKind::kPraise);
  t3 = h.Step(t3, EventType::kDispatch, DayStart(20260210) + 2 * kHourMs, kU1);

  Ticket t4 = h.Create(t0 + 2 * kHourMs);
  t4 = h.Step(t4, EventType::kDispatch, t0 + 2 * kHourMs, kU1);
  t4 = h.Step(t4, EventType::kAccept, t0 + 3 * kHourMs, kU1);
  t4 = h.Step(t4, EventType::kContact, t0 + kDayMs, kU1);
  t4 = h.Step(t4, EventType::kExtensionApprove, t0 + 2 * kDayMs, "",
              [](Ticket& t, TicketEvent& e) { e.due_at = t.due_at = t.due_at + 7 * kDayMs; });

  Ticket t5 = h.Create(t0 + 30'000);
  t5 = h.Step(t5, EventType::kResolveAtIntake, t0 + 60'000, "",
              [](Ticket& t, TicketEvent&) { t.status = TicketStatus::kResolvedAtIntake; });

  Ticket t6 = h.Create(t0 + 3 * kHourMs);
  t6 = h.Step(t6, EventType::kDispatch, t0 + 3 * kHourMs, kU1);
  t6 = h.Step(t6, EventType::kNote, t0 + 4 * kHourMs, "",
              [](Ticket&, TicketEvent& e) { e.reason = "无理诉求"; });
}

}  // namespace lianxin::insight::testing
