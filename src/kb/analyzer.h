// Turns text into the index terms of the knowledge base: the shared normaliser
// and segmenter of text/, then jieba words and (optionally) adjacent-word bigrams.
// An Analyzer borrows its Segmenter (which must outlive it); it is immutable and
// safe to share between threads. Nothing here fails or throws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/text.h"

namespace lianxin::kb {

// Word bigrams are stored as "w1\x1fw2" so they never collide with a word.
inline constexpr char kBigramJoiner = '\x1f';

class Analyzer {
 public:
  explicit Analyzer(const text::Segmenter& segmenter) : segmenter_(segmenter) {}
  // Words of Normalize(raw), in order (stop words dropped as the segmenter does;
  // single ASCII punctuation tokens and pure digit runs longer than 4 dropped).
  std::vector<std::string> Words(std::string_view raw) const;
  // Pairs of adjacent characters of Normalize(raw) within runs of letters, digits
  // and CJK characters (catches near-matches jieba cuts apart: 景蓉华苑 / 景蓉花苑).
  static std::vector<std::string> CharBigrams(std::string_view raw);
  // Adjacent pairs of `words` joined with kBigramJoiner.
  static std::vector<std::string> Bigrams(const std::vector<std::string>& words);

 private:
  const text::Segmenter& segmenter_;
};

}  // namespace lianxin::kb
