#include "core/dedup.h"

#include <algorithm>
#include <cstdint>

namespace lianxin {

void DedupKeepFirst(std::vector<std::string>& terms) {
  // Positions sorted by term, ties by position: the first of each run is the
  // term's first occurrence.
  std::vector<uint32_t> order(terms.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  std::sort(order.begin(), order.end(), [&terms](uint32_t a, uint32_t b) {
    int c = terms[a].compare(terms[b]);
    return c != 0 ? c < 0 : a < b;
  });
  std::vector<bool> keep(terms.size(), false);
  for (size_t k = 0; k < order.size(); ++k) {
    keep[order[k]] = k == 0 || terms[order[k]] != terms[order[k - 1]];
  }
  size_t kept = 0;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (!keep[i]) continue;
    if (kept != i) terms[kept] = std::move(terms[i]);
    ++kept;
  }
  terms.resize(kept);
}

}  // namespace lianxin
