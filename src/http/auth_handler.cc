#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {

void PostLogin(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  std::string username, password;
  Status st = CheckKeys(*obj, {"username", "password"});
  if (st.ok()) st = GetString(*obj, "username", username);
  if (st.ok()) st = GetString(*obj, "password", password);
  if (!st.ok()) return WriteError(res, st);
  if (username.empty() || password.empty()) {
    return WriteError(res, Status::InvalidArgument("请输入用户名和密码"));
  }
  auto login = svc.Login(username, password, req.remote_addr);
  if (!login.ok()) return WriteError(res, login.status());
  res.body = Dump({{"token", login->token},
                   {"expires_at", FormatIsoCst(login->expires_at)},
                   {"user", EncodeUser(login->user)}});
}

void PostLogout(Service& svc, const Request& req, Response& res) {
  Status st = svc.Logout(req.bearer_token);
  if (!st.ok()) return WriteError(res, st);
  res.body = Dump({{"ok", true}});
}

void GetMe(Service& svc, const Request& req, Response& res) {
  auto user = svc.store().GetUser(req.actor.username);
  if (!user.ok()) return WriteError(res, user.status());
  Json j = EncodeUser(*user);
  if (const Unit* u = svc.directory()->FindUnit(user->unit_code)) j["unit_name"] = u->name;
  res.body = Dump(j);
}

}  // namespace lianxin::http
