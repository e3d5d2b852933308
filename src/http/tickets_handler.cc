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

// Writes the ticket with the actions `actor` may take on it next.
void WriteTicket(Service& svc, Response& res, const service::Actor& actor,
                 const Result<service::TicketView>& v) {
  if (!v.ok()) return WriteError(res, v.status());
  Json j = EncodeTicket(*v, *svc.directory());
  Json actions = Json::array();
  for (EventType t : svc.AllowedActions(actor, v->ticket)) actions.push_back(ToString(t));
  j["allowed_actions"] = actions;
  res.body = Dump(j);
}

}  // namespace

void PostTicket(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  auto input = DecodeNewTicket(*obj);
  if (!input.ok()) return WriteError(res, input.status());
  if (!obj->contains("channel")) input->channel = Channel::kPhone;  // staff intake: a call
  auto r = svc.CreateTicket(req.actor, *input);
  if (!r.ok()) return WriteError(res, r.status());
  service::TicketView v{r->ticket, r->personal_data_masked};
  res.status = 201;
  Json j = EncodeTicket(v, *svc.directory());
  j["query_code"] = r->ticket.query_code;  // to read out to the caller
  j["suggestion"] = EncodeSuggestion(r->suggestion);
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
  // involvement=lead|assist|any (主办/协办): with `unit`, the tickets that unit
  // leads, assists or either; unit handlers get their own unit regardless.
  if (std::string inv = req.Query("involvement"); !inv.empty()) {
    using In = store::TicketFilter::Involvement;
    if (inv == "lead") {
      f.involvement = In::kLead;
    } else if (inv == "assist") {
      f.involvement = In::kAssist;
    } else if (inv != "any") {
      return WriteError(res, Status::InvalidArgument("involvement 应为 lead、assist 或 any"));
    }
    f.involved_unit = f.owner_unit;
    f.owner_unit.clear();
  }
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
  WriteTicket(svc, res, req.actor, svc.GetTicket(req.actor, IdParam(req)));
}

void ListTicketEvents(Service& svc, const Request& req, Response& res) {
  auto events = svc.ListEvents(req.actor, IdParam(req));
  if (!events.ok()) return WriteError(res, events.status());
  auto dir = svc.directory();
  Json arr = Json::array();
  for (const TicketEvent& e : *events) arr.push_back(EncodeEvent(e, *dir));
  res.body = Dump({{"items", arr}});
}

void PostTicketAction(Service& svc, const Request& req, Response& res) {
  auto type = ParseEventType(req.params.at(1));
  if (!type || *type == EventType::kReceived) {
    return WriteError(res, Status::NotFound("没有这个操作：" + req.params.at(1)));
  }
  auto obj = ActionBody(req, {"unit_code", "reason", "content", "due_at", "assist_units",
                              "parent_id", "resolved", "satisfaction", "category", "misrouted"});
  if (!obj.ok()) return WriteError(res, obj.status());
  auto action = DecodeAction(*obj);
  if (!action.ok()) return WriteError(res, action.status());
  action->type = *type;
  WriteTicket(svc, res, req.actor, svc.Perform(req.actor, IdParam(req), *action));
}

}  // namespace lianxin::http
