#include "insight/messages.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/time.h"

namespace lianxin::insight {

namespace {

Status LineError(const std::string& path, int line, const std::string& message) {
  return Status::InvalidArgument(path + ":" + std::to_string(line) + ": " + message);
}

}  // namespace

Result<std::vector<HotspotInput>> ReadMessagesJsonl(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("无法打开文件 " + path);
  std::vector<HotspotInput> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return LineError(path, number, "不是有效的 JSON 对象");
    HotspotInput m;
    const auto id = j.find("id");
    if (id == j.end()) return LineError(path, number, "缺少 id");
    if (id->is_number_integer()) {
      m.id = id->get<int64_t>();
    } else if (id->is_string()) {
      const std::string s = id->get<std::string>();
      if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), ::isdigit)) {
        return LineError(path, number, "id 必须是整数");
      }
      m.id = std::stoll(s);
    } else {
      return LineError(path, number, "id 必须是整数");
    }
    auto str = [&](const char* key, std::string& field) -> bool {
      auto it = j.find(key);
      if (it == j.end() || it->is_null()) return true;
      if (!it->is_string()) return false;
      field = it->get<std::string>();
      return true;
    };
    std::string time;
    if (!str("title", m.title) || !str("body", m.body) || !str("user", m.user) ||
        !str("unit", m.unit_code) || !str("time", time)) {
      return LineError(path, number, "title/body/user/unit/time 必须是字符串");
    }
    if (m.title.empty() && m.body.empty()) return LineError(path, number, "title 和 body 都为空");
    if (time.empty()) return LineError(path, number, "缺少 time");
    auto t = ParseTime(time);
    if (!t) return LineError(path, number, "time 格式无效: " + time);
    m.time = *t;
    if (auto it = j.find("likes"); it != j.end() && !it->is_null()) {
      if (!it->is_number_integer()) return LineError(path, number, "likes 必须是整数");
      m.likes = it->get<int64_t>();
    }
    if (auto it = j.find("urgent"); it != j.end() && !it->is_null()) {
      if (!it->is_boolean()) return LineError(path, number, "urgent 必须是布尔值");
      m.urgent = it->get<bool>();
    }
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<std::string> RegionUserWords(const std::vector<Region>& regions) {
  std::vector<std::string> out;
  out.reserve(regions.size());
  for (const Region& r : regions) {
    if (!r.name.empty()) out.push_back(r.name);
  }
  return out;
}

Result<std::vector<Region>> ReadRegionsCsv(const std::string& path) {
  LX_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  LX_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ReadCsv(text, path));
  if (rows.empty()) return Status::InvalidArgument(path + ": 文件为空");
  const std::vector<std::string> want = {"code", "name", "parent", "level"};
  if (rows[0].fields != want) return Status::InvalidArgument(path + ": 表头应为 code,name,parent,level");
  std::vector<Region> out;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& f = rows[r].fields;
    if (f.size() != 4) return RowError(path, rows[r].line, "应有 4 列");
    auto level = ParseRegionLevel(f[3]);
    if (!level) return RowError(path, rows[r].line, "无效的 level: " + f[3]);
    out.push_back({f[0], f[1], f[2], *level});
  }
  return out;
}

int ReadCliInputs(const std::string& command, const std::string& data,
                  const std::string& regions_csv, const char* usage, std::ostream& err,
                  CliInputs& out) {
  const std::string who = "lianxin insight " + command + ": ";
  if (data.empty()) {
    err << who << "需要 --data FILE.jsonl\n" << usage;
    return 2;
  }
  auto messages = ReadMessagesJsonl(data);
  if (!messages.ok()) {
    err << who << messages.status().ToString() << "\n";
    return messages.status().code() == StatusCode::kInvalidArgument ? 2 : 1;
  }
  out.messages = std::move(messages).value();
  if (!regions_csv.empty()) {
    auto read = ReadRegionsCsv(regions_csv);
    if (!read.ok()) {
      err << who << read.status().ToString() << "\n";
      return 1;
    }
    out.regions = std::move(read).value();
  }
  return 0;
}

}  // namespace lianxin::insight
