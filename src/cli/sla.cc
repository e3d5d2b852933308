// `lianxin sla scan`: one pass of the SLA scheduler (催办 / 督办) over a data
// folder, as `lianxin serve` runs every --sla-scan-seconds; for cron or a
// server started with --sla-scan-seconds 0.
#include <iostream>

#include "cli/commands.h"

namespace lianxin::cli {

int RunSla(const Args& args) {
  const std::vector<FlagSpec> specs = {
      {"data-dir", "data folder", false, "data"}, kStoreFlag,
      {"batch", "alarms per batch (1..10000); batches run until one fires fewer", false, "1000"},
  };
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help() || flags->positional().size() != 1 || flags->positional()[0] != "scan") {
    Flags::PrintHelp(std::cout, "lianxin sla scan --data-dir DIR [--batch N]", specs);
    return flags->help() ? 0 : 2;
  }
  int batch = 0;
  try {
    batch = std::stoi(flags->Get("batch"));
  } catch (const std::exception&) {
    batch = 0;
  }
  if (batch < 1 || batch > 10000) return Fail(Status::InvalidArgument("--batch must be 1..10000"));
  auto app = OpenApp(flags->Get("data-dir"), flags->Get("store"));
  if (!app.ok()) return Fail(app.status());
  int64_t fired = 0;
  for (;;) {
    auto r = (*app)->service->RunSlaScan(batch);
    if (!r.ok()) return Fail(r.status());
    fired += *r;
    if (*r < batch) break;
  }
  std::cout << "sla scan: " << fired << " alarms (催办/督办) sent\n";
  return 0;
}

}  // namespace lianxin::cli
