// /api/supervision: the supervisors' lists (overdue, due soon, escalated,
// extension requests, returns, revisits, reopened) and their counts.
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {
namespace {

// `window_hours` (due soon), default 24; kInvalidArgument when not a number.
Result<TimeMs> WindowParam(const Request& req) {
  std::string v = req.Query("window_hours", "24");
  try {
    size_t used = 0;
    double hours = std::stod(v, &used);
    if (used != v.size()) throw std::invalid_argument(v);
    return static_cast<TimeMs>(hours * static_cast<double>(kHourMs));
  } catch (const std::exception&) {
    return Status::InvalidArgument("window_hours 必须是数字（小时）");
  }
}

}  // namespace

void GetSupervisionCounts(Service& svc, const Request& req, Response& res) {
  auto window = WindowParam(req);
  if (!window.ok()) return WriteError(res, window.status());
  auto counts = svc.SupervisionCounts(req.actor, *window);
  if (!counts.ok()) return WriteError(res, counts.status());
  Json arr = Json::array();
  for (const auto& [list, n] : *counts) {
    arr.push_back({{"list", ToString(list)}, {"label", LabelZh(list)}, {"total", n}});
  }
  res.body = Dump({{"items", arr}, {"now", FormatIsoCst(svc.clock().Now())}});
}

void GetSupervisionList(Service& svc, const Request& req, Response& res) {
  auto list = service::ParseSupervisionList(req.params.at(0));
  if (!list) return WriteError(res, Status::NotFound("没有这个清单：" + req.params.at(0)));
  service::SupervisionQuery q;
  q.list = *list;
  auto window = WindowParam(req);
  if (!window.ok()) return WriteError(res, window.status());
  q.window = *window;
  q.region_prefix = req.Query("region");
  q.unit_code = req.Query("unit");
  try {
    q.limit = std::stoi(req.Query("limit", "20"));
    q.offset = std::stoi(req.Query("offset", "0"));
  } catch (const std::exception&) {
    return WriteError(res, Status::InvalidArgument("limit/offset 必须是整数"));
  }
  int64_t total = 0;
  auto items = svc.Supervision(req.actor, q, &total);
  if (!items.ok()) return WriteError(res, items.status());
  const TimeMs now = svc.clock().Now();
  auto dir = svc.directory();
  Json arr = Json::array();
  for (const auto& v : *items) {
    Json j = EncodeTicket(v, *dir);
    // Seconds left until the deadline (negative when overdue); null without one.
    j["remaining_seconds"] =
        v.ticket.due_at != 0 ? Json((v.ticket.due_at - now) / kSecondMs) : Json(nullptr);
    j["overdue"] = v.ticket.due_at != 0 && v.ticket.due_at < now;
    arr.push_back(std::move(j));
  }
  res.body = Dump({{"list", ToString(*list)},
                   {"label", LabelZh(*list)},
                   {"now", FormatIsoCst(now)},
                   {"items", arr},
                   {"total", total},
                   {"limit", q.limit},
                   {"offset", q.offset}});
}

}  // namespace lianxin::http
