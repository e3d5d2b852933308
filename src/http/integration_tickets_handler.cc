// /api/integration/tickets: the inbound API of a unit's own system (issue 8
// item 2). Authenticated with the unit's integration key as a bearer token
// (the routes are kPublic: the key is not a user session); the caller then acts
// exactly as a unit handler of that unit, named "integration:<unit>".
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {
namespace {

// The integration actor, or an error written to `res`.
std::optional<service::Actor> Caller(Service& svc, const Request& req, Response& res) {
  auto actor = svc.AuthenticateIntegration(req.bearer_token);
  if (!actor.ok()) {
    WriteError(res, actor.status());
    return std::nullopt;
  }
  return *actor;
}

TicketId IdParam(const Request& req) { return std::stoll(req.params.at(0)); }

void WriteView(Service& svc, const Result<service::TicketView>& v, Response& res) {
  if (!v.ok()) return WriteError(res, v.status());
  res.body = Dump(EncodeTicket(*v, *svc.directory()));
}

}  // namespace

// Open tickets the unit leads or assists, earliest deadline first.
void ListIntegrationTickets(Service& svc, const Request& req, Response& res) {
  auto actor = Caller(svc, req, res);
  if (!actor) return;
  store::TicketFilter f;
  f.statuses = {TicketStatus::kDispatched, TicketStatus::kAccepted, TicketStatus::kInProgress,
                TicketStatus::kReturnRequested, TicketStatus::kExtensionRequested};
  f.due_first = true;
  try {
    f.limit = std::stoi(req.Query("limit", "50"));
    f.offset = std::stoi(req.Query("offset", "0"));
  } catch (const std::exception&) {
    return WriteError(res, Status::InvalidArgument("limit/offset 必须是整数"));
  }
  int64_t total = 0;
  auto items = svc.ListTickets(*actor, f, &total);
  if (!items.ok()) return WriteError(res, items.status());
  auto dir = svc.directory();
  Json arr = Json::array();
  for (const auto& v : *items) arr.push_back(EncodeTicket(v, *dir));
  res.body = Dump({{"items", arr}, {"total", total}, {"limit", f.limit}, {"offset", f.offset}});
}

void GetIntegrationTicket(Service& svc, const Request& req, Response& res) {
  auto actor = Caller(svc, req, res);
  if (!actor) return;
  WriteView(svc, svc.GetTicket(*actor, IdParam(req)), res);
}

// POST .../accept {} (签收) and .../reply {"content"} (答复).
void PostIntegrationAction(Service& svc, const Request& req, Response& res) {
  auto actor = Caller(svc, req, res);
  if (!actor) return;
  service::ActionRequest action;
  const std::string& verb = req.params.at(1);
  action.type = verb == "accept" ? EventType::kAccept : EventType::kReply;
  if (!req.body.empty()) {
    auto obj = ParseObject(req.body);
    if (!obj.ok()) return WriteError(res, obj.status());
    Status st = CheckKeys(*obj, {"content", "reason"});
    if (st.ok() && obj->contains("content")) st = GetString(*obj, "content", action.content);
    if (st.ok() && obj->contains("reason")) st = GetString(*obj, "reason", action.reason);
    if (!st.ok()) return WriteError(res, st);
  }
  WriteView(svc, svc.Perform(*actor, IdParam(req), action), res);
}

// POST .../attachments?name=FILE with the bytes as the body and their
// Content-Type -> 201 with the attachment's description.
void PostIntegrationAttachment(Service& svc, const Request& req, Response& res) {
  auto actor = Caller(svc, req, res);
  if (!actor) return;
  service::NewAttachment file{req.Query("name"), req.content_type, req.body};
  auto a = svc.AddAttachment(*actor, IdParam(req), file);
  if (!a.ok()) return WriteError(res, a.status());
  res.status = 201;
  res.body = Dump(EncodeAttachment(*a));
}

void ListIntegrationAttachments(Service& svc, const Request& req, Response& res) {
  auto actor = Caller(svc, req, res);
  if (!actor) return;
  WriteAttachmentList(svc.ListAttachments(*actor, IdParam(req)), res);
}

void GetIntegrationAttachment(Service& svc, const Request& req, Response& res) {
  auto actor = Caller(svc, req, res);
  if (!actor) return;
  WriteAttachmentBytes(svc.GetAttachment(*actor, IdParam(req), std::stoll(req.params.at(1))), res);
}

}  // namespace lianxin::http
