#include "insight/hotspots_cli.h"

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "insight/hotspots.h"
#include "insight/messages.h"

namespace lianxin::insight {

namespace {

constexpr const char* kUsage =
    "usage: lianxin insight hotspots --data FILE.jsonl [--json] [--top N] [--regions CSV]\n"
    "         [--set key=value ...] [--threads N] [--dict DIR] [--char-segmenter]\n"
    "  --data FILE       messages, one JSON object a line: id, title, body, time[, likes, user]\n"
    "  --json            print one JSON array [{title, heat, ids, ...}] instead of text\n"
    "  --top N           hottest N topics (default 20; 0 = every topic of 2+ tickets)\n"
    "  --regions CSV     region tree (code,name,parent,level) for the gazetteer\n"
    "  --set key=value   a clustering option (repeatable), e.g. join_threshold=0.45\n"
    "  --threads N       segmentation threads (default 2)\n"
    "  --dict DIR        jieba dictionary folder (default: the one found at build time)\n"
    "  --char-segmenter  one token per character (no dictionary; for tests)\n";

bool ParseDouble(const std::string& s, double& out) {
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size();
}

std::string Day(TimeMs t) {
  std::string iso = FormatIsoCst(t);
  return iso.substr(0, 10);
}

}  // namespace

bool SetHotspotOption(const std::string& assignment, HotspotOptions& o) {
  size_t eq = assignment.find('=');
  if (eq == std::string::npos) return false;
  std::string key = assignment.substr(0, eq);
  double v = 0;
  if (!ParseDouble(assignment.substr(eq + 1), v) || v < 0) return false;
  auto size = [&](size_t& field) {
    field = static_cast<size_t>(v);
    return true;
  };
  if (key == "join_threshold") return o.join_threshold = v, v <= 1;
  if (key == "other_district_penalty") return o.other_district_penalty = v, v <= 1;
  if (key == "window_days") return o.window = static_cast<TimeMs>(v * kDayMs), true;
  if (key == "title_weight") return o.title_weight = v, true;
  if (key == "max_body_chars") return size(o.max_body_chars);
  if (key == "max_terms") return v >= 1 && size(o.max_terms);
  if (key == "centroid_terms") return v >= 1 && size(o.centroid_terms);
  if (key == "index_terms") return v >= 1 && size(o.index_terms);
  if (key == "probe_terms") return v >= 1 && size(o.probe_terms);
  if (key == "max_scan") return v >= 1 && size(o.max_scan);
  if (key == "rescore") return v >= 1 && size(o.rescore);
  if (key == "min_size") return v >= 1 && size(o.min_size);
  return false;
}

int RunHotspotsCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string data, regions_csv, dict;
  bool json = false, char_segmenter = false;
  long top = 20, threads = 2;
  HotspotOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& v) {
      if (i + 1 >= args.size()) return false;
      v = args[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      out << kUsage << "\noptions and defaults:\n" << HotspotOptions().ToString();
      return 0;
    } else if (a == "--json") {
      json = true;
    } else if (a == "--char-segmenter") {
      char_segmenter = true;
    } else if (a == "--data" && value(data)) {
    } else if (a == "--regions" && value(regions_csv)) {
    } else if (a == "--dict" && value(dict)) {
    } else if (a == "--top" && value(v)) {
      top = std::strtol(v.c_str(), nullptr, 10);
      if (top < 0) top = 0;
    } else if (a == "--threads" && value(v)) {
      threads = std::max(1L, std::strtol(v.c_str(), nullptr, 10));
    } else if (a == "--set" && value(v)) {
      if (!SetHotspotOption(v, options)) {
        err << "lianxin insight hotspots: 无效的选项 " << v << "\n";
        return 2;
      }
    } else {
      err << "lianxin insight hotspots: 无法识别的参数 " << a << "\n" << kUsage;
      return 2;
    }
  }
  CliInputs inputs;
  if (int rc = ReadCliInputs("hotspots", data, regions_csv, kUsage, err, inputs); rc != 0) return rc;
  const std::vector<HotspotInput>* messages = &inputs.messages;
  const std::vector<Region>& regions = inputs.regions;
  std::unique_ptr<text::Gazetteer> gazetteer = text::Gazetteer::Build(regions);
  std::unique_ptr<text::Segmenter> segmenter;
  if (char_segmenter) {
    segmenter = text::NewCharSegmenter();
  } else {
    text::SegmenterOptions so;
    so.dict_dir = dict;
    so.user_words = RegionUserWords(regions);
    auto loaded = text::LoadJiebaSegmenter(so);
    if (!loaded.ok()) {
      err << "lianxin insight hotspots: " << loaded.status().ToString() << "\n";
      return 1;
    }
    segmenter = std::move(loaded).value();
  }
  HotspotFeaturizer featurizer(*segmenter, gazetteer.get(), options);
  BatchResult batch = ClusterBatch(featurizer, *messages, static_cast<int>(threads));
  std::vector<Hotspot> topics = batch.clusterer->Snapshot(*batch.vocabulary, static_cast<size_t>(top));
  if (json) {
    nlohmann::json list = nlohmann::json::array();
    for (const Hotspot& h : topics) {
      list.push_back({{"title", h.title},
                      {"heat", std::round(h.heat * 1000) / 1000},
                      {"ids", h.ticket_ids},
                      {"size", h.ticket_ids.size()},
                      {"first_time", FormatIsoCst(h.first_time)},
                      {"last_time", FormatIsoCst(h.last_time)},
                      {"places", h.places},
                      {"keywords", h.keywords},
                      {"people", h.people},
                      {"likes", h.likes},
                      {"growth", std::round(h.growth * 1000) / 1000}});
    }
    out << list.dump() << "\n";
    return 0;
  }
  out << messages->size() << " 条留言, " << batch.clusterer->topic_count() << " 个簇; 热点 (至少 "
      << options.min_size << " 条):\n";
  int rank = 0;
  for (const Hotspot& h : topics) {
    out << "#" << ++rank << "  热度 " << std::round(h.heat * 100) / 100 << "  " << h.title << "  ("
        << h.ticket_ids.size() << " 条, " << h.people << " 人, 点赞 " << h.likes << ", "
        << Day(h.first_time) << " ~ " << Day(h.last_time) << ")\n   ids:";
    for (int64_t id : h.ticket_ids) out << " " << id;
    out << "\n";
  }
  return 0;
}

}  // namespace lianxin::insight
