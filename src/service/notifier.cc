// Notifications: composing messages from events, the cursor-driven collector,
// delivery with exponential back-off.
#include "service/notifier.h"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>

#include "core/utf8.h"
#include "service/service_impl.h"

namespace lianxin::service {
namespace {

using Audience = store::OutboxMessage::Audience;

std::string UnitName(const Directory& dir, const std::string& code) {
  const Unit* u = dir.FindUnit(code);
  return u ? u->name : code;
}

// The first `n` characters of `s` (UTF-8), with an ellipsis when cut.
std::string Clip(const std::string& s, size_t n) {
  if (Utf8Length(s) <= n) return s;
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == n) break;
    out += s[i];
  }
  return out + "…";
}

}  // namespace

LogSender::LogSender() : out_(&std::clog) {}

Status LogSender::Send(const store::OutboxMessage& m) {
  std::lock_guard<std::mutex> lock(mu_);
  // The citizen's phone is masked in the log: the log is not an address book.
  std::string to = m.audience == Audience::kCitizen ? MaskPhone(m.address) : m.address;
  *out_ << "notify id=" << m.id << " kind=" << m.kind << " to=" << ToString(m.audience) << ":"
        << to << " ticket=" << m.ticket_id << " body=\"" << m.body << "\"\n";
  out_->flush();
  return Status::Ok();
}

Notifier::Notifier(Service& service, Sender& sender, NotifierOptions options)
    : service_(service), sender_(sender), options_(options) {
  options_.batch = std::clamp(options_.batch, 1, 10000);
  options_.max_attempts = std::max(1, options_.max_attempts);
}

std::vector<store::OutboxMessage> Notifier::Compose(const TicketEvent& e, const Ticket& t,
                                                    const Directory& dir,
                                                    const std::string& centre, TimeMs now) {
  std::vector<store::OutboxMessage> out;
  if (t.channel == Channel::kImport) return out;  // history: nobody to tell
  auto add = [&](Audience audience, const std::string& address, const char* kind,
                 std::string body) {
    const bool to_dispatchers = std::string_view(kind) == "arbitration_overdue";
    if (address.empty() || (audience == Audience::kUnit && address == centre && !to_dispatchers)) {
      return;
    }
    store::OutboxMessage m;
    m.event_id = e.id;
    m.ticket_id = t.id;
    m.audience = audience;
    m.address = address;
    m.kind = kind;
    m.body = std::move(body);
    m.next_attempt_at = now;
    m.created_at = now;
    out.push_back(std::move(m));
  };
  const std::string& phone = t.citizen_phone;
  const std::string head = "【12345】您反映的诉求（工单号 " + t.number + "）";
  const std::string ticket = "工单 " + t.number + "（" + Clip(t.title, 30) + "）";
  switch (e.type) {
    case EventType::kReceived:
      add(Audience::kCitizen, phone, "received", head + "已受理，可凭工单号和查询码查询办理进度。");
      break;
    case EventType::kDispatch:
    case EventType::kRedispatch:
    case EventType::kReturnApprove: {
      if (e.unit_code.empty() || e.unit_code == centre) break;
      add(Audience::kCitizen, phone, "dispatched",
          head + "已转交" + UnitName(dir, e.unit_code) + "办理。");
      std::string due = e.due_at ? "，办理期限 " + FormatIsoCst(e.due_at) : "";
      add(Audience::kUnit, e.unit_code, "dispatched", ticket + "已派至贵单位主办" + due + "。");
      for (const std::string& a : e.assist_units) {
        add(Audience::kUnit, a, "dispatched", ticket + "请贵单位协办" + due + "。");
      }
      break;
    }
    case EventType::kReply:
    case EventType::kResolveAtIntake:
      add(Audience::kCitizen, phone, "replied",
          head + "已" + (e.type == EventType::kReply ? "由" + UnitName(dir, e.unit_code) : "") +
              "答复，可凭查询码查看答复内容。");
      break;
    case EventType::kResolve:
      add(Audience::kCitizen, phone, "visit_request",
          head + "已办结。请凭查询码评价：问题是否解决、是否满意。");
      break;
    case EventType::kExtensionApprove:  // 延期: the citizen is told the new deadline
      add(Audience::kCitizen, phone, "extended",
          head + "经批准延期办理，新的办理期限为 " + FormatIsoCst(e.due_at ? e.due_at : t.due_at) + "。");
      break;
    case EventType::kReminder:
      add(Audience::kUnit, t.owner_unit, "reminder",
          ticket + "办理期限 " + FormatIsoCst(t.due_at) + " 将至，请抓紧办理（催办）。");
      break;
    case EventType::kEscalation:
      add(Audience::kCitizen, phone, "overdue", head + "已超过办理期限，热线已督促承办单位加快办理。");
      add(Audience::kUnit, t.owner_unit, "escalation",
          ticket + "已超过办理期限 " + FormatIsoCst(t.due_at) + "，现予督办，请尽快办结并说明情况。");
      break;
    case EventType::kReopen:
    case EventType::kRevisit: {
      bool reopened = e.type == EventType::kReopen ||
                      (e.resolved.has_value() && !*e.resolved) ||
                      e.satisfaction == Satisfaction::kUnsatisfied;
      if (reopened) {
        add(Audience::kUnit, e.unit_code, "reopened", ticket + "群众不满意或申请重办，已退回贵单位重新办理。");
      }
      break;
    }
    case EventType::kNote:
      if (e.reason == kArbitrationOverdue && !centre.empty()) {
        // issue 4: to the dispatchers, i.e. the hotline centre.
        add(Audience::kUnit, centre, "arbitration_overdue", ticket + "：" + e.content);
      }
      break;
    default:
      break;
  }
  return out;
}

TimeMs Notifier::Backoff(int attempts) const {
  TimeMs d = options_.first_retry;
  for (int i = 1; i < attempts && d < options_.max_retry; ++i) d *= 2;
  return std::min(d, options_.max_retry);
}

Result<int64_t> Notifier::Collect(int64_t* enqueued) {
  store::Store& st = service_.store();
  LX_ASSIGN_OR_RETURN(int64_t cursor, st.GetCursor(kCursor));
  LX_ASSIGN_OR_RETURN(std::vector<TicketEvent> events, st.ListEventsAfter(cursor, options_.batch));
  if (events.empty()) return int64_t{0};
  const TimeMs now = service_.clock().Now();
  auto dir = service_.directory();
  const std::string centre = service_.HotlineCentre();
  std::map<TicketId, Ticket> tickets;
  std::vector<store::OutboxMessage> messages;
  for (const TicketEvent& e : events) {
    if (e.at < now - options_.max_age) continue;
    auto it = tickets.find(e.ticket_id);
    if (it == tickets.end()) {
      auto t = st.GetTicket(e.ticket_id);
      if (!t.ok()) {
        if (t.status().code() == StatusCode::kNotFound) continue;
        return t.status();
      }
      it = tickets.emplace(e.ticket_id, std::move(t).value()).first;
    }
    for (auto& m : Compose(e, it->second, *dir, centre, now)) messages.push_back(std::move(m));
  }
  // issue 8 item 2: a copy of each unit message for the unit's own system, when
  // it subscribed to the kind (delivered signed by the integration sender).
  if (!messages.empty()) {
    LX_ASSIGN_OR_RETURN(std::vector<store::UnitIntegration> integrations, st.ListIntegrations());
    std::vector<store::OutboxMessage> copies;
    for (const store::OutboxMessage& m : messages) {
      if (m.audience != Audience::kUnit) continue;
      for (const store::UnitIntegration& g : integrations) {
        if (g.active && g.unit_code == m.address &&
            std::find(g.events.begin(), g.events.end(), m.kind) != g.events.end()) {
          store::OutboxMessage c = m;
          c.audience = Audience::kIntegration;
          copies.push_back(std::move(c));
        }
      }
    }
    for (auto& c : copies) messages.push_back(std::move(c));
  }
  LX_ASSIGN_OR_RETURN(int64_t added, st.EnqueueMessages(messages, kCursor, events.back().id));
  if (enqueued) *enqueued += added;
  return static_cast<int64_t>(events.size());
}

Result<NotifyPass> Notifier::Deliver() {
  store::Store& st = service_.store();
  NotifyPass pass;
  LX_ASSIGN_OR_RETURN(std::vector<store::OutboxMessage> due,
                      st.ListDueMessages(service_.clock().Now(), options_.batch));
  // Attempts are recorded a chunk at a time, one transaction each: a crash
  // before a chunk is recorded sends its messages again (at least once, never
  // lost). A chunk closes after 64 messages or half a second of sending.
  std::vector<store::OutboxMessage> chunk;
  auto chunk_started = std::chrono::steady_clock::now();
  for (store::OutboxMessage& m : due) {
    if (chunk.size() >= 64 ||
        (!chunk.empty() && std::chrono::steady_clock::now() - chunk_started > std::chrono::milliseconds(500))) {
      LX_RETURN_IF_ERROR(st.UpdateMessages(chunk));
      chunk.clear();
    }
    if (chunk.empty()) chunk_started = std::chrono::steady_clock::now();
    Status sent = sender_.Send(m);
    const TimeMs now = service_.clock().Now();
    ++m.attempts;
    if (sent.ok()) {
      m.state = store::OutboxMessage::State::kSent;
      m.sent_at = now;
      m.last_error.clear();
      ++pass.sent;
    } else {
      m.last_error = sent.ToString();
      if (m.attempts >= options_.max_attempts) {
        m.state = store::OutboxMessage::State::kFailed;
        ++pass.failed;
      } else {
        m.next_attempt_at = now + Backoff(m.attempts);
        ++pass.retried;
      }
    }
    chunk.push_back(m);
  }
  LX_RETURN_IF_ERROR(st.UpdateMessages(chunk));
  return pass;
}

Result<NotifyPass> Notifier::RunOnce() {
  NotifyPass pass;
  for (;;) {
    LX_ASSIGN_OR_RETURN(int64_t read, Collect(&pass.enqueued));
    pass.events += read;
    if (read < options_.batch) break;
  }
  for (;;) {
    LX_ASSIGN_OR_RETURN(NotifyPass d, Deliver());
    pass.sent += d.sent;
    pass.retried += d.retried;
    pass.failed += d.failed;
    if (d.sent + d.retried + d.failed < options_.batch) break;
  }
  return pass;
}

}  // namespace lianxin::service

namespace lianxin::service {

Result<store::OutboxPage> Service::ListNotifications(const Actor& actor,
                                                     std::optional<store::OutboxMessage::State> state,
                                                     int limit, int offset) {
  if (actor.citizen || actor.role != Role::kAdmin) return Status::PermissionDenied("只有管理员可以查看通知发送情况");
  if (limit < 1 || limit > 500) return Status::InvalidArgument("limit 应在 1 到 500 之间");
  if (offset < 0) return Status::InvalidArgument("offset 不能为负数");
  LX_ASSIGN_OR_RETURN(store::OutboxPage page, store_.ListMessages(state, limit, offset));
  for (store::OutboxMessage& m : page.items) {
    if (m.audience == store::OutboxMessage::Audience::kCitizen) m.address = MaskPhone(m.address);
  }
  return page;
}

}  // namespace lianxin::service
