// Reader of the teddy2020 JSONL files (../shared/data/teddy2020) as historical messages.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/utf8.h"

namespace lianxin::cli {

namespace {

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

std::string Id(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  if (it->is_string()) return it->get<std::string>();
  return "";
}

// Reads one file; `prefix` + the row's key makes the ticket number.
Status ReadFile(const std::string& path, const std::string& prefix, const char* key_field,
                std::vector<service::HistoricalMessage>& out) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open " + path);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    if (!IsValidUtf8(line)) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": invalid UTF-8");
    }
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": not a JSON object");
    }
    service::HistoricalMessage m;
    std::string key = Id(j, key_field);
    if (key.empty()) key = "line" + std::to_string(line_no);
    m.number = prefix + key;
    m.user = Str(j, "user");
    m.title = Str(j, "title");
    m.body = Str(j, "body");
    if (m.title.empty() && m.body.empty()) {
      std::string seg = Str(j, "text_segmented");
      for (char c : seg) {
        if (c != ' ') m.body += c;
      }
    }
    if (m.title.empty() && m.body.empty()) continue;
    if (auto t = ParseTime(Str(j, "time"))) m.time = *t;
    m.category_name = Str(j, "label_l1");
    m.reply = Str(j, "reply");
    if (auto t = ParseTime(Str(j, "reply_time"))) m.reply_time = *t;
    out.push_back(std::move(m));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<service::HistoricalMessage>> ReadTeddy(const std::string& dir) {
  std::vector<service::HistoricalMessage> out;
  struct FileSpec {
    const char* name;
    const char* prefix;
    const char* key;
  };
  const FileSpec files[] = {{"messages_labeled.jsonl", "HIS-L", "orig_row"},
                            {"messages_with_votes.jsonl", "HIS-V", "id"},
                            {"messages_with_replies.jsonl", "HIS-R", "id"},
                            {"test_unlabeled.jsonl", "HIS-T", "id"}};
  for (const FileSpec& f : files) {
    std::string path = dir + "/" + f.name;
    if (!std::filesystem::exists(path)) continue;
    LX_RETURN_IF_ERROR(ReadFile(path, f.prefix, f.key, out));
  }
  if (out.empty()) return Status::NotFound("no teddy2020 files in " + dir);
  return out;
}

}  // namespace lianxin::cli

// ---- evaluation (issue 4, part B) ----
namespace lianxin::cli {

Result<std::vector<service::HistoricalMessage>> ReadTeddyFile(const std::string& path) {
  std::vector<service::HistoricalMessage> out;
  LX_RETURN_IF_ERROR(ReadFile(path, "", "id", out));
  return out;
}

}  // namespace lianxin::cli
// ---- end evaluation ----
