// `lianxin init` and `lianxin migrate`.
#include <iostream>

#include "cli/commands.h"

namespace lianxin::cli {

int RunInit(const Args& args) {
  const std::vector<FlagSpec> specs = {
      {"data-dir", "data folder to create", false, "data"}, kStoreFlag,
      {"demo", "load the demo province (regions, units, taxonomy, duty catalog, users)", true},
      {"history", "with --demo: also import the historical teddy2020 messages", true},
  };
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin init [flags]", specs);
    return 0;
  }
  auto app = OpenApp(flags->Get("data-dir"), flags->Get("store"));
  if (!app.ok()) return Fail(app.status());
  if (flags->Bool("demo")) {
    Status st = LoadDemo(**app, flags->Bool("history"));
    if (!st.ok()) return Fail(st);
  }
  std::cout << "initialised " << flags->Get("data-dir") << "/lianxin.db\n";
  return 0;
}

int RunMigrate(const Args& args) {
  const std::vector<FlagSpec> specs = {{"data-dir", "data folder", false, "data"}, kStoreFlag};
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin migrate [flags]", specs);
    return 0;
  }
  auto app = OpenApp(flags->Get("data-dir"), flags->Get("store"));  // opening applies pending migrations
  if (!app.ok()) return Fail(app.status());
  std::cout << "schema of " << flags->Get("data-dir") << "/lianxin.db is up to date\n";
  return 0;
}

}  // namespace lianxin::cli
