// `lianxin simulate`: one simulated year of the demo province, then its rollups.
#include <time.h>

#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "cli/progress.h"
#include "service/simulate.h"

namespace lianxin::cli {
namespace {

// CPU seconds of this process so far (all threads, user + system): what the
// work costs, whatever else the machine runs.
double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

}  // namespace

int RunSimulate(const Args& args) {
  const std::vector<FlagSpec> specs = {
      {"data-dir", "data folder (the demo province is loaded when it is empty)", false, "data"}, kStoreFlag,
      {"year", "the year to simulate", false, "2026"},
      {"tickets", "how many tickets", false, "3000000"},
      {"seed", "random seed (same seed, same year)", false, "20261201"},
      {"teddy-dir", "folder with the teddy2020 JSONL files to resample texts from"},
      {"rules", "参评 rules file (default: <home>/data/evaluation/rules.csv)"},
  };
  auto flags = Flags::Parse(args, specs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin simulate --data-dir DIR --year 2026 [--tickets N]", specs);
    return 0;
  }
  service::SimulationOptions opt;
  try {
    opt.year = std::stoi(flags->Get("year"));
    opt.tickets = std::stoll(flags->Get("tickets"));
    opt.seed = std::stoull(flags->Get("seed"));
  } catch (const std::exception&) {
    return Fail(Status::InvalidArgument("--year, --tickets and --seed take numbers"));
  }
  auto app = OpenApp(flags->Get("data-dir"), flags->Get("store"));
  if (!app.ok()) return Fail(app.status());
  service::Service& svc = *(*app)->service;
  Status st = UseEvaluationRules(svc, flags->Get("rules"));
  if (!st.ok()) return Fail(st);
  if (svc.directory()->regions.empty()) {
    st = LoadDemo(**app, false);
    if (!st.ok()) return Fail(st);
  }
  std::string dir = flags->Has("teddy-dir") ? flags->Get("teddy-dir") : SharedTeddyDir();
  auto messages = ReadTeddy(dir);
  if (!messages.ok()) return Fail(messages.status());
  std::vector<service::SampleText> texts;
  for (const service::HistoricalMessage& m : *messages) {
    if (!m.category_name.empty() && !m.title.empty()) {
      texts.push_back({m.title, m.body, m.category_name});
    }
  }
  std::cerr << "resampling texts from " << texts.size() << " labelled messages in " << dir << "\n";

  auto start = std::chrono::steady_clock::now();
  double cpu = CpuSeconds();
  ProgressBar bar("模拟一年工单", static_cast<size_t>(opt.tickets));
  auto report = service::SimulateYear(svc, texts, opt,
                                      [&](int64_t done, int64_t) { bar.Update(done); });
  bar.Finish();
  if (!report.ok()) return Fail(report.status());
  double gen_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double gen_cpu = CpuSeconds() - cpu;
  std::cout << "simulated " << report->tickets << " tickets (" << report->events << " events) of "
            << opt.year << " in " << gen_s << " s (" << gen_cpu << " s CPU): " << report->dispatched << " dispatched, "
            << report->returned << " returns, " << report->redispatched << " redispatches, "
            << report->extended << " extensions, " << report->revisited << " revisits, "
            << report->reopened << " reopened, " << report->open_at_year_end
            << " open at the year's end\n";

  start = std::chrono::steady_clock::now();
  cpu = CpuSeconds();
  ProgressBar rbar("重建评价汇总", static_cast<size_t>(opt.tickets));
  auto n = svc.RebuildRollups(service::Actor::System(),
                              [&](int64_t done) { rbar.Update(done); });
  rbar.Finish();
  if (!n.ok()) return Fail(n.status());
  double roll_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "rebuilt the evaluation rollups from " << *n << " tickets in " << roll_s << " s ("
            << CpuSeconds() - cpu << " s CPU)\n";
  return 0;
}

}  // namespace lianxin::cli
