// /api/insight/*: hot topics (热点), early warnings (预警) and their handling, repeat
// requests (issue 6). Roles are checked by the service.
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/insight_codec.h"

namespace lianxin::http {

void ListHotspots(Service& svc, const Request& req, Response& res) {
  store::HotspotFilter f;
  Status st = ReadPage(req, f.limit, f.offset);
  if (st.ok()) st = ReadTimes(req, f.from, f.to);
  int tickets = 5, unused = 0;
  if (st.ok() && !req.Query("tickets").empty()) {
    Request page;
    page.query["limit"] = req.Query("tickets");
    st = ReadPage(page, tickets, unused);
  }
  if (!st.ok()) return WriteError(res, st);
  f.region_prefix = req.Query("region");
  f.category_prefix = req.Query("category");
  auto page = svc.Hotspots(req.actor, f);
  if (!page.ok()) return WriteError(res, page.status());
  auto dir = svc.directory();
  Json items = Json::array();
  for (const auto& h : page->items) {
    // Each with its first page of tickets, newest first.
    auto detail = svc.HotspotWithTickets(req.actor, h.id, tickets, 0);
    if (!detail.ok()) return WriteError(res, detail.status());
    Json j = EncodeHotspot(h, *dir);
    Json list = Json::array();
    for (const auto& t : detail->tickets) list.push_back(EncodeBrief(t, *dir));
    j["tickets"] = list;
    j["tickets_total"] = detail->tickets_total;
    items.push_back(std::move(j));
  }
  res.body = Dump(ListBody(std::move(items), page->total, f.limit, f.offset));
}

void GetHotspot(Service& svc, const Request& req, Response& res) {
  int limit = 20, offset = 0;
  if (Status st = ReadPage(req, limit, offset); !st.ok()) return WriteError(res, st);
  auto d = svc.HotspotWithTickets(req.actor, PathId(req, 0), limit, offset);
  if (!d.ok()) return WriteError(res, d.status());
  auto dir = svc.directory();
  Json j = EncodeHotspot(d->hotspot, *dir);
  Json list = Json::array();
  for (const auto& t : d->tickets) list.push_back(EncodeBrief(t, *dir));
  j["tickets"] = list;
  j["tickets_total"] = d->tickets_total;
  j["limit"] = limit;
  j["offset"] = offset;
  res.body = Dump(j);
}

void ListAlerts(Service& svc, const Request& req, Response& res) {
  store::AlertFilter f;
  Status st = ReadPage(req, f.limit, f.offset);
  if (st.ok()) st = ReadTimes(req, f.from, f.to);
  if (!st.ok()) return WriteError(res, st);
  f.kind = req.Query("kind");
  f.state = req.Query("state");
  f.region_prefix = req.Query("region");
  f.category_prefix = req.Query("category");
  f.assignee_unit = req.Query("unit");
  auto page = svc.Alerts(req.actor, f);
  if (!page.ok()) return WriteError(res, page.status());
  auto dir = svc.directory();
  Json items = Json::array();
  for (const auto& a : page->items) items.push_back(EncodeAlert(a, *dir));
  res.body = Dump(ListBody(std::move(items), page->total, f.limit, f.offset));
}

void GetAlert(Service& svc, const Request& req, Response& res) {
  auto d = svc.AlertWithExamples(req.actor, PathId(req, 0));
  if (!d.ok()) return WriteError(res, d.status());
  auto dir = svc.directory();
  Json j = EncodeAlert(d->alert, *dir);
  Json list = Json::array();
  for (const auto& t : d->examples) list.push_back(EncodeBrief(t, *dir));
  j["example_tickets"] = list;
  res.body = Dump(j);
}

// POST /api/insight/alerts/{id}/ack {"note"} and /assign {"unit_code", "note"}.
void PostAlertAction(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body.empty() ? "{}" : req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  const bool assign = req.params.size() > 1 && req.params[1] == "assign";
  std::string note, unit;
  Status st = CheckKeys(*obj, assign ? std::vector<std::string>{"note", "unit_code"}
                                     : std::vector<std::string>{"note"});
  if (st.ok()) st = GetString(*obj, "note", note);
  if (st.ok()) st = GetString(*obj, "unit_code", unit);
  if (st.ok() && note.size() > 3000) st = Status::InvalidArgument("说明过长");
  if (st.ok() && assign && unit.empty()) st = Status::InvalidArgument("请指定交办单位 unit_code");
  if (!st.ok()) return WriteError(res, st);
  auto a = assign ? svc.AssignAlert(req.actor, PathId(req, 0), unit, note)
                  : svc.AcknowledgeAlert(req.actor, PathId(req, 0), note);
  if (!a.ok()) return WriteError(res, a.status());
  res.body = Dump(EncodeAlert(*a, *svc.directory()));
}

void ListRepeats(Service& svc, const Request& req, Response& res) {
  store::RepeatFilter f;
  Status st = ReadPage(req, f.limit, f.offset);
  if (st.ok()) st = ReadTimes(req, f.from, f.to);
  if (!st.ok()) return WriteError(res, st);
  f.kind = req.Query("kind");
  auto list = svc.Repeats(req.actor, f);
  if (!list.ok()) return WriteError(res, list.status());
  auto dir = svc.directory();
  Json items = Json::array();
  for (const auto& r : list->items) items.push_back(EncodeRepeat(r, *dir));
  Json kinds = Json::object();
  for (const auto& [kind, n] : list->by_kind) kinds[kind] = n;
  res.body = Dump({{"items", items},
                   {"total", list->total},
                   {"by_kind", kinds},
                   {"tickets", list->tickets},
                   {"repeat_rate", list->repeat_rate},
                   {"limit", f.limit},
                   {"offset", f.offset}});
}

}  // namespace lianxin::http
