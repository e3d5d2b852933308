// Gazetteer: a trie of region names over folded code points (half width,
// ASCII lower case, simplified), so "A市", "ａ市" and "長沙" all match. Names come
// from the region tree (full names, plus short forms of provinces, cities and
// districts) and from data/text/cn_places.tsv (real places, codes "CN.*").
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "text/embedded_data.h"
#include "text/text.h"
#include "text/unicode.h"

namespace lianxin::text {
namespace {

using internal::DecodeUtf8;
using internal::FoldForMatch;

struct Place {
  std::string code;
  int depth = 0;  // 0 = province level
  bool in_tree = true;
};

// Administrative suffixes stripped to make short forms, longest first.
constexpr std::string_view kSuffixes[] = {"特别行政区", "自治区", "自治州", "自治县", "自治旗",
                                          "地区",       "新区",   "林区",   "矿区",   "省",
                                          "市",         "区",     "县",     "州",     "盟",
                                          "旗"};
// Ethnic names found in autonomous-area names ("湘西土家族苗族自治州" → "湘西").
constexpr std::string_view kEthnicGroups[] = {
    "柯尔克孜族", "维吾尔族", "塔吉克族", "鄂温克族", "鄂伦春族", "乌孜别克族", "哈萨克族",
    "达斡尔族",   "土家族",   "布依族",   "哈尼族",   "傈僳族",   "拉祜族",     "东乡族",
    "纳西族",     "景颇族",   "仫佬族",   "布朗族",   "撒拉族",   "毛南族",     "仡佬族",
    "锡伯族",     "阿昌族",   "普米族",   "裕固族",   "独龙族",   "赫哲族",     "朝鲜族",
    "保安族",     "蒙古族",   "壮族",     "回族",     "藏族",     "苗族",       "彝族",
    "侗族",       "瑶族",     "白族",     "傣族",     "黎族",     "佤族",       "畲族",
    "水族",       "土族",     "羌族",     "怒族",     "京族",     "满族",       "各族"};
// A short form followed by one of these names a town, street or bridge
// ("西安镇", "长春路"), not the place itself.
constexpr std::u32string_view kNotAfterShortForm = U"镇乡村路街巷桥";

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::u32string Fold(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t len = DecodeUtf8(s, i, cp);
    if (len == 0) {
      ++i;
      continue;
    }
    out += FoldForMatch(cp);
    i += len;
  }
  return out;
}

// "A3区" → "" (not Chinese enough to stand alone), "长沙市" → "长沙",
// "广西壮族自治区" → "广西".
std::string ShortForm(std::string_view name) {
  std::string stem(name);
  for (std::string_view suffix : kSuffixes) {
    if (EndsWith(stem, suffix)) {
      stem.resize(stem.size() - suffix.size());
      break;
    }
  }
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (std::string_view ethnic : kEthnicGroups) {
      if (EndsWith(stem, ethnic) && stem.size() > ethnic.size()) {
        stem.resize(stem.size() - ethnic.size());
        stripped = true;
      }
    }
  }
  std::u32string folded = Fold(stem);
  if (stem == name || folded.size() < 2) return "";
  for (char32_t cp : folded) {
    if (!internal::IsHan(cp)) return "";
  }
  return stem;
}

bool IsAncestorOrSelf(std::string_view ancestor, std::string_view code) {
  return code.size() >= ancestor.size() && code.substr(0, ancestor.size()) == ancestor &&
         (code.size() == ancestor.size() || code[ancestor.size()] == '.');
}

// The longest common ancestor code of `a` and `b` ("" when none).
std::string CommonAncestor(std::string_view a, std::string_view b) {
  size_t n = 0, last_dot_end = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) {
    ++n;
    if (n < a.size() && n < b.size() && a[n] == '.' && b[n] == '.') last_dot_end = n;
  }
  if ((n == a.size() || a[n] == '.') && (n == b.size() || b[n] == '.')) return std::string(a.substr(0, n));
  return std::string(a.substr(0, last_dot_end));
}

class GazetteerImpl final : public Gazetteer {
 public:
  explicit GazetteerImpl(const std::vector<Region>& regions);

  std::vector<PlaceMention> Find(std::string_view input) const override;
  std::string Locate(std::string_view input) const override;

 private:
  struct Name {
    std::vector<uint32_t> places;  // candidates (several for a repeated full name)
    bool short_form = false;
  };
  struct Node {
    std::vector<std::pair<char32_t, uint32_t>> children;  // sorted by code point
    int32_t name = -1;
  };
  struct RawMention {
    const Name* name;
    size_t begin, end;
  };

  void AddPlace(const std::string& code, int depth, bool in_tree, std::string_view full,
                const std::vector<std::string>& short_forms,
                std::map<std::u32string, Name>& full_names,
                std::map<std::u32string, Name>& short_names);
  void Insert(const std::u32string& key, const Name& name);
  std::vector<RawMention> Scan(std::string_view input) const;
  std::string Resolve(const Name& name, const std::vector<std::string>& context) const;

  std::vector<Place> places_;
  std::vector<Name> names_;
  std::vector<Node> nodes_;
};

GazetteerImpl::GazetteerImpl(const std::vector<Region>& regions) {
  nodes_.emplace_back();
  std::map<std::u32string, Name> full_names, short_names;
  std::set<std::u32string> tree_names;
  for (const Region& r : regions) {
    if (r.name.empty() || r.code.empty()) continue;
    int depth = static_cast<int>(std::count(r.code.begin(), r.code.end(), '.'));
    std::vector<std::string> short_forms;
    if (r.level == RegionLevel::kProvince || r.level == RegionLevel::kCity ||
        r.level == RegionLevel::kDistrict) {
      if (std::string s = ShortForm(r.name); !s.empty()) short_forms.push_back(s);
    }
    AddPlace(r.code, depth, true, r.name, short_forms, full_names, short_names);
    tree_names.insert(Fold(r.name));
  }
  // Real places: "code<TAB>name<TAB>short,forms". The tree wins on equal names.
  std::string_view data = internal::EmbeddedCnPlaces();
  while (!data.empty()) {
    size_t eol = data.find('\n');
    std::string_view line = data.substr(0, eol);
    data = eol == std::string_view::npos ? std::string_view() : data.substr(eol + 1);
    if (line.empty() || line[0] == '#') continue;
    size_t tab1 = line.find('\t');
    size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab1 == std::string_view::npos) continue;
    std::string code(line.substr(0, tab1));
    std::string_view full = line.substr(tab1 + 1, tab2 == std::string_view::npos ? line.npos : tab2 - tab1 - 1);
    if (tree_names.count(Fold(full))) continue;
    std::vector<std::string> short_forms;
    if (tab2 != std::string_view::npos) {
      std::string_view rest = line.substr(tab2 + 1);
      while (!rest.empty()) {
        size_t comma = rest.find(',');
        if (comma != 0) short_forms.emplace_back(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
    }
    int depth = static_cast<int>(std::count(code.begin(), code.end(), '.')) - 1;
    AddPlace(code, depth, false, full, short_forms, full_names, short_names);
  }
  for (const auto& [key, name] : full_names) Insert(key, name);
  // A short form is kept only when it is not also a full name and names one
  // place, or one place above all others (長沙 = 长沙市 rather than 长沙县).
  for (auto& [key, name] : short_names) {
    if (full_names.count(key)) continue;
    std::vector<uint32_t> best;
    int best_depth = 1 << 30;
    for (uint32_t p : name.places) {
      if (places_[p].depth < best_depth) {
        best = {p};
        best_depth = places_[p].depth;
      } else if (places_[p].depth == best_depth && std::find(best.begin(), best.end(), p) == best.end()) {
        best.push_back(p);
      }
    }
    if (best.size() != 1) continue;
    name.places = best;
    Insert(key, name);
  }
}

void GazetteerImpl::AddPlace(const std::string& code, int depth, bool in_tree, std::string_view full,
                             const std::vector<std::string>& short_forms,
                             std::map<std::u32string, Name>& full_names,
                             std::map<std::u32string, Name>& short_names) {
  auto index = static_cast<uint32_t>(places_.size());
  places_.push_back({code, depth, in_tree});
  full_names[Fold(full)].places.push_back(index);
  for (const std::string& s : short_forms) {
    Name& name = short_names[Fold(s)];
    name.short_form = true;
    name.places.push_back(index);
  }
}

void GazetteerImpl::Insert(const std::u32string& key, const Name& name) {
  if (key.empty()) return;
  uint32_t node = 0;
  for (char32_t cp : key) {
    auto& children = nodes_[node].children;
    auto it = std::lower_bound(children.begin(), children.end(), std::make_pair(cp, uint32_t{0}));
    if (it != children.end() && it->first == cp) {
      node = it->second;
      continue;
    }
    auto child = static_cast<uint32_t>(nodes_.size());
    children.insert(it, {cp, child});
    nodes_.emplace_back();  // may reallocate: `children` is not used after this
    node = child;
  }
  nodes_[node].name = static_cast<int32_t>(names_.size());
  names_.push_back(name);
}

std::vector<GazetteerImpl::RawMention> GazetteerImpl::Scan(std::string_view input) const {
  struct Cp {
    char32_t cp;
    size_t begin;
  };
  std::vector<Cp> cps;
  for (size_t i = 0; i < input.size();) {
    char32_t cp;
    size_t len = DecodeUtf8(input, i, cp);
    if (len == 0) {
      cps.push_back({0xFFFD, i});
      ++i;
      continue;
    }
    cps.push_back({FoldForMatch(cp), i});
    i += len;
  }
  auto byte_end = [&](size_t k) { return k < cps.size() ? cps[k].begin : input.size(); };

  std::vector<RawMention> found;
  for (size_t k = 0; k < cps.size();) {
    // ASCII-led names ("a3区") must not continue a Latin word or number.
    if (k > 0 && internal::IsAsciiAlnum(cps[k].cp) && internal::IsAsciiAlnum(cps[k - 1].cp)) {
      ++k;
      continue;
    }
    uint32_t node = 0;
    const Name* best = nullptr;
    size_t best_end = k;
    for (size_t j = k; j < cps.size(); ++j) {
      const auto& children = nodes_[node].children;
      auto it = std::lower_bound(children.begin(), children.end(),
                                 std::make_pair(cps[j].cp, uint32_t{0}));
      if (it == children.end() || it->first != cps[j].cp) break;
      node = it->second;
      if (nodes_[node].name < 0) continue;
      const Name& name = names_[nodes_[node].name];
      if (name.short_form && j + 1 < cps.size() &&
          kNotAfterShortForm.find(cps[j + 1].cp) != std::u32string_view::npos) {
        continue;
      }
      best = &name;
      best_end = j + 1;
    }
    if (best == nullptr) {
      ++k;
      continue;
    }
    found.push_back({best, cps[k].begin, byte_end(best_end)});
    k = best_end;
  }
  return found;
}

std::string GazetteerImpl::Resolve(const Name& name, const std::vector<std::string>& context) const {
  if (name.places.size() == 1) return places_[name.places[0]].code;
  // A repeated name: the candidate that another mention in the text confirms
  // (its ancestor or descendant), else what all candidates have in common.
  std::vector<uint32_t> supported;
  for (uint32_t p : name.places) {
    const std::string& code = places_[p].code;
    for (const std::string& other : context) {
      if (!other.empty() && other != code &&
          (IsAncestorOrSelf(other, code) || IsAncestorOrSelf(code, other))) {
        supported.push_back(p);
        break;
      }
    }
  }
  if (supported.size() == 1) return places_[supported[0]].code;
  const std::vector<uint32_t>& pool = supported.empty() ? name.places : supported;
  std::string common = places_[pool[0]].code;
  for (uint32_t p : pool) common = CommonAncestor(common, places_[p].code);
  return common;
}

std::vector<PlaceMention> GazetteerImpl::Find(std::string_view input) const {
  std::vector<RawMention> raw = Scan(input);
  // Unambiguous mentions first, then they disambiguate the others.
  std::vector<std::string> context;
  for (const RawMention& m : raw) {
    if (m.name->places.size() == 1) context.push_back(places_[m.name->places[0]].code);
  }
  std::vector<PlaceMention> out;
  out.reserve(raw.size());
  for (const RawMention& m : raw) {
    out.push_back({Resolve(*m.name, context), std::string(input.substr(m.begin, m.end - m.begin)),
                   m.begin, m.end});
  }
  return out;
}

std::string GazetteerImpl::Locate(std::string_view input) const {
  std::vector<PlaceMention> mentions = Find(input);
  // Score each mentioned code by how many mentions lie on its path to the root;
  // then prefer deeper codes, codes of the region tree, and earlier mentions.
  std::string best;
  int best_support = 0, best_depth = -1;
  bool best_in_tree = false;
  for (const PlaceMention& m : mentions) {
    if (m.region_code.empty()) continue;
    int support = 0;
    for (const PlaceMention& other : mentions) {
      if (!other.region_code.empty() && IsAncestorOrSelf(other.region_code, m.region_code)) ++support;
    }
    bool in_tree = m.region_code.rfind("CN.", 0) != 0;
    int depth = static_cast<int>(std::count(m.region_code.begin(), m.region_code.end(), '.')) -
                (in_tree ? 0 : 1);
    if (std::tie(support, depth, in_tree) > std::tie(best_support, best_depth, best_in_tree)) {
      best = m.region_code;
      best_support = support;
      best_depth = depth;
      best_in_tree = in_tree;
    }
  }
  return best;
}

}  // namespace

std::unique_ptr<Gazetteer> Gazetteer::Build(const std::vector<Region>& regions) {
  return std::make_unique<GazetteerImpl>(regions);
}

}  // namespace lianxin::text
