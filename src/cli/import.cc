// `lianxin import`: historical messages in the teddy2020 JSONL format, or
// historical tickets from a CSV or XLSX file (`--csv`, `--xlsx`, issue 8) with `--dry-run`.
#include <iostream>

#include "cli/commands.h"
#include "cli/progress.h"
#include "core/csv.h"
#include "service/bulk_import.h"

namespace lianxin::cli {

int RunImport(const Args& args) {
  const std::vector<FlagSpec> specs = {
      {"data-dir", "data folder", false, "data"}, kStoreFlag,
      {"teddy-dir", "folder with the teddy2020 JSONL files (default: ../shared/data/teddy2020)"},
      {"csv", "import historical tickets from this CSV file instead (columns as `export --format csv`)"},
      {"xlsx", "import historical tickets from the first sheet of this .xlsx file (same columns)"},
      {"dry-run", "with --csv or --xlsx: check every row and report, store nothing", true},
  };
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin import [flags]", specs);
    return 0;
  }
  auto app = OpenApp(flags->Get("data-dir"), flags->Get("store"));
  if (!app.ok()) return Fail(app.status());
  if ((*app)->service->directory()->regions.empty()) {
    return Fail(Status::FailedPrecondition("no regions: run `lianxin init --demo` first"));
  }
  if (flags->Has("csv") || flags->Has("xlsx")) {  // issue 8: bulk import, rejected rows reported
    const bool xlsx = flags->Has("xlsx");
    auto text = ReadTextFile(flags->Get(xlsx ? "xlsx" : "csv"));
    if (!text.ok()) return Fail(text.status());
    bool dry = flags->Bool("dry-run");
    auto report = xlsx ? service::ImportTicketsXlsx(*(*app)->service, service::Actor::System(), *text, dry)
                       : service::ImportTicketsCsv(*(*app)->service, service::Actor::System(), *text, dry);
    if (!report.ok()) return Fail(report.status());
    for (const auto& r : report->rejected) {
      std::cout << "line " << r.line << "\t" << r.number << "\t" << r.reason << "\n";
    }
    std::cout << (dry ? "dry run: " : "") << report->rows << " rows, " << report->accepted
              << " accepted, " << report->rejected.size() << " rejected, " << report->existing
              << " already stored" << (dry ? "" : ", " + std::to_string(report->inserted) + " inserted")
              << "\n";
    return report->rejected.empty() ? 0 : 3;
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
