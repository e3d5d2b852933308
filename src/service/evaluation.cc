// Evaluation use cases (issue 4, part B): 三率 and more per unit, region and
// category from the insight rollups; tiered rankings; a unit's detail; keeping
// the rollups current. Role checks live here.
#include <algorithm>

#include "service/service.h"
#include "service/service_impl.h"

namespace lianxin::service {
namespace {

bool SeesAll(const Actor& a) {
  return !a.citizen && (a.role == Role::kSupervisor || a.role == Role::kAnalyst ||
                        a.role == Role::kAdmin);
}

Status CheckReader(const Actor& a, const std::string& dim) {
  if (SeesAll(a)) return Status::Ok();
  if (!a.citizen && a.role == Role::kUnitHandler) {
    if (dim != "unit") return Status::PermissionDenied("承办单位只能查看本单位的评价");
    return Status::Ok();
  }
  return Status::PermissionDenied("只有督办员、分析员、管理员和承办单位可以查看评价");
}

void Name(insight::Metrics& m, const std::string& dim, const Directory& dir) {
  if (dim == "unit") {
    if (const Unit* u = dir.FindUnit(m.key)) m.name = u->name;
  } else if (dim == "region") {
    if (const Region* r = dir.FindRegion(m.key)) m.name = r->name;
  } else if (const Category* k = dir.FindCategory(m.key)) {
    m.name = k->name;
  }
}

}  // namespace

std::shared_ptr<const insight::EvaluationRules> Service::CurrentEvaluationRules() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (!impl_->evaluation_rules) {
    impl_->evaluation_rules = std::make_shared<insight::EvaluationRules>();
  }
  return impl_->evaluation_rules;
}

void Service::SetEvaluationRules(insight::EvaluationRules rules) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->evaluation_rules = std::make_shared<insight::EvaluationRules>(std::move(rules));
  impl_->rollup_updater.reset();  // the next use builds one with the new rules
}

// The one updater of a service, made on first use with the rules in force.
static std::shared_ptr<insight::RollupUpdater> SharedUpdater(
    std::mutex& mu, std::shared_ptr<insight::RollupUpdater>& slot, store::Store& store,
    const insight::EvaluationRules& rules, const Clock& clock) {
  std::lock_guard<std::mutex> lock(mu);
  if (!slot) slot = std::make_shared<insight::RollupUpdater>(store, rules, clock);
  return slot;
}

Result<int64_t> Service::UpdateRollups() {
  auto rules = CurrentEvaluationRules();
  return SharedUpdater(impl_->mu, impl_->rollup_updater, store_, *rules, clock_)->CatchUp();
}

Result<int64_t> Service::RebuildRollups(const Actor& actor,
                                        const std::function<void(int64_t)>& progress) {
  if (actor.citizen || actor.role != Role::kAdmin) {
    return Status::PermissionDenied("只有管理员可以重建评价汇总");
  }
  auto rules = CurrentEvaluationRules();
  return SharedUpdater(impl_->mu, impl_->rollup_updater, store_, *rules, clock_)
      ->Rebuild(progress);
}

Result<RollupStatus> Service::GetRollupStatus() {
  RollupStatus s;
  LX_ASSIGN_OR_RETURN(s.cursor, store_.GetRollupCursor(insight::kEvaluationCursor));
  LX_ASSIGN_OR_RETURN(store::StoreStats stats, store_.Stats());
  s.newest_event = stats.events;
  return s;
}

Result<std::vector<insight::Metrics>> Service::EvaluationRates(const Actor& actor,
                                                               const std::string& dim,
                                                               const insight::DayRange& range) {
  LX_RETURN_IF_ERROR(CheckReader(actor, dim));
  auto rules = CurrentEvaluationRules();
  LX_ASSIGN_OR_RETURN(std::vector<insight::Metrics> all,
                      insight::QueryMetrics(store_, *rules, dim, range));
  if (!SeesAll(actor)) {
    std::erase_if(all, [&](const insight::Metrics& m) { return m.key != actor.unit_code; });
  }
  auto dir = directory();
  for (insight::Metrics& m : all) Name(m, dim, *dir);
  return all;
}

Result<std::vector<insight::RankingTier>> Service::EvaluationRanking(
    const Actor& actor, const insight::DayRange& range) {
  if (!SeesAll(actor)) return Status::PermissionDenied("只有督办员、分析员和管理员可以查看排名");
  auto rules = CurrentEvaluationRules();
  LX_ASSIGN_OR_RETURN(std::vector<insight::Metrics> all,
                      insight::QueryMetrics(store_, *rules, "unit", range));
  auto dir = directory();
  for (insight::Metrics& m : all) Name(m, "unit", *dir);
  return insight::RankUnits(all, dir->units, dir->regions, *rules);
}

Result<UnitEvaluation> Service::EvaluationOfUnit(const Actor& actor, const std::string& unit_code,
                                                 const insight::DayRange& range) {
  LX_RETURN_IF_ERROR(CheckReader(actor, "unit"));
  auto dir = directory();
  const Unit* unit = dir->FindUnit(unit_code);
  if (!unit || (!SeesAll(actor) && unit_code != actor.unit_code)) {
    return Status::NotFound("没有这个承办单位: " + unit_code);
  }
  LX_RETURN_IF_ERROR(insight::CheckDayRange(range));
  auto rules = CurrentEvaluationRules();
  UnitEvaluation out;
  out.unit = *unit;
  if (const Region* r = dir->FindRegion(unit->region_code)) out.level = ToString(r->level);
  LX_ASSIGN_OR_RETURN(std::vector<insight::Metrics> all,
                      insight::QueryMetrics(store_, *rules, "unit", range));
  out.metrics = insight::ComputeMetrics(unit_code, insight::Counters{}, *rules);
  for (insight::Metrics& m : all) {
    if (m.key == unit_code) out.metrics = m;
  }
  out.metrics.name = unit->name;
  for (const insight::RankingTier& tier : insight::RankUnits(all, dir->units, dir->regions, *rules)) {
    if (tier.unit_type != unit->unit_type || tier.level != out.level) continue;
    out.tier_size = static_cast<int>(tier.ranked.size());
    for (const insight::RankedUnit& r : tier.ranked) {
      if (r.metrics.key == unit_code) out.rank = r.rank;
    }
  }
  // Month by month: the period cut at month ends.
  int64_t from = range.from;
  while (from <= range.to) {
    int64_t month = from / 100;
    int64_t next_month = month % 100 == 12 ? (month / 100 + 1) * 10000 + 101 : month * 100 + 101;
    int64_t to = std::min(range.to, insight::DayOf(insight::DayStart(next_month) - kHourMs));
    LX_ASSIGN_OR_RETURN(std::vector<store::RollupCell> cells,
                        insight::SumPeriod(store_, "unit", {from, to}));
    insight::Counters n{};
    for (const store::RollupCell& c : cells) {
      if (c.key == unit_code) n = c.n;
    }
    out.months.emplace_back(month, insight::ComputeMetrics(unit_code, n, *rules));
    from = next_month;
  }
  return out;
}

}  // namespace lianxin::service
