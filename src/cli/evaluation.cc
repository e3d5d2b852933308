// `lianxin evaluation`: the 三率 and more from the rollups, tiered rankings, one
// unit's detail; bringing the rollups up to date or rebuilding them.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/progress.h"

namespace lianxin::cli {
namespace {

const std::vector<FlagSpec> kSpecs = {
    {"data-dir", "data folder", false, "data"}, kStoreFlag,
    {"from", "first day YYYYMMDD (default: 1 January of the current year)"},
    {"to", "last day YYYYMMDD (default: 31 December of the current year)"},
    {"dim", "rates: unit, region or category", false, "unit"},
    {"prefix", "rates: only keys starting with this (a region or category code, a unit's region)"},
    {"limit", "rates: print at most this many rows (0 = all)", false, "50"},
    {"unit", "unit: the unit code"},
    {"rules", "参评 rules file (default: <home>/data/evaluation/rules.csv)"},
};

constexpr char kUsage[] =
    "lianxin evaluation rates|rank|unit|update|rebuild --data-dir DIR [--from YYYYMMDD] "
    "[--to YYYYMMDD] [--dim unit|region|category] [--unit CODE]";

std::string Pct(const std::optional<double>& v) {
  if (!v) return "    -";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%5.1f", 100 * *v);
  return buf;
}

void PrintHeader() {
  std::cout << "key\tname\t参评\t响应率\t解决率\t满意率\t综合\t按时办结\t退单率\t改派率\t重办率"
               "\t延期率\t超期\t重复率\t答复相关\t答复完整\t答复及时\t答复说理\n";
}

void PrintRow(const insight::Metrics& m) {
  std::cout << m.key << "\t" << m.name << "\t" << m.n[insight::kCounted] << "\t" << Pct(m.response)
            << "\t" << Pct(m.resolution) << "\t" << Pct(m.satisfaction) << "\t"
            << (m.composite ? Pct(*m.composite / 100) : "    -") << "\t" << Pct(m.on_time) << "\t"
            << Pct(m.return_rate) << "\t" << Pct(m.redispatch_rate) << "\t" << Pct(m.reopen_rate)
            << "\t" << Pct(m.extension_rate) << "\t" << m.overdue << "\t" << Pct(m.repeat_rate)
            << "\t" << Pct(m.reply_relevance) << "\t" << Pct(m.reply_completeness) << "\t"
            << Pct(m.reply_timeliness) << "\t" << Pct(m.reply_explanation) << "\n";
}

Result<insight::DayRange> Range(const Flags& flags, const Clock& clock) {
  int64_t year = insight::DayOf(clock.Now()) / 10000;
  insight::DayRange r{year * 10000 + 101, year * 10000 + 1231};
  try {
    if (flags.Has("from")) r.from = std::stoll(flags.Get("from"));
    if (flags.Has("to")) r.to = std::stoll(flags.Get("to"));
  } catch (const std::exception&) {
    return Status::InvalidArgument("--from and --to take YYYYMMDD");
  }
  LX_RETURN_IF_ERROR(insight::CheckDayRange(r));
  return r;
}

double MsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

Status UseEvaluationRules(service::Service& svc, const std::string& path_flag) {
  std::string path = path_flag.empty() ? ProjectHome() + "/data/evaluation/rules.csv" : path_flag;
  if (path_flag.empty() && !std::filesystem::exists(path)) return Status::Ok();  // the defaults
  LX_ASSIGN_OR_RETURN(insight::EvaluationRules rules, insight::EvaluationRules::Load(path));
  svc.SetEvaluationRules(std::move(rules));
  return Status::Ok();
}

int RunEvaluation(const Args& args) {
  std::string sub = args.empty() ? "" : args[0];
  Args rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  auto flags = Flags::Parse(rest, kSpecs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help() || sub.empty() || sub == "--help" || sub == "-h") {
    Flags::PrintHelp(std::cout, kUsage, kSpecs);
    return sub.empty() ? 2 : 0;
  }
  auto app = OpenApp(flags->Get("data-dir"), flags->Get("store"));
  if (!app.ok()) return Fail(app.status());
  service::Service& svc = *(*app)->service;
  Status st = UseEvaluationRules(svc, flags->Get("rules"));
  if (!st.ok()) return Fail(st);
  service::Actor admin = service::Actor::System();

  if (sub == "rebuild") {
    auto stats = svc.Stats();
    if (!stats.ok()) return Fail(stats.status());
    auto start = std::chrono::steady_clock::now();
    ProgressBar bar("重建评价汇总", static_cast<size_t>(stats->tickets));
    auto n = svc.RebuildRollups(admin, [&](int64_t done) { bar.Update(done); });
    bar.Finish();
    if (!n.ok()) return Fail(n.status());
    std::cout << "rebuilt the evaluation rollups from " << *n << " tickets in "
              << MsSince(start) / 1000 << " s\n";
    return 0;
  }
  auto start = std::chrono::steady_clock::now();
  auto folded = svc.UpdateRollups();
  if (!folded.ok()) return Fail(folded.status());
  if (sub == "update") {
    std::cout << "folded " << *folded << " new events into the rollups in " << MsSince(start)
              << " ms\n";
    return 0;
  }
  auto range = Range(*flags, (*app)->clock);
  if (!range.ok()) return Fail(range.status());

  if (sub == "rates") {
    start = std::chrono::steady_clock::now();
    auto rows = svc.EvaluationRates(admin, flags->Get("dim"), *range);
    double ms = MsSince(start);
    if (!rows.ok()) return Fail(rows.status());
    int limit = 50;
    try {
      limit = std::stoi(flags->Get("limit"));
    } catch (const std::exception&) {
      return Fail(Status::InvalidArgument("--limit takes a number"));
    }
    std::string prefix = flags->Get("prefix");
    PrintHeader();
    int printed = 0, matched = 0;
    for (const insight::Metrics& m : *rows) {
      if (!prefix.empty() && m.key.rfind(prefix, 0) != 0) continue;
      ++matched;
      if (limit == 0 || printed < limit) {
        PrintRow(m);
        ++printed;
      }
    }
    std::cerr << matched << " " << flags->Get("dim") << " rows, " << range->from << ".."
              << range->to << ", queried in " << ms << " ms\n";
    return 0;
  }
  if (sub == "rank") {
    auto tiers = svc.EvaluationRanking(admin, *range);
    if (!tiers.ok()) return Fail(tiers.status());
    for (const insight::RankingTier& tier : *tiers) {
      if (tier.ranked.empty()) continue;
      std::cout << "== " << tier.level << " / " << tier.unit_type << " (" << tier.ranked.size()
                << " ranked, " << tier.unranked.size() << " too few tickets)\n";
      for (const insight::RankedUnit& r : tier.ranked) {
        std::cout << r.rank << "\t";
        PrintRow(r.metrics);
      }
    }
    return 0;
  }
  if (sub == "unit") {
    auto d = svc.EvaluationOfUnit(admin, flags->Get("unit"), *range);
    if (!d.ok()) return Fail(d.status());
    std::cout << d->unit.name << " (" << d->unit.code << ", " << d->level << "/"
              << d->unit.unit_type << "): rank " << d->rank << " of " << d->tier_size << "\n";
    PrintHeader();
    PrintRow(d->metrics);
    for (const auto& [month, m] : d->months) {
      insight::Metrics row = m;
      row.key = std::to_string(month);
      PrintRow(row);
    }
    return 0;
  }
  return Fail(Status::InvalidArgument("unknown subcommand `" + sub + "`; " + kUsage));
}

}  // namespace lianxin::cli
