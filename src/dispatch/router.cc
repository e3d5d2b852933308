#include "dispatch/router.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <set>
#include <string_view>
#include <unordered_map>

namespace lianxin::dispatch {
namespace {

// Splits a category name into the words that evidence it ("房产证登记、办理" →
// {"房产证登记", "办理"}); words shorter than two characters are dropped.
std::vector<std::string> NameWords(const std::string& name) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    size_t chars = 0;
    for (unsigned char c : cur) chars += (c & 0xC0) != 0x80;
    if (chars >= 2 && cur != "其他") out.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < name.size();) {
    // Separators: 、 ， / ( ) （ ） and ASCII punctuation.
    static const char* kSeps[] = {"、", "，", "（", "）", "和", "及", "与"};
    bool sep = false;
    for (const char* s : kSeps) {
      size_t n = std::char_traits<char>::length(s);
      if (name.compare(i, n, s) == 0) {
        flush();
        i += n;
        sep = true;
        break;
      }
    }
    if (sep) continue;
    char c = name[i];
    if (c == '/' || c == '(' || c == ')' || c == ',' || c == ' ') {
      flush();
      ++i;
      continue;
    }
    cur += c;
    ++i;
  }
  flush();
  return out;
}

// The two-character pieces of a category name's words ("燃气供应" → 燃气, 气供,
// 供应), without the generic ones that occur in many names; a text evidences a
// category by the pieces it contains.
std::vector<std::string> NameBigrams(const std::string& name) {
  static const std::set<std::string> kGeneric = {"管理", "问题", "其他", "服务", "建设", "工作",
                                                 "相关", "政策", "保障", "事务", "综合"};
  std::vector<std::string> out;
  for (const std::string& word : NameWords(name)) {
    std::vector<std::string> chars;
    for (size_t i = 0; i < word.size();) {
      auto c = static_cast<unsigned char>(word[i]);
      size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      chars.push_back(word.substr(i, n));
      i += n;
    }
    for (size_t i = 0; i + 1 < chars.size(); ++i) {
      std::string bigram = chars[i] + chars[i + 1];
      if (!kGeneric.count(bigram) &&
          std::find(out.begin(), out.end(), bigram) == out.end()) {
        out.push_back(bigram);
      }
    }
  }
  return out;
}

std::vector<std::string> SplitSpaces(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t end = s.find(' ', pos);
    if (end == std::string::npos) end = s.size();
    if (end > pos) out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::string Fixed2(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

const char* LevelZh(RegionLevel level) {
  switch (level) {
    case RegionLevel::kProvince: return "省级";
    case RegionLevel::kCity: return "市级";
    case RegionLevel::kDistrict: return "区县级";
    case RegionLevel::kStreet: return "街镇级";
    case RegionLevel::kCommunity: return "社区级";
  }
  return "";
}

// The bytes of a short string (<= 8, e.g. two UTF-8 characters) as one number,
// zero-padded. Distinct for distinct two-character strings: UTF-8 fixes where
// each character ends, so a longer one cannot be a shorter one plus padding.
uint64_t PairKey(std::string_view s) {
  uint64_t key = 0;
  std::memcpy(&key, s.data(), std::min<size_t>(s.size(), sizeof key));
  return key;
}

}  // namespace

struct Router::Impl {
  RouterOptions options;
  std::unordered_map<std::string, Region> regions;
  std::unordered_map<std::string, Unit> units;
  std::unordered_map<std::string, Category> categories;
  std::unordered_map<std::string, std::vector<std::string>> children;  // category → children
  std::unordered_map<std::string, std::vector<std::string>> words;     // category → name words
  std::unordered_map<std::string, std::vector<int>> word_ids;  // category → ids of its words
  std::unordered_map<std::string, int> word_id;                // name word → id
  std::unordered_map<uint64_t, int> pair_id;                   // PairKey(name word) → id
  // A category's children with their words, resolved once (Refine's walk).
  struct ChildInfo {
    const std::string* code;
    const std::vector<std::string>* words;  // null when the category has none
    const std::vector<int>* ids;
  };
  std::unordered_map<std::string, std::vector<ChildInfo>> child_info;  // category → children
  std::unordered_map<std::string, std::vector<DutyRule>> rules;        // category → rules
  std::map<std::string, std::string> l1_by_name;
  std::string root_region;

  // The ancestor-or-self of `code` at `level`, or the nearest existing one above.
  std::string RegionAt(const std::string& code, RegionLevel level) const {
    std::string cur = code;
    while (!cur.empty()) {
      auto it = regions.find(cur);
      if (it == regions.end()) return "";
      if (it->second.level <= level) return cur;
      cur = it->second.parent;
    }
    return "";
  }

  // Marks which name words (two-character pieces) occur in `text`: one pass
  // over the text's character pairs instead of one search per word.
  std::vector<char> PresentWords(const std::string& text) const {
    std::vector<char> present(word_id.size(), 0);
    size_t prev = std::string::npos;  // start of the previous character
    for (size_t i = 0; i < text.size();) {
      auto c = static_cast<unsigned char>(text[i]);
      size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (i + n > text.size()) break;
      if (prev != std::string::npos) {
        auto it = pair_id.find(PairKey(std::string_view(text).substr(prev, i + n - prev)));
        if (it != pair_id.end()) present[it->second] = 1;
      }
      prev = i;
      i += n;
    }
    return present;
  }

  // Finds the deepest category under `l1` whose name words occur in the text
  // (`present`, from PresentWords); returns {code, matched words}. Falls back
  // to `l1` itself.
  std::pair<std::string, std::vector<std::string>> Refine(const std::string& l1,
                                                          const std::vector<char>& present) const {
    std::string best = l1;
    std::vector<std::string> best_words;
    size_t best_len = 0;
    std::vector<const std::string*> stack = {&l1};
    while (!stack.empty()) {
      const std::string* code = stack.back();
      stack.pop_back();
      auto ch = child_info.find(*code);
      if (ch == child_info.end()) continue;
      for (const ChildInfo& info : ch->second) {
        stack.push_back(info.code);
        if (info.words == nullptr) continue;
        const std::string& child = *info.code;
        const std::vector<int>& ids = *info.ids;
        size_t len = 0;
        std::vector<std::string> hit;
        for (size_t k = 0; k < ids.size(); ++k) {
          if (present[ids[k]]) {
            len += (*info.words)[k].size();
            hit.push_back((*info.words)[k]);
          }
        }
        // Prefer more evidence, then the deeper category.
        if (len > best_len || (len == best_len && len > 0 && child.size() > best.size() &&
                               child.rfind(best, 0) == 0)) {
          best = child;
          best_len = len;
          best_words = hit;
        }
      }
    }
    return {best, best_words};
  }

  // The duty rule for `category` and `text`: a keyword rule whose word occurs
  // wins over the default; climbs to the parent category when none.
  const DutyRule* RuleFor(const std::string& category, const std::string& text,
                          std::string* matched_keyword) const {
    std::string cur = category;
    while (!cur.empty()) {
      auto it = rules.find(cur);
      if (it != rules.end()) {
        const DutyRule* fallback = nullptr;
        for (const DutyRule& r : it->second) {
          if (r.keywords.empty()) {
            if (!fallback) fallback = &r;
            continue;
          }
          for (const std::string& kw : SplitSpaces(r.keywords)) {
            if (text.find(kw) != std::string::npos) {
              *matched_keyword = kw;
              return &r;
            }
          }
        }
        if (fallback) return fallback;
      }
      auto c = categories.find(cur);
      cur = c == categories.end() ? "" : c->second.parent;
    }
    return nullptr;
  }

  // The unit of `type` serving `region` at `level`, climbing up when absent.
  const Unit* UnitFor(const std::string& region, RegionLevel level, const std::string& type) const {
    std::string cur = RegionAt(region, level);
    while (!cur.empty()) {
      auto u = units.find(cur + "/" + type);
      if (u != units.end()) return &u->second;
      auto r = regions.find(cur);
      cur = r == regions.end() ? "" : r->second.parent;
    }
    return nullptr;
  }

  const Unit* Government(const std::string& region) const {
    std::string cur = region.empty() ? root_region : region;
    while (!cur.empty()) {
      auto u = units.find(cur + "/gov");
      if (u != units.end()) return &u->second;
      auto r = regions.find(cur);
      cur = r == regions.end() ? "" : r->second.parent;
    }
    return nullptr;
  }

  std::string CategoryPath(const std::string& code) const {
    std::vector<std::string> names;
    std::string cur = code;
    while (!cur.empty()) {
      auto c = categories.find(cur);
      if (c == categories.end()) break;
      names.push_back(c->second.name);
      cur = c->second.parent;
    }
    std::string out;
    for (auto it = names.rbegin(); it != names.rend(); ++it) {
      if (!out.empty()) out += " › ";
      out += *it;
    }
    return out;
  }

  std::string RegionPath(const std::string& code) const {
    std::vector<std::string> names;
    std::string cur = code;
    while (!cur.empty()) {
      auto r = regions.find(cur);
      if (r == regions.end()) break;
      if (!r->second.parent.empty()) names.push_back(r->second.name);
      cur = r->second.parent;
    }
    std::string out;
    for (auto it = names.rbegin(); it != names.rend(); ++it) out += *it;
    return out;
  }
};

Router::Router(const std::vector<Region>& regions, const std::vector<Unit>& units,
               const std::vector<Category>& categories, const std::vector<DutyRule>& rules,
               RouterOptions options)
    : impl_(std::make_unique<Impl>()) {
  Impl& im = *impl_;
  im.options = std::move(options);
  for (const Region& r : regions) {
    im.regions.emplace(r.code, r);
    if (r.parent.empty() && im.root_region.empty()) im.root_region = r.code;
  }
  for (const Unit& u : units) im.units.emplace(u.code, u);
  for (const Category& c : categories) {
    im.categories.emplace(c.code, c);
    if (!c.parent.empty()) im.children[c.parent].push_back(c.code);
    im.words[c.code] = NameBigrams(c.name);
    std::vector<int>& ids = im.word_ids[c.code];
    for (const std::string& w : im.words[c.code]) {
      ids.push_back(im.word_id.emplace(w, static_cast<int>(im.word_id.size())).first->second);
    }
    if (c.level == 1) im.l1_by_name.emplace(c.name, c.code);
  }
  for (const DutyRule& r : rules) im.rules[r.category_code].push_back(r);
  // Name words are two characters (at most 8 bytes): PresentWords looks pairs up by key.
  for (const auto& [w, id] : im.word_id) {
    if (w.size() <= 8) im.pair_id.emplace(PairKey(w), id);
  }
  for (const auto& [parent, kids] : im.children) {
    std::vector<Impl::ChildInfo>& infos = im.child_info[parent];
    for (const std::string& kid : kids) {
      auto w = im.words.find(kid);
      if (w == im.words.end()) {
        infos.push_back({&kid, nullptr, nullptr});
      } else {
        infos.push_back({&kid, &w->second, &im.word_ids.at(kid)});
      }
    }
  }
}

Router::~Router() = default;

const RouterOptions& Router::options() const { return impl_->options; }

std::string Router::CategoryCodeByName(const std::string& name) const {
  auto it = impl_->l1_by_name.find(name);
  return it == impl_->l1_by_name.end() ? "" : it->second;
}

RouteDecision Router::Route(const RouteQuery& q) const {
  const Impl& im = *impl_;
  RouteDecision d;
  bool region_known = !q.region_code.empty() && im.regions.count(q.region_code) > 0;
  d.region_code = region_known ? q.region_code : "";
  std::set<std::string> seen_units;
  std::string best_rule_text, best_words_text;
  const std::vector<char> present = im.PresentWords(q.text);

  // Up to three level-1 categories, each refined and routed.
  for (size_t i = 0; i < q.category_scores.size() && i < 3; ++i) {
    const auto& [l1, prob] = q.category_scores[i];
    if (!im.categories.count(l1)) continue;
    auto [category, words] = im.Refine(l1, present);
    std::string keyword;
    const DutyRule* rule = im.RuleFor(category, q.text, &keyword);
    const Unit* unit = nullptr;
    std::string rule_text;
    if (rule) {
      unit = im.UnitFor(d.region_code.empty() ? im.root_region : d.region_code, rule->region_level,
                        rule->unit_type);
      rule_text = "派单目录：" + im.CategoryPath(rule->category_code) + " 由" +
                  std::string(LevelZh(rule->region_level)) + "承办";
      if (unit) rule_text += "（" + unit->name + "）";
      if (!keyword.empty()) rule_text += "，关键词“" + keyword + "”";
    }
    if (!unit) {
      unit = im.Government(d.region_code);
      rule_text = "属地兜底：派单目录无对应单位，交属地政府";
    }
    if (!unit || seen_units.count(unit->code)) continue;
    seen_units.insert(unit->code);
    RouteCandidate c;
    c.unit_code = unit->code;
    c.unit_name = unit->name;
    c.category_code = category;
    c.score = prob;
    c.rule = rule_text;
    if (d.candidates.empty()) {
      best_rule_text = rule_text;
      for (const std::string& w : words) best_words_text += (best_words_text.empty() ? "" : "、") + w;
    }
    d.candidates.push_back(std::move(c));
  }
  // Region government as the last candidate, so a person always has a choice.
  if (const Unit* gov = im.Government(d.region_code); gov && d.candidates.size() < 3 &&
                                                      !seen_units.count(gov->code)) {
    RouteCandidate c;
    c.unit_code = gov->code;
    c.unit_name = gov->name;
    c.score = d.candidates.empty() ? 0 : 0.01;
    c.rule = "属地兜底：交属地政府统筹";
    if (d.candidates.empty()) best_rule_text = c.rule;
    d.candidates.push_back(std::move(c));
  }

  if (!d.candidates.empty()) d.category_code = d.candidates[0].category_code;
  d.confidence = q.category_scores.empty() ? 0 : q.category_scores[0].second;
  std::string l1 = q.category_scores.empty() ? "" : q.category_scores[0].first;
  double threshold = im.options.auto_threshold;
  if (auto it = im.options.category_thresholds.find(l1); it != im.options.category_thresholds.end()) {
    threshold = it->second;
  }
  if (q.category_scores.empty()) {
    d.hold_reason = "无法判断诉求分类";
  } else if (d.confidence < threshold) {
    d.hold_reason = "分类置信度 " + Fixed2(d.confidence) + " 低于自动派单阈值 " + Fixed2(threshold);
  } else if (!region_known) {
    d.hold_reason = "未能识别诉求属地";
  } else if (d.candidates.empty() || d.candidates[0].rule.rfind("属地兜底", 0) == 0) {
    d.hold_reason = "派单目录无对应单位";
  }
  d.automatic = d.hold_reason.empty();

  // Explanation for people.
  std::string e = "分类：" + (d.category_code.empty() ? std::string("未知") : im.CategoryPath(d.category_code));
  e += "（置信度 " + Fixed2(d.confidence) + "）";
  std::string words;
  for (const std::string& w : q.decisive_words) words += (words.empty() ? "" : "、") + w;
  if (!best_words_text.empty()) words += (words.empty() ? "" : "、") + best_words_text;
  if (!words.empty()) e += "，依据词：" + words;
  e += "。属地：" + (d.region_code.empty() ? std::string("未识别") : im.RegionPath(d.region_code)) + "。";
  if (!best_rule_text.empty()) e += best_rule_text + "。";
  if (!d.candidates.empty()) e += "建议承办单位：" + d.candidates[0].unit_name + "。";
  e += d.automatic ? "自动派单。" : "转人工派单：" + d.hold_reason + "。";
  d.explanation = std::move(e);
  return d;
}

}  // namespace lianxin::dispatch
