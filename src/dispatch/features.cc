#include "dispatch/features.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

namespace lianxin::dispatch {

namespace {

// Per-block hash seeds; part of the model format (changing them needs a new version).
constexpr uint64_t kBlockSeed[kNumBlocks] = {0x5157a1e7c0ffee01ULL, 0x8c3a9d2b4e6f1102ULL,
                                             0x2d4f6a8c0e1b3503ULL, 0xe1c3a5b7d9f02404ULL};
constexpr uint64_t kTokenSeed = 0x9ae16a3b2f90404fULL;
constexpr uint64_t kGolden = 0x9e3779b97f4a7c15ULL;

inline uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Decodes well-formed UTF-8 (Normalize guarantees it) into code points, keeping
// letters, digits and every non-ASCII character except whitespace; ASCII
// punctuation and spaces are separators and dropped.
void CharSequence(std::string_view s, std::vector<char32_t>& out) {
  out.clear();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  for (size_t i = 0; i < n;) {
    unsigned char c = p[i];
    char32_t cp;
    if (c < 0x80) {
      cp = c;
      i += 1;
      bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!alnum) continue;
    } else if (c < 0xE0 && i + 1 < n) {
      cp = (char32_t(c & 0x1F) << 6) | (p[i + 1] & 0x3F);
      i += 2;
    } else if (c < 0xF0 && i + 2 < n) {
      cp = (char32_t(c & 0x0F) << 12) | (char32_t(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
      i += 3;
    } else if (i + 3 < n) {
      cp = (char32_t(c & 0x07) << 18) | (char32_t(p[i + 1] & 0x3F) << 12) |
           (char32_t(p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
      i += 4;
    } else {
      break;  // truncated tail; cannot happen after Normalize
    }
    if (cp == 0x3000 || cp == 0x00A0) continue;
    out.push_back(cp);
  }
}

// Byte length of the first `max_chars` code points of `s` (all of it when 0).
size_t PrefixBytes(std::string_view s, int max_chars) {
  if (max_chars <= 0) return s.size();
  int seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == max_chars) return i;
      ++seen;
    }
  }
  return s.size();
}

// Counts the keys of one block: an open-addressing table reset after each use.
class KeyCounter {
 public:
  void Add(uint64_t key) {
    if ((used_.size() + 1) * 2 > keys_.size()) Grow();
    size_t mask = keys_.size() - 1;
    size_t pos = (key ^ (key >> 32)) & mask;
    while (true) {
      if (counts_[pos] == 0) {
        keys_[pos] = key;
        counts_[pos] = 1;
        used_.push_back(static_cast<uint32_t>(pos));
        return;
      }
      if (keys_[pos] == key) {
        ++counts_[pos];
        return;
      }
      pos = (pos + 1) & mask;
    }
  }
  // Moves the counts out in first-seen order and resets the table.
  void Drain(std::vector<TermCounts::Term>& out) {
    out.clear();
    out.reserve(used_.size());
    for (uint32_t pos : used_) {
      out.push_back({keys_[pos], counts_[pos]});
      counts_[pos] = 0;
    }
    used_.clear();
  }

 private:
  void Grow() {
    std::vector<TermCounts::Term> saved;
    Drain(saved);
    size_t cap = keys_.empty() ? 1024 : keys_.size() * 2;
    keys_.assign(cap, 0);
    counts_.assign(cap, 0);  // count 0 = empty slot
    for (const auto& t : saved) {
      for (uint32_t i = 0; i < t.count; ++i) Add(t.key);
    }
  }
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> counts_;
  std::vector<uint32_t> used_;
};

// Per-thread buffers, so that Count allocates (almost) nothing per call.
struct Scratch {
  std::vector<std::string> title_words;
  std::vector<std::string> body_words;
  std::vector<uint64_t> title_hashes;
  std::vector<uint64_t> body_hashes;
  std::vector<char32_t> chars;
  KeyCounter counter;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

void HashTokens(const std::vector<std::string>& words, std::vector<uint64_t>& out) {
  out.clear();
  for (const std::string& w : words) out.push_back(HashBytes(w, kTokenSeed));
}

// Word n-grams 1..max_n of `hashes` (no n-gram crosses the sequence's ends).
void AddWordNgrams(const std::vector<uint64_t>& hashes, int max_n, uint64_t seed,
                   KeyCounter& counter) {
  size_t n = hashes.size();
  for (size_t i = 0; i < n; ++i) {
    uint64_t h = seed;
    for (int len = 1; len <= max_n && i + len <= n; ++len) {
      h = Mix(h * kGolden + hashes[i + len - 1] + static_cast<uint64_t>(len));
      counter.Add(h);
    }
  }
}

void AddCharNgrams(const std::vector<char32_t>& cps, int min_n, int max_n, uint64_t seed,
                   KeyCounter& counter) {
  size_t n = cps.size();
  for (size_t i = 0; i < n; ++i) {
    uint64_t h = seed;
    for (int len = 1; len <= max_n && i + len <= n; ++len) {
      h = Mix(h * kGolden + cps[i + len - 1] + (static_cast<uint64_t>(len) << 32));
      if (len >= min_n) counter.Add(h);
    }
  }
}

}  // namespace

uint64_t HashBytes(std::string_view bytes, uint64_t seed) {
  uint64_t h = 0xcbf29ce484222325ULL ^ seed;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Mix(h);
}

float TermFrequency(uint32_t count, bool sublinear) {
  return sublinear ? 1.0f + std::log(static_cast<float>(count)) : static_cast<float>(count);
}

FeatureExtractor::FeatureExtractor(const ClassifierOptions& options,
                                   std::shared_ptr<const text::Segmenter> segmenter)
    : options_(options), segmenter_(std::move(segmenter)) {}

void FeatureExtractor::Count(std::string_view title, std::string_view body,
                             TermCounts& out) const {
  for (auto& b : out.blocks) b.clear();
  Scratch& s = ThreadScratch();
  const bool want_title = options_.title_weight > 0;
  const bool want_words = options_.word_ngrams > 0;
  const bool want_chars = options_.char_ngram_max > 0;

  std::string norm_title = text::Normalize(title);
  std::string norm_body = text::Normalize(body.substr(0, PrefixBytes(body, options_.max_chars)));

  if (want_words) {
    s.title_words.clear();
    s.body_words.clear();
    segmenter_->Cut(norm_title, s.title_words);
    segmenter_->Cut(norm_body, s.body_words);
    HashTokens(s.title_words, s.title_hashes);
    HashTokens(s.body_words, s.body_hashes);
    const uint64_t seed = kBlockSeed[static_cast<int>(Block::kWords)];
    AddWordNgrams(s.title_hashes, options_.word_ngrams, seed, s.counter);
    AddWordNgrams(s.body_hashes, options_.word_ngrams, seed, s.counter);
    s.counter.Drain(out.blocks[static_cast<int>(Block::kWords)]);
    if (want_title) {
      AddWordNgrams(s.title_hashes, options_.word_ngrams,
                    kBlockSeed[static_cast<int>(Block::kTitleWords)], s.counter);
      s.counter.Drain(out.blocks[static_cast<int>(Block::kTitleWords)]);
    }
  }
  if (want_chars) {
    const int lo = options_.char_ngram_min;
    const int hi = options_.char_ngram_max;
    const uint64_t seed = kBlockSeed[static_cast<int>(Block::kChars)];
    CharSequence(norm_title, s.chars);
    AddCharNgrams(s.chars, lo, hi, seed, s.counter);
    CharSequence(norm_body, s.chars);
    AddCharNgrams(s.chars, lo, hi, seed, s.counter);
    s.counter.Drain(out.blocks[static_cast<int>(Block::kChars)]);
    if (want_title) {
      CharSequence(norm_title, s.chars);
      AddCharNgrams(s.chars, lo, hi, kBlockSeed[static_cast<int>(Block::kTitleChars)], s.counter);
      s.counter.Drain(out.blocks[static_cast<int>(Block::kTitleChars)]);
    }
  }
}

std::vector<std::string> FeatureExtractor::Words(std::string_view title,
                                                 std::string_view body) const {
  std::vector<std::string> words;
  segmenter_->Cut(text::Normalize(title), words);
  segmenter_->Cut(text::Normalize(body.substr(0, PrefixBytes(body, options_.max_chars))), words);
  std::vector<std::string> distinct;
  for (std::string& w : words) {
    if (std::find(distinct.begin(), distinct.end(), w) == distinct.end()) distinct.push_back(std::move(w));
  }
  return distinct;
}

uint64_t WordKey(std::string_view token, Block block) {
  // AddWordNgrams for a 1-gram.
  return Mix(kBlockSeed[static_cast<int>(block)] * kGolden + HashBytes(token, kTokenSeed) + 1);
}

std::array<float, kNumBlocks> BlockWeights(const ClassifierOptions& options) {
  std::array<float, kNumBlocks> w{};
  w[static_cast<int>(Block::kWords)] =
      options.word_ngrams > 0 ? static_cast<float>(options.word_weight) : 0.0f;
  w[static_cast<int>(Block::kChars)] =
      options.char_ngram_max > 0 ? static_cast<float>(options.char_weight) : 0.0f;
  w[static_cast<int>(Block::kTitleWords)] =
      options.word_ngrams > 0 ? static_cast<float>(options.title_weight) : 0.0f;
  w[static_cast<int>(Block::kTitleChars)] =
      options.char_ngram_max > 0 ? static_cast<float>(options.title_weight) : 0.0f;
  return w;
}

namespace {

// Document frequencies of 64-bit keys: open addressing, grown at load 1/2.
class DfTable {
 public:
  DfTable() { Resize(1 << 16); }
  void Add(uint64_t key, uint32_t doc) {
    if ((size_ + 1) * 2 > slots_.size()) Resize(slots_.size() * 2);
    Slot& e = Find(key);
    if (e.df == 0) {
      e.key = key;
      ++size_;
    } else if (e.last_doc == doc) {
      return;
    }
    e.last_doc = doc;
    ++e.df;
  }
  template <typename F>
  void ForEach(F f) const {
    for (const Slot& e : slots_) {
      if (e.df) f(e.key, e.df);
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t df = 0;  // 0 = empty
    uint32_t last_doc = 0;
  };
  Slot& Find(uint64_t key) {
    size_t mask = slots_.size() - 1;
    for (size_t pos = (key ^ (key >> 29)) & mask;; pos = (pos + 1) & mask) {
      if (slots_[pos].df == 0 || slots_[pos].key == key) return slots_[pos];
    }
  }
  void Resize(size_t cap) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(cap, Slot());
    for (const Slot& e : old) {
      if (e.df) Find(e.key) = e;
    }
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace

Vocabulary Vocabulary::Fit(const std::vector<const TermCounts*>& docs,
                           const ClassifierOptions& options) {
  DfTable df;
  const auto weights = BlockWeights(options);
  uint32_t doc_id = 0;
  for (const TermCounts* doc : docs) {
    ++doc_id;
    for (int b = 0; b < kNumBlocks; ++b) {
      if (weights[b] <= 0) continue;
      for (const auto& t : doc->blocks[b]) df.Add(t.key, doc_id);
    }
  }
  std::vector<std::pair<uint32_t, uint64_t>> kept;  // (df, key)
  df.ForEach([&](uint64_t key, uint32_t n) {
    if (n >= static_cast<uint32_t>(options.min_df)) kept.emplace_back(n, key);
  });
  // Falling df, then key: a deterministic order that keeps frequent features together.
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  Vocabulary v;
  v.keys_.reserve(kept.size());
  v.idf_.reserve(kept.size());
  const double n = static_cast<double>(docs.size());
  for (const auto& [d, key] : kept) {
    v.keys_.push_back(key);
    v.idf_.push_back(options.use_idf ? static_cast<float>(std::log((1.0 + n) / (1.0 + d)) + 1.0)
                                     : 1.0f);
  }
  v.BuildIndex();
  return v;
}

Result<Vocabulary> Vocabulary::FromKeys(std::vector<uint64_t> keys, std::vector<float> idf) {
  if (keys.size() != idf.size()) return Status::InvalidArgument("vocabulary: keys and idf differ in size");
  if (keys.size() >= static_cast<size_t>(INT32_MAX / 4)) {
    return Status::InvalidArgument("vocabulary: too many keys");
  }
  Vocabulary v;
  v.keys_ = std::move(keys);
  v.idf_ = std::move(idf);
  v.BuildIndex();
  for (size_t i = 0; i < v.keys_.size(); ++i) {
    if (v.Find(v.keys_[i]) != static_cast<int32_t>(i)) {
      return Status::InvalidArgument("vocabulary: repeated key");
    }
  }
  return v;
}

void Vocabulary::BuildIndex() {
  size_t cap = 16;
  while (cap < 2 * keys_.size()) cap *= 2;
  slots_.assign(cap, Entry());
  mask_ = cap - 1;
  for (size_t i = 0; i < keys_.size(); ++i) {
    size_t pos = Slot(keys_[i]);
    while (slots_[pos].id >= 0 && slots_[pos].key != keys_[i]) pos = (pos + 1) & mask_;
    if (slots_[pos].id >= 0) continue;  // repeated key: the first id stays
    slots_[pos].key = keys_[i];
    slots_[pos].id = static_cast<int32_t>(i);
  }
}

void Weigh(const TermCounts& counts, const Vocabulary& vocabulary,
           const ClassifierOptions& options, SparseVector& out) {
  out.index.clear();
  out.value.clear();
  const auto weights = BlockWeights(options);
  const std::vector<float>& idf = vocabulary.idf();
  for (int b = 0; b < kNumBlocks; ++b) {
    if (weights[b] <= 0) continue;
    size_t start = out.index.size();
    double norm2 = 0;
    for (const auto& t : counts.blocks[b]) {
      const int32_t id = vocabulary.Find(t.key);
      if (id < 0) continue;
      float v = TermFrequency(t.count, options.sublinear_tf) * idf[id];
      out.index.push_back(static_cast<uint32_t>(id));
      out.value.push_back(v);
      norm2 += static_cast<double>(v) * v;
    }
    if (norm2 <= 0) continue;
    const float scale = static_cast<float>(weights[b] / std::sqrt(norm2));
    for (size_t i = start; i < out.value.size(); ++i) out.value[i] *= scale;
  }
}

uint64_t SegmenterFingerprint(const text::Segmenter& segmenter) {
  static constexpr std::string_view kProbe =
      "市民反映A3区金星北路某小区楼下的餐馆油烟扰民、噪音很大，希望有关部门尽快处理！"
      "另外，公积金贷款审批太慢了，孩子上学的学位问题也请教育局答复。";
  std::vector<std::string> tokens = segmenter.Cut(text::Normalize(kProbe));
  uint64_t h = 0x1234567;
  for (const std::string& t : tokens) h = Mix(h * kGolden + HashBytes(t, kTokenSeed));
  return h;
}

}  // namespace lianxin::dispatch
