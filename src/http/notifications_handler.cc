// /api/notifications: the outbox of messages to citizens and units, for admins
// to see what is pending and what failed (issue 4, part A).
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {

void ListNotifications(Service& svc, const Request& req, Response& res) {
  std::optional<store::OutboxMessage::State> state;
  if (std::string s = req.Query("status"); !s.empty()) {
    state = store::ParseOutboxState(s);
    if (!state) return WriteError(res, Status::InvalidArgument("status 应为 pending、sent 或 failed"));
  }
  int limit = 20, offset = 0;
  try {
    limit = std::stoi(req.Query("limit", "20"));
    offset = std::stoi(req.Query("offset", "0"));
  } catch (const std::exception&) {
    return WriteError(res, Status::InvalidArgument("limit/offset 必须是整数"));
  }
  auto page = svc.ListNotifications(req.actor, state, limit, offset);
  if (!page.ok()) return WriteError(res, page.status());
  auto time = [](TimeMs t) { return t ? Json(FormatIsoCst(t)) : Json(nullptr); };
  Json arr = Json::array();
  for (const store::OutboxMessage& m : page->items) {
    arr.push_back({{"id", m.id},
                   {"event_id", m.event_id},
                   {"ticket_id", m.ticket_id},
                   {"audience", store::ToString(m.audience)},
                   {"address", m.address},
                   {"kind", m.kind},
                   {"body", m.body},
                   {"status", store::ToString(m.state)},
                   {"attempts", m.attempts},
                   {"next_attempt_at", m.state == store::OutboxMessage::State::kPending
                                           ? time(m.next_attempt_at)
                                           : Json(nullptr)},
                   {"last_error", m.last_error},
                   {"created_at", time(m.created_at)},
                   {"sent_at", time(m.sent_at)}});
  }
  res.body = Dump({{"items", arr}, {"total", page->total}, {"limit", limit}, {"offset", offset}});
}

}  // namespace lianxin::http
