// SearchTerms: the words of a text as the full-text indexes see them.

#include "core/dedup.h"
#include "text/text.h"
#include "text/unicode.h"

namespace lianxin::text {

std::vector<std::string> SearchTerms(const Segmenter& segmenter, std::string_view raw,
                                     bool for_query) {
  std::vector<std::string> words = segmenter.Cut(Normalize(raw));
  // Every term in order, duplicates included: for a document, each long Chinese
  // word's two-character pieces, then the word itself.
  std::vector<std::string> all;
  all.reserve(for_query ? words.size() : 2 * words.size());
  std::vector<size_t> starts;  // byte offset of each character of the current word
  for (std::string& word : words) {
    if (!for_query) {
      starts.clear();
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
          all.emplace_back(word, starts[k], starts[k + 2] - starts[k]);
        }
      }
    }
    all.push_back(std::move(word));
  }
  DedupKeepFirst(all);
  return all;
}

}  // namespace lianxin::text
