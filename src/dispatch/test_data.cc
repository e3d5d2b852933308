#include "dispatch/test_data.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "dispatch/objective.h"
#include "testutil/testutil.h"

namespace lianxin::dispatch::testing {

std::vector<LabeledMessage> SyntheticMessages(int per_label) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> topics = {
      {"交通运输", {"公交", "车站", "道路", "拥堵", "出租车", "司机", "线路", "高速"}},
      {"教育文体", {"学校", "老师", "学生", "招生", "幼儿园", "学费", "考试", "课程"}},
      {"环境保护", {"污染", "噪音", "油烟", "排放", "垃圾", "河道", "臭味", "工厂"}},
  };
  const std::vector<std::string> noise = {"请", "领导", "解决", "问题", "市民", "反映", "希望", "尽快"};
  std::vector<LabeledMessage> out;
  Rng rng(5);
  for (int i = 0; i < per_label; ++i) {
    for (const auto& [label, words] : topics) {
      LabeledMessage m;
      m.label = label;
      m.title = words[rng.Below(words.size())] + words[rng.Below(words.size())] + "的问题";
      for (int w = 0; w < 12; ++w) {
        m.body += rng.Below(3) == 0 ? noise[rng.Below(noise.size())] : words[rng.Below(words.size())];
        if (w % 4 == 3) m.body += "，";
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

std::string WriteCaseSplit(const std::string& split, const std::string& out_path,
                           double* min_macro_f1, double* min_accuracy) {
  const std::string path = testutil::RepoRoot() + "/tests/cases/dispatch/classifier_quality.jsonl";
  std::ifstream in(path);
  if (!in) return "cannot open " + path;
  std::ofstream out(out_path);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) return "bad line in " + path;
    if (header) {
      header = false;
      if (!j.contains("case")) return "no case header in " + path;
      *min_macro_f1 = j["case"].value("min_macro_f1", 1.0);
      *min_accuracy = j["case"].value("min_accuracy", 1.0);
      continue;
    }
    if (j.value("split", "") == split) out << line << "\n";
  }
  return "";
}

}  // namespace lianxin::dispatch::testing
