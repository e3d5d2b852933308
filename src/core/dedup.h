// Order-preserving deduplication of term lists (search terms, index documents).
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <vector>

namespace lianxin {

// Removes every repeated string from `terms`, keeping each first occurrence where it
// stands ("a b a c b" → "a b c"). Sorts positions instead of hashing, so it
// allocates two small arrays, not one node per term. O(n log n) comparisons.
void DedupKeepFirst(std::vector<std::string>& terms);

}  // namespace lianxin
