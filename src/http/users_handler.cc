// Administration of users, and the access log of personal data.
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {

void ListUsers(Service& svc, const Request& req, Response& res) {
  auto users = svc.ListUsers(req.actor);
  if (!users.ok()) return WriteError(res, users.status());
  Json items = Json::array();
  for (const User& u : *users) items.push_back(EncodeUser(u));
  res.body = Dump({{"items", items}});
}

void PostUser(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  std::string role, password;
  User u;
  Status st = CheckKeys(*obj, {"username", "display_name", "role", "unit_code", "password"});
  if (st.ok()) st = GetString(*obj, "username", u.username);
  if (st.ok()) st = GetString(*obj, "display_name", u.display_name);
  if (st.ok()) st = GetString(*obj, "role", role);
  if (st.ok()) st = GetString(*obj, "unit_code", u.unit_code);
  if (st.ok()) st = GetString(*obj, "password", password);
  if (!st.ok()) return WriteError(res, st);
  auto r = ParseRole(role);
  if (!r) return WriteError(res, Status::InvalidArgument("未知的角色：" + role));
  u.role = *r;
  st = svc.PutUser(req.actor, u, password);
  if (!st.ok()) return WriteError(res, st);
  res.status = 201;
  res.body = Dump(EncodeUser(u));
}

void ListAccessLog(Service& svc, const Request& req, Response& res) {
  int limit = std::atoi(req.Query("limit", "100").c_str());
  auto log = svc.ListAccess(req.actor, limit);
  if (!log.ok()) return WriteError(res, log.status());
  Json items = Json::array();
  for (const AccessRecord& a : *log) {
    items.push_back({{"at", FormatIsoCst(a.at)}, {"username", a.username}, {"role", a.role},
                     {"ticket_id", a.ticket_id}, {"fields", a.fields}, {"purpose", a.purpose}});
  }
  res.body = Dump({{"items", items}});
}

// ---- security (issue 9) ----
void PostRevokeSessions(Service& svc, const Request& req, Response& res) {
  auto revoked = svc.RevokeSessions(req.actor, req.params.at(0));
  if (!revoked.ok()) return WriteError(res, revoked.status());
  res.body = Dump({{"revoked", *revoked}});
}

}  // namespace lianxin::http
