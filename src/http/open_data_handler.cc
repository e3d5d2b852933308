// Open data for public supervision (公众监督): anonymised tickets as CSV or
// JSON, public statistics and unit rankings. Anonymous (rate-limited by the
// server like every public route); the service removes personal data.
#include <nlohmann/json.hpp>

#include <cstdlib>

#include "http/handlers.h"
#include "http/json_codec.h"

namespace lianxin::http {
namespace {

Status TimeParam(const Request& req, const std::string& name, TimeMs& out) {
  std::string v = req.Query(name);
  out = 0;
  if (v.empty()) return Status::Ok();
  auto t = ParseTime(v);
  if (!t) return Status::InvalidArgument(name + " 格式不正确，应为 2026-11-29 或 ISO-8601 时间");
  out = *t;
  return Status::Ok();
}

Status IntParam(const Request& req, const std::string& name, int& out) {
  std::string v = req.Query(name);
  if (v.empty()) return Status::Ok();
  char* end = nullptr;
  long n = std::strtol(v.c_str(), &end, 10);
  if (end != v.c_str() + v.size() || n < 0 || n > 100000000) {
    return Status::InvalidArgument(name + " 应为非负整数");
  }
  out = static_cast<int>(n);
  return Status::Ok();
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Json Pairs(const std::vector<std::pair<std::string, int64_t>>& v) {
  Json a = Json::array();
  for (const auto& [name, count] : v) a.push_back(Json{{"name", name}, {"count", count}});
  return a;
}

}  // namespace

// GET /api/open-data/tickets.{csv,json}?from=&to=&category=&limit=&offset=
void GetOpenDataTickets(Service& svc, const Request& req, Response& res) {
  service::OpenDataQuery q;
  Status st = TimeParam(req, "from", q.from);
  if (st.ok()) st = TimeParam(req, "to", q.to);
  if (st.ok()) st = IntParam(req, "limit", q.limit);
  if (st.ok()) st = IntParam(req, "offset", q.offset);
  if (!st.ok()) return WriteError(res, st);
  q.category_prefix = req.Query("category");
  int64_t total = 0;
  auto rows = svc.OpenDataTickets(q, &total);
  if (!rows.ok()) return WriteError(res, rows.status());
  if (req.params.at(0) == "csv") {
    std::string out =
        "number,created_day,kind,kind_label,channel,category_code,category_name,region_code,"
        "region_name,status,status_label,closed,closed_day,unit_name,satisfaction,title,body\r\n";
    for (const auto& r : *rows) {
      for (const std::string* f :
           {&r.number, &r.created_day, &r.kind, &r.kind_label, &r.channel, &r.category_code,
            &r.category_name, &r.region_code, &r.region_name, &r.status, &r.status_label}) {
        out += CsvField(*f) + ",";
      }
      out += std::string(r.closed ? "true" : "false") + ",";
      for (const std::string* f : {&r.closed_day, &r.unit_name, &r.satisfaction, &r.title}) {
        out += CsvField(*f) + ",";
      }
      out += CsvField(r.body) + "\r\n";
    }
    res.content_type = "text/csv; charset=utf-8";
    res.body = std::move(out);
    return;
  }
  Json items = Json::array();
  for (const auto& r : *rows) {
    items.push_back(Json{{"number", r.number},
                         {"created_day", r.created_day},
                         {"kind", r.kind},
                         {"kind_label", r.kind_label},
                         {"channel", r.channel},
                         {"category_code", r.category_code},
                         {"category_name", r.category_name},
                         {"region_code", r.region_code},
                         {"region_name", r.region_name},
                         {"status", r.status},
                         {"status_label", r.status_label},
                         {"closed", r.closed},
                         {"closed_day", r.closed_day},
                         {"unit_name", r.unit_name},
                         {"satisfaction", r.satisfaction},
                         {"title", r.title},
                         {"body", r.body}});
  }
  res.body = Dump({{"items", items}, {"total", total}, {"limit", q.limit}, {"offset", q.offset},
                   {"license", "CC BY 4.0"},
                   {"notice", "已去除姓名、电话、地址和坐标，正文经过脱敏处理；属地精确到区县，时间精确到日。"}});
}

// GET /api/open-data/stats?from=&to=
void GetOpenDataStats(Service& svc, const Request& req, Response& res) {
  TimeMs from = 0, to = 0;
  Status st = TimeParam(req, "from", from);
  if (st.ok()) st = TimeParam(req, "to", to);
  if (!st.ok()) return WriteError(res, st);
  auto s = svc.PublicStatistics(from, to);
  if (!s.ok()) return WriteError(res, s.status());
  res.body = Dump({{"from", FormatIsoCst(s->from)},
                   {"to", FormatIsoCst(s->to)},
                   {"total", s->total},
                   {"open", s->open},
                   {"closed", s->closed},
                   {"on_time_rate", s->on_time_rate},
                   {"satisfaction_rate", s->satisfaction_rate},
                   {"due", s->due},
                   {"on_time", s->on_time},
                   {"rated", s->rated},
                   {"satisfied", s->satisfied},
                   {"by_category", Pairs(s->by_category)},
                   {"by_region", Pairs(s->by_region)},
                   {"by_kind", Pairs(s->by_kind)}});
}

// GET /api/open-data/rankings?from=&to=&min_tickets=
void GetOpenDataRankings(Service& svc, const Request& req, Response& res) {
  TimeMs from = 0, to = 0;
  int min_tickets = 5;
  Status st = TimeParam(req, "from", from);
  if (st.ok()) st = TimeParam(req, "to", to);
  if (st.ok()) st = IntParam(req, "min_tickets", min_tickets);
  if (!st.ok()) return WriteError(res, st);
  auto ranks = svc.PublicRankings(from, to, min_tickets);
  if (!ranks.ok()) return WriteError(res, ranks.status());
  Json items = Json::array();
  int rank = 0;
  for (const auto& u : *ranks) {
    items.push_back(Json{{"rank", ++rank},
                         {"unit_code", u.unit_code},
                         {"unit_name", u.unit_name},
                         {"tickets", u.tickets},
                         {"closed", u.closed},
                         {"on_time_rate", u.on_time_rate},
                         {"satisfaction_rate", u.satisfaction_rate},
                         {"rated", u.rated},
                         {"score", u.score}});
  }
  res.body = Dump({{"items", items}, {"min_tickets", min_tickets},
                   {"method", "得分 = 50% × 按期办结率 + 50% × 满意率（满意与基本满意）"}});
}

}  // namespace lianxin::http
