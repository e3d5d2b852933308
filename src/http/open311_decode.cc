#include "http/open311_decode.h"

#include <algorithm>
#include <cstdlib>

namespace lianxin::http {
namespace {

Status IntArg(const std::string& name, const std::string& v, int& out) {
  if (v.empty()) return Status::Ok();
  char* end = nullptr;
  long n = std::strtol(v.c_str(), &end, 10);
  if (end != v.c_str() + v.size() || n < 1 || n > 100000000) {
    return Status::InvalidArgument(name + " 应为正整数");
  }
  out = static_cast<int>(n);
  return Status::Ok();
}

std::vector<std::string> CommaList(const std::string& v) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= v.size()) {
    size_t end = v.find(',', pos);
    if (end == std::string::npos) end = v.size();
    std::string item = v.substr(pos, end - pos);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    pos = end + 1;
  }
  return out;
}

}  // namespace

Result<service::Open311NewRequest> DecodeOpen311Request(const FormFields& form) {
  service::Open311NewRequest r;
  r.api_key = FormValue(form, "api_key");
  r.service_code = FormValue(form, "service_code");
  r.lat = FormValue(form, "lat");
  r.lng = FormValue(form, "long");
  std::string coords = FormValue(form, "coordinate_system");
  if (coords == "gcj02" || coords == "GCJ-02") {
    r.gcj02 = true;
  } else if (!coords.empty() && coords != "wgs84" && coords != "WGS84") {
    return Status::InvalidArgument("coordinate_system 只能是 wgs84 或 gcj02");
  }
  r.address_string = FormValue(form, "address_string");
  r.address_id = FormValue(form, "address_id");
  r.email = FormValue(form, "email");
  r.device_id = FormValue(form, "device_id");
  r.account_id = FormValue(form, "account_id");
  r.first_name = FormValue(form, "first_name");
  r.last_name = FormValue(form, "last_name");
  r.phone = FormValue(form, "phone");
  r.description = FormValue(form, "description");
  r.media_url = FormValue(form, "media_url");
  for (const auto& [key, value] : form) {
    if (key.rfind("attribute[", 0) != 0) continue;
    size_t close = key.find(']');
    if (close == std::string::npos || close == 10) {
      return Status::InvalidArgument("属性参数格式应为 attribute[code]=value");
    }
    std::string code = key.substr(10, close - 10);
    std::string rest = key.substr(close + 1);
    if (!rest.empty() && rest != "[]") {
      return Status::InvalidArgument("属性参数格式应为 attribute[code]=value");
    }
    if (value.empty()) continue;  // an empty value means absent
    auto it = std::find_if(r.attributes.begin(), r.attributes.end(),
                           [&](const auto& a) { return a.first == code; });
    if (it == r.attributes.end()) {
      r.attributes.push_back({code, {value}});
    } else {
      it->second.push_back(value);
    }
  }
  return r;
}

service::Open311NewUpdate DecodeOpen311Update(const FormFields& form) {
  service::Open311NewUpdate u;
  u.api_key = FormValue(form, "api_key");
  u.update_id = FormValue(form, "update_id");
  u.service_request_id = FormValue(form, "service_request_id");
  u.updated_datetime = FormValue(form, "updated_datetime");
  u.status = FormValue(form, "status");
  u.description = FormValue(form, "description");
  u.email = FormValue(form, "email");
  u.phone = FormValue(form, "phone");
  u.first_name = FormValue(form, "first_name");
  u.last_name = FormValue(form, "last_name");
  u.title = FormValue(form, "title");
  u.media_url = FormValue(form, "media_url");
  u.account_id = FormValue(form, "account_id");
  return u;
}

Result<TimeMs> DecodeOpen311Time(const std::string& name, const std::string& value) {
  if (value.empty()) return TimeMs{0};
  auto t = ParseTime(value);
  if (!t) return Status::InvalidArgument(name + " 格式不正确，应为 ISO-8601，如 2026-11-29T08:00:00+08:00");
  return *t;
}

Result<service::Open311Query> DecodeOpen311Query(const ArgFn& arg) {
  service::Open311Query q;
  q.ids = CommaList(arg("service_request_id"));
  q.service_codes = CommaList(arg("service_code"));
  q.statuses = CommaList(arg("status"));
  LX_ASSIGN_OR_RETURN(q.start, DecodeOpen311Time("start_date", arg("start_date")));
  LX_ASSIGN_OR_RETURN(q.end, DecodeOpen311Time("end_date", arg("end_date")));
  LX_ASSIGN_OR_RETURN(q.updated_after, DecodeOpen311Time("updated_after", arg("updated_after")));
  LX_ASSIGN_OR_RETURN(q.updated_before, DecodeOpen311Time("updated_before", arg("updated_before")));
  LX_RETURN_IF_ERROR(IntArg("page", arg("page"), q.page));
  LX_RETURN_IF_ERROR(IntArg("page_size", arg("page_size"), q.page_size));
  q.paged = !arg("page").empty() || !arg("page_size").empty();
  q.extensions = arg("extensions") == "true";
  return q;
}

}  // namespace lianxin::http
