#include "service/history.h"

#include <gtest/gtest.h>

#include "insight/evaluation.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kT0 = 1556155800000;  // 2019-04-25 09:30 CST

Ticket Record() {
  Ticket t;
  t.number = "HIS-1";
  t.kind = TicketKind::kComplaint;
  t.channel = Channel::kImport;
  t.title = "小区物业乱收费";
  t.body = "A3区某小区物业乱收费，请处理。";
  t.region_code = "XD.A.A3";
  t.category_code = "01";
  t.created_at = t.updated_at = kT0;
  return t;
}

std::vector<EventType> Types(const store::TicketWithEvents& item) {
  std::vector<EventType> out;
  for (const TicketEvent& e : item.events) out.push_back(e.type);
  return out;
}

TEST(HistoricalTicket, KnownUnitGetsTheImportedLifecycle) {
  HistoricalHandling h;
  h.unit = "XD.A.A3/gov";
  h.reply = "经调查，已责令物业整改。";
  h.resolved_at = kT0 + 3 * kDayMs;
  h.received_reason = "历史留言导入";
  workflow::Sla sla;
  auto item = HistoricalTicket(Record(), h, sla);
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_EQ(Types(*item), (std::vector<EventType>{EventType::kReceived, EventType::kDispatch,
                                                  EventType::kAccept, EventType::kReply,
                                                  EventType::kResolve, EventType::kArchive}));
  for (size_t i = 1; i < item->events.size(); ++i) {
    EXPECT_EQ(item->events[i].actor, "import");
    EXPECT_EQ(item->events[i].reason, kImportedReason);
  }
  EXPECT_EQ(item->events[0].reason, "历史留言导入");
  const Ticket& t = item->ticket;
  EXPECT_EQ(t.status, TicketStatus::kArchived);
  EXPECT_EQ(t.owner_unit, "XD.A.A3/gov");
  EXPECT_EQ(t.dispatched_at, kT0);
  EXPECT_EQ(t.due_at, sla.Deadline(Record(), kT0));
  EXPECT_EQ(t.accepted_at, kT0 + 3 * kDayMs);
  EXPECT_EQ(t.first_contact_at, kT0 + 3 * kDayMs);
  EXPECT_EQ(t.resolved_at, kT0 + 3 * kDayMs);
  EXPECT_EQ(t.reply, h.reply);
  EXPECT_EQ(t.version, 6);
  // Evaluated as a live ticket answered that way: counted, responded, on time.
  insight::EvaluationRules rules;
  insight::Contribution c = insight::Contribute(t, item->events, rules, kT0 + 30 * kDayMs, false);
  EXPECT_EQ(c.owner, "XD.A.A3/gov");
  EXPECT_EQ(c.ticket[insight::kCounted], 1);
  EXPECT_EQ(c.ticket[insight::kResponded], 1);
  EXPECT_EQ(c.ticket[insight::kOnTime], 1);
  EXPECT_EQ(c.ticket[insight::kRevisited], 0);  // no revisit on record
}

TEST(HistoricalTicket, LateAnswerIsNotARespondedTicket) {
  HistoricalHandling h;
  h.unit = "XD.A.A3/gov";
  h.reply = "已处理。";
  h.resolved_at = kT0 + 30 * kDayMs;
  h.archive = false;
  auto item = HistoricalTicket(Record(), h, workflow::Sla());
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(item->ticket.status, TicketStatus::kResolved);
  insight::Contribution c =
      insight::Contribute(item->ticket, item->events, insight::EvaluationRules(), kT0 + 40 * kDayMs,
                          false);
  EXPECT_EQ(c.ticket[insight::kCounted], 1);
  EXPECT_EQ(c.ticket[insight::kResponded], 0);
  EXPECT_EQ(c.ticket[insight::kOverdue], 1);
}

TEST(HistoricalTicket, NoAnswerOnRecordMakesNoReplyUp) {
  HistoricalHandling h;
  h.unit = "XD.A.A3/gov";
  h.resolved_at = kT0 + kDayMs;
  auto item = HistoricalTicket(Record(), h, workflow::Sla());
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(Types(*item), (std::vector<EventType>{EventType::kReceived, EventType::kDispatch,
                                                  EventType::kAccept, EventType::kContact,
                                                  EventType::kResolve, EventType::kArchive}));
  EXPECT_TRUE(item->ticket.reply.empty());
}

TEST(HistoricalTicket, UnknownUnitKeepsTheRecordUnevaluated) {
  HistoricalHandling h;
  h.reply = "已答复。";
  h.resolved_at = kT0 + kDayMs;
  auto item = HistoricalTicket(Record(), h, workflow::Sla());
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(Types(*item), (std::vector<EventType>{EventType::kReceived, EventType::kReply,
                                                  EventType::kResolve, EventType::kArchive}));
  EXPECT_TRUE(item->ticket.owner_unit.empty());
  EXPECT_EQ(item->ticket.reply, "已答复。");
  EXPECT_EQ(item->ticket.version, 4);
  insight::Contribution c = insight::Contribute(item->ticket, item->events,
                                                insight::EvaluationRules(), kT0 + kDayMs, false);
  EXPECT_TRUE(c.owner.empty());

  HistoricalHandling silent;  // no unit, no answer, not resolved: 受理 + 归档
  silent.resolved = false;
  auto closed = HistoricalTicket(Record(), silent, workflow::Sla());
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(Types(*closed), (std::vector<EventType>{EventType::kReceived, EventType::kArchive}));
}

TEST(HistoricalTicket, AnswerBeforeTheRequestIsRefused) {
  HistoricalHandling h;
  h.unit = "XD.A.A3/gov";
  h.resolved_at = kT0 - 1;
  EXPECT_EQ(HistoricalTicket(Record(), h, workflow::Sla()).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace lianxin::service
