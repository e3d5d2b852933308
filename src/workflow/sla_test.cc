#include "workflow/sla.h"

#include <gtest/gtest.h>

#include "workflow/lifecycle.h"

namespace lianxin::workflow {
namespace {

TimeMs At(const char* cst) { return ParseTime(cst).value(); }

Ticket MakeTicket(Urgency urgency, std::string category, std::string region,
                  TicketKind kind = TicketKind::kHelp) {
  Ticket t;
  t.urgency = urgency;
  t.category_code = std::move(category);
  t.region_code = std::move(region);
  t.kind = kind;
  return t;
}

TEST(SlaPolicy, ShippedDefaultsFollowTheDomain) {
  auto sla = Sla::LoadDir("data/calendar");
  ASSERT_TRUE(sla.ok()) << sla.status().ToString();
  const TimeMs t0 = At("2026-09-30 10:00:00");
  EXPECT_EQ(sla->Deadline(MakeTicket(Urgency::kCritical, "05.01.001", "XD.A.A3"), t0),
            t0 + 2 * kHourMs);
  EXPECT_EQ(sla->Deadline(MakeTicket(Urgency::kUrgent, "05.01.001", "XD.A.A3"), t0),
            t0 + 24 * kHourMs);
  EXPECT_EQ(sla->Deadline(MakeTicket(Urgency::kNormal, "05.01.001", "XD.A.A3"), t0),
            t0 + 7 * kDayMs);
  EXPECT_EQ(sla->Deadline(MakeTicket(Urgency::kNormal, "", ""), t0), t0 + 7 * kDayMs);
  for (const char* utility : {"01.02.008", "01.02.013", "01.02.015", "01.02.016"}) {
    EXPECT_EQ(sla->Deadline(MakeTicket(Urgency::kNormal, utility, "XD.B"), t0), t0 + 24 * kHourMs)
        << utility;
  }
  // 特急 beats 时效性诉求.
  EXPECT_EQ(sla->Deadline(MakeTicket(Urgency::kCritical, "01.02.016", "XD.B"), t0),
            t0 + 2 * kHourMs);
  EXPECT_EQ(sla->ExtensionLimit(MakeTicket(Urgency::kNormal, "", ""), t0), t0 + 15 * kDayMs);
  // Same as the built-in default where the file has no more specific rule.
  Ticket general = MakeTicket(Urgency::kNormal, "05", "XD");
  EXPECT_EQ(sla->Deadline(general, t0), DefaultDeadline(general, t0));
}

constexpr const char* kPolicy =
    "rule,kind,urgency,category,region,amount,unit,note\n"
    "deadline,*,*,*,*,7,days,catch-all\n"                           // line 2
    "deadline,*,critical,*,*,2,hours,特急\n"                        // 3
    "deadline,*,*,01.02,*,3,days,市政\n"                            // 4
    "deadline,*,*,01.02.016,*,24,hours,供水\n"                      // 5
    "deadline,complaint,*,*,*,5,working_days,投诉\n"                // 6
    "deadline,*,*,*,XD.A,10,days,A市\n"                             // 7
    "deadline,*,*,01.02.016,XD.A.A3,12,hours,\"A3区供水, 更快\"\n"  // 8
    "deadline,*,critical,*,XD.B,1,hours,B市特急\n";                 // 9

TEST(SlaPolicy, MostSpecificRuleWins) {
  auto policy = SlaPolicy::Parse(kPolicy);
  ASSERT_TRUE(policy.ok()) << policy.status().ToString();
  ASSERT_EQ(policy->rules().size(), 8u);
  EXPECT_EQ(policy->rules()[6].note, "A3区供水, 更快");
  auto line = [&](const Ticket& t) {
    const SlaRule* r = policy->Find(t, SlaRule::Purpose::kDeadline);
    return r ? r->line : 0;
  };
  // Urgency beats category and region.
  EXPECT_EQ(line(MakeTicket(Urgency::kCritical, "01.02.016", "XD.A.A3")), 3);
  // Among urgency rules, the deeper region.
  EXPECT_EQ(line(MakeTicket(Urgency::kCritical, "01.02.016", "XD.B.B2")), 9);
  // Same category depth: the region decides.
  EXPECT_EQ(line(MakeTicket(Urgency::kNormal, "01.02.016", "XD.A.A3")), 8);
  EXPECT_EQ(line(MakeTicket(Urgency::kNormal, "01.02.016", "XD.A.A1")), 5);
  // The deeper category prefix beats the shallower one, and beats kind and region.
  EXPECT_EQ(line(MakeTicket(Urgency::kNormal, "01.02.001", "XD.A", TicketKind::kComplaint)), 4);
  // Kind beats region.
  EXPECT_EQ(line(MakeTicket(Urgency::kNormal, "05.01", "XD.A", TicketKind::kComplaint)), 6);
  EXPECT_EQ(line(MakeTicket(Urgency::kNormal, "05.01", "XD.A")), 7);
  // Prefixes match whole code segments only.
  EXPECT_EQ(line(MakeTicket(Urgency::kNormal, "05.01", "XD.AB")), 2);
  EXPECT_EQ(line(MakeTicket(Urgency::kNormal, "01.020", "XD")), 2);
  EXPECT_EQ(line(MakeTicket(Urgency::kNormal, "", "")), 2);
  EXPECT_EQ(policy->Find(MakeTicket(Urgency::kNormal, "", ""), SlaRule::Purpose::kExtension),
            nullptr);
}

TEST(SlaPolicy, WorkingDayRulesUseTheCalendar) {
  auto policy = SlaPolicy::Parse(kPolicy);
  auto calendar = WorkCalendar::LoadFile("data/calendar/cn_holidays.csv");
  ASSERT_TRUE(policy.ok() && calendar.ok());
  Sla sla(*policy, *calendar);
  Ticket complaint = MakeTicket(Urgency::kNormal, "05.01", "XD.C", TicketKind::kComplaint);
  // 5 working days from Wednesday 9/30: 10/8, 10/9, 10/10 (Sat, 调休), 10/12, 10/13.
  EXPECT_EQ(sla.Deadline(complaint, At("2026-09-30 10:00:00")), At("2026-10-13 10:00:00"));
  EXPECT_FALSE(sla.ExtensionLimit(complaint, At("2026-09-30 10:00:00")).has_value());
  // No rules at all: the built-in defaults.
  Sla none;
  EXPECT_EQ(none.Deadline(complaint, 1000), DefaultDeadline(complaint, 1000));
}

TEST(SlaPolicy, DeadlineFlowsIntoApplyAndTheLog) {
  auto sla = Sla::LoadDir("data/calendar");
  ASSERT_TRUE(sla.ok());
  Ticket t = MakeTicket(Urgency::kNormal, "01.02.015", "XD.A.A3");  // 电力供应
  Action a;
  a.event.type = EventType::kDispatch;
  a.event.at = At("2026-09-30 10:00:00");
  a.event.unit_code = "XD.A/gd";
  a.event.due_at = sla->Deadline(t, a.event.at);  // what the service records
  auto next = Apply(t, a);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->due_at, At("2026-10-01 10:00:00"));
}

TEST(SlaPolicy, MalformedFilesNameTheLine) {
  const std::string header = "rule,kind,urgency,category,region,amount,unit,note\n";
  const std::string all = "deadline,*,*,*,*,7,days,\n";
  struct Case {
    std::string csv;
    const char* expected;
  };
  const Case cases[] = {
      {"rule,kind,urgency\n" + all, "p.csv:1: 表头应为"},
      {header + all + "deadline,*,*,*,*,7,days\n", "p.csv:3: 应有 8 列，实有 7 列"},
      {header + all + "limit,*,*,*,*,7,days,\n", "p.csv:3: rule「limit」无效"},
      {header + all + "deadline,gripe,*,*,*,7,days,\n", "p.csv:3: 诉求类型「gripe」无效"},
      {header + all + "deadline,*,high,*,*,7,days,\n", "p.csv:3: 紧急程度「high」无效"},
      {header + all + "deadline,*,*,01..02,*,7,days,\n", "p.csv:3: 分类代码「01..02」无效"},
      {header + all + "deadline,*,*,*,XD.,7,days,\n", "p.csv:3: 属地代码「XD.」无效"},
      {header + all + "deadline,*,*,01,*,0,days,\n", "p.csv:3: 时长「0」无效"},
      {header + all + "deadline,*,*,01,*,2.5,days,\n", "p.csv:3: 时长「2.5」无效"},
      {header + all + "deadline,*,*,01,*,99999999,days,\n", "p.csv:3: 时长「99999999」无效"},
      {header + all + "deadline,*,*,01,*,7,weeks,\n", "p.csv:3: 单位「weeks」无效"},
      {header + "# c\n" + all + "deadline,*,*,*,*,5,working_days,again\n",
       "p.csv:4: 与第 3 行的适用条件相同"},
      {header + "deadline,*,urgent,*,*,24,hours,\n", "p.csv: 缺少兜底规则"},
      {header + "deadline,*,*,*,*,\"7,days,\n", "p.csv:2: 引号未闭合"},
  };
  for (const Case& c : cases) {
    auto policy = SlaPolicy::Parse(c.csv, "p.csv");
    ASSERT_FALSE(policy.ok()) << c.csv;
    EXPECT_EQ(policy.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(policy.status().message().rfind(c.expected, 0), 0u) << policy.status().message();
  }
  // The same selectors under different purposes are not a conflict.
  EXPECT_TRUE(SlaPolicy::Parse(header + all + "extension,*,*,*,*,15,days,\n").ok());
  EXPECT_EQ(SlaPolicy::LoadFile("no/such.csv").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Sla::LoadDir("no/such/dir").status().code(), StatusCode::kNotFound);
}

TEST(Sla, ReminderAtAShareOfTheTime) {
  EXPECT_EQ(ReminderAt(0, 10 * kDayMs), 8 * kDayMs);
  EXPECT_EQ(ReminderAt(1000, 1000 + 2 * kHourMs, 0.5), 1000 + kHourMs);
  EXPECT_EQ(ReminderAt(0, 100, 1.7), 100);
  EXPECT_EQ(ReminderAt(0, 100, -1), 0);
}

TEST(Sla, SchedulerPointsFireOncePerDeadline) {
  Ticket t;
  t.status = TicketStatus::kAccepted;
  t.dispatched_at = 0;
  t.due_at = 10 * kDayMs;
  EXPECT_FALSE(ReminderDue(t, 7 * kDayMs));
  EXPECT_TRUE(ReminderDue(t, 8 * kDayMs));
  EXPECT_FALSE(EscalationDue(t, 8 * kDayMs));
  t.reminded_at = 8 * kDayMs;
  EXPECT_FALSE(ReminderDue(t, 9 * kDayMs));
  EXPECT_FALSE(ReminderDue(t, 10 * kDayMs));  // past the deadline: escalation's turn
  EXPECT_TRUE(EscalationDue(t, 10 * kDayMs));
  t.escalated_at = 10 * kDayMs;
  EXPECT_FALSE(EscalationDue(t, 11 * kDayMs));
  // An approved extension moves the deadline: both fire again at the new points.
  t.due_at = 20 * kDayMs;
  EXPECT_TRUE(ReminderDue(t, 16 * kDayMs));
  EXPECT_TRUE(EscalationDue(t, 20 * kDayMs));
  // Not with a unit: nothing to remind.
  for (TicketStatus s : {TicketStatus::kReceived, TicketStatus::kResolved, TicketStatus::kReopened,
                         TicketStatus::kMerged, TicketStatus::kArchived}) {
    t.status = s;
    EXPECT_FALSE(ReminderDue(t, 16 * kDayMs));
    EXPECT_FALSE(EscalationDue(t, 30 * kDayMs));
  }
}

}  // namespace
}  // namespace lianxin::workflow

namespace lianxin::workflow {
namespace {

TEST(NextAlarmAt, WalksReminderThenEscalationThenNothing) {
  Ticket t;
  t.status = TicketStatus::kDispatched;
  t.dispatched_at = 0;
  t.due_at = 10 * kHourMs;
  EXPECT_EQ(NextAlarmAt(t), 8 * kHourMs);
  EXPECT_TRUE(ReminderDue(t, NextAlarmAt(t)));
  t.reminded_at = 8 * kHourMs;
  EXPECT_EQ(NextAlarmAt(t), 10 * kHourMs);
  EXPECT_TRUE(EscalationDue(t, NextAlarmAt(t)));
  t.escalated_at = 10 * kHourMs;
  EXPECT_EQ(NextAlarmAt(t), 0);
  t.due_at = 20 * kHourMs;  // an approved extension re-arms both
  EXPECT_EQ(NextAlarmAt(t), 16 * kHourMs);
  t.status = TicketStatus::kResolved;
  EXPECT_EQ(NextAlarmAt(t), 0);
}

// ---- return arbitration deadline (issue 4) ----
TEST(Sla, ArbitrationDeadlineFromItsRuleElseOneWorkingDay) {
  auto policy = SlaPolicy::Parse(
      "rule,kind,urgency,category,region,amount,unit,note\n"
      "deadline,*,*,*,*,7,days,一般\n"
      "arbitration,*,*,*,*,4,working_hours,退单仲裁 4 个工作小时\n"
      "arbitration,*,*,*,XD.B,2,days,B市\n");
  ASSERT_TRUE(policy.ok()) << policy.status().ToString();
  Sla sla(*policy, WorkCalendar());
  Ticket t;
  t.region_code = "XD.A.A3";
  const TimeMs monday = 1796000400000;  // 2026-11-30 09:00 CST
  EXPECT_EQ(sla.ArbitrationDeadline(t, monday), WorkCalendar().AddWorkingHours(monday, 4));
  t.region_code = "XD.B.B1";
  EXPECT_EQ(sla.ArbitrationDeadline(t, monday), monday + 2 * kDayMs);
  // No rule: the default of 1 working day; the deadline rules do not count.
  Sla plain;
  EXPECT_EQ(plain.ArbitrationDeadline(t, monday), WorkCalendar().AddWorkingDays(monday, 1));
  EXPECT_FALSE(SlaPolicy::Parse("rule,kind,urgency,category,region,amount,unit,note\n"
                                "deadline,*,*,*,*,7,days,一般\n"
                                "arbitrate,*,*,*,*,1,days,错\n")
                   .ok());
}

}  // namespace
}  // namespace lianxin::workflow
