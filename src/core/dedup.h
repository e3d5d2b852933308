// Order-preserving deduplication of term lists (search terms, index documents).
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <vector>

namespace lianxin {

// Removes every repeated string from `terms`, keeping each first occurrence where it
// stands ("a b a c b" → "a b c"). One flat hash table of positions for the whole
// list (no allocation per term, unlike std::unordered_set). Expected O(n).
void DedupKeepFirst(std::vector<std::string>& terms);

}  // namespace lianxin
