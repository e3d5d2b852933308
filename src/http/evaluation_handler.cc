// /api/evaluation: 三率 and more per unit, region or category for a period;
// tiered rankings; one unit's detail. Role checks are in the service.
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {
namespace {

Json Rate(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json EncodeMetrics(const insight::Metrics& m) {
  using namespace insight;
  return Json{{"key", m.key},
              {"name", m.name},
              {"counted", m.n[kCounted]},
              {"excluded", m.n[kExcluded]},
              {"responded", m.n[kResponded]},
              {"revisited", m.n[kRevisited]},
              {"resolved", m.n[kResolvedSaid]},
              {"satisfied", m.n[kSatisfied]},
              {"basically_satisfied", m.n[kBasic]},
              {"unsatisfied", m.n[kUnsatisfied]},
              {"dispatched", m.n[kDispatchedIn]},
              {"returned", m.n[kReturned]},
              {"response_rate", Rate(m.response)},
              {"resolution_rate", Rate(m.resolution)},
              {"satisfaction_rate", Rate(m.satisfaction)},
              {"composite", Rate(m.composite)},
              {"on_time_rate", Rate(m.on_time)},
              {"return_rate", Rate(m.return_rate)},
              {"redispatch_rate", Rate(m.redispatch_rate)},
              {"reopen_rate", Rate(m.reopen_rate)},
              {"extension_rate", Rate(m.extension_rate)},
              {"repeat_rate", Rate(m.repeat_rate)},
              {"overdue", m.overdue},
              {"reply_quality", {{"replied", m.n[kReplied]},
                                 {"relevance", Rate(m.reply_relevance)},
                                 {"completeness", Rate(m.reply_completeness)},
                                 {"timeliness", Rate(m.reply_timeliness)},
                                 {"explanation", Rate(m.reply_explanation)}}}};
}

// ?from=YYYYMMDD&to=YYYYMMDD, defaulting to the current year.
Result<insight::DayRange> ReadRange(Service& svc, const Request& req) {
  int64_t year = insight::DayOf(svc.clock().Now()) / 10000;
  insight::DayRange r{year * 10000 + 101, year * 10000 + 1231};
  auto number = [](const std::string& s, int64_t& out) {
    if (s.empty() || s.size() > 8) return false;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
    }
    out = std::stoll(s);
    return true;
  };
  if (std::string v = req.Query("from"); !v.empty() && !number(v, r.from)) {
    return Status::InvalidArgument("from 应为 YYYYMMDD 格式的日期");
  }
  if (std::string v = req.Query("to"); !v.empty() && !number(v, r.to)) {
    return Status::InvalidArgument("to 应为 YYYYMMDD 格式的日期");
  }
  LX_RETURN_IF_ERROR(insight::CheckDayRange(r));
  return r;
}

Json RollupInfo(Service& svc) {
  auto s = svc.GetRollupStatus();
  if (!s.ok()) return nullptr;
  return Json{{"cursor", s->cursor}, {"newest_event", s->newest_event}};
}

}  // namespace

void GetEvaluationRates(Service& svc, const Request& req, Response& res) {
  auto range = ReadRange(svc, req);
  if (!range.ok()) return WriteError(res, range.status());
  std::string dim = req.Query("dim", "unit");
  auto rows = svc.EvaluationRates(req.actor, dim, *range);
  if (!rows.ok()) return WriteError(res, rows.status());
  std::string prefix = req.Query("prefix");
  Json items = Json::array();
  for (const insight::Metrics& m : *rows) {
    if (prefix.empty() || m.key.rfind(prefix, 0) == 0) items.push_back(EncodeMetrics(m));
  }
  res.body = Dump({{"dim", dim},
                   {"from", range->from},
                   {"to", range->to},
                   {"items", items},
                   {"total", items.size()},
                   {"rollup", RollupInfo(svc)}});
}

void GetEvaluationRanking(Service& svc, const Request& req, Response& res) {
  auto range = ReadRange(svc, req);
  if (!range.ok()) return WriteError(res, range.status());
  auto tiers = svc.EvaluationRanking(req.actor, *range);
  if (!tiers.ok()) return WriteError(res, tiers.status());
  Json out = Json::array();
  for (const insight::RankingTier& t : *tiers) {
    Json ranked = Json::array(), unranked = Json::array();
    for (const insight::RankedUnit& r : t.ranked) {
      Json j = EncodeMetrics(r.metrics);
      j["rank"] = r.rank;
      ranked.push_back(std::move(j));
    }
    for (const insight::Metrics& m : t.unranked) unranked.push_back(EncodeMetrics(m));
    out.push_back({{"unit_type", t.unit_type},
                   {"level", t.level},
                   {"ranked", ranked},
                   {"unranked", unranked}});
  }
  res.body = Dump({{"from", range->from}, {"to", range->to}, {"tiers", out}});
}

void GetEvaluationUnit(Service& svc, const Request& req, Response& res) {
  auto range = ReadRange(svc, req);
  if (!range.ok()) return WriteError(res, range.status());
  const std::string code = req.params.empty() ? "" : req.params[0];
  auto d = svc.EvaluationOfUnit(req.actor, code, *range);
  if (!d.ok()) return WriteError(res, d.status());
  Json months = Json::array();
  for (const auto& [month, m] : d->months) {
    Json j = EncodeMetrics(m);
    j["month"] = month;
    months.push_back(std::move(j));
  }
  res.body = Dump({{"unit", {{"code", d->unit.code},
                             {"name", d->unit.name},
                             {"unit_type", d->unit.unit_type},
                             {"level", d->level}}},
                   {"from", range->from},
                   {"to", range->to},
                   {"metrics", EncodeMetrics(d->metrics)},
                   {"rank", d->rank},
                   {"tier_size", d->tier_size},
                   {"months", months}});
}

}  // namespace lianxin::http
