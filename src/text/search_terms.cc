// SearchTerms: the words of a text as the full-text indexes see them.
#include <unordered_set>

#include "text/text.h"
#include "text/unicode.h"

namespace lianxin::text {

std::vector<std::string> SearchTerms(const Segmenter& segmenter, std::string_view raw,
                                     bool for_query) {
  std::vector<std::string> words = segmenter.Cut(Normalize(raw));
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  auto add = [&](std::string term) {
    if (seen.insert(term).second) out.push_back(std::move(term));
  };
  for (std::string& word : words) {
    if (!for_query) {
      std::vector<size_t> starts;  // byte offset of each character
      bool han = true;
      for (size_t i = 0; i < word.size();) {
        char32_t cp = 0;
        starts.push_back(i);
        size_t n = internal::DecodeUtf8(word, i, cp);
        han = han && n > 0 && internal::IsHan(cp);
        i += n > 0 ? n : 1;
      }
      if (han && starts.size() >= 3) {
        starts.push_back(word.size());
        for (size_t k = 0; k + 2 < starts.size(); ++k) {
          add(word.substr(starts[k], starts[k + 2] - starts[k]));
        }
      }
    }
    add(std::move(word));
  }
  return out;
}

}  // namespace lianxin::text
