#include "core/dedup.h"

#include <cstdint>
#include <functional>
#include <string_view>

namespace lianxin {

void DedupKeepFirst(std::vector<std::string>& terms) {
  if (terms.size() < 2) return;
  // An open-addressing table of positions (+1; 0 = empty) at most half full:
  // one allocation for the whole list instead of one hash node per term.
  size_t capacity = 16;
  while (capacity < 2 * terms.size()) capacity *= 2;
  std::vector<uint32_t> table(capacity, 0);
  const size_t mask = capacity - 1;
  size_t kept = 0;
  for (size_t i = 0; i < terms.size(); ++i) {
    const std::string_view term = terms[i];
    size_t slot = std::hash<std::string_view>{}(term) & mask;
    bool seen = false;
    while (table[slot] != 0) {
      if (terms[table[slot] - 1] == term) {
        seen = true;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (seen) continue;
    if (kept != i) terms[kept] = std::move(terms[i]);
    table[slot] = static_cast<uint32_t>(kept + 1);  // kept terms stay at their new place
    ++kept;
  }
  terms.resize(kept);
}

}  // namespace lianxin
