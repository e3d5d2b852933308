// Open311 GeoReport v2 under /open311/v2/ (../shared/design/open311.md): the
// adapter between the spec's URLs, form-encoded POSTs, XML/JSON responses and
// error bodies, and the service's Open311 use cases (service/open311.cc).
// Every response is built once as a JSON value; XML is rendered from the same
// value (http/xml.h), so both formats carry the same content.
#include <nlohmann/json.hpp>


#include "http/form.h"
#include "http/handlers.h"
#include "http/json_codec.h"
#include "http/open311_decode.h"
#include "http/xml.h"

namespace lianxin::http {
namespace {

using service::Open311Note;
using service::Open311Request;

const std::map<std::string, std::string>& ItemNames() {
  static const std::map<std::string, std::string> kNames = {
      {"services", "service"},
      {"service_requests", "request"},
      {"service_request_updates", "request_update"},
      {"attributes", "attribute"},
      {"values", "value"},
      {"groups", "group"},
      {"notes", "note"},
      {"errors", "error"},
      {"endpoints", "endpoint"},
      {"formats", "format"},
  };
  return kNames;
}

bool IsXml(const Request& req) { return !req.params.empty() && req.params.back() == "xml"; }

void Send(const Request& req, Response& res, const Json& body, const std::string& root) {
  if (IsXml(req)) {
    res.content_type = "text/xml; charset=utf-8";
    res.body = ToXml(body, root, ItemNames());
  } else {
    res.content_type = "application/json; charset=utf-8";
    res.body = Dump(body);
  }
}

// The spec's error: HTTP 404 for unknown things, 403 for a bad api_key, 400 for
// everything else; the body's code may be more specific (our HTTP mapping).
void SendError(const Request& req, Response& res, const Status& st) {
  switch (st.code()) {
    case StatusCode::kNotFound: res.status = 404; break;
    case StatusCode::kPermissionDenied:
    case StatusCode::kUnauthenticated: res.status = 403; break;
    default: res.status = 400;
  }
  std::string message = st.message();
  if (st.code() == StatusCode::kInternal) message = "服务器内部错误";
  Json err = Json::array({Json{{"code", HttpStatusFor(st.code())}, {"description", message}}});
  Send(req, res, err, "errors");
}

// jurisdiction_id is optional (one jurisdiction per server); when given it must
// be the code of a root region (e.g. XD).
Status CheckJurisdiction(Service& svc, const std::string& jurisdiction) {
  if (jurisdiction.empty()) return Status::Ok();
  for (const Region& r : svc.directory()->regions) {
    if (r.parent.empty() && r.code == jurisdiction) return Status::Ok();
  }
  return Status::NotFound("未知的 jurisdiction_id：" + jurisdiction);
}

std::string Iso(TimeMs t) { return FormatIsoCst(t); }

void PutIf(Json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}

Json EncodeNote(const Open311Note& n) {
  return Json{{"datetime", Iso(n.at)},
              {"description", n.description},
              {"type", n.type},
              {"summary", n.summary},
              {"extended_attributes", Json{{"status", n.status}, {"update_id", std::to_string(n.update_id)}}}};
}

Json EncodeRequest(const Open311Request& r, bool extensions) {
  Json j{{"service_request_id", r.service_request_id},
         {"status", r.status},
         {"service_code", r.service_code},
         {"description", r.description},
         {"requested_datetime", Iso(r.requested)},
         {"updated_datetime", Iso(r.updated)},
         {"address", r.address},
         {"address_id", r.address_id}};
  PutIf(j, "status_notes", r.status_notes);
  PutIf(j, "service_name", r.service_name);
  PutIf(j, "agency_responsible", r.agency_responsible);
  PutIf(j, "service_notice", r.service_notice);
  PutIf(j, "media_url", r.media_url);
  if (r.expected) j["expected_datetime"] = Iso(r.expected);
  if (r.lat && r.lng) {
    j["lat"] = *r.lat;
    j["long"] = *r.lng;
  }
  if (extensions) {
    Json ext{{"detailed_status", r.detailed_status},
             {"detailed_status_label", r.detailed_status_label},
             {"fixmystreet_status", r.extended_status},
             {"channel", r.channel},
             {"title", r.title},
             {"duplicate", !r.duplicate_of.empty()}};
    PutIf(ext, "parent_service_request_id", r.duplicate_of);
    j["extended_attributes"] = ext;
    Json attrs = Json::array();
    for (const auto& [code, value] : r.attributes) attrs.push_back(Json{{"code", code}, {"value", value}});
    j["attributes"] = attrs;
    Json notes = Json::array();
    for (const Open311Note& n : r.notes) notes.push_back(EncodeNote(n));
    j["notes"] = notes;
  }
  return j;
}

}  // namespace

void GetOpen311Discovery(Service& svc, const Request& req, Response& res) {
  (void)svc;
  std::string base = "http://" + (req.host.empty() ? std::string("127.0.0.1") : req.host) + "/open311/v2/";
  Json endpoint{{"specification", "http://wiki.open311.org/GeoReport_v2"},
                {"url", base},
                {"changeset", "2026-12-01T00:00:00+08:00"},
                {"type", "production"},
                {"formats", Json::array({"text/xml", "application/json"})}};
  Json d{{"changeset", "2026-12-01T00:00:00+08:00"},
         {"contact", "12345 政务服务便民热线（电话 12345）"},
         {"key_service", "api_key 由热线管理机构的管理员签发（lianxin open311-key add）"},
         {"endpoints", Json::array({endpoint})}};
  Send(req, res, d, "discovery");
}

void GetOpen311Services(Service& svc, const Request& req, Response& res) {
  if (Status st = CheckJurisdiction(svc, req.Query("jurisdiction_id")); !st.ok()) {
    return SendError(req, res, st);
  }
  Json list = Json::array();
  for (const auto& s : svc.Open311Services()) {
    list.push_back(Json{{"service_code", s.code},
                        {"service_name", s.name},
                        {"description", s.description},
                        {"metadata", true},
                        {"type", "realtime"},
                        {"keywords", s.keywords},
                        {"group", s.group},
                        {"groups", s.groups}});
  }
  Send(req, res, list, "services");
}

void GetOpen311ServiceDefinition(Service& svc, const Request& req, Response& res) {
  if (Status st = CheckJurisdiction(svc, req.Query("jurisdiction_id")); !st.ok()) {
    return SendError(req, res, st);
  }
  auto def = svc.Open311ServiceDefinition(req.params.at(0));
  if (!def.ok()) return SendError(req, res, def.status());
  Json attrs = Json::array();
  for (const auto& a : def->attributes) {
    Json j{{"variable", a.variable},   {"code", a.code},   {"datatype", a.datatype},
           {"required", a.required},   {"order", a.order}, {"description", a.description},
           {"datatype_description", a.datatype_description.empty() ? a.description : a.datatype_description}};
    PutIf(j, "automated", a.automated);
    if (!a.values.empty()) {
      Json values = Json::array();
      for (const auto& v : a.values) {
        Json value{{"key", v.key}, {"name", v.name}};
        PutIf(value, "disable_message", v.disable_message);
        values.push_back(value);
      }
      j["values"] = values;
    }
    attrs.push_back(j);
  }
  Send(req, res, Json{{"service_code", def->service_code}, {"attributes", attrs}}, "service_definition");
}

void PostOpen311Request(Service& svc, const Request& req, Response& res) {
  if (req.content_type.rfind("application/x-www-form-urlencoded", 0) != 0) {
    return SendError(req, res,
                     Status::InvalidArgument("请求体应为 application/x-www-form-urlencoded 表单"));
  }
  auto form = ParseForm(req.body);
  if (!form.ok()) return SendError(req, res, form.status());
  if (Status st = CheckJurisdiction(svc, FormValue(*form, "jurisdiction_id")); !st.ok()) {
    return SendError(req, res, st);
  }
  auto r = DecodeOpen311Request(*form);
  if (!r.ok()) return SendError(req, res, r.status());
  auto receipt = svc.Open311Post(*r);
  if (!receipt.ok()) return SendError(req, res, receipt.status());
  Json item = Json::object();
  PutIf(item, "service_request_id", receipt->service_request_id);
  PutIf(item, "token", receipt->token);
  PutIf(item, "service_notice", receipt->service_notice);
  PutIf(item, "account_id", receipt->account_id);
  Send(req, res, Json::array({item}), "service_requests");
}

void GetOpen311Requests(Service& svc, const Request& req, Response& res) {
  if (Status st = CheckJurisdiction(svc, req.Query("jurisdiction_id")); !st.ok()) {
    return SendError(req, res, st);
  }
  auto q = DecodeOpen311Query([&req](const std::string& name) { return req.Query(name); });
  if (!q.ok()) return SendError(req, res, q.status());
  const bool extensions = q->extensions;
  auto list = svc.Open311Requests(*q);
  if (!list.ok()) return SendError(req, res, list.status());
  Json out = Json::array();
  for (const auto& r : *list) out.push_back(EncodeRequest(r, extensions));
  Send(req, res, out, "service_requests");
}

void GetOpen311Request(Service& svc, const Request& req, Response& res) {
  if (Status st = CheckJurisdiction(svc, req.Query("jurisdiction_id")); !st.ok()) {
    return SendError(req, res, st);
  }
  const bool extensions = req.Query("extensions") == "true";
  auto r = svc.Open311Get(req.params.at(0), extensions);
  if (!r.ok()) return SendError(req, res, r.status());
  Send(req, res, Json::array({EncodeRequest(*r, extensions)}), "service_requests");
}

void GetOpen311Token(Service& svc, const Request& req, Response& res) {
  if (Status st = CheckJurisdiction(svc, req.Query("jurisdiction_id")); !st.ok()) {
    return SendError(req, res, st);
  }
  auto r = svc.Open311Token(req.params.at(0));
  if (!r.ok()) return SendError(req, res, r.status());
  Send(req, res, Json::array({Json{{"service_request_id", r->service_request_id}, {"token", r->token}}}),
       "service_requests");
}

void GetOpen311Updates(Service& svc, const Request& req, Response& res) {
  if (Status st = CheckJurisdiction(svc, req.Query("jurisdiction_id")); !st.ok()) {
    return SendError(req, res, st);
  }
  auto start = DecodeOpen311Time("start_date", req.Query("start_date"));
  if (!start.ok()) return SendError(req, res, start.status());
  auto end = DecodeOpen311Time("end_date", req.Query("end_date"));
  if (!end.ok()) return SendError(req, res, end.status());
  auto updates = svc.Open311Updates(*start, *end);
  if (!updates.ok()) return SendError(req, res, updates.status());
  Json out = Json::array();
  for (const Open311Note& n : *updates) {
    out.push_back(Json{{"update_id", std::to_string(n.update_id)},
                       {"service_request_id", n.service_request_id},
                       {"status", n.status},
                       {"updated_datetime", Iso(n.at)},
                       {"description", n.description}});
  }
  Send(req, res, out, "service_request_updates");
}

void PostOpen311Update(Service& svc, const Request& req, Response& res) {
  if (req.content_type.rfind("application/x-www-form-urlencoded", 0) != 0) {
    return SendError(req, res,
                     Status::InvalidArgument("请求体应为 application/x-www-form-urlencoded 表单"));
  }
  auto form = ParseForm(req.body);
  if (!form.ok()) return SendError(req, res, form.status());
  if (Status st = CheckJurisdiction(svc, FormValue(*form, "jurisdiction_id")); !st.ok()) {
    return SendError(req, res, st);
  }
  auto r = svc.Open311PostUpdate(DecodeOpen311Update(*form));
  if (!r.ok()) return SendError(req, res, r.status());
  Json item = Json::object();
  PutIf(item, "update_id", r->update_id);
  PutIf(item, "token", r->token);
  PutIf(item, "account_id", r->account_id);
  Send(req, res, Json::array({item}), "service_request_updates");
}

void GetOpen311UpdateToken(Service& svc, const Request& req, Response& res) {
  if (Status st = CheckJurisdiction(svc, req.Query("jurisdiction_id")); !st.ok()) {
    return SendError(req, res, st);
  }
  auto r = svc.Open311UpdateToken(req.params.at(0));
  if (!r.ok()) return SendError(req, res, r.status());
  Send(req, res, Json::array({Json{{"update_id", r->update_id}, {"token", r->token}}}),
       "service_request_updates");
}

}  // namespace lianxin::http
