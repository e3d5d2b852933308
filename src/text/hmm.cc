// HmmCutter: cppjieba::HMMSegment's Cut, InternalCut and Viterbi, rewritten
// over a flat emission table and per-thread buffers (see hmm.h).
#include "text/hmm.h"

#include <algorithm>

// cppjieba headers are not self-contained: DictTrie.hpp brings XLOG and MIN_DOUBLE.
#include "cppjieba/DictTrie.hpp"
#include "cppjieba/HMMModel.hpp"

namespace lianxin::text::internal {

namespace {
constexpr size_t kStates = cppjieba::HMMModel::STATUS_SUM;  // B, E, M, S
constexpr int kB = cppjieba::HMMModel::B;
constexpr int kE = cppjieba::HMMModel::E;
constexpr int kS = cppjieba::HMMModel::S;
static_assert(kStates == 4 && kB == 0 && kE == 1 && cppjieba::HMMModel::M == 2 && kS == 3);

bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
}  // namespace

HmmCutter::HmmCutter(const cppjieba::HMMModel& model) {
  for (size_t y = 0; y < kStates; ++y) {
    start_[y] = model.startProb[y];
    for (size_t z = 0; z < kStates; ++z) trans_[y][z] = model.transProb[y][z];
  }
  Emit none;
  for (double& p : none.p) p = cppjieba::MIN_DOUBLE;
  emits_.push_back(none);
  bmp_index_.assign(0x10000, 0);
  std::vector<std::pair<char32_t, uint32_t>> astral;
  auto slot = [&](char32_t cp) -> Emit& {
    if (cp < 0x10000) {
      if (bmp_index_[cp] == 0) {
        bmp_index_[cp] = static_cast<uint32_t>(emits_.size());
        emits_.push_back(none);
      }
      return emits_[bmp_index_[cp]];
    }
    for (auto& [c, i] : astral_) {
      if (c == cp) return emits_[i];
    }
    astral_.emplace_back(cp, static_cast<uint32_t>(emits_.size()));
    emits_.push_back(none);
    return emits_.back();
  };
  for (size_t y = 0; y < kStates; ++y) {
    for (const auto& [cp, p] : *model.emitProbVec[y]) slot(cp).p[y] = p;
  }
  std::sort(astral_.begin(), astral_.end());
}

const HmmCutter::Emit& HmmCutter::EmitFor(char32_t cp) const {
  if (cp < 0x10000) return emits_[bmp_index_[cp]];
  auto it = std::lower_bound(astral_.begin(), astral_.end(), std::make_pair(cp, uint32_t{0}));
  return it != astral_.end() && it->first == cp ? emits_[it->second] : emits_[0];
}

void HmmCutter::Cut(const char32_t* runes, size_t n,
                    std::vector<std::pair<uint32_t, uint32_t>>& out) const {
  size_t left = 0, right = 0;
  while (right < n) {
    if (runes[right] >= 0x80) {
      ++right;
      continue;
    }
    if (left != right) Viterbi(runes + left, right - left, out, static_cast<uint32_t>(left));
    left = right;
    if (IsAsciiLetter(runes[left])) {  // letters, then letters and digits
      ++right;
      while (right < n && (IsAsciiLetter(runes[right]) || IsAsciiDigit(runes[right]))) ++right;
    } else if (IsAsciiDigit(runes[left])) {  // digits, then digits and '.'
      ++right;
      while (right < n && (IsAsciiDigit(runes[right]) || runes[right] == '.')) ++right;
    } else {
      ++right;
    }
    out.emplace_back(static_cast<uint32_t>(left), static_cast<uint32_t>(right - 1));
    left = right;
  }
  if (left != right) Viterbi(runes + left, right - left, out, static_cast<uint32_t>(left));
}

void HmmCutter::Viterbi(const char32_t* runes, size_t n,
                        std::vector<std::pair<uint32_t, uint32_t>>& out, uint32_t offset) const {
  thread_local std::vector<double> weight;
  thread_local std::vector<int> path;
  weight.resize(n * kStates);
  path.resize(n * kStates);
  const Emit& first = EmitFor(runes[0]);
  for (size_t y = 0; y < kStates; ++y) {
    weight[y] = start_[y] + first.p[y];
    path[y] = -1;
  }
  for (size_t x = 1; x < n; ++x) {
    const Emit& e = EmitFor(runes[x]);
    const double* prev = &weight[(x - 1) * kStates];
    for (size_t y = 0; y < kStates; ++y) {
      double best = cppjieba::MIN_DOUBLE;
      int from = kE;
      const double emit = e.p[y];
      for (size_t z = 0; z < kStates; ++z) {
        const double tmp = prev[z] + trans_[z][y] + emit;
        if (tmp > best) {
          best = tmp;
          from = static_cast<int>(z);
        }
      }
      weight[x * kStates + y] = best;
      path[x * kStates + y] = from;
    }
  }
  // Back from the better of E and S at the end; a word ends at each E or S.
  const double end_e = weight[(n - 1) * kStates + kE];
  const double end_s = weight[(n - 1) * kStates + kS];
  int stat = end_e >= end_s ? kE : kS;
  thread_local std::vector<int> states;
  states.resize(n);
  for (size_t x = n; x-- > 0;) {
    states[x] = stat;
    stat = path[x * kStates + static_cast<size_t>(stat)];
  }
  uint32_t left = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (states[i] % 2) {  // E or S
      out.emplace_back(offset + left, offset + i);
      left = i + 1;
    }
  }
}

}  // namespace lianxin::text::internal
