#include "core/csv.h"

#include <fstream>
#include <sstream>

namespace lianxin {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

Status RowError(std::string_view source, int line, const std::string& message) {
  return Status::InvalidArgument(std::string(source) + ":" + std::to_string(line) + ": " + message);
}

Result<std::vector<CsvRow>> ReadCsv(std::string_view text, std::string_view source) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRow> rows;
  int line_no = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_no;
    line = Trim(line);
    if (line.empty() || line.front() == '#') continue;
    CsvRow row;
    row.line = line_no;
    size_t pos = 0;
    while (true) {
      std::string field;
      size_t start = pos;
      while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
      if (pos < line.size() && line[pos] == '"') {
        ++pos;
        bool closed = false;
        while (pos < line.size()) {
          if (line[pos] == '"') {
            if (pos + 1 < line.size() && line[pos + 1] == '"') {
              field += '"';
              pos += 2;
              continue;
            }
            closed = true;
            ++pos;
            break;
          }
          field += line[pos++];
        }
        if (!closed) return RowError(source, line_no, "引号未闭合");
        size_t comma = line.find(',', pos);
        if (!Trim(line.substr(pos, comma == std::string_view::npos ? comma : comma - pos))
                 .empty()) {
          return RowError(source, line_no, "引号后有多余字符");
        }
        pos = comma;
      } else {
        size_t comma = line.find(',', start);
        field = std::string(
            Trim(line.substr(start, comma == std::string_view::npos ? comma : comma - start)));
        pos = comma;
      }
      row.fields.push_back(std::move(field));
      if (pos == std::string_view::npos) break;
      ++pos;  // past the comma
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("无法打开文件：" + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace lianxin
