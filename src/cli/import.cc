// `lianxin import`: historical messages in the teddy2020 JSONL format.
#include <iostream>

#include "cli/commands.h"
#include "cli/progress.h"

namespace lianxin::cli {

int RunImport(const Args& args) {
  const std::vector<FlagSpec> specs = {
      {"data-dir", "data folder", false, "data"},
      {"teddy-dir", "folder with the teddy2020 JSONL files (default: ../shared/data/teddy2020)"},
  };
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin import [flags]", specs);
    return 0;
  }
  auto app = OpenApp(flags->Get("data-dir"));
  if (!app.ok()) return Fail(app.status());
  if ((*app)->service->directory()->regions.empty()) {
    return Fail(Status::FailedPrecondition("no regions: run `lianxin init --demo` first"));
  }
  std::string dir = flags->Has("teddy-dir") ? flags->Get("teddy-dir") : SharedTeddyDir();
  auto messages = ReadTeddy(dir);
  if (!messages.ok()) return Fail(messages.status());
  ProgressBar bar("导入历史留言", messages->size());
  auto n = service::ImportHistorical(*(*app)->service, *messages,
                                     [&](size_t done, size_t) { bar.Update(done); });
  bar.Finish();
  if (!n.ok()) return Fail(n.status());
  std::cout << "imported " << *n << " of " << messages->size() << " messages ("
            << messages->size() - *n << " already present)\n";
  return 0;
}

}  // namespace lianxin::cli
