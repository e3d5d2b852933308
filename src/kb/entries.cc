#include "kb/entries.h"

#include <map>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/utf8.h"

namespace lianxin::kb {

namespace {

size_t CountChars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool IsDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  int month = std::stoi(d.substr(5, 2));
  int day = std::stoi(d.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t end = s.find(sep, pos);
    if (end == std::string::npos) end = s.size();
    std::string part = Trim(std::string_view(s).substr(pos, end - pos));
    if (!part.empty()) out.push_back(part);
    pos = end + 1;
  }
  return out;
}

const char* const kColumns[] = {"questions", "answer",   "source",  "source_url", "owner_unit",
                                "valid_from", "valid_to", "regions", "tags"};

Status SetField(KbEntry& e, const std::string& column, const std::string& value) {
  if (column == "questions") e.questions = SplitOn(value, '|');
  else if (column == "answer") e.answer = value;
  else if (column == "source") e.source = value;
  else if (column == "source_url") e.source_url = value;
  else if (column == "owner_unit") e.owner_unit = value;
  else if (column == "valid_from") e.valid_from = value;
  else if (column == "valid_to") e.valid_to = value;
  else if (column == "regions") e.regions = SplitOn(value, ';');
  else if (column == "tags") e.tags = SplitOn(value, ';');
  else return Status::InvalidArgument("未知的列 " + column);
  return Status::Ok();
}

}  // namespace

Status ValidateEntry(const KbEntry& e) {
  if (e.questions.empty()) return Status::InvalidArgument("知识条目至少需要一个问法");
  for (const std::string& q : e.questions) {
    if (Trim(q).empty()) return Status::InvalidArgument("问法不能为空");
    if (q.find('\n') != std::string::npos) return Status::InvalidArgument("问法不能换行");
    if (CountChars(q) > 200) return Status::InvalidArgument("问法不能超过 200 字");
    if (!IsValidUtf8(q)) return Status::InvalidArgument("问法不是有效的 UTF-8");
  }
  if (Trim(e.answer).empty()) return Status::InvalidArgument("知识条目需要答案");
  if (CountChars(e.answer) > 5000) return Status::InvalidArgument("答案不能超过 5000 字");
  if (!IsValidUtf8(e.answer)) return Status::InvalidArgument("答案不是有效的 UTF-8");
  if (!e.valid_from.empty() && !IsDate(e.valid_from)) {
    return Status::InvalidArgument("生效日期应为 YYYY-MM-DD: " + e.valid_from);
  }
  if (!e.valid_to.empty() && !IsDate(e.valid_to)) {
    return Status::InvalidArgument("失效日期应为 YYYY-MM-DD: " + e.valid_to);
  }
  if (!e.valid_from.empty() && !e.valid_to.empty() && e.valid_from > e.valid_to) {
    return Status::InvalidArgument("生效日期晚于失效日期");
  }
  for (const auto* list : {&e.regions, &e.tags}) {
    for (const std::string& v : *list) {
      if (v.empty() || v.find_first_of(",;\n") != std::string::npos) {
        return Status::InvalidArgument("属地或标签不能为空或含有 , ; : " + v);
      }
    }
  }
  return Status::Ok();
}

Result<std::vector<KbEntry>> ParseEntriesCsv(std::string_view text, std::string_view source) {
  LX_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ReadCsv(text, source));
  if (rows.empty()) return Status::InvalidArgument(std::string(source) + ": 没有表头");
  std::vector<std::string> header = rows.front().fields;
  bool has_q = false, has_a = false;
  for (const std::string& h : header) {
    bool known = false;
    for (const char* c : kColumns) known = known || h == c;
    if (!known) return RowError(source, rows.front().line, "未知的列 " + h);
    has_q = has_q || h == "questions";
    has_a = has_a || h == "answer";
  }
  if (!has_q || !has_a) return RowError(source, rows.front().line, "表头必须包含 questions 和 answer");
  std::vector<KbEntry> out;
  for (size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    if (row.fields.size() != header.size()) {
      return RowError(source, row.line, "列数应为 " + std::to_string(header.size()));
    }
    KbEntry e;
    for (size_t c = 0; c < header.size(); ++c) LX_RETURN_IF_ERROR(SetField(e, header[c], row.fields[c]));
    Status valid = ValidateEntry(e);
    if (!valid.ok()) return RowError(source, row.line, valid.message());
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<KbEntry>> ParseEntriesJsonl(std::string_view text, std::string_view source) {
  std::vector<KbEntry> out;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (Trim(line).empty()) continue;
    if (!IsValidUtf8(line)) return RowError(source, line_no, "不是有效的 UTF-8");
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return RowError(source, line_no, "不是 JSON 对象");
    KbEntry e;
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& key = it.key();
      if (key == "questions" || key == "regions" || key == "tags") {
        if (!it->is_array()) return RowError(source, line_no, key + " 应为字符串数组");
        std::vector<std::string> values;
        for (const auto& v : *it) {
          if (!v.is_string()) return RowError(source, line_no, key + " 应为字符串数组");
          values.push_back(Trim(v.get<std::string>()));
        }
        if (key == "questions") e.questions = values;
        else if (key == "regions") e.regions = values;
        else e.tags = values;
      } else {
        if (!it->is_string()) return RowError(source, line_no, key + " 应为字符串");
        Status st = SetField(e, key, it->get<std::string>());
        if (!st.ok()) return RowError(source, line_no, st.message());
      }
    }
    Status valid = ValidateEntry(e);
    if (!valid.ok()) return RowError(source, line_no, valid.message());
    out.push_back(std::move(e));
  }
  if (out.empty()) return Status::InvalidArgument(std::string(source) + ": 没有条目");
  return out;
}

std::string_view ToString(KbEntryStatus status) {
  switch (status) {
    case KbEntryStatus::kDraft: return "draft";
    case KbEntryStatus::kPublished: return "published";
    case KbEntryStatus::kRetired: return "retired";
  }
  return "draft";
}

bool ParseEntryStatus(std::string_view name, KbEntryStatus& out) {
  if (name == "draft") out = KbEntryStatus::kDraft;
  else if (name == "published") out = KbEntryStatus::kPublished;
  else if (name == "retired") out = KbEntryStatus::kRetired;
  else return false;
  return true;
}

}  // namespace lianxin::kb
