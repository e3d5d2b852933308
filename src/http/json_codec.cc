#include "http/json_codec.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"

namespace lianxin::http {

Result<Json> ParseObject(const std::string& body) {
  if (!IsValidUtf8(body)) return Status::InvalidArgument("请求体不是有效的 UTF-8 文本");
  Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("请求体不是有效的 JSON");
  if (!j.is_object()) return Status::InvalidArgument("请求体必须是 JSON 对象");
  return j;
}

Status CheckKeys(const Json& obj, const std::vector<std::string>& allowed) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
      return Status::InvalidArgument("未知字段：" + it.key());
    }
  }
  return Status::Ok();
}

Status GetString(const Json& obj, const char* key, std::string& out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (!it->is_string()) return Status::InvalidArgument(std::string("字段 ") + key + " 应为字符串");
  out = it->get<std::string>();
  return Status::Ok();
}

Status GetNumber(const Json& obj, const char* key, std::optional<double>& out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (!it->is_number()) return Status::InvalidArgument(std::string("字段 ") + key + " 应为数字");
  out = it->get<double>();
  return Status::Ok();
}

Result<service::NewTicket> DecodeNewTicket(const Json& obj) {
  LX_RETURN_IF_ERROR(CheckKeys(obj, {"title", "body", "name", "phone", "region", "address", "kind",
                                     "urgency", "channel", "category", "latitude", "longitude"}));
  service::NewTicket n;
  std::string kind, urgency, channel;
  LX_RETURN_IF_ERROR(GetString(obj, "title", n.title));
  LX_RETURN_IF_ERROR(GetString(obj, "body", n.body));
  LX_RETURN_IF_ERROR(GetString(obj, "name", n.citizen_name));
  LX_RETURN_IF_ERROR(GetString(obj, "phone", n.citizen_phone));
  LX_RETURN_IF_ERROR(GetString(obj, "region", n.region_code));
  LX_RETURN_IF_ERROR(GetString(obj, "address", n.address));
  LX_RETURN_IF_ERROR(GetString(obj, "category", n.category_code));
  LX_RETURN_IF_ERROR(GetString(obj, "kind", kind));
  LX_RETURN_IF_ERROR(GetString(obj, "urgency", urgency));
  LX_RETURN_IF_ERROR(GetString(obj, "channel", channel));
  LX_RETURN_IF_ERROR(GetNumber(obj, "latitude", n.latitude));
  LX_RETURN_IF_ERROR(GetNumber(obj, "longitude", n.longitude));
  if (!kind.empty()) {
    auto k = ParseTicketKind(kind);
    if (!k) return Status::InvalidArgument("未知的诉求类型：" + kind);
    n.kind = *k;
  }
  if (!urgency.empty()) {
    auto u = ParseUrgency(urgency);
    if (!u) return Status::InvalidArgument("未知的紧急程度：" + urgency);
    n.urgency = *u;
  }
  if (!channel.empty()) {
    auto c = ParseChannel(channel);
    if (!c) return Status::InvalidArgument("未知的渠道：" + channel);
    n.channel = *c;
  }
  return n;
}

Result<service::ActionRequest> DecodeAction(const Json& obj) {
  service::ActionRequest a;
  std::string due, satisfaction;
  LX_RETURN_IF_ERROR(GetString(obj, "unit_code", a.unit_code));
  LX_RETURN_IF_ERROR(GetString(obj, "reason", a.reason));
  LX_RETURN_IF_ERROR(GetString(obj, "content", a.content));
  LX_RETURN_IF_ERROR(GetString(obj, "due_at", due));
  LX_RETURN_IF_ERROR(GetString(obj, "satisfaction", satisfaction));
  LX_RETURN_IF_ERROR(GetString(obj, "category", a.category_code));
  if (!due.empty()) {
    auto t = ParseTime(due);
    if (!t) return Status::InvalidArgument("due_at 时间格式错误，应为 YYYY-MM-DD HH:MM:SS 或 ISO-8601");
    a.due_at = *t;
  }
  if (!satisfaction.empty()) {
    a.satisfaction = ParseSatisfaction(satisfaction);
    if (!a.satisfaction) return Status::InvalidArgument("未知的满意度：" + satisfaction);
  }
  if (auto it = obj.find("assist_units"); it != obj.end() && !it->is_null()) {
    if (!it->is_array()) return Status::InvalidArgument("字段 assist_units 应为字符串数组");
    for (const Json& u : *it) {
      if (!u.is_string()) return Status::InvalidArgument("字段 assist_units 应为字符串数组");
      a.assist_units.push_back(u.get<std::string>());
    }
  }
  if (auto it = obj.find("parent_id"); it != obj.end() && !it->is_null()) {
    if (!it->is_number_integer()) return Status::InvalidArgument("字段 parent_id 应为整数");
    a.parent_id = it->get<int64_t>();
  }
  if (auto it = obj.find("resolved"); it != obj.end() && !it->is_null()) {
    if (!it->is_boolean()) return Status::InvalidArgument("字段 resolved 应为 true 或 false");
    a.resolved = it->get<bool>();
  }
  if (auto it = obj.find("misrouted"); it != obj.end() && !it->is_null()) {
    if (!it->is_boolean()) return Status::InvalidArgument("字段 misrouted 应为 true 或 false");
    a.misrouted = it->get<bool>();
  }
  return a;
}

Json EncodeSuggestion(const service::DispatchSuggestion& s) {
  const dispatch::RouteDecision& r = s.route;
  Json candidates = Json::array();
  for (const dispatch::RouteCandidate& c : r.candidates) {
    candidates.push_back({{"unit_code", c.unit_code},
                          {"unit_name", c.unit_name},
                          {"category", c.category_code},
                          {"score", c.score},
                          {"rule", c.rule}});
  }
  Json duplicates = Json::array();
  for (const service::DuplicateView& d : s.duplicates) {
    duplicates.push_back({{"id", d.id},
                          {"number", d.number},
                          {"title", d.title},
                          {"status", ToString(d.status)},
                          {"status_label", LabelZh(d.status)},
                          {"similarity", d.similarity}});
  }
  return {{"model_loaded", s.model_loaded},
          {"category_label", s.category_label},
          {"category", r.category_code},
          {"confidence", r.confidence},
          {"region", r.region_code},
          {"automatic", r.automatic},
          {"hold_reason", r.hold_reason},
          {"explanation", r.explanation},
          {"candidates", candidates},
          {"duplicates", duplicates}};
}

static Json TimeOrNull(TimeMs t) { return t ? Json(FormatIsoCst(t)) : Json(nullptr); }

Json EncodeTicket(const service::TicketView& view, const service::Directory& dir) {
  const Ticket& t = view.ticket;
  Json j = {
      {"id", t.id},
      {"number", t.number},
      {"kind", ToString(t.kind)},
      {"kind_label", LabelZh(t.kind)},
      {"urgency", ToString(t.urgency)},
      {"urgency_label", LabelZh(t.urgency)},
      {"channel", ToString(t.channel)},
      {"title", t.title},
      {"body", t.body},
      {"citizen_name", t.citizen_name},
      {"citizen_phone", t.citizen_phone},
      {"personal_data_masked", view.personal_data_masked},
      {"region", t.region_code},
      {"address", t.address},
      {"category", t.category_code},
      {"owner_unit", t.owner_unit},
      {"status", ToString(t.status)},
      {"status_label", LabelZh(t.status)},
      {"reply", t.reply},
      {"created_at", TimeOrNull(t.created_at)},
      {"updated_at", TimeOrNull(t.updated_at)},
      {"dispatched_at", TimeOrNull(t.dispatched_at)},
      {"due_at", TimeOrNull(t.due_at)},
      {"resolved_at", TimeOrNull(t.resolved_at)},
      {"version", t.version},
  };
  j["latitude"] = t.latitude ? Json(*t.latitude) : Json(nullptr);
  j["longitude"] = t.longitude ? Json(*t.longitude) : Json(nullptr);
  const Region* r = dir.FindRegion(t.region_code);
  j["region_name"] = r ? r->name : "";
  const Unit* u = dir.FindUnit(t.owner_unit);
  j["owner_unit_name"] = u ? u->name : "";
  const Category* k = dir.FindCategory(t.category_code);
  j["category_name"] = k ? k->name : "";
  // issue 4: a 退单's arbitration deadline, where the list computed it.
  if (view.arbitration_due_at) j["arbitration_due_at"] = TimeOrNull(view.arbitration_due_at);
  return j;
}

Json EncodeEvent(const TicketEvent& e, const service::Directory& dir) {
  const Unit* u = dir.FindUnit(e.unit_code);
  return {{"id", e.id},           {"type", ToString(e.type)}, {"type_label", LabelZh(e.type)},
          {"actor", e.actor},     {"actor_role", e.actor_role}, {"at", FormatIsoCst(e.at)},
          {"reason", e.reason},   {"unit", e.unit_code},       {"unit_name", u ? u->name : ""},
          {"content", e.content}, {"public", e.is_public},
          {"due_at", TimeOrNull(e.due_at)},   {"category", e.category_code}};
}

Json EncodePublicTicket(const service::PublicTicket& p) {
  const Ticket& t = p.ticket;
  Json timeline = Json::array();
  for (const service::PublicEvent& e : p.timeline) {
    timeline.push_back({{"type", ToString(e.type)},
                        {"label", LabelZh(e.type)},
                        {"at", FormatIsoCst(e.at)},
                        {"unit_name", e.unit_name},
                        {"content", e.content}});
  }
  return {{"number", t.number},
          {"title", t.title},
          {"body", t.body},
          {"kind", ToString(t.kind)},
          {"kind_label", LabelZh(t.kind)},
          {"status", ToString(t.status)},
          {"status_label", LabelZh(t.status)},
          {"region", t.region_code},
          {"region_name", p.region_name},
          {"category_name", p.category_name},
          {"owner_unit_name", p.owner_unit_name},
          {"citizen_name", t.citizen_name},
          {"citizen_phone", t.citizen_phone},
          {"reply", t.reply},
          {"created_at", TimeOrNull(t.created_at)},
          {"due_at", TimeOrNull(t.due_at)},
          {"resolved_at", TimeOrNull(t.resolved_at)},
          {"timeline", timeline},
          {"parent_number", p.parent_number}};
}

Json EncodeUser(const User& u) {
  return {{"username", u.username},   {"display_name", u.display_name},
          {"role", ToString(u.role)}, {"role_label", LabelZh(u.role)},
          {"unit_code", u.unit_code}, {"active", u.active}};
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace lianxin::http
