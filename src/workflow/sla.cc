#include "workflow/sla.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "core/csv.h"
#include "workflow/lifecycle.h"

namespace lianxin::workflow {
namespace {

const std::vector<std::string> kHeader = {"rule",   "kind",   "urgency", "category",
                                          "region", "amount", "unit",    "note"};

// Whether `code` equals `prefix` or continues it at a '.' boundary.
bool PrefixMatch(const std::string& prefix, const std::string& code) {
  if (prefix.empty()) return true;
  if (code.size() < prefix.size() || code.compare(0, prefix.size(), prefix) != 0) return false;
  return code.size() == prefix.size() || code[prefix.size()] == '.';
}

int Depth(const std::string& prefix) {
  return prefix.empty() ? 0 : 1 + static_cast<int>(std::count(prefix.begin(), prefix.end(), '.'));
}

auto Specificity(const SlaRule& r) {
  return std::make_tuple(r.urgency.has_value(), Depth(r.category_prefix), r.kind.has_value(),
                         Depth(r.region_prefix));
}

bool Matches(const SlaRule& r, const Ticket& t) {
  return (!r.kind || *r.kind == t.kind) && (!r.urgency || *r.urgency == t.urgency) &&
         PrefixMatch(r.category_prefix, t.category_code) &&
         PrefixMatch(r.region_prefix, t.region_code);
}

bool ValidCode(const std::string& s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  for (char c : s) {
    if (c == ' ' || c == '*' || c == ',') return false;
  }
  return s.find("..") == std::string::npos;
}

bool IsWithUnit(TicketStatus s) {
  return s == TicketStatus::kDispatched || s == TicketStatus::kAccepted ||
         s == TicketStatus::kInProgress || s == TicketStatus::kReturnRequested ||
         s == TicketStatus::kExtensionRequested;
}

}  // namespace

TimeMs SlaRule::From(TimeMs start, const WorkCalendar& calendar) const {
  switch (unit) {
    case SlaUnit::kHours:
      return start + amount * kHourMs;
    case SlaUnit::kDays:
      return start + amount * kDayMs;
    case SlaUnit::kWorkingHours:
      return calendar.AddWorkingHours(start, amount);
    case SlaUnit::kWorkingDays:
      return calendar.AddWorkingDays(start, amount);
  }
  return start;
}

Result<SlaPolicy> SlaPolicy::Parse(std::string_view csv, std::string_view source) {
  LX_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ReadCsv(csv, source));
  if (rows.empty() || rows[0].fields != kHeader) {
    return RowError(source, rows.empty() ? 1 : rows[0].line,
                    "表头应为「rule,kind,urgency,category,region,amount,unit,note」");
  }
  SlaPolicy policy;
  bool has_catch_all = false;
  for (size_t i = 1; i < rows.size(); ++i) {
    const CsvRow& row = rows[i];
    const std::vector<std::string>& f = row.fields;
    if (f.size() != kHeader.size()) {
      return RowError(source, row.line, "应有 8 列，实有 " + std::to_string(f.size()) + " 列");
    }
    SlaRule r;
    r.line = row.line;
    if (f[0] == "deadline") {
      r.purpose = SlaRule::Purpose::kDeadline;
    } else if (f[0] == "extension") {
      r.purpose = SlaRule::Purpose::kExtension;
    } else if (f[0] == "arbitration") {
      r.purpose = SlaRule::Purpose::kArbitration;
    } else {
      return RowError(source, row.line,
                      "rule「" + f[0] + "」无效，应为 deadline、extension 或 arbitration");
    }
    if (f[1] != "*") {
      r.kind = ParseTicketKind(f[1]);
      if (!r.kind)
        return RowError(source, row.line, "诉求类型「" + f[1] + "」无效（如 complaint，或 *）");
    }
    if (f[2] != "*") {
      r.urgency = ParseUrgency(f[2]);
      if (!r.urgency) {
        return RowError(source, row.line,
                        "紧急程度「" + f[2] + "」无效，应为 normal、urgent、critical 或 *");
      }
    }
    if (f[3] != "*") {
      if (!ValidCode(f[3])) return RowError(source, row.line, "分类代码「" + f[3] + "」无效");
      r.category_prefix = f[3];
    }
    if (f[4] != "*") {
      if (!ValidCode(f[4])) return RowError(source, row.line, "属地代码「" + f[4] + "」无效");
      r.region_prefix = f[4];
    }
    const std::string& amount = f[5];
    bool digits =
        !amount.empty() && amount.size() <= 5 &&
        std::all_of(amount.begin(), amount.end(), [](char c) { return c >= '0' && c <= '9'; });
    r.amount = digits ? std::stoi(amount) : 0;
    if (r.amount < 1 || r.amount > 10000) {
      return RowError(source, row.line, "时长「" + amount + "」无效，应为 1 到 10000 的整数");
    }
    if (f[6] == "hours") {
      r.unit = SlaUnit::kHours;
    } else if (f[6] == "days") {
      r.unit = SlaUnit::kDays;
    } else if (f[6] == "working_hours") {
      r.unit = SlaUnit::kWorkingHours;
    } else if (f[6] == "working_days") {
      r.unit = SlaUnit::kWorkingDays;
    } else {
      return RowError(source, row.line,
                      "单位「" + f[6] + "」无效，应为 hours、days、working_hours 或 working_days");
    }
    r.note = f[7];
    for (const SlaRule& other : policy.rules_) {
      if (other.purpose == r.purpose && other.kind == r.kind && other.urgency == r.urgency &&
          other.category_prefix == r.category_prefix && other.region_prefix == r.region_prefix) {
        return RowError(
            source, row.line,
            "与第 " + std::to_string(other.line) + " 行的适用条件相同，无法判断哪条优先");
      }
    }
    if (r.purpose == SlaRule::Purpose::kDeadline && !r.kind && !r.urgency &&
        r.category_prefix.empty() && r.region_prefix.empty()) {
      has_catch_all = true;
    }
    policy.rules_.push_back(std::move(r));
  }
  if (!has_catch_all) {
    return Status::InvalidArgument(
        std::string(source) + ": 缺少兜底规则「deadline,*,*,*,*,…」：每张工单都必须有办理期限");
  }
  return policy;
}

Result<SlaPolicy> SlaPolicy::LoadFile(const std::string& path) {
  LX_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  return Parse(text, path);
}

const SlaRule* SlaPolicy::Find(const Ticket& ticket, SlaRule::Purpose purpose) const {
  const SlaRule* best = nullptr;
  for (const SlaRule& r : rules_) {
    if (r.purpose != purpose || !Matches(r, ticket)) continue;
    if (!best || Specificity(r) > Specificity(*best)) best = &r;
  }
  return best;
}

Sla::Sla(SlaPolicy policy, WorkCalendar calendar)
    : policy_(std::move(policy)), calendar_(std::move(calendar)) {}

Result<Sla> Sla::LoadDir(const std::string& dir) {
  LX_ASSIGN_OR_RETURN(SlaPolicy policy, SlaPolicy::LoadFile(dir + "/sla_policies.csv"));
  LX_ASSIGN_OR_RETURN(WorkCalendar calendar, WorkCalendar::LoadFile(dir + "/cn_holidays.csv"));
  return Sla(std::move(policy), std::move(calendar));
}

TimeMs Sla::Deadline(const Ticket& ticket, TimeMs dispatched_at) const {
  const SlaRule* r = policy_.Find(ticket, SlaRule::Purpose::kDeadline);
  return r ? r->From(dispatched_at, calendar_) : DefaultDeadline(ticket, dispatched_at);
}

std::optional<TimeMs> Sla::ExtensionLimit(const Ticket& ticket, TimeMs dispatched_at) const {
  const SlaRule* r = policy_.Find(ticket, SlaRule::Purpose::kExtension);
  if (!r) return std::nullopt;
  return r->From(dispatched_at, calendar_);
}

TimeMs Sla::ArbitrationDeadline(const Ticket& ticket, TimeMs requested_at) const {
  const SlaRule* r = policy_.Find(ticket, SlaRule::Purpose::kArbitration);
  return r ? r->From(requested_at, calendar_)
           : calendar_.AddWorkingDays(requested_at, kDefaultArbitrationWorkingDays);
}

TimeMs ReminderAt(TimeMs dispatched_at, TimeMs due_at, double share) {
  share = std::clamp(share, 0.0, 1.0);
  return dispatched_at +
         static_cast<TimeMs>(std::llround(static_cast<double>(due_at - dispatched_at) * share));
}

bool ReminderDue(const Ticket& t, TimeMs now, double share) {
  if (!IsWithUnit(t.status) || t.due_at == 0 || now >= t.due_at) return false;
  TimeMs at = ReminderAt(t.dispatched_at, t.due_at, share);
  return now >= at && t.reminded_at < at;
}

bool EscalationDue(const Ticket& t, TimeMs now) {
  return IsWithUnit(t.status) && t.due_at != 0 && now >= t.due_at && t.escalated_at < t.due_at;
}

}  // namespace lianxin::workflow

namespace lianxin::workflow {

TimeMs NextAlarmAt(const Ticket& t, double share) {
  if (!IsWithUnit(t.status) || t.due_at == 0) return 0;
  TimeMs remind = ReminderAt(t.dispatched_at, t.due_at, share);
  if (t.reminded_at < remind && remind < t.due_at) return remind;
  if (t.escalated_at < t.due_at) return t.due_at;
  return 0;
}

}  // namespace lianxin::workflow
