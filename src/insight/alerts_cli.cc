#include "insight/alerts_cli.h"

#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>

#include "insight/alerts.h"
#include "insight/messages.h"
#include "text/text.h"

namespace lianxin::insight {

namespace {

constexpr const char* kUsage =
    "usage: lianxin insight alerts --data FILE.jsonl [--regions CSV] [--from YYYY-MM-DD]\n"
    "         [--alpha A] [--json]\n"
    "  --data FILE     messages, one JSON object a line: id, title, body, time\n"
    "  --regions CSV   region tree (code,name,parent,level): series per district\n"
    "  --from DATE     report count alerts from this day on (default: after 8 weeks)\n"
    "  --alpha A       tail probability that raises a count alert (default 0.0005)\n"
    "  --json          print one JSON array instead of text\n";

// The district (third level, "XD.A.A3") of a region code, or "" when above it.
std::string District(const std::string& code) {
  size_t first = code.find('.');
  if (first == std::string::npos) return "";
  size_t second = code.find('.', first + 1);
  if (second == std::string::npos) return "";
  size_t third = code.find('.', second + 1);
  return third == std::string::npos ? code : code.substr(0, third);
}

std::string DayString(int64_t day) { return FormatIsoCst(day * kDayMs).substr(0, 10); }

}  // namespace

int RunAlertsCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string data, regions_csv, from;
  bool json = false;
  AlertOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& v) {
      if (i + 1 >= args.size()) return false;
      v = args[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      out << kUsage;
      return 0;
    } else if (a == "--json") {
      json = true;
    } else if (a == "--data" && value(data)) {
    } else if (a == "--regions" && value(regions_csv)) {
    } else if (a == "--from" && value(from)) {
    } else if (a == "--alpha" && value(v)) {
      options.alpha = std::strtod(v.c_str(), nullptr);
      if (!(options.alpha > 0 && options.alpha < 1)) {
        err << "lianxin insight alerts: --alpha 应在 0 和 1 之间\n";
        return 2;
      }
    } else {
      err << "lianxin insight alerts: 无法识别的参数 " << a << "\n" << kUsage;
      return 2;
    }
  }
  CliInputs inputs;
  if (int rc = ReadCliInputs("alerts", data, regions_csv, kUsage, err, inputs); rc != 0) return rc;
  const std::vector<HotspotInput>* messages = &inputs.messages;
  const std::vector<Region>& regions = inputs.regions;
  std::optional<int64_t> from_day;
  if (!from.empty()) {
    auto t = ParseTime(from);
    if (!t) {
      err << "lianxin insight alerts: --from 日期无效: " << from << "\n";
      return 2;
    }
    from_day = CstDay(*t);
  }
  auto gazetteer = text::Gazetteer::Build(regions);
  nlohmann::json list = nlohmann::json::array();
  if (messages->empty()) {
    out << (json ? "[]\n" : "没有留言\n");
    return 0;
  }
  int64_t first = CstDay(messages->front().time), last = first;
  for (const HotspotInput& m : *messages) {
    first = std::min(first, CstDay(m.time));
    last = std::max(last, CstDay(m.time));
  }
  // Series per key, with the ids of each day for the explanation.
  struct Built {
    CountSeries series;
    std::map<int64_t, std::vector<int64_t>> ids;  // day → ticket ids
  };
  std::map<std::string, Built> series;
  for (const HotspotInput& m : *messages) {
    int64_t day = CstDay(m.time);
    std::string district = District(gazetteer->Locate(m.title + " " + m.body));
    for (const std::string& key : {std::string("total"), district}) {
      if (key.empty()) continue;
      Built& b = series[key];
      if (b.series.counts.empty()) {
        b.series.key = key;
        b.series.first_day = first;
        b.series.counts.assign(static_cast<size_t>(last - first + 1), 0);
      }
      ++b.series.counts[static_cast<size_t>(day - first)];
      b.ids[day].push_back(m.id);
    }
    for (const RiskyWordHit& hit : FindRiskyWords(m.title + " " + m.body)) {
      if (from_day && day < *from_day) continue;
      list.push_back({{"kind", "risky_word"}, {"ticket", m.id}, {"day", DayString(day)},
                      {"word", hit.word}, {"category", hit.category}});
    }
  }
  for (const auto& [key, b] : series) {
    size_t from_index = from_day ? static_cast<size_t>(std::max<int64_t>(*from_day - first, 0)) : 0;
    for (const SeriesCheck& c : ScanSeries(b.series, from_index, options)) {
      std::vector<int64_t> examples;
      auto it = b.ids.find(c.day);
      if (it != b.ids.end()) {
        examples.assign(it->second.begin(), it->second.begin() + std::min<size_t>(3, it->second.size()));
      }
      list.push_back({{"kind", "count"}, {"series", key}, {"day", DayString(c.day)},
                      {"expected", std::round(c.expected * 100) / 100}, {"seen", c.seen},
                      {"p_value", c.p_value}, {"examples", examples}});
    }
  }
  if (json) {
    out << list.dump() << "\n";
    return 0;
  }
  out << list.size() << " 条预警\n";
  for (const auto& a : list) {
    if (a["kind"] == "risky_word") {
      out << a["day"].get<std::string>() << "  风险词 [" << a["category"].get<std::string>() << "] "
          << a["word"].get<std::string>() << "  工单 " << a["ticket"].get<int64_t>() << "\n";
    } else {
      out << a["day"].get<std::string>() << "  数量异常 " << a["series"].get<std::string>() << ": 预期 "
          << a["expected"].get<double>() << ", 实际 " << a["seen"].get<int>() << " (p="
          << a["p_value"].get<double>() << ")  例: " << a["examples"].dump() << "\n";
    }
  }
  return 0;
}

}  // namespace lianxin::insight
