// Duplicate finder (并单): scores how alike two requests are, to suggest a parent
// ticket for a new one. Pure functions over normalised text; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lianxin::dispatch {

struct DuplicateCandidate {
  int64_t ticket_id = 0;
  std::string text;  // normalised title + body
};

struct DuplicateMatch {
  int64_t ticket_id = 0;
  double similarity = 0;  // 0..1
};

// Cosine similarity of the two texts' CJK/word character-bigram counts (0..1).
double TextSimilarity(std::string_view a, std::string_view b);

// Candidates at least `threshold` alike to `text`, most alike first, at most `limit`.
std::vector<DuplicateMatch> FindDuplicates(std::string_view text,
                                           const std::vector<DuplicateCandidate>& candidates,
                                           double threshold = 0.5, size_t limit = 5);

}  // namespace lianxin::dispatch
