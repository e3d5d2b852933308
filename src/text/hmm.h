// Internal to text/: the HMM step of jieba's MixSegment (B/E/M/S Viterbi over
// runs of characters the dictionary does not know), cutting exactly as
// cppjieba::HMMSegment::Cut(begin, end, res) does.
//
// Why not cppjieba's own: its Viterbi allocates three vectors per run and looks
// every character up in four hash maps (one per state); on the intake path that
// was ~250 allocations per ticket. Here the emission probabilities sit in one
// flat table indexed by code point and the work buffers are per thread. Same
// arithmetic in the same order, so the same cuts (hmm_test.cc checks it against
// cppjieba on random runs and on the teddy2020 messages).
//
// Immutable after construction; Cut is const and safe to call from many threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace cppjieba {
struct HMMModel;
}

namespace lianxin::text::internal {

class HmmCutter {
 public:
  // Copies what it needs out of `model` (which may be destroyed afterwards).
  explicit HmmCutter(const cppjieba::HMMModel& model);

  // Cuts the code points runes[0, n) and appends each word as the indexes of
  // its first and last code point (relative to `runes`) to `out`. ASCII runs
  // are split first, as cppjieba does (letters+digits, numbers with '.', any
  // other ASCII character alone); the rest goes through the Viterbi path.
  void Cut(const char32_t* runes, size_t n, std::vector<std::pair<uint32_t, uint32_t>>& out) const;

 private:
  struct Emit {
    double p[4];  // B, E, M, S; cppjieba's MIN_DOUBLE where the model has none
  };
  const Emit& EmitFor(char32_t cp) const;
  void Viterbi(const char32_t* runes, size_t n, std::vector<std::pair<uint32_t, uint32_t>>& out,
               uint32_t offset) const;

  double start_[4];
  double trans_[4][4];
  std::vector<uint32_t> bmp_index_;  // code point < 0x10000 -> index into emits_ (0 = none)
  std::vector<std::pair<char32_t, uint32_t>> astral_;  // sorted, for code points >= 0x10000
  std::vector<Emit> emits_;  // emits_[0]: all MIN_DOUBLE
};

}  // namespace lianxin::text::internal
