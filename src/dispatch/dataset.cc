#include "dispatch/dataset.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/utf8.h"

namespace lianxin::dispatch {

namespace {

std::string Str(const nlohmann::json& j, const std::string& key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

std::string Trim(std::string s) {
  const char* ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

}  // namespace

Result<std::vector<LabeledMessage>> ReadLabeledJsonl(const std::string& path,
                                                     const ReadOptions& options) {
  const std::string& label_field = options.label_field;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::vector<LabeledMessage> out;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto where = [&] { return path + ":" + std::to_string(line_no) + ": "; };
    if (!IsValidUtf8(line)) return Status::InvalidArgument(where() + "invalid UTF-8");
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      return Status::InvalidArgument(where() + "not a JSON object");
    }
    LabeledMessage m;
    m.title = Trim(Str(j, "title"));
    m.body = Trim(Str(j, "body"));
    m.label = Str(j, label_field);
    if (m.body.empty() && (m.title.empty() || options.segmented_body)) {
      for (char c : Str(j, "text_segmented")) {
        if (c != ' ') m.body += c;
      }
    }
    if (m.label.empty()) return Status::InvalidArgument(where() + "no \"" + label_field + "\"");
    if (m.title.empty() && m.body.empty()) return Status::InvalidArgument(where() + "no text");
    out.push_back(std::move(m));
  }
  if (out.empty()) return Status::InvalidArgument(path + ": no labelled messages");
  return out;
}

LabelIndex IndexLabels(const std::vector<LabeledMessage>& data) {
  LabelIndex index;
  std::map<std::string, int> ids;
  for (const auto& m : data) ids.emplace(m.label, 0);
  for (auto& [label, id] : ids) {
    id = static_cast<int>(index.labels.size());
    index.labels.push_back(label);
  }
  index.of_message.reserve(data.size());
  for (const auto& m : data) index.of_message.push_back(ids[m.label]);
  return index;
}

}  // namespace lianxin::dispatch
