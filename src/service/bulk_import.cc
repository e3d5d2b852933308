#include "service/bulk_import.h"
#include "service/xlsx.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

#include "core/csv.h"
#include "core/utf8.h"
#include "service/history.h"

namespace lianxin::service {
namespace {

constexpr size_t kBatch = 2000;

std::optional<double> Number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (errno || end != s.c_str() + s.size() || v != v) return std::nullopt;
  return v;
}

// A value from the file as it may appear in a message or report: itself when it
// is valid UTF-8, else a placeholder (found by the bulk_import fuzz target: a
// column name with a broken byte made the error message invalid UTF-8).
std::string Shown(const std::string& v) { return IsValidUtf8(v) ? v : "（不是有效的 UTF-8 文本）"; }

bool ValidNumber(const std::string& n) {
  if (n.empty() || n.size() > 64) return false;
  return n.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") ==
         std::string::npos;
}

// RFC 4180 rows: fields may be quoted and then hold commas, quotes ("") and
// line breaks (spreadsheets write multi-line cells so). Skips a UTF-8 BOM and
// blank lines; `line` is where the row starts. kInvalidArgument for an
// unterminated quote.
Result<std::vector<CsvRow>> ReadCsvRows(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  int line = 1;
  bool quoted = false, any = false;
  row.line = 1;
  auto end_field = [&] {
    row.fields.push_back(field);
    field.clear();
  };
  auto end_row = [&] {
    end_field();
    bool blank = row.fields.size() == 1 && row.fields[0].find_first_not_of(" \t\r") == std::string::npos;
    if (!blank) rows.push_back(std::move(row));
    row = CsvRow{};
    row.line = line;
    any = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.find_first_not_of(" \t") == std::string::npos) {
      field.clear();
      quoted = true;
      any = true;
    } else if (c == ',') {
      end_field();
      any = true;
    } else if (c == '\n') {
      ++line;
      if (!field.empty() && field.back() == '\r') field.pop_back();
      end_row();
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) return Status::InvalidArgument("第 " + std::to_string(row.line) + " 行起的引号没有闭合");
  if (any || !field.empty()) end_row();
  // Unquoted fields are trimmed of spaces and tabs, as the data files' reader does.
  for (CsvRow& r : rows) {
    for (std::string& f : r.fields) {
      size_t b = f.find_first_not_of(" \t"), e = f.find_last_not_of(" \t");
      f = b == std::string::npos ? "" : f.substr(b, e - b + 1);
    }
  }
  return rows;
}

}  // namespace

const std::vector<std::string>& TicketCsvColumns() {
  static const std::vector<std::string> kColumns = {
      "number", "created_at", "kind", "urgency", "channel", "title", "body", "citizen_name",
      "citizen_phone", "region", "address", "latitude", "longitude", "category", "owner_unit",
      "status", "reply", "resolved_at"};
  return kColumns;
}

std::vector<std::string> TicketCsvRow(const Ticket& t, bool with_personal_data) {
  auto coordinate = [](const std::optional<double>& v) {
    if (!v) return std::string();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.8f", *v);
    return std::string(buf);
  };
  return {t.number, FormatIsoCst(t.created_at), std::string(ToString(t.kind)),
          std::string(ToString(t.urgency)), std::string(ToString(t.channel)), t.title, t.body,
          with_personal_data ? t.citizen_name : MaskName(t.citizen_name),
          with_personal_data ? t.citizen_phone : MaskPhone(t.citizen_phone), t.region_code, t.address,
          coordinate(t.latitude), coordinate(t.longitude), t.category_code, t.owner_unit,
          std::string(ToString(t.status)), t.reply, t.resolved_at ? FormatIsoCst(t.resolved_at) : ""};
}

std::string CsvQuote(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

namespace {

Status CheckImporter(const Actor& actor) {
  if (actor.citizen || actor.role != Role::kAdmin) {
    return Status::PermissionDenied("只有管理员可以批量导入工单");
  }
  return Status::Ok();
}

}  // namespace

Result<BulkImportReport> ImportTicketsCsv(Service& service, const Actor& actor, std::string_view csv,
                                          bool dry_run) {
  LX_RETURN_IF_ERROR(CheckImporter(actor));
  LX_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ReadCsvRows(csv));
  return ImportTicketRows(service, actor, rows, dry_run);
}

Result<BulkImportReport> ImportTicketsXlsx(Service& service, const Actor& actor,
                                           std::string_view xlsx, bool dry_run) {
  LX_RETURN_IF_ERROR(CheckImporter(actor));
  LX_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ParseXlsx(xlsx));
  return ImportTicketRows(service, actor, rows, dry_run);
}

Result<BulkImportReport> ImportTicketRows(Service& service, const Actor& actor,
                                          const std::vector<CsvRow>& rows, bool dry_run) {
  LX_RETURN_IF_ERROR(CheckImporter(actor));
  if (rows.empty()) return Status::InvalidArgument("文件为空：第一行应为列名");
  std::map<std::string, size_t> col;
  const auto& known = TicketCsvColumns();
  for (size_t i = 0; i < rows[0].fields.size(); ++i) {
    const std::string& name = rows[0].fields[i];
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return Status::InvalidArgument("未知的列：" + Shown(name));
    }
    if (!col.emplace(name, i).second) return Status::InvalidArgument("列重复：" + Shown(name));
  }
  for (const char* required : {"number", "created_at", "title", "body"}) {
    if (!col.count(required)) return Status::InvalidArgument(std::string("缺少必需的列：") + required);
  }
  auto dir = service.directory();
  const std::shared_ptr<const workflow::Sla> sla = service.CurrentSla();
  BulkImportReport report;
  report.dry_run = dry_run;
  std::set<std::string> seen;
  std::vector<store::TicketWithEvents> batch;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    if (!dry_run) {
      LX_ASSIGN_OR_RETURN(int64_t n, service.store().ImportTickets(batch));
      report.inserted += n;
      report.existing += static_cast<int64_t>(batch.size()) - n;
    }
    batch.clear();
    return Status::Ok();
  };
  for (size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    ++report.rows;
    auto get = [&](const char* name) -> std::string {
      auto it = col.find(name);
      return it == col.end() || it->second >= row.fields.size() ? "" : row.fields[it->second];
    };
    std::string number = get("number");
    auto reject = [&](const std::string& why) { report.rejected.push_back({row.line, Shown(number), why}); };
    if (row.fields.size() > rows[0].fields.size()) { reject("列数多于表头"); continue; }
    if (!ValidNumber(number)) { reject("number 缺失或格式不正确（字母、数字和 -，至多 64 个字符）"); continue; }
    if (!seen.insert(number).second) { reject("number 在文件中重复"); continue; }
    store::TicketWithEvents item;
    Ticket& t = item.ticket;
    t.number = number;
    auto created = ParseTime(get("created_at"));
    if (!created) { reject("created_at 缺失或格式不正确"); continue; }
    t.created_at = t.updated_at = *created;
    std::string v;
    if (!(v = get("kind")).empty()) {
      auto k = ParseTicketKind(v);
      if (!k) { reject("未知的 kind：" + Shown(v)); continue; }
      t.kind = *k;
    }
    if (!(v = get("urgency")).empty()) {
      auto u = ParseUrgency(v);
      if (!u) { reject("未知的 urgency：" + Shown(v)); continue; }
      t.urgency = *u;
    }
    t.channel = Channel::kImport;
    if (!(v = get("channel")).empty()) {
      auto c = ParseChannel(v);
      if (!c) { reject("未知的 channel：" + Shown(v)); continue; }
      t.channel = *c;
    }
    t.title = get("title");
    t.body = get("body");
    t.citizen_name = get("citizen_name");
    t.citizen_phone = get("citizen_phone");
    t.address = get("address");
    t.reply = get("reply");
    bool bad_text = false;
    for (auto [field, value, max, required] :
         {std::tuple<const char*, const std::string*, size_t, bool>{"title", &t.title, 200, true},
          {"body", &t.body, 5000, true}, {"citizen_name", &t.citizen_name, 50, false},
          {"citizen_phone", &t.citizen_phone, 20, false}, {"address", &t.address, 200, false},
          {"reply", &t.reply, 5000, false}}) {
      if (!IsValidUtf8(*value)) { reject(std::string(field) + " 不是有效的 UTF-8 文本"); bad_text = true; break; }
      if (required && value->empty()) { reject(std::string(field) + " 不能为空"); bad_text = true; break; }
      if (Utf8Length(*value) > max) {
        reject(std::string(field) + " 超过 " + std::to_string(max) + " 个字");
        bad_text = true;
        break;
      }
    }
    if (bad_text) continue;
    t.region_code = get("region");
    if (!t.region_code.empty() && !dir->FindRegion(t.region_code)) { reject("未知的 region：" + Shown(t.region_code)); continue; }
    t.category_code = get("category");
    if (!t.category_code.empty() && !dir->FindCategory(t.category_code)) {
      reject("未知的 category：" + Shown(t.category_code));
      continue;
    }
    t.owner_unit = get("owner_unit");
    if (!t.owner_unit.empty() && !dir->FindUnit(t.owner_unit)) { reject("未知的 owner_unit：" + Shown(t.owner_unit)); continue; }
    std::string lat = get("latitude"), lng = get("longitude");
    if (!lat.empty() || !lng.empty()) {
      auto la = Number(lat), lo = Number(lng);
      if (!la || !lo || *la < -90 || *la > 90 || *lo < -180 || *lo > 180) {
        reject("latitude/longitude 必须同时提供且在范围内");
        continue;
      }
      t.latitude = la;
      t.longitude = lo;
    }
    std::string status = get("status");
    if (status.empty()) status = "archived";
    if (status != "archived" && status != "resolved") {
      reject("status 只能是 archived 或 resolved（历史工单）：" + Shown(status));
      continue;
    }
    TimeMs closed_at = t.created_at;
    if (!(v = get("resolved_at")).empty()) {
      auto at = ParseTime(v);
      if (!at) { reject("resolved_at 格式不正确"); continue; }
      if (*at < t.created_at) { reject("resolved_at 早于 created_at"); continue; }
      closed_at = *at;
    }
    HistoricalHandling h;
    h.unit = t.owner_unit;
    h.reply = t.reply;
    h.resolved_at = closed_at;
    h.archive = status == "archived";
    h.received_reason = "批量导入";
    h.archive_reason = "批量导入：已归档";
    auto built = HistoricalTicket(t, h, *sla);
    if (!built.ok()) { reject(built.status().message()); continue; }
    item = std::move(built).value();
    ++report.accepted;
    if (dry_run) {
      auto stored = service.store().GetTicketByNumber(number);
      if (stored.ok()) {
        ++report.existing;
      } else if (stored.status().code() != StatusCode::kNotFound) {
        return stored.status();
      }
    } else {
      batch.push_back(std::move(item));
      if (batch.size() >= kBatch) LX_RETURN_IF_ERROR(flush());
    }
  }
  LX_RETURN_IF_ERROR(flush());
  return report;
}

}  // namespace lianxin::service
