// /api/sla/*: the SLA policy and the working-day calendar as stored (issue 7
// item 7). Admins and supervisors read; admins write. A change applies to
// deadlines computed after it; deadlines already set stay.
#include <nlohmann/json.hpp>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {
namespace {

constexpr char kAppliesNote[] = "修改只影响此后计算的办理时限，已派单工单的时限不变。";

void WriteConfig(const Result<service::SlaConfig>& c, Response& res) {
  if (!c.ok()) return WriteError(res, c.status());
  Json rules = Json::array();
  for (const store::SlaRuleRow& r : c->rules) {
    rules.push_back({{"rule", r.rule},
                     {"kind", r.kind},
                     {"urgency", r.urgency},
                     {"category", r.category},
                     {"region", r.region},
                     {"amount", r.amount},
                     {"unit", r.unit},
                     {"note", r.note}});
  }
  Json days = Json::array();
  for (const store::CalendarDayRow& d : c->days) {
    days.push_back({{"date", d.date}, {"type", d.type}, {"note", d.note}});
  }
  res.body = Dump({{"items", rules}, {"days", days}, {"applies", kAppliesNote}});
}

}  // namespace

void GetSlaPolicies(Service& svc, const Request& req, Response& res) {
  WriteConfig(svc.GetSlaConfig(req.actor), res);
}

// {rules: [{rule, kind, urgency, category, region, amount, unit, note?}]}
void PostSlaPolicies(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  Status st = CheckKeys(*obj, {"rules"});
  if (!st.ok()) return WriteError(res, st);
  auto rules = obj->find("rules");
  if (rules == obj->end() || !rules->is_array()) {
    return WriteError(res, Status::InvalidArgument("字段 rules 应为规则数组"));
  }
  std::vector<store::SlaRuleRow> out;
  for (const Json& r : *rules) {
    if (!r.is_object()) return WriteError(res, Status::InvalidArgument("rules 的每一项应为对象"));
    store::SlaRuleRow row;
    std::optional<double> amount;
    st = CheckKeys(r, {"rule", "kind", "urgency", "category", "region", "amount", "unit", "note"});
    if (st.ok()) st = GetString(r, "rule", row.rule);
    if (st.ok()) st = GetString(r, "kind", row.kind);
    if (st.ok()) st = GetString(r, "urgency", row.urgency);
    if (st.ok()) st = GetString(r, "category", row.category);
    if (st.ok()) st = GetString(r, "region", row.region);
    if (st.ok()) st = GetNumber(r, "amount", amount);
    if (st.ok()) st = GetString(r, "unit", row.unit);
    if (st.ok()) st = GetString(r, "note", row.note);
    if (!st.ok()) return WriteError(res, st);
    if (!amount || *amount != static_cast<int>(*amount)) {
      return WriteError(res, Status::InvalidArgument("时长（amount）应为整数"));
    }
    row.amount = static_cast<int>(*amount);
    for (std::string* f : {&row.kind, &row.urgency, &row.category, &row.region}) {
      if (f->empty()) *f = "*";  // an empty selector means any, as "*" in the file
    }
    out.push_back(std::move(row));
  }
  WriteConfig(svc.PutSlaRules(req.actor, out), res);
}

// {date, type, note?}: add or replace one holiday / 调休 working day.
void PostCalendarDay(Service& svc, const Request& req, Response& res) {
  auto obj = ParseObject(req.body);
  if (!obj.ok()) return WriteError(res, obj.status());
  store::CalendarDayRow d;
  Status st = CheckKeys(*obj, {"date", "type", "note"});
  if (st.ok()) st = GetString(*obj, "date", d.date);
  if (st.ok()) st = GetString(*obj, "type", d.type);
  if (st.ok()) st = GetString(*obj, "note", d.note);
  if (!st.ok()) return WriteError(res, st);
  WriteConfig(svc.PutCalendarDay(req.actor, d), res);
}

void PostCalendarDayRemove(Service& svc, const Request& req, Response& res) {
  WriteConfig(svc.DeleteCalendarDay(req.actor, req.params.at(0)), res);
}

}  // namespace lianxin::http
