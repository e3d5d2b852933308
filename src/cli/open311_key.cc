// `lianxin open311-key add|list`: an administrator issues Open311 clients their
// api_key (printed once; only its SHA-256 is stored).
#include <iostream>

#include "cli/commands.h"

namespace lianxin::cli {

int RunOpen311Key(const Args& args) {
  const std::vector<FlagSpec> specs = {
      {"data-dir", "data folder", false, "data"}, kStoreFlag,
      {"name", "client name: lower-case letters, digits, - _ . (add)"},
      {"batch", "the client gets tokens instead of ids from POSTs (add)", true},
  };
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help() || flags->positional().empty()) {
    Flags::PrintHelp(std::cout, "lianxin open311-key add|list [flags]", specs);
    return flags->help() ? 0 : 2;
  }
  auto app = OpenApp(flags->Get("data-dir"), flags->Get("store"));
  if (!app.ok()) return Fail(app.status());
  service::Service& svc = *(*app)->service;
  const std::string& verb = flags->positional()[0];
  if (verb == "list") {
    auto clients = svc.ListApiClients(service::Actor::System());
    if (!clients.ok()) return Fail(clients.status());
    for (const auto& c : *clients) {
      std::cout << c.name << "\t" << (c.batch ? "batch" : "realtime") << "\t"
                << (c.active ? "active" : "revoked") << "\t" << FormatIsoCst(c.created_at) << "\n";
    }
    return 0;
  }
  if (verb == "add") {
    auto issued = svc.IssueApiKey(service::Actor::System(), flags->Get("name"), flags->Bool("batch"));
    if (!issued.ok()) return Fail(issued.status());
    std::cout << issued->api_key << "\n";
    std::cerr << "api_key for " << issued->name << " (shown once; only its hash is stored)\n";
    return 0;
  }
  return Fail(Status::InvalidArgument("unknown verb '" + verb + "' (add | list)"));
}

}  // namespace lianxin::cli
