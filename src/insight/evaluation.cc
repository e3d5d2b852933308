#include "insight/evaluation.h"

#include <charconv>
#include <map>

#include "core/csv.h"
#include "insight/reply_quality.h"

namespace lianxin::insight {
namespace {

// Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t& y, int64_t& m, int64_t& d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y = yoe + era * 400 + (m <= 2);
}

constexpr TimeMs kCstOffset = 8 * kHourMs;

bool ParseDouble(const std::string& s, double& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool ParseInt(std::string_view s, int64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

std::string EncodeCounters(const Counters& n) {
  std::string out;
  for (size_t i = 0; i < n.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(n[i]);
  }
  return out;
}

bool DecodeCounters(std::string_view s, Counters& n) {
  size_t i = 0;
  size_t pos = 0;
  while (i < n.size()) {
    size_t end = s.find(',', pos);
    if (end == std::string_view::npos) end = s.size();
    if (!ParseInt(s.substr(pos, end - pos), n[i])) return false;
    ++i;
    pos = end + 1;
    if (end == s.size()) break;
  }
  return i == n.size() && pos >= s.size();
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  for (;;) {
    size_t end = s.find(sep, pos);
    if (end == std::string_view::npos) {
      out.push_back(s.substr(pos));
      return out;
    }
    out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
}

// Every prefix of a dotted code at a dot: "XD.A.A3" → XD, XD.A, XD.A.A3.
std::vector<std::string> Levels(const std::string& code) {
  std::vector<std::string> out;
  if (code.empty()) return out;
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '.') out.push_back(code.substr(0, i));
  }
  out.push_back(code);
  return out;
}

void AddCell(CellMap& cells, const char* grain, int64_t period, const char* dim,
             const std::string& key, const Counters& n, int sign) {
  std::string id = std::string(grain) + "|" + dim + "|" + std::to_string(period) + "|" + key;
  auto [it, fresh] = cells.try_emplace(id);
  if (fresh) {
    it->second.grain = grain;
    it->second.period = period;
    it->second.dim = dim;
    it->second.key = key;
  }
  for (size_t i = 0; i < n.size(); ++i) it->second.n[i] += sign * n[i];
}

std::optional<double> Ratio(double num, int64_t den) {
  if (den <= 0) return std::nullopt;
  return num / static_cast<double>(den);
}

}  // namespace

int64_t DayOf(TimeMs t) {
  TimeMs local = t + kCstOffset;
  int64_t days = local >= 0 ? local / kDayMs : -((-local + kDayMs - 1) / kDayMs);
  int64_t y, m, d;
  CivilFromDays(days, y, m, d);
  return y * 10000 + m * 100 + d;
}

TimeMs DayStart(int64_t yyyymmdd) {
  int64_t days = DaysFromCivil(yyyymmdd / 10000, (yyyymmdd / 100) % 100, yyyymmdd % 100);
  return days * kDayMs - kCstOffset;
}

Result<EvaluationRules> EvaluationRules::Parse(const std::string& csv_text) {
  LX_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ReadCsv(csv_text, "rules.csv"));
  EvaluationRules r;
  r.exclude_kinds.clear();
  r.exclude_reasons.clear();
  r.exclude_statuses.clear();
  for (const CsvRow& row : rows) {
    int line = row.line;
    std::string rule = row.fields.size() > 0 ? row.fields[0] : "";
    std::string value = row.fields.size() > 1 ? row.fields[1] : "";
    if (rule == "rule" && value == "value") continue;  // the header
    auto bad = [&](const std::string& why) {
      return Status::InvalidArgument("参评规则第 " + std::to_string(line) + " 行（" + rule +
                                     "）: " + why);
    };
    double num = 0;
    if (rule == "exclude_kind") {
      auto k = ParseTicketKind(value);
      if (!k) return bad("未知的诉求类型 " + value);
      r.exclude_kinds.insert(*k);
    } else if (rule == "exclude_status") {
      auto s = ParseTicketStatus(value);
      if (!s) return bad("未知的工单状态 " + value);
      r.exclude_statuses.insert(*s);
    } else if (rule == "exclude_reason") {
      if (value.empty()) return bad("原因不能为空");
      r.exclude_reasons.insert(value);
    } else if (rule == "basic_satisfied_weight") {
      if (!ParseDouble(value, num) || num < 0 || num > 1) return bad("应为 0 到 1 之间的数");
      r.basic_satisfied_weight = num;
    } else if (rule == "weight_response" || rule == "weight_resolution" ||
               rule == "weight_satisfaction") {
      if (!ParseDouble(value, num) || num < 0) return bad("权重应为非负数");
      (rule == "weight_response"     ? r.weight_response
       : rule == "weight_resolution" ? r.weight_resolution
                                     : r.weight_satisfaction) = num;
    } else if (rule == "repeat_window_days" || rule == "rank_min_tickets") {
      int64_t n = 0;
      if (!ParseInt(value, n) || n < 0 || n > 3650) return bad("应为 0 到 3650 之间的整数");
      (rule == "repeat_window_days" ? r.repeat_window_days : r.rank_min_tickets) =
          static_cast<int>(n);
    } else {
      return bad("未知的规则");
    }
  }
  if (r.weight_response + r.weight_resolution + r.weight_satisfaction <= 0) {
    return Status::InvalidArgument("参评规则: 综合得分的三项权重之和必须大于 0");
  }
  return r;
}

Result<EvaluationRules> EvaluationRules::Load(const std::string& path) {
  LX_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  return Parse(text);
}

std::string Contribution::Encode() const {
  std::string out = std::to_string(day) + "|" + region_code + "|" + category_code + "|" + owner +
                    "|" + (repeat ? "1" : "0") + ":" + std::to_string(reply_hash) + "|" +
                    EncodeCounters(ticket);
  for (const auto& [unit, n] : units) out += "|" + unit + "=" + EncodeCounters(n);
  return out;
}

Result<Contribution> Contribution::Decode(const std::string& payload) {
  std::vector<std::string_view> parts = Split(payload, '|');
  Contribution c;
  auto bad = [&] { return Status::Internal("malformed rollup contribution: " + payload); };
  if (parts.size() < 6 || !ParseInt(parts[0], c.day) || !DecodeCounters(parts[5], c.ticket)) {
    return bad();
  }
  c.region_code = std::string(parts[1]);
  c.category_code = std::string(parts[2]);
  c.owner = std::string(parts[3]);
  std::string_view flags = parts[4];
  c.repeat = !flags.empty() && flags[0] == '1';
  if (size_t colon = flags.find(':'); colon != std::string_view::npos) {
    auto [p, ec] =
        std::from_chars(flags.data() + colon + 1, flags.data() + flags.size(), c.reply_hash);
    if (ec != std::errc() || p != flags.data() + flags.size()) return bad();
  }
  for (size_t i = 6; i < parts.size(); ++i) {
    size_t eq = parts[i].find('=');
    if (eq == std::string_view::npos) return bad();
    Counters n{};
    if (!DecodeCounters(parts[i].substr(eq + 1), n)) return bad();
    c.units.emplace_back(std::string(parts[i].substr(0, eq)), n);
  }
  return c;
}

Contribution Contribute(const Ticket& t, const std::vector<TicketEvent>& events,
                        const EvaluationRules& rules, TimeMs now, bool repeat,
                        const ReplyScorer* scorer, const Contribution* before) {
  Contribution c;
  c.day = DayOf(t.created_at);
  c.region_code = t.region_code;
  c.category_code = t.category_code;
  c.repeat = repeat;

  // Walk the log: who owned the ticket when, who asked to return it.
  std::map<std::string, Counters> per_unit;  // ordered: a stable encoding
  std::string holder;
  bool excluded_by_reason = false, redispatched = false, reopened = false, extended = false;
  bool any_return = false;
  for (const TicketEvent& e : events) {
    if (!e.reason.empty() && rules.exclude_reasons.count(e.reason)) excluded_by_reason = true;
    switch (e.type) {
      case EventType::kDispatch:
      case EventType::kRedispatch:
      case EventType::kReturnApprove:
        if (e.unit_code.empty()) break;
        holder = e.unit_code;
        per_unit[holder][kDispatchedIn] = 1;
        if (e.type != EventType::kDispatch) redispatched = true;
        break;
      case EventType::kReturnRequest: {
        std::string who = !holder.empty() ? holder : e.unit_code;
        if (!who.empty()) per_unit[who][kReturned] = 1;
        any_return = true;
        break;
      }
      case EventType::kExtensionApprove:
        extended = true;
        break;
      case EventType::kReopen:
        reopened = true;
        break;
      case EventType::kRevisit:
        if ((e.resolved && !*e.resolved) || e.satisfaction == Satisfaction::kUnsatisfied) {
          reopened = true;
        }
        break;
      default:
        break;
    }
  }
  if (per_unit.empty() || t.owner_unit.empty()) return c;  // never dispatched: not evaluated
  c.owner = t.owner_unit;

  Counters& n = c.ticket;
  bool excluded = excluded_by_reason || rules.exclude_kinds.count(t.kind) ||
                  rules.exclude_statuses.count(t.status);
  if (excluded) {
    n[kExcluded] = 1;
    c.units.emplace_back(c.owner, n);
    return c;
  }
  n[kCounted] = 1;
  n[kResponded] = t.accepted_at > 0 && t.first_contact_at > 0 &&
                  (t.due_at == 0 || t.first_contact_at <= t.due_at);
  if (t.revisit_resolved) {
    n[kRevisited] = 1;
    n[kResolvedSaid] = *t.revisit_resolved;
  }
  if (t.satisfaction) {
    n[*t.satisfaction == Satisfaction::kSatisfied           ? kSatisfied
      : *t.satisfaction == Satisfaction::kBasicallySatisfied ? kBasic
                                                              : kUnsatisfied] = 1;
  }
  n[kOnTime] = t.resolved_at > 0 && (t.due_at == 0 || t.resolved_at <= t.due_at);
  n[kOverdue] = t.due_at > 0 && (t.resolved_at > 0 ? t.resolved_at > t.due_at : now > t.due_at);
  n[kDispatchedIn] = 1;
  n[kReturned] = any_return;
  n[kRedispatched] = redispatched;
  n[kReopened] = reopened;
  n[kExtended] = extended;
  n[kRepeat] = repeat;
  if (scorer && !t.reply.empty()) {
    uint64_t h = std::hash<std::string>{}(t.reply) | 1;  // never 0
    c.reply_hash = h;
    if (before && before->reply_hash == h && before->ticket[kReplied] == 1) {
      for (int k : {kReplied, kReplyRelevance, kReplyCompleteness, kReplyTimeliness,
                    kReplyExplanation}) {
        n[k] = before->ticket[k];
      }
    } else {
      ReplyCase rc;
      rc.title = t.title;
      rc.body = t.body;
      rc.reply = t.reply;
      rc.asked_at = t.dispatched_at;
      rc.due_at = t.due_at;
      for (const TicketEvent& e : events) {
        if (e.type == EventType::kReply) rc.replied_at = e.at;
      }
      ReplyQuality q = scorer->Score(rc);
      n[kReplied] = 1;
      n[kReplyRelevance] = static_cast<int64_t>(q.relevance * 1000 + 0.5);
      n[kReplyCompleteness] = static_cast<int64_t>(q.completeness * 1000 + 0.5);
      n[kReplyTimeliness] = static_cast<int64_t>(q.timeliness * 1000 + 0.5);
      n[kReplyExplanation] = static_cast<int64_t>(q.explanation * 1000 + 0.5);
    }
  }

  for (auto& [unit, counters] : per_unit) {
    if (unit == c.owner) {
      Counters own = n;
      own[kReturned] = counters[kReturned];
      c.units.emplace_back(unit, own);
    } else {
      c.units.emplace_back(unit, counters);
    }
  }
  if (!per_unit.count(c.owner)) {
    Counters own = n;
    own[kReturned] = 0;
    c.units.emplace_back(c.owner, own);
  }
  return c;
}

void AddCells(const Contribution& c, int sign, CellMap& cells) {
  if (c.owner.empty()) return;
  const std::pair<const char*, int64_t> grains[] = {
      {"d", c.day}, {"m", c.day / 100}, {"y", c.day / 10000}};
  std::vector<std::string> regions = Levels(c.region_code);
  std::vector<std::string> categories = Levels(c.category_code);
  for (const auto& [grain, period] : grains) {
    for (const auto& [unit, n] : c.units) AddCell(cells, grain, period, "unit", unit, n, sign);
    for (const std::string& r : regions) AddCell(cells, grain, period, "region", r, c.ticket, sign);
    for (const std::string& k : categories) {
      AddCell(cells, grain, period, "category", k, c.ticket, sign);
    }
  }
}

Metrics ComputeMetrics(const std::string& key, const Counters& n, const EvaluationRules& rules) {
  Metrics m;
  m.key = key;
  m.n = n;
  int64_t counted = n[kCounted];
  m.response = Ratio(static_cast<double>(n[kResponded]), counted);
  m.resolution = Ratio(static_cast<double>(n[kResolvedSaid]), n[kRevisited]);
  int64_t rated = n[kSatisfied] + n[kBasic] + n[kUnsatisfied];
  m.satisfaction =
      Ratio(static_cast<double>(n[kSatisfied]) + rules.basic_satisfied_weight * n[kBasic], rated);
  double weight = 0, score = 0;
  const std::pair<const std::optional<double>*, double> parts[] = {
      {&m.response, rules.weight_response},
      {&m.resolution, rules.weight_resolution},
      {&m.satisfaction, rules.weight_satisfaction}};
  for (const auto& [rate, w] : parts) {
    if (*rate && w > 0) {
      score += w * **rate;
      weight += w;
    }
  }
  if (weight > 0) m.composite = 100.0 * score / weight;
  m.on_time = Ratio(static_cast<double>(n[kOnTime]), counted);
  m.return_rate = Ratio(static_cast<double>(n[kReturned]), n[kDispatchedIn]);
  m.redispatch_rate = Ratio(static_cast<double>(n[kRedispatched]), counted);
  m.reopen_rate = Ratio(static_cast<double>(n[kReopened]), counted);
  m.extension_rate = Ratio(static_cast<double>(n[kExtended]), counted);
  m.repeat_rate = Ratio(static_cast<double>(n[kRepeat]), counted);
  m.overdue = n[kOverdue];
  auto mean = [&](int k) { return Ratio(n[k] / 1000.0, n[kReplied]); };
  m.reply_relevance = mean(kReplyRelevance);
  m.reply_completeness = mean(kReplyCompleteness);
  m.reply_timeliness = mean(kReplyTimeliness);
  m.reply_explanation = mean(kReplyExplanation);
  return m;
}

}  // namespace lianxin::insight
