// Fuzz entry FuzzText: see fuzz_entries.h.
#include "fuzz/fuzz_entries.h"

#include <memory>

#include "core/utf8.h"
#include "text/text.h"

namespace lianxin::fuzz {
namespace {

Violation CheckUtf8(const std::string& s, const char* what) {
  if (!IsValidUtf8(s)) return std::string(what) + " is not valid UTF-8";
  return {};
}

// Tokens must be non-empty byte ranges of `text` (segmenters return substrings).
Violation CheckTokens(std::string_view text, const std::vector<std::string>& tokens,
                      const char* who) {
  for (const std::string& t : tokens) {
    if (t.empty()) return std::string(who) + ": empty token";
    if (text.find(t) == std::string_view::npos) return std::string(who) + ": token not in input";
  }
  return {};
}

const text::Segmenter* Jieba() {
  static const std::unique_ptr<text::Segmenter> seg = [] {
    auto loaded = text::LoadJiebaSegmenter({});
    return loaded.ok() ? std::move(*loaded) : std::unique_ptr<text::Segmenter>();
  }();
  return seg.get();
}

const text::Gazetteer& DemoGazetteer() {
  static const std::unique_ptr<text::Gazetteer> gaz = [] {
    std::vector<Region> regions = {
        {"XD", "西地省", "", RegionLevel::kProvince},
        {"XD.A", "A市", "XD", RegionLevel::kCity},
        {"XD.A.A1", "A1区", "XD.A", RegionLevel::kDistrict},
        {"XD.A.A3", "A3区", "XD.A", RegionLevel::kDistrict},
        {"XD.A.A3.S1", "东风街道", "XD.A.A3", RegionLevel::kStreet},
        {"XD.K", "K市", "XD", RegionLevel::kCity},
        {"XD.K.K6", "K6县", "XD.K", RegionLevel::kDistrict},
        {"XD.K.K6.T1", "长安镇", "XD.K.K6", RegionLevel::kStreet},
    };
    return text::Gazetteer::Build(regions);
  }();
  return *gaz;
}

}  // namespace

Violation FuzzText(std::string_view data) {
  std::string norm = text::Normalize(data);
  if (auto v = CheckUtf8(norm, "Normalize output"); !v.empty()) return v;
  if (text::Normalize(norm) != norm) return "Normalize is not idempotent";

  auto chars = text::NewCharSegmenter();
  if (auto v = CheckTokens(norm, chars->Cut(norm), "char segmenter"); !v.empty()) return v;
  if (const text::Segmenter* jieba = Jieba()) {
    if (auto v = CheckTokens(norm, jieba->Cut(norm), "jieba segmenter"); !v.empty()) return v;
    for (bool for_query : {false, true}) {
      for (const std::string& term : text::SearchTerms(*jieba, data, for_query)) {
        if (term.empty()) return "SearchTerms: empty term";
      }
    }
  }

  size_t last_end = 0;
  for (const text::PiiSpan& span : text::FindPii(data)) {
    if (span.begin >= span.end || span.end > data.size()) return "FindPii: span out of bounds";
    if (span.begin < last_end) return "FindPii: spans overlap or are unordered";
    last_end = span.end;
  }
  std::string masked = text::MaskPii(data);
  if (IsValidUtf8(data) && !IsValidUtf8(masked)) return "MaskPii broke valid UTF-8";
  if (last_end == 0 && masked != data) return "MaskPii changed text without personal data";

  const text::Gazetteer& gaz = DemoGazetteer();
  for (const text::PlaceMention& m : gaz.Find(data)) {
    if (m.begin >= m.end || m.end > data.size()) return "Gazetteer::Find: mention out of bounds";
  }
  (void)gaz.Locate(data);
  return {};
}

}  // namespace lianxin::fuzz
