// Internal to text/: jieba's word dictionary in a compact trie, and the
// maximum-probability segmentation over it (the "MP" half of cppjieba's
// MixSegment, which segmenter.cc completes with cppjieba's HMM).
//
// Why not cppjieba's own MPSegment: its trie keeps an std::unordered_map per
// node, and those lookups were the largest cost of a Cut (cppjieba::MixSegment
// measured ~11,400 messages/s on the teddy2020 messages, below the 15,000/s
// Normalize + Cut budget). This trie answers the same queries from flat arrays
// and gives the same segmentation (word_dict_test.cc checks it against
// cppjieba::MixSegment word for word).
//
// Build once (LoadJiebaDict, AddWord..., Freeze), then share: the const methods
// are thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/status.h"

namespace lianxin::text::internal {

class WordDict {
 public:
  // Reads a jieba dictionary ("word freq tag" per line). Word weights are
  // log(freq / total freq), as cppjieba computes them. With `lowercase_ascii`,
  // ASCII letters in words are lower-cased to match Normalize()d text.
  // kNotFound when the file cannot be opened, kInvalidArgument when a line is
  // malformed or the file is empty. Call once, before AddWord.
  Status LoadJiebaDict(const std::string& path, bool lowercase_ascii);

  // Adds a user word (a later entry for the same word replaces the earlier one).
  // freq > 0 gives weight log(freq / total freq); freq == 0 gives the median
  // weight of the main dictionary, cppjieba's default for user words. A
  // one-character user word is also kept whole by the HMM step
  // (IsUserSingleChar). Empty words are ignored.
  void AddWord(std::u32string_view word, double freq);

  // Builds the lookup structure; call after the last AddWord, before Cut.
  void Freeze();

  // Maximum-probability segmentation of runes[0, n): appends the length (in
  // code points) of each word, left to right, to `word_lengths`. Code points
  // not in the dictionary come out as one-character words. `route` is scratch.
  void Cut(const char32_t* runes, size_t n, std::vector<uint32_t>& word_lengths,
           std::vector<double>& route) const;

  // True when `cp` was added as a one-character user word.
  bool IsUserSingleChar(char32_t cp) const { return user_single_chars_.count(cp) != 0; }

  size_t word_count() const { return entries_.size(); }

 private:
  struct Entry {
    std::u32string word;
    double weight;
    uint32_t order;  // insertion order: the last entry of a word wins
  };
  static constexpr uint32_t kNone = 0;  // no child (the root is never a child)

  uint32_t Child(uint32_t node, char32_t cp) const;

  std::vector<Entry> entries_;
  double freq_sum_ = 0;
  double min_weight_ = 0;
  double median_weight_ = 0;
  std::unordered_set<char32_t> user_single_chars_;

  // The trie, nodes numbered breadth first from the root (0). Node v's edges are
  // edge_rune_/edge_child_[first_edge_[v], first_edge_[v + 1]), sorted by rune.
  std::vector<uint32_t> first_edge_;
  std::vector<char32_t> edge_rune_;
  std::vector<uint32_t> edge_child_;
  std::vector<double> weight_;     // per node; kNotAWord unless a word ends there
  std::vector<uint32_t> root_bmp_;  // root's child per BMP code point, kNone if absent
  // Edges of nodes with many children (a binary search there costs several
  // cache misses): open addressing on (node, rune), linear probing.
  struct HashedEdge {
    uint32_t node = 0;  // 0: empty slot (the root's edges are in root_bmp_)
    char32_t rune = 0;
    uint32_t child = kNone;
  };
  std::vector<HashedEdge> edge_hash_;
  size_t edge_hash_mask_ = 0;
};

}  // namespace lianxin::text::internal
