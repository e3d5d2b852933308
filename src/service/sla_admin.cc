// SLA policies and the working-day calendar, editable (issue 7 item 7): stored in
// the store (migration 0012), seeded once from data/calendar, checked by the same
// parsers as the files (workflow::SlaPolicy::Parse, WorkCalendar::Parse) and put
// in force at once: deadlines computed after a change use it.
#include <algorithm>
#include <cstdlib>
#include <mutex>

#include "core/csv.h"
#include "service/service.h"
#include "service/service_impl.h"
#include "workflow/sla.h"

namespace lianxin::service {
namespace {

// Serialises read-modify-write of the calendar and the rules within this process.
std::mutex sla_mu;

constexpr char kRulesSource[] = "时限策略";
constexpr char kCalendarSource[] = "工作日历";

// A CSV field, quoted when it holds a comma, a quote or edge spaces.
std::string Field(const std::string& v) {
  if (v.find_first_of(",\"") == std::string::npos &&
      (v.empty() || (v.front() != ' ' && v.back() != ' '))) {
    return v;
  }
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string RulesCsv(const std::vector<store::SlaRuleRow>& rules) {
  std::string csv = "rule,kind,urgency,category,region,amount,unit,note\n";
  for (const store::SlaRuleRow& r : rules) {
    csv += Field(r.rule) + "," + Field(r.kind) + "," + Field(r.urgency) + "," + Field(r.category) +
           "," + Field(r.region) + "," + std::to_string(r.amount) + "," + Field(r.unit) + "," +
           Field(r.note) + "\n";
  }
  return csv;
}

std::string CalendarCsv(const std::vector<store::CalendarDayRow>& days) {
  std::string csv = "date,type\n";
  for (const store::CalendarDayRow& d : days) csv += Field(d.date) + "," + Field(d.type) + "\n";
  return csv;
}

// "<source>:<line>: msg" of the generated CSV (header on line 1) → "<source>第 N 条：msg".
Status Friendly(const Status& st, const char* source) {
  const std::string& m = st.message();
  const std::string prefix = std::string(source) + ":";
  if (m.rfind(prefix, 0) != 0) return st;
  size_t colon = m.find(": ", prefix.size());
  if (colon == std::string::npos) return st;
  int line = std::atoi(m.substr(prefix.size(), colon - prefix.size()).c_str());
  if (line < 2) return Status::InvalidArgument(std::string(source) + "：" + m.substr(colon + 2));
  return Status::InvalidArgument(std::string(source) + "第 " + std::to_string(line - 1) + " 条：" +
                                 m.substr(colon + 2));
}

Result<workflow::Sla> Build(const std::vector<store::SlaRuleRow>& rules,
                            const std::vector<store::CalendarDayRow>& days) {
  auto policy = workflow::SlaPolicy::Parse(RulesCsv(rules), kRulesSource);
  if (!policy.ok()) return Friendly(policy.status(), kRulesSource);
  auto calendar = workflow::WorkCalendar::Parse(CalendarCsv(days), kCalendarSource);
  if (!calendar.ok()) return Friendly(calendar.status(), kCalendarSource);
  return workflow::Sla(std::move(policy).value(), std::move(calendar).value());
}

bool MayRead(const Actor& a) {
  return !a.citizen && (a.role == Role::kAdmin || a.role == Role::kSupervisor);
}

std::string Summary(const store::SlaRuleRow& r) {
  return r.rule + "," + r.kind + "," + r.urgency + "," + r.category + "," + r.region + "," +
         std::to_string(r.amount) + "," + r.unit;
}

std::string Summary(const std::vector<store::SlaRuleRow>& rules) {
  std::string out;
  for (const store::SlaRuleRow& r : rules) out += (out.empty() ? "" : "; ") + Summary(r);
  return out;
}

// Reads the rows of the files in `dir`, as the parsers accept them.
Result<SlaConfig> ReadSeed(const std::string& dir) {
  SlaConfig seed;
  LX_ASSIGN_OR_RETURN(std::string rules_csv, ReadTextFile(dir + "/sla_policies.csv"));
  LX_RETURN_IF_ERROR(workflow::SlaPolicy::Parse(rules_csv).status());
  LX_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ReadCsv(rules_csv, "sla_policies.csv"));
  for (size_t i = 1; i < rows.size(); ++i) {  // row 0 is the header (Parse checked it)
    const std::vector<std::string>& f = rows[i].fields;
    seed.rules.push_back({f[0], f[1], f[2], f[3], f[4], std::atoi(f[5].c_str()), f[6], f[7]});
  }
  LX_ASSIGN_OR_RETURN(std::string days_csv, ReadTextFile(dir + "/cn_holidays.csv"));
  LX_RETURN_IF_ERROR(workflow::WorkCalendar::Parse(days_csv).status());
  LX_ASSIGN_OR_RETURN(std::vector<CsvRow> day_rows, ReadCsv(days_csv, "cn_holidays.csv"));
  for (size_t i = 1; i < day_rows.size(); ++i) {
    seed.days.push_back({day_rows[i].fields[0], day_rows[i].fields[1], ""});
  }
  return seed;
}

}  // namespace

Status Service::LoadStoredSla(const std::string& seed_dir) {
  std::lock_guard<std::mutex> lock(sla_mu);
  LX_ASSIGN_OR_RETURN(std::vector<store::SlaRuleRow> rules, store_.ListSlaRules());
  if (rules.empty()) {
    LX_ASSIGN_OR_RETURN(SlaConfig seed, ReadSeed(seed_dir));
    LX_RETURN_IF_ERROR(
        store_
            .PutSlaConfig(
                seed.rules, seed.days,
                {0, clock_.Now(), "system", "sla_seed", "", "",
                 "从 " + seed_dir + " 导入 " + std::to_string(seed.rules.size()) + " 条时限规则、" +
                     std::to_string(seed.days.size()) + " 个节假日/调休日"})
            .status());
    rules = std::move(seed.rules);
  }
  LX_ASSIGN_OR_RETURN(std::vector<store::CalendarDayRow> days, store_.ListCalendarDays());
  LX_ASSIGN_OR_RETURN(workflow::Sla sla, Build(rules, days));
  SetSla(std::move(sla));
  return Status::Ok();
}

Result<SlaConfig> Service::GetSlaConfig(const Actor& actor) {
  if (!MayRead(actor)) return Status::PermissionDenied("无权查看时限策略");
  SlaConfig c;
  LX_ASSIGN_OR_RETURN(c.rules, store_.ListSlaRules());
  if (c.rules.empty())
    return Status::NotFound("时限策略尚未保存（服务启动时从 data/calendar 导入）");
  LX_ASSIGN_OR_RETURN(c.days, store_.ListCalendarDays());
  return c;
}

Result<SlaConfig> Service::PutSlaRules(const Actor& actor,
                                       const std::vector<store::SlaRuleRow>& rules) {
  LX_RETURN_IF_ERROR(AdminOnly(actor, "修改时限策略"));
  if (rules.size() > 1000) return Status::InvalidArgument("时限策略最多 1000 条");
  for (const store::SlaRuleRow& r : rules)
    LX_RETURN_IF_ERROR(CheckText("说明", r.note, 200, false));
  std::lock_guard<std::mutex> lock(sla_mu);
  LX_ASSIGN_OR_RETURN(std::vector<store::SlaRuleRow> before, store_.ListSlaRules());
  LX_ASSIGN_OR_RETURN(std::vector<store::CalendarDayRow> days, store_.ListCalendarDays());
  LX_ASSIGN_OR_RETURN(workflow::Sla sla, Build(rules, days));
  LX_RETURN_IF_ERROR(store_
                         .PutSlaConfig(rules, std::nullopt,
                                       {0, clock_.Now(), actor.username, "sla_rules", "",
                                        Summary(before), Summary(rules)})
                         .status());
  SetSla(std::move(sla));
  return SlaConfig{rules, std::move(days)};
}

Result<SlaConfig> Service::PutCalendarDay(const Actor& actor, const store::CalendarDayRow& day) {
  LX_RETURN_IF_ERROR(AdminOnly(actor, "修改工作日历"));
  LX_RETURN_IF_ERROR(CheckText("说明", day.note, 50, false));
  std::lock_guard<std::mutex> lock(sla_mu);
  LX_ASSIGN_OR_RETURN(std::vector<store::SlaRuleRow> rules, store_.ListSlaRules());
  if (rules.empty()) return Status::FailedPrecondition("时限策略尚未保存，不能修改工作日历");
  LX_ASSIGN_OR_RETURN(std::vector<store::CalendarDayRow> days, store_.ListCalendarDays());
  std::string before;
  auto it = std::find_if(days.begin(), days.end(),
                         [&](const store::CalendarDayRow& d) { return d.date == day.date; });
  if (it != days.end()) {
    before = it->type + (it->note.empty() ? "" : " " + it->note);
    *it = day;
  } else {
    days.push_back(day);
    std::sort(days.begin(), days.end(),
              [](const store::CalendarDayRow& a, const store::CalendarDayRow& b) {
                return a.date < b.date;
              });
  }
  LX_ASSIGN_OR_RETURN(workflow::Sla sla, Build(rules, days));
  LX_RETURN_IF_ERROR(
      store_
          .PutSlaConfig(std::nullopt, days,
                        {0, clock_.Now(), actor.username, "calendar", day.date, before,
                         day.type + (day.note.empty() ? "" : " " + day.note)})
          .status());
  SetSla(std::move(sla));
  return SlaConfig{std::move(rules), std::move(days)};
}

Result<SlaConfig> Service::DeleteCalendarDay(const Actor& actor, const std::string& date) {
  LX_RETURN_IF_ERROR(AdminOnly(actor, "修改工作日历"));
  std::lock_guard<std::mutex> lock(sla_mu);
  LX_ASSIGN_OR_RETURN(std::vector<store::SlaRuleRow> rules, store_.ListSlaRules());
  LX_ASSIGN_OR_RETURN(std::vector<store::CalendarDayRow> days, store_.ListCalendarDays());
  auto it = std::find_if(days.begin(), days.end(),
                         [&](const store::CalendarDayRow& d) { return d.date == date; });
  if (it == days.end()) return Status::NotFound("工作日历中没有这一天：" + date);
  const std::string before = it->type + (it->note.empty() ? "" : " " + it->note);
  days.erase(it);
  LX_ASSIGN_OR_RETURN(workflow::Sla sla, Build(rules, days));
  LX_RETURN_IF_ERROR(
      store_
          .PutSlaConfig(std::nullopt, days,
                        {0, clock_.Now(), actor.username, "calendar", date, before, ""})
          .status());
  SetSla(std::move(sla));
  return SlaConfig{std::move(rules), std::move(days)};
}

}  // namespace lianxin::service
