// `lianxin user add|list`.
#include <iostream>

#include "cli/commands.h"

namespace lianxin::cli {

int RunUser(const Args& args) {
  const std::vector<FlagSpec> specs = {
      {"data-dir", "data folder", false, "data"}, kStoreFlag,
      {"username", "login name (add)"},
      {"display-name", "name shown in the UI (add)"},
      {"role", "call_taker | dispatcher | unit_handler | supervisor | analyst | admin (add)"},
      {"unit", "unit code, for unit_handler (add)"},
      {"password", "password, at least 8 characters (add)"},
  };
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help() || flags->positional().empty()) {
    Flags::PrintHelp(std::cout, "lianxin user add|list [flags]", specs);
    return flags->help() ? 0 : 2;
  }
  auto app = OpenApp(flags->Get("data-dir"), flags->Get("store"));
  if (!app.ok()) return Fail(app.status());
  service::Service& svc = *(*app)->service;
  const std::string& verb = flags->positional()[0];
  if (verb == "list") {
    auto users = svc.ListUsers(service::Actor::System());
    if (!users.ok()) return Fail(users.status());
    for (const User& u : *users) {
      std::cout << u.username << "\t" << ToString(u.role) << "\t" << u.unit_code << "\t"
                << u.display_name << "\n";
    }
    return 0;
  }
  if (verb != "add") return Fail(Status::InvalidArgument("unknown verb " + verb + " (add|list)"));
  auto role = ParseRole(flags->Get("role"));
  if (!role) return Fail(Status::InvalidArgument("unknown --role " + flags->Get("role")));
  User u;
  u.username = flags->Get("username");
  u.display_name = flags->Has("display-name") ? flags->Get("display-name") : u.username;
  u.role = *role;
  u.unit_code = flags->Get("unit");
  Status st = svc.PutUser(service::Actor::System(), u, flags->Get("password"));
  if (!st.ok()) return Fail(st);
  std::cout << "user " << u.username << " saved\n";
  return 0;
}

}  // namespace lianxin::cli
