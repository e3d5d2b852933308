// /api/dispatch: the agent's suggestion for free text, the dispatchers' queue,
// the 零遗漏 check and the agent's figures.
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {

void PostDispatchPreview(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  std::string title, body, region;
  Status st = CheckKeys(*obj, {"title", "body", "region"});
  if (st.ok()) st = GetString(*obj, "title", title);
  if (st.ok()) st = GetString(*obj, "body", body);
  if (st.ok()) st = GetString(*obj, "region", region);
  if (!st.ok()) return WriteError(res, st);
  auto s = svc.Suggest(req.actor, title, body, region);
  if (!s.ok()) return WriteError(res, s.status());
  res.body = Dump(EncodeSuggestion(*s));
}

void GetDispatchQueue(Service& svc, const Request& req, Response& res) {
  int limit = 20, offset = 0;
  try {
    limit = std::stoi(req.Query("limit", "20"));
    offset = std::stoi(req.Query("offset", "0"));
  } catch (const std::exception&) {
    return WriteError(res, Status::InvalidArgument("limit/offset 必须是整数"));
  }
  int64_t total = 0;
  auto items = svc.DispatchQueue(req.actor, limit, offset, &total);
  if (!items.ok()) return WriteError(res, items.status());
  auto dir = svc.directory();
  Json arr = Json::array();
  for (const auto& v : *items) {
    Json j = EncodeTicket(v, *dir);
    // The agent's proposal, recomputed live (cheap), so the dispatcher sees why.
    auto s = svc.SuggestInternal(v.ticket.title, v.ticket.body, v.ticket.region_code);
    if (s.ok()) j["suggestion"] = EncodeSuggestion(*s);
    arr.push_back(std::move(j));
  }
  res.body = Dump({{"items", arr}, {"total", total}, {"limit", limit}, {"offset", offset}});
}

void GetUnowned(Service& svc, const Request& req, Response& res) {
  auto items = svc.UnownedTickets(req.actor);
  if (!items.ok()) return WriteError(res, items.status());
  auto dir = svc.directory();
  Json arr = Json::array();
  for (const auto& v : *items) arr.push_back(EncodeTicket(v, *dir));
  res.body = Dump({{"items", arr}, {"total", arr.size()}});
}

void GetDispatchStats(Service& svc, const Request& req, Response& res) {
  TimeMs from = 0;
  if (std::string v = req.Query("from"); !v.empty()) {
    auto t = ParseTime(v);
    if (!t) return WriteError(res, Status::InvalidArgument("时间格式错误：from"));
    from = *t;
  }
  auto s = svc.AgentStats(req.actor, from);
  if (!s.ok()) return WriteError(res, s.status());
  res.body = Dump({{"received", s->received},
                   {"auto_dispatched", s->auto_dispatched},
                   {"corrected", s->corrected},
                   {"coverage", s->coverage},
                   {"accuracy", s->accuracy},
                   {"unowned_open", s->unowned_open},
                   {"model_loaded", svc.classifier() != nullptr}});
}

}  // namespace lianxin::http
