// JSON of the proactive-governance resources (see insight_codec.h).
#include "http/insight_codec.h"

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

namespace lianxin::http {
namespace {

Json TimeOrNull(TimeMs t) { return t ? Json(FormatIsoCst(t)) : Json(nullptr); }

std::string UnitName(const service::Directory& dir, const std::string& code) {
  const Unit* u = dir.FindUnit(code);
  return u ? u->name : "";
}
std::string RegionName(const service::Directory& dir, const std::string& code) {
  const Region* r = dir.FindRegion(code);
  return r ? r->name : "";
}
std::string CategoryName(const service::Directory& dir, const std::string& code) {
  const Category* c = dir.FindCategory(code);
  return c ? c->name : "";
}

Json Units(const service::Directory& dir, const std::vector<std::string>& codes) {
  Json arr = Json::array();
  for (const std::string& c : codes) arr.push_back({{"code", c}, {"name", UnitName(dir, c)}});
  return arr;
}

bool ParseInt(const std::string& s, int64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

Status ReadPage(const Request& req, int& limit, int& offset, int default_limit) {
  int64_t l = default_limit, o = 0;
  std::string ls = req.Query("limit"), os = req.Query("offset");
  if ((!ls.empty() && !ParseInt(ls, l)) || (!os.empty() && !ParseInt(os, o)) || l < 1 ||
      l > 500 || o < 0 || o > 1000000000) {
    return Status::InvalidArgument("limit 应为 1–500 的整数，offset 应为非负整数");
  }
  limit = static_cast<int>(l);
  offset = static_cast<int>(o);
  return Status::Ok();
}

Status ReadTimes(const Request& req, TimeMs& from, TimeMs& to) {
  for (auto [key, out] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
    std::string v = req.Query(key);
    if (v.empty()) continue;
    auto t = ParseTime(v);
    if (!t) return Status::InvalidArgument(std::string("时间格式错误：") + key);
    *out = *t;
  }
  if (from && to && from >= to) return Status::InvalidArgument("开始时间应早于结束时间");
  return Status::Ok();
}

int64_t PathId(const Request& req, size_t index) {
  int64_t id = 0;
  if (index >= req.params.size() || !ParseInt(req.params[index], id)) return 0;
  return id;
}

Json ListBody(Json items, int64_t total, int limit, int offset) {
  return {{"items", std::move(items)}, {"total", total}, {"limit", limit}, {"offset", offset}};
}

Json EncodeBrief(const service::TicketBrief& t, const service::Directory& dir) {
  return {{"id", t.id},
          {"number", t.number},
          {"title", t.title},
          {"created_at", TimeOrNull(t.created_at)},
          {"status", ToString(t.status)},
          {"status_label", LabelZh(t.status)},
          {"region", t.region_code},
          {"region_name", RegionName(dir, t.region_code)},
          {"category", t.category_code},
          {"category_name", CategoryName(dir, t.category_code)},
          {"owner_unit", t.owner_unit},
          {"owner_unit_name", UnitName(dir, t.owner_unit)}};
}

Json EncodeHotspot(const store::StoredHotspot& h, const service::Directory& dir) {
  return {{"id", h.id},
          {"title", h.title},
          {"heat", h.heat},
          {"first_time", TimeOrNull(h.first_time)},
          {"last_time", TimeOrNull(h.last_time)},
          {"places", h.places},
          {"region", h.region_code},
          {"region_name", RegionName(dir, h.region_code)},
          {"category", h.category_code},
          {"category_name", CategoryName(dir, h.category_code)},
          {"units", Units(dir, h.units)},
          {"keywords", h.keywords},
          {"size", h.size},
          {"people", h.people},
          {"likes", h.likes},
          {"urgent", h.urgent},
          {"growth", h.growth},
          {"updated_at", TimeOrNull(h.updated_at)}};
}

Json EncodeAlert(const store::StoredAlert& a, const service::Directory& dir) {
  static const std::map<std::string, std::string> kStates = {
      {"new", "新预警"}, {"acknowledged", "已确认"}, {"assigned", "已交办"}, {"closed", "已关闭"}};
  auto state = kStates.find(a.state);
  return {{"id", a.id},
          {"kind", a.kind},
          {"kind_label", a.kind == "count" ? "数量异常" : "风险词"},
          {"series", a.series_key},
          {"day", FormatDayCst(a.day * kDayMs)},
          {"expected", a.expected},
          {"seen", a.seen},
          {"p_value", a.p_value},
          {"region", a.region_code},
          {"region_name", RegionName(dir, a.region_code)},
          {"category", a.category_code},
          {"category_name", CategoryName(dir, a.category_code)},
          {"detail", a.detail},
          {"examples", a.examples},
          {"state", a.state},
          {"state_label", state == kStates.end() ? a.state : state->second},
          {"assignee_unit", a.assignee_unit},
          {"assignee_unit_name", UnitName(dir, a.assignee_unit)},
          {"note", a.note},
          {"updated_by", a.updated_by},
          {"created_at", TimeOrNull(a.created_at)},
          {"updated_at", TimeOrNull(a.updated_at)}};
}

Json EncodeGovernanceItem(const store::GovernanceItem& g, const service::Directory& dir) {
  static const std::map<std::string, std::string> kStates = {
      {"open", "待办"}, {"in_progress", "办理中"}, {"done", "已完成"}, {"closed", "已关闭"}};
  auto state = kStates.find(g.state);
  return {{"id", g.id},
          {"title", g.title},
          {"description", g.description},
          {"source_kind", g.source_kind},
          {"source_id", g.source_id},
          {"hotspot_id", g.hotspot_id},
          {"region", g.region_code},
          {"region_name", RegionName(dir, g.region_code)},
          {"category", g.category_code},
          {"category_name", CategoryName(dir, g.category_code)},
          {"lead_unit", g.lead_unit},
          {"lead_unit_name", UnitName(dir, g.lead_unit)},
          {"assist_units", Units(dir, g.assist_units)},
          {"deadline", TimeOrNull(g.deadline)},
          {"state", g.state},
          {"state_label", state == kStates.end() ? g.state : state->second},
          {"created_by", g.created_by},
          {"created_at", TimeOrNull(g.created_at)},
          {"updated_at", TimeOrNull(g.updated_at)}};
}

Json EncodeGovernanceTask(const store::GovernanceTask& t, const service::Directory& dir) {
  return {{"id", t.id},
          {"item_id", t.item_id},
          {"unit_code", t.unit_code},
          {"unit_name", UnitName(dir, t.unit_code)},
          {"title", t.title},
          {"deadline", TimeOrNull(t.deadline)},
          {"state", t.state},
          {"updated_by", t.updated_by},
          {"created_at", TimeOrNull(t.created_at)},
          {"updated_at", TimeOrNull(t.updated_at)}};
}

Json EncodeRepeat(const service::RepeatView& r, const service::Directory& dir) {
  static const std::map<std::string, std::string> kKinds = {
      {"same_person", "同一人重复诉求"},
      {"same_place_and_matter", "同地同事项重复诉求"},
      {"reopened", "重办"}};
  auto kind = kKinds.find(r.repeat.kind);
  Json j = {{"kind", r.repeat.kind},
            {"kind_label", kind == kKinds.end() ? r.repeat.kind : kind->second},
            {"days_after", r.repeat.days_after},
            {"hotspot_id", r.repeat.hotspot_id},
            {"ticket", EncodeBrief(r.ticket, dir)}};
  j["earlier"] = r.earlier.id ? EncodeBrief(r.earlier, dir) : Json(nullptr);
  return j;
}

}  // namespace lianxin::http
