// /api/tickets: staff intake, scoped listing and reading, and the handling actions.
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {
namespace {

TicketId IdParam(const Request& req) { return std::stoll(req.params.at(0)); }

// Parses an action body allowing only `keys` (an empty body counts as {}).
Result<Json> ActionBody(const Request& req, const std::vector<std::string>& keys) {
  if (req.body.empty()) return Json::object();
  LX_ASSIGN_OR_RETURN(Json obj, ParseObject(req.body));
  LX_RETURN_IF_ERROR(CheckKeys(obj, keys));
  return obj;
}

void WriteTicket(Service& svc, Response& res, const Result<service::TicketView>& v) {
  if (!v.ok()) return WriteError(res, v.status());
  res.body = Dump(EncodeTicket(*v, *svc.directory()));
}

}  // namespace

void PostTicket(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  auto input = DecodeNewTicket(*obj);
  if (!input.ok()) return WriteError(res, input.status());
  if (!obj->contains("channel")) input->channel = Channel::kPhone;  // staff intake: a call
  auto t = svc.CreateTicket(req.actor, *input);
  if (!t.ok()) return WriteError(res, t.status());
  service::TicketView v{*t, false};
  res.status = 201;
  Json j = EncodeTicket(v, *svc.directory());
  j["query_code"] = t->query_code;  // to read out to the caller
  res.body = Dump(j);
}

void ListTickets(Service& svc, const Request& req, Response& res) {
  store::TicketFilter f;
  std::string status = req.Query("status");
  if (!status.empty()) {
    f.status = ParseTicketStatus(status);
    if (!f.status) return WriteError(res, Status::InvalidArgument("未知的状态：" + status));
  }
  f.owner_unit = req.Query("unit");
  f.region_prefix = req.Query("region");
  f.category_prefix = req.Query("category");
  f.text = req.Query("q");
  for (auto [name, field] : {std::pair{"from", &f.created_from}, std::pair{"to", &f.created_to}}) {
    std::string v = req.Query(name);
    if (v.empty()) continue;
    auto t = ParseTime(v);
    if (!t) return WriteError(res, Status::InvalidArgument(std::string("时间格式错误：") + name));
    *field = *t;
  }
  try {
    f.limit = std::stoi(req.Query("limit", "20"));
    f.offset = std::stoi(req.Query("offset", "0"));
  } catch (const std::exception&) {
    return WriteError(res, Status::InvalidArgument("limit/offset 必须是整数"));
  }
  int64_t total = 0;
  auto items = svc.ListTickets(req.actor, f, &total);
  if (!items.ok()) return WriteError(res, items.status());
  auto dir = svc.directory();
  Json arr = Json::array();
  for (const auto& v : *items) arr.push_back(EncodeTicket(v, *dir));
  res.body = Dump({{"items", arr}, {"total", total}, {"limit", f.limit}, {"offset", f.offset}});
}

void GetTicket(Service& svc, const Request& req, Response& res) {
  WriteTicket(svc, res, svc.GetTicket(req.actor, IdParam(req)));
}

void ListTicketEvents(Service& svc, const Request& req, Response& res) {
  auto events = svc.ListEvents(req.actor, IdParam(req));
  if (!events.ok()) return WriteError(res, events.status());
  auto dir = svc.directory();
  Json arr = Json::array();
  for (const TicketEvent& e : *events) arr.push_back(EncodeEvent(e, *dir));
  res.body = Dump({{"items", arr}});
}

void PostDispatch(Service& svc, const Request& req, Response& res) {
  auto obj = ActionBody(req, {"unit_code", "reason"});
  if (!obj.ok()) return WriteError(res, obj.status());
  std::string unit, reason;
  Status st = GetString(*obj, "unit_code", unit);
  if (st.ok()) st = GetString(*obj, "reason", reason);
  if (!st.ok()) return WriteError(res, st);
  if (unit.empty()) return WriteError(res, Status::InvalidArgument("请指定承办单位（unit_code）"));
  WriteTicket(svc, res, svc.Dispatch(req.actor, IdParam(req), unit, reason));
}

void PostAccept(Service& svc, const Request& req, Response& res) {
  auto obj = ActionBody(req, {});
  if (!obj.ok()) return WriteError(res, obj.status());
  WriteTicket(svc, res, svc.Accept(req.actor, IdParam(req)));
}

void PostReply(Service& svc, const Request& req, Response& res) {
  auto obj = ActionBody(req, {"content"});
  if (!obj.ok()) return WriteError(res, obj.status());
  std::string content;
  Status st = GetString(*obj, "content", content);
  if (!st.ok()) return WriteError(res, st);
  WriteTicket(svc, res, svc.Reply(req.actor, IdParam(req), content));
}

void PostResolve(Service& svc, const Request& req, Response& res) {
  auto obj = ActionBody(req, {"content"});
  if (!obj.ok()) return WriteError(res, obj.status());
  std::string content;
  Status st = GetString(*obj, "content", content);
  if (!st.ok()) return WriteError(res, st);
  WriteTicket(svc, res, svc.Resolve(req.actor, IdParam(req), content));
}

}  // namespace lianxin::http
