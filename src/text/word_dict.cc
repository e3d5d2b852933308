#include "text/word_dict.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "text/unicode.h"

namespace lianxin::text::internal {
namespace {

constexpr double kNotAWord = std::numeric_limits<double>::infinity();
constexpr double kMinDouble = -3.14e+100;  // cppjieba's MIN_DOUBLE
constexpr uint32_t kHashedFanout = 8;       // nodes with more children use edge_hash_

inline size_t EdgeHash(uint32_t node, char32_t cp) {
  uint64_t key = (uint64_t{node} << 21) ^ cp;
  return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 32);
}

bool ToU32(std::string_view s, bool lowercase_ascii, std::u32string& out) {
  out.clear();
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t len = DecodeUtf8(s, i, cp);
    if (len == 0) return false;
    if (lowercase_ascii && cp >= 'A' && cp <= 'Z') cp += 32;
    out += cp;
    i += len;
  }
  return true;
}

}  // namespace

Status WordDict::LoadJiebaDict(const std::string& path, bool lowercase_ascii) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open jieba dictionary " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string data = buf.str();

  std::u32string word;
  std::string_view rest = data;
  size_t line_no = 0;
  while (!rest.empty()) {
    size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    // "word freq tag", exactly three fields as cppjieba requires.
    size_t sp1 = line.find(' ');
    size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    double freq = 0;
    if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos ||
        std::from_chars(line.data() + sp1 + 1, line.data() + sp2, freq).ec != std::errc() ||
        !(freq > 0) || !ToU32(line.substr(0, sp1), lowercase_ascii, word) || word.empty()) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) +
                                     ": expected \"word freq tag\"");
    }
    entries_.push_back({word, freq, static_cast<uint32_t>(entries_.size())});
  }
  if (entries_.empty()) return Status::InvalidArgument("empty jieba dictionary " + path);

  // Same arithmetic, in the same order, as cppjieba's DictTrie so that weights
  // (and therefore segmentations) agree to the last bit.
  freq_sum_ = 0;
  for (const Entry& e : entries_) freq_sum_ += e.weight;
  std::vector<double> sorted;
  sorted.reserve(entries_.size());
  for (Entry& e : entries_) {
    e.weight = std::log(e.weight / freq_sum_);
    sorted.push_back(e.weight);
  }
  std::sort(sorted.begin(), sorted.end());
  min_weight_ = sorted.front();
  median_weight_ = sorted[sorted.size() / 2];
  return Status::Ok();
}

void WordDict::AddWord(std::u32string_view word, double freq) {
  if (word.empty()) return;
  double weight = freq > 0 && freq_sum_ > 0 ? std::log(freq / freq_sum_) : median_weight_;
  entries_.push_back({std::u32string(word), weight, static_cast<uint32_t>(entries_.size())});
  if (word.size() == 1) user_single_chars_.insert(word[0]);
}

void WordDict::Freeze() {
  // Sort the words; of duplicates keep the last added.
  std::vector<const Entry*> sorted;
  sorted.reserve(entries_.size());
  for (const Entry& e : entries_) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(), [](const Entry* a, const Entry* b) {
    return a->word != b->word ? a->word < b->word : a->order < b->order;
  });
  size_t unique = 0;
  for (size_t k = 0; k < sorted.size(); ++k) {
    if (k + 1 < sorted.size() && sorted[k + 1]->word == sorted[k]->word) continue;
    sorted[unique++] = sorted[k];
  }
  sorted.resize(unique);

  // Breadth-first construction: node v covers the sorted words sharing a prefix
  // of `depth` code points; its children are the distinct next code points.
  struct Pending {
    uint32_t node;
    size_t lo, hi, depth;
  };
  std::vector<Pending> queue;
  first_edge_.clear();
  edge_rune_.clear();
  edge_child_.clear();
  weight_.assign(1, kNotAWord);
  queue.push_back({0, 0, sorted.size(), 0});
  for (size_t head = 0; head < queue.size(); ++head) {
    Pending p = queue[head];
    first_edge_.push_back(static_cast<uint32_t>(edge_rune_.size()));
    size_t lo = p.lo;
    if (lo < p.hi && sorted[lo]->word.size() == p.depth) {
      weight_[p.node] = sorted[lo]->weight;
      ++lo;
    }
    while (lo < p.hi) {
      char32_t cp = sorted[lo]->word[p.depth];
      size_t end = lo + 1;
      while (end < p.hi && sorted[end]->word[p.depth] == cp) ++end;
      auto child = static_cast<uint32_t>(weight_.size());
      weight_.push_back(kNotAWord);
      edge_rune_.push_back(cp);
      edge_child_.push_back(child);
      queue.push_back({child, lo, end, p.depth + 1});
      lo = end;
    }
  }
  first_edge_.push_back(static_cast<uint32_t>(edge_rune_.size()));

  root_bmp_.assign(0x10000, kNone);
  for (uint32_t e = first_edge_[0]; e < first_edge_[1]; ++e) {
    if (edge_rune_[e] < 0x10000) root_bmp_[edge_rune_[e]] = edge_child_[e];
  }
  size_t hashed = 0;
  const auto nodes = static_cast<uint32_t>(first_edge_.size() - 1);
  for (uint32_t v = 1; v < nodes; ++v) {
    uint32_t fanout = first_edge_[v + 1] - first_edge_[v];
    if (fanout > kHashedFanout) hashed += fanout;
  }
  size_t slots = 16;
  while (slots < 2 * hashed) slots *= 2;
  edge_hash_.assign(slots, HashedEdge{});
  edge_hash_mask_ = slots - 1;
  for (uint32_t v = 1; v < nodes; ++v) {
    if (first_edge_[v + 1] - first_edge_[v] <= kHashedFanout) continue;
    for (uint32_t e = first_edge_[v]; e < first_edge_[v + 1]; ++e) {
      size_t slot = EdgeHash(v, edge_rune_[e]) & edge_hash_mask_;
      while (edge_hash_[slot].node != 0) slot = (slot + 1) & edge_hash_mask_;
      edge_hash_[slot] = {v, edge_rune_[e], edge_child_[e]};
    }
  }
  entries_.shrink_to_fit();
}

uint32_t WordDict::Child(uint32_t node, char32_t cp) const {
  if (node == 0 && cp < 0x10000) return root_bmp_[cp];
  const char32_t* begin = edge_rune_.data() + first_edge_[node];
  const char32_t* end = edge_rune_.data() + first_edge_[node + 1];
  if (end - begin <= kHashedFanout) {
    for (const char32_t* it = begin; it != end; ++it) {
      if (*it == cp) return edge_child_[it - edge_rune_.data()];
    }
    return kNone;
  }
  if (node == 0) {  // the root, for a code point beyond the BMP
    const char32_t* it = std::lower_bound(begin, end, cp);
    return it != end && *it == cp ? edge_child_[it - edge_rune_.data()] : kNone;
  }
  for (size_t slot = EdgeHash(node, cp) & edge_hash_mask_;; slot = (slot + 1) & edge_hash_mask_) {
    const HashedEdge& h = edge_hash_[slot];
    if (h.node == node && h.rune == cp) return h.child;
    if (h.node == 0) return kNone;
  }
}

void WordDict::Cut(const char32_t* runes, size_t n, std::vector<uint32_t>& word_lengths,
                   std::vector<double>& route) const {
  // route[i]: best log probability of runes[i, n); the chosen word length at i
  // is kept in the low bits of a parallel pass below. Ties keep the shorter
  // word, as cppjieba does (strict '>').
  route.assign(n + 1, 0.0);
  size_t base = word_lengths.size();
  word_lengths.resize(base + n);
  uint32_t* best_len = word_lengths.data() + base;
  for (size_t i = n; i-- > 0;) {
    uint32_t node = Child(0, runes[i]);
    double w = node != kNone && weight_[node] != kNotAWord ? weight_[node] : min_weight_;
    double best = kMinDouble;
    uint32_t len = 1;
    double val = route[i + 1] + w;
    if (val > best) best = val;
    for (size_t j = i + 1; j < n && node != kNone; ++j) {
      node = Child(node, runes[j]);
      if (node == kNone) break;
      if (weight_[node] == kNotAWord) continue;
      val = route[j + 1] + weight_[node];
      if (val > best) {
        best = val;
        len = static_cast<uint32_t>(j - i + 1);
      }
    }
    route[i] = best;
    best_len[i] = len;
  }
  // Walk the chosen words left to right, compacting lengths in place.
  size_t out = base;
  for (size_t i = 0; i < n;) {
    uint32_t len = best_len[i];
    word_lengths[out++] = len;
    i += len;
  }
  word_lengths.resize(out);
}

}  // namespace lianxin::text::internal
