#include "dispatch/duplicates.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace lianxin::dispatch {
namespace {

// Splits UTF-8 into code points, skipping spaces and ASCII punctuation.
std::vector<std::string_view> Chars(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (i + n > s.size()) break;
    if (!(n == 1 && (std::isspace(c) || std::ispunct(c)))) out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

using Bag = std::unordered_map<std::string, int>;

Bag Bigrams(std::string_view s) {
  Bag bag;
  auto chars = Chars(s);
  for (size_t i = 0; i + 1 < chars.size(); ++i) {
    std::string key(chars[i]);
    key += chars[i + 1];
    ++bag[key];
  }
  return bag;
}

double Cosine(const Bag& a, const Bag& b) {
  if (a.empty() || b.empty()) return 0;
  const Bag& small = a.size() < b.size() ? a : b;
  const Bag& large = a.size() < b.size() ? b : a;
  double dot = 0, na = 0, nb = 0;
  for (const auto& [k, v] : small) {
    auto it = large.find(k);
    if (it != large.end()) dot += static_cast<double>(v) * it->second;
  }
  for (const auto& [k, v] : a) na += static_cast<double>(v) * v;
  for (const auto& [k, v] : b) nb += static_cast<double>(v) * v;
  return dot / std::sqrt(na * nb);
}

}  // namespace

double TextSimilarity(std::string_view a, std::string_view b) { return Cosine(Bigrams(a), Bigrams(b)); }

std::vector<DuplicateMatch> FindDuplicates(std::string_view text,
                                           const std::vector<DuplicateCandidate>& candidates,
                                           double threshold, size_t limit) {
  Bag query = Bigrams(text);
  std::vector<DuplicateMatch> out;
  for (const DuplicateCandidate& c : candidates) {
    double s = Cosine(query, Bigrams(c.text));
    if (s >= threshold) out.push_back({c.ticket_id, s});
  }
  std::sort(out.begin(), out.end(), [](const DuplicateMatch& x, const DuplicateMatch& y) {
    return x.similarity != y.similarity ? x.similarity > y.similarity : x.ticket_id < y.ticket_id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace lianxin::dispatch
