#include "kb/searcher.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <mutex>
#include <string_view>
#include <unordered_map>

namespace lianxin::kb {

namespace {

using WeightMap = std::unordered_map<std::string, float>;

void AddWeights(const std::vector<std::string>& terms, float weight, WeightMap& into,
                WeightMap& seen_in_field) {
  seen_in_field.clear();
  for (const auto& t : terms) seen_in_field[t] = weight;
  for (const auto& [t, w] : seen_in_field) into[t] += w;
}

std::vector<WeightedTerm> ToList(const WeightMap& m, float scale) {
  std::vector<WeightedTerm> out;
  out.reserve(m.size());
  for (const auto& [t, w] : m) out.emplace_back(t, w * scale);
  std::sort(out.begin(), out.end());
  return out;
}

bool IsBreak(char c) { return c == '.' || c == '!' || c == '?' || c == ';' || c == '\n'; }

// Byte length of the UTF-8 character led by `c` (1 for ASCII and stray bytes).
size_t CharLength(unsigned char c) { return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

// The leading character of `s` packed into an integer.
uint32_t CharKey(std::string_view s) {
  uint32_t key = 0;
  size_t len = std::min(CharLength(static_cast<unsigned char>(s[0])), s.size());
  for (size_t i = 0; i < 4; ++i) {
    key = key << 8 | (i < len ? static_cast<unsigned char>(s[i]) : 0u);
  }
  return key;
}

// Where each character of a text starts, chained by character (a small hash
// table of positions): finds every occurrence of a word by comparing only at
// the starts of its first character, instead of scanning the whole text once
// per word (hundreds of words for a whole web message). In valid UTF-8 every
// match starts at a character start.
class CharPositions {
 public:
  explicit CharPositions(std::string_view text) : text_(text) {
    head_.fill(kNone);
    std::vector<uint32_t> starts;
    starts.reserve(text.size() / 2 + 1);
    for (size_t i = 0; i < text.size();) {
      starts.push_back(static_cast<uint32_t>(i));
      i += std::min(CharLength(static_cast<unsigned char>(text[i])), text.size() - i);
    }
    next_.resize(starts.size());
    pos_ = std::move(starts);
    // Linked back to front, so each chain lists its positions ascending.
    for (size_t j = pos_.size(); j-- > 0;) {
      uint32_t bucket = Bucket(CharKey(text.substr(pos_[j])));
      next_[j] = head_[bucket];
      head_[bucket] = static_cast<uint32_t>(j);
    }
  }
  // Calls f(position) for each occurrence of `w` (overlapping ones too),
  // ascending, until f returns false.
  template <typename F>
  void ForEach(std::string_view w, F&& f) const {
    if (w.empty()) return;
    for (uint32_t j = head_[Bucket(CharKey(w))]; j != kNone; j = next_[j]) {
      if (text_.compare(pos_[j], w.size(), w) == 0 && !f(static_cast<size_t>(pos_[j]))) return;
    }
  }
  bool Contains(std::string_view w) const {
    bool found = false;
    ForEach(w, [&](size_t) { return !(found = true); });
    return found;
  }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  static constexpr uint32_t kBuckets = 1024;
  static uint32_t Bucket(uint32_t key) { return (key * 2654435761u) >> 22; }  // top 10 bits
  std::string_view text_;
  std::array<uint32_t, kBuckets> head_;
  std::vector<uint32_t> pos_;   // character starts, ascending
  std::vector<uint32_t> next_;  // next_[j]: the next start in j's chain
};

// The passage of `text` (one or two sentences, at most ~240 bytes) holding the
// most idf weight of query words, with the byte ranges of those words.
void MakeSnippet(const std::string& text, const CharPositions& where,
                 const std::vector<std::pair<std::string, float>>& words, std::string& snippet,
                 std::vector<std::pair<size_t, size_t>>& highlights) {
  std::vector<std::pair<size_t, size_t>> sentences;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsBreak(text[i])) {
      if (i + 1 > start) sentences.emplace_back(start, i + 1);
      start = i + 1;
    }
  }
  if (start < text.size()) sentences.emplace_back(start, text.size());
  if (sentences.empty()) return;
  // Each sentence's weight: the idf of every word found inside it, once per word.
  std::vector<float> scores(sentences.size(), 0.0f);
  for (const auto& [w, idf] : words) {
    size_t last = sentences.size();
    where.ForEach(w, [&](size_t pos) {
      auto it = std::upper_bound(sentences.begin(), sentences.end(), pos,
                                 [](size_t p, const auto& sentence) { return p < sentence.first; });
      size_t s = static_cast<size_t>(it - sentences.begin()) - 1;
      if (s != last && pos + w.size() <= sentences[s].second) {
        scores[s] += idf;
        last = s;
      }
      return true;
    });
  }
  size_t best = 0;
  float best_score = -1;
  for (size_t s = 0; s < sentences.size(); ++s) {
    if (scores[s] > best_score) {
      best_score = scores[s];
      best = s;
    }
  }
  size_t begin = sentences[best].first;
  size_t end = sentences[best].second;
  if (end - begin < 120 && best + 1 < sentences.size()) end = sentences[best + 1].second;
  const size_t kMax = 240;
  if (end - begin > kMax) {
    end = begin + kMax;
    while (end > begin && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  }
  while (begin < end && text[begin] == ' ') ++begin;
  snippet = text.substr(begin, end - begin);
  // Each word's non-overlapping occurrences inside the snippet, leftmost first.
  std::vector<std::pair<size_t, size_t>> found;
  for (const auto& [w, idf] : words) {
    if (w.size() < 2) continue;
    size_t next = begin;
    where.ForEach(w, [&](size_t pos) {
      if (pos + w.size() > end) return false;
      if (pos >= next) {
        found.emplace_back(pos - begin, pos - begin + w.size());
        next = pos + w.size();
      }
      return true;
    });
  }
  std::sort(found.begin(), found.end());
  for (const auto& r : found) {
    if (!highlights.empty() && r.first <= highlights.back().second) {
      highlights.back().second = std::max(highlights.back().second, r.second);
    } else {
      highlights.push_back(r);
    }
  }
}

}  // namespace

std::string EntryText(const KbEntry& entry) {
  std::string out;
  for (const auto& q : entry.questions) {
    out += q;
    out += "\n";
  }
  out += entry.answer;
  return out;
}

bool CoversRegion(const KbEntry& entry, const std::string& region) {
  if (entry.regions.empty()) return true;
  if (region.empty()) return false;
  for (const std::string& scope : entry.regions) {
    if (region == scope) return true;
    if (region.size() > scope.size() && region.compare(0, scope.size(), scope) == 0 &&
        region[scope.size()] == '.') {
      return true;
    }
  }
  return false;
}

bool ValidOn(const KbEntry& entry, const std::string& date) {
  if (date.empty()) return true;
  if (!entry.valid_from.empty() && date < entry.valid_from) return false;
  if (!entry.valid_to.empty() && date > entry.valid_to) return false;
  return true;
}

Result<std::unique_ptr<Searcher>> Searcher::Build(const text::Segmenter& segmenter,
                                                  const std::vector<KbEntry>& entries,
                                                  const LsaOptions& lsa) {
  std::unique_ptr<Searcher> s(new Searcher(segmenter));
  // Each entry is analysed once: the words train LSA and then fill the index.
  std::vector<std::vector<std::string>> corpus;
  for (const KbEntry& e : entries) {
    if (e.answer.empty() && e.questions.empty()) {
      return Status::InvalidArgument("知识条目 " + std::to_string(e.id) + " 没有内容");
    }
    if (e.status == KbEntryStatus::kPublished) corpus.push_back(s->analyzer_.Words(EntryText(e)));
  }
  if (corpus.size() >= 2) {
    auto model = LsaModel::Fit(corpus, lsa);
    if (model.ok()) s->lsa_ = std::move(model).value();
  }
  size_t next = 0;
  for (const KbEntry& e : entries) {
    if (e.status == KbEntryStatus::kPublished) {
      s->AddLocked(e, std::move(corpus[next++]));
    } else {
      s->AddLocked(e, {});
    }
  }
  s->words_.Finish();
  s->bigrams_.Finish();
  s->chars_.Finish();
  return s;
}

void Searcher::AddLocked(const KbEntry& entry, std::vector<std::string> words) {
  if (entry.status == KbEntryStatus::kDraft) return;
  auto live = live_.find(entry.id);
  if (live != live_.end() && entry.status == KbEntryStatus::kRetired &&
      docs_[live->second].entry.version != entry.version) {
    return;  // retiring a version that is not the searchable one
  }
  if (live != live_.end()) {
    docs_[live->second].alive = false;
    live_.erase(live);
  }
  if (entry.status != KbEntryStatus::kPublished) return;
  live_[entry.id] = static_cast<uint32_t>(docs_.size());
  Doc doc;
  doc.entry = entry;
  std::string raw = EntryText(entry);
  doc.text = text::Normalize(raw);
  words_.Add(words);
  bigrams_.Add(Analyzer::Bigrams(words));
  chars_.Add(Analyzer::CharBigrams(raw));
  doc.vec = lsa_.Embed(words);
  docs_.push_back(std::move(doc));
}

void Searcher::Upsert(const KbEntry& entry) {
  std::vector<std::string> words;
  if (entry.status == KbEntryStatus::kPublished) words = analyzer_.Words(EntryText(entry));
  std::unique_lock lock(mu_);
  AddLocked(entry, std::move(words));
}

std::optional<KbEntry> Searcher::Get(int64_t id) const {
  std::shared_lock lock(mu_);
  auto it = live_.find(id);
  if (it == live_.end()) return std::nullopt;
  return docs_[it->second].entry;
}

size_t Searcher::size() const {
  std::shared_lock lock(mu_);
  return live_.size();
}

bool Searcher::EligibleLocked(const Doc& doc, const Query& query) const {
  return doc.alive && CoversRegion(doc.entry, query.region) && ValidOn(doc.entry, query.date);
}

float Searcher::Fuse(float lexical, float max_lexical, float semantic, const RankParams& params) {
  float lex = max_lexical > 0 ? lexical / max_lexical : 0.0f;
  return (1.0f - params.vector_weight) * lex + params.vector_weight * std::max(0.0f, semantic);
}

std::vector<Hit> Searcher::Search(const Query& query, const RankParams& params) const {
  std::vector<std::string> title_words = analyzer_.Words(query.title);
  std::vector<std::string> body_words = analyzer_.Words(query.body);
  WeightMap word_weights, bigram_weights, scratch;
  AddWeights(title_words, params.title_weight, word_weights, scratch);
  AddWeights(body_words, 1.0f, word_weights, scratch);
  AddWeights(Analyzer::Bigrams(title_words), params.title_weight, bigram_weights, scratch);
  AddWeights(Analyzer::Bigrams(body_words), 1.0f, bigram_weights, scratch);
  WeightMap char_weights;
  if (params.char_weight > 0) {
    AddWeights(Analyzer::CharBigrams(query.title), params.title_weight, char_weights, scratch);
    AddWeights(Analyzer::CharBigrams(query.body), 1.0f, char_weights, scratch);
  }

  std::shared_lock lock(mu_);
  std::vector<Hit> hits;
  if (docs_.empty() || word_weights.empty()) return hits;
  // Lexical candidates: the pruned top-k over all three indexes at once.
  thread_local std::vector<TermCursor> cursors;
  thread_local TopKScratch topk_scratch;
  cursors.clear();
  if (params.lexical == RankParams::Lexical::kBm25) {
    words_.Bm25Cursors(ToList(word_weights, 1.0f), params.bm25, cursors);
    if (params.bigram_weight > 0) {
      bigrams_.Bm25Cursors(ToList(bigram_weights, params.bigram_weight), params.bm25, cursors);
    }
    if (params.char_weight > 0) {
      chars_.Bm25Cursors(ToList(char_weights, params.char_weight), params.bm25, cursors);
    }
  } else {
    words_.TfidfCursors(ToList(word_weights, 1.0f), cursors);
    if (params.bigram_weight > 0) {
      bigrams_.TfidfCursors(ToList(bigram_weights, params.bigram_weight), cursors);
    }
    if (params.char_weight > 0) {
      chars_.TfidfCursors(ToList(char_weights, params.char_weight), cursors);
    }
  }
  SelectTerms(cursors, params.max_terms);
  std::vector<std::pair<uint32_t, float>> cands;  // (document number, lexical score), best first
  size_t keep = std::max(params.candidates, query.limit);
  RetrieveTopK(
      cursors, keep, [&](uint32_t d) { return EligibleLocked(docs_[d], query); }, topk_scratch, cands,
      !params.exhaustive);
  if (cands.empty()) return hits;
  float max_lex = cands.front().second;
  std::vector<std::string> all_words = title_words;
  all_words.insert(all_words.end(), body_words.begin(), body_words.end());
  std::vector<float> qvec = lsa_.Embed(all_words);
  std::vector<std::pair<float, size_t>> order;  // (fused score, index in cands)
  order.reserve(cands.size());
  for (size_t i = 0; i < cands.size(); ++i) {
    const Doc& doc = docs_[cands[i].first];
    float sem = doc.vec.empty() ? 0.0f : std::max(0.0f, Dot(qvec, doc.vec.data()));
    order.emplace_back(Fuse(cands[i].second, max_lex, sem, params), i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  if (order.size() > query.limit) order.resize(query.limit);
  // The query's distinct words with their idf (one lookup each), in the map's
  // order for coverage and sorted for snippets.
  std::vector<std::pair<std::string, float>> qwords, snippet_words;
  if (query.with_snippets) {
    qwords.reserve(word_weights.size());
    for (const auto& [t, w] : word_weights) qwords.emplace_back(t, words_.Idf(t));
    snippet_words = qwords;
    std::sort(snippet_words.begin(), snippet_words.end());
  }
  std::vector<CharPositions> where;  // of each hit's text, for snippets and coverage
  if (query.with_snippets) where.reserve(order.size());
  for (const auto& [fused, i] : order) {
    uint32_t d = cands[i].first;
    Hit h;
    h.entry_id = docs_[d].entry.id;
    h.version = docs_[d].entry.version;
    h.lexical = cands[i].second;
    h.semantic = docs_[d].vec.empty() ? 0.0f : std::max(0.0f, Dot(qvec, docs_[d].vec.data()));
    h.score = fused;
    h.max_lexical = max_lex;
    if (query.with_snippets) {
      where.emplace_back(docs_[d].text);
      MakeSnippet(docs_[d].text, where.back(), snippet_words, h.snippet, h.highlights);
    }
    h.owner_unit = docs_[d].entry.owner_unit;
    hits.push_back(std::move(h));
  }
  // Coverage of the query's distinct words (idf-weighted) by each hit's text.
  float total = 0;
  // A word the index has never seen (idf 0: Idf is positive for every known
  // word) weighs as much as the rarest possible one.
  float unseen_idf = std::log(1.0f + (static_cast<float>(words_.size()) + 0.5f) / 0.5f);
  for (auto& [t, idf] : qwords) {
    if (idf == 0) idf = unseen_idf;
    total += idf;
  }
  std::vector<uint8_t> in_first(qwords.size(), 0);
  for (size_t i = 0; query.with_snippets && i < hits.size() && total > 0; ++i) {
    float cov = 0, extra = 0;
    for (size_t k = 0; k < qwords.size(); ++k) {
      bool found = where[i].Contains(qwords[k].first);
      if (i == 0) in_first[k] = found;
      if (found) cov += qwords[k].second;
      if (found && i > 0 && !in_first[k]) extra += qwords[k].second;
    }
    hits[i].coverage = cov / total;
    hits[i].extra_coverage = extra / total;
  }
  return hits;
}

}  // namespace lianxin::kb
