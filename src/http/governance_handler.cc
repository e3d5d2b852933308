// /api/governance/items*: governance items (每月一题) — promotion from a hot topic or an
// alert, tasks, progress, linked tickets, and the matter's weekly volume (issue 6).
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/insight_codec.h"

namespace lianxin::http {
namespace {

// An optional ISO time field ("2026-12-31" or with a time).
Status GetTime(const Json& obj, const char* key, TimeMs& out) {
  std::string s;
  LX_RETURN_IF_ERROR(GetString(obj, key, s));
  if (s.empty()) return Status::Ok();
  auto t = ParseTime(s);
  if (!t) return Status::InvalidArgument(std::string("时间格式错误：") + key);
  out = *t;
  return Status::Ok();
}

Status GetStrings(const Json& obj, const char* key, std::vector<std::string>& out) {
  if (!obj.contains(key)) return Status::Ok();
  const Json& v = obj.at(key);
  if (!v.is_array()) return Status::InvalidArgument(std::string(key) + " 应为字符串数组");
  for (const Json& e : v) {
    if (!e.is_string()) return Status::InvalidArgument(std::string(key) + " 应为字符串数组");
    out.push_back(e.get<std::string>());
  }
  return Status::Ok();
}

Status GetIds(const Json& obj, const char* key, std::vector<TicketId>& out) {
  if (!obj.contains(key)) return Status::Ok();
  const Json& v = obj.at(key);
  if (!v.is_array()) return Status::InvalidArgument(std::string(key) + " 应为工单 id 数组");
  for (const Json& e : v) {
    if (!e.is_number_integer() || e.get<int64_t>() <= 0) {
      return Status::InvalidArgument(std::string(key) + " 应为工单 id 数组");
    }
    out.push_back(e.get<int64_t>());
  }
  return Status::Ok();
}

Result<store::GovernanceTask> DecodeTask(const Json& obj) {
  if (!obj.is_object()) return Status::InvalidArgument("任务应为对象");
  LX_RETURN_IF_ERROR(CheckKeys(obj, {"unit_code", "title", "deadline"}));
  store::GovernanceTask t;
  LX_RETURN_IF_ERROR(GetString(obj, "unit_code", t.unit_code));
  LX_RETURN_IF_ERROR(GetString(obj, "title", t.title));
  LX_RETURN_IF_ERROR(GetTime(obj, "deadline", t.deadline));
  return t;
}

Result<service::GovernanceUpdate> DecodeUpdate(const std::string& body) {
  LX_ASSIGN_OR_RETURN(Json obj, ParseObject(body));
  LX_RETURN_IF_ERROR(CheckKeys(obj, {"state", "note"}));
  service::GovernanceUpdate u;
  LX_RETURN_IF_ERROR(GetString(obj, "state", u.state));
  LX_RETURN_IF_ERROR(GetString(obj, "note", u.note));
  return u;
}

Json EncodeDetail(const service::GovernanceView& v, const service::Directory& dir) {
  Json j = EncodeGovernanceItem(v.detail.item, dir);
  Json tasks = Json::array();
  for (const auto& t : v.detail.tasks) tasks.push_back(EncodeGovernanceTask(t, dir));
  j["tasks"] = tasks;
  Json tickets = Json::array();
  for (const auto& t : v.tickets) tickets.push_back(EncodeBrief(t, dir));
  j["tickets"] = tickets;
  Json progress = Json::array();
  for (const auto& p : v.detail.progress) {
    progress.push_back({{"id", p.id},
                        {"task_id", p.task_id},
                        {"actor", p.actor},
                        {"unit_code", p.unit_code},
                        {"at", FormatIsoCst(p.at)},
                        {"note", p.note}});
  }
  j["progress"] = progress;
  Json weeks = Json::array();
  for (const auto& w : v.volume) {
    weeks.push_back({{"week", w.week}, {"start", FormatIsoCst(w.start)}, {"count", w.count}});
  }
  j["volume"] = {{"weeks", weeks},
                 {"before", v.before},
                 {"after", v.after},
                 {"weekly_before", v.weekly_before},
                 {"weekly_after", v.weekly_after}};
  return j;
}

}  // namespace

void ListGovernanceItems(Service& svc, const Request& req, Response& res) {
  store::GovernanceFilter f;
  if (Status st = ReadPage(req, f.limit, f.offset); !st.ok()) return WriteError(res, st);
  f.state = req.Query("state");
  f.involved_unit = req.Query("unit");
  auto page = svc.GovernanceItems(req.actor, f);
  if (!page.ok()) return WriteError(res, page.status());
  auto dir = svc.directory();
  Json items = Json::array();
  for (const auto& g : page->items) items.push_back(EncodeGovernanceItem(g, *dir));
  res.body = Dump(ListBody(std::move(items), page->total, f.limit, f.offset));
}

void PostGovernanceItem(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  service::NewGovernanceItem in;
  std::optional<double> source_id;
  Status st = CheckKeys(*obj, {"source_kind", "source_id", "title", "description", "lead_unit",
                               "assist_units", "deadline", "tasks", "tickets"});
  if (st.ok()) st = GetString(*obj, "source_kind", in.source_kind);
  if (st.ok()) st = GetNumber(*obj, "source_id", source_id);
  if (st.ok()) st = GetString(*obj, "title", in.title);
  if (st.ok()) st = GetString(*obj, "description", in.description);
  if (st.ok()) st = GetString(*obj, "lead_unit", in.lead_unit);
  if (st.ok()) st = GetStrings(*obj, "assist_units", in.assist_units);
  if (st.ok()) st = GetTime(*obj, "deadline", in.deadline);
  if (st.ok()) st = GetIds(*obj, "tickets", in.tickets);
  if (st.ok() && obj->contains("tasks")) {
    if (!obj->at("tasks").is_array()) st = Status::InvalidArgument("tasks 应为数组");
    for (size_t i = 0; st.ok() && i < obj->at("tasks").size(); ++i) {
      auto t = DecodeTask(obj->at("tasks")[i]);
      if (t.ok()) {
        in.tasks.push_back(*t);
      } else {
        st = t.status();
      }
    }
  }
  if (st.ok() && (!source_id || *source_id < 1 || *source_id != static_cast<int64_t>(*source_id))) {
    st = Status::InvalidArgument("请指定来源 source_id（热点或预警的编号）");
  }
  if (!st.ok()) return WriteError(res, st);
  in.source_id = static_cast<int64_t>(*source_id);
  auto g = svc.PromoteToGovernance(req.actor, in);
  if (!g.ok()) return WriteError(res, g.status());
  res.status = 201;
  res.body = Dump(EncodeGovernanceItem(*g, *svc.directory()));
}

void GetGovernanceItem(Service& svc, const Request& req, Response& res) {
  auto v = svc.GovernanceItemView(req.actor, PathId(req, 0));
  if (!v.ok()) return WriteError(res, v.status());
  res.body = Dump(EncodeDetail(*v, *svc.directory()));
}

void PostGovernanceProgress(Service& svc, const Request& req, Response& res) {
  auto u = DecodeUpdate(req.body);
  if (!u.ok()) return WriteError(res, u.status());
  auto g = svc.UpdateGovernanceItem(req.actor, PathId(req, 0), *u);
  if (!g.ok()) return WriteError(res, g.status());
  res.body = Dump(EncodeGovernanceItem(*g, *svc.directory()));
}

void PostGovernanceTask(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  auto t = DecodeTask(*obj);
  if (!t.ok()) return WriteError(res, t.status());
  auto stored = svc.AddGovernanceTask(req.actor, PathId(req, 0), *t);
  if (!stored.ok()) return WriteError(res, stored.status());
  res.status = 201;
  res.body = Dump(EncodeGovernanceTask(*stored, *svc.directory()));
}

void PostGovernanceTaskUpdate(Service& svc, const Request& req, Response& res) {
  auto u = DecodeUpdate(req.body);
  if (!u.ok()) return WriteError(res, u.status());
  auto t = svc.UpdateGovernanceTask(req.actor, PathId(req, 0), PathId(req, 1), *u);
  if (!t.ok()) return WriteError(res, t.status());
  res.body = Dump(EncodeGovernanceTask(*t, *svc.directory()));
}

void PostGovernanceTickets(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  std::vector<TicketId> ids;
  Status st = CheckKeys(*obj, {"ticket_ids"});
  if (st.ok()) st = GetIds(*obj, "ticket_ids", ids);
  if (!st.ok()) return WriteError(res, st);
  auto n = svc.LinkGovernanceTickets(req.actor, PathId(req, 0), ids);
  if (!n.ok()) return WriteError(res, n.status());
  res.body = Dump({{"linked", *n}});
}

}  // namespace lianxin::http
