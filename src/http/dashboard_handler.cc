// /api/dashboard: the leaders' dashboard (领导驾驶舱) figures.
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {
namespace {

Json EncodeGroups(const std::vector<service::DashboardGroup>& groups) {
  Json arr = Json::array();
  for (const auto& g : groups) {
    arr.push_back({{"code", g.code}, {"name", g.name}, {"count", g.count}, {"open", g.open},
                   {"overdue", g.overdue}});
  }
  return arr;
}

}  // namespace

void GetDashboardSummary(Service& svc, const Request& req, Response& res) {
  service::DashboardFilter f;
  for (auto [key, out] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
    std::string v = req.Query(key);
    if (v.empty()) continue;
    auto t = ParseTime(v);
    if (!t) return WriteError(res, Status::InvalidArgument(std::string("时间格式错误：") + key));
    *out = *t;
  }
  f.region_code = req.Query("region");
  f.category_code = req.Query("category");
  auto s = svc.Dashboard(req.actor, f);
  if (!s.ok()) return WriteError(res, s.status());
  Json days = Json::array();
  for (const auto& [day, count] : s->by_day) days.push_back({{"day", day}, {"count", count}});
  res.body = Dump({{"total", s->total},
                   {"open", s->open},
                   {"overdue", s->overdue},
                   {"due_soon", s->due_soon},
                   {"resolved", s->resolved},
                   {"now", FormatIsoCst(s->now)},
                   {"by_day", days},
                   {"by_category", EncodeGroups(s->by_category)},
                   {"by_region", EncodeGroups(s->by_region)},
                   {"by_status", EncodeGroups(s->by_status)}});
}

}  // namespace lianxin::http
