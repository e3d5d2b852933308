// The knowledge base's search index (start here): published entry versions kept
// in memory, ranked by TF-IDF or BM25 over jieba words, word bigrams and
// character bigrams (the shared text/ pipeline; a long query keeps only its
// RankParams::max_terms strongest terms; top-k by MaxScore pruning, equal to
// exhaustive scoring of those terms, see kb/top_k.h), fused with LSA vectors trained on the
// indexed corpus itself, and filtered by region scope and validity date;
// snippets carry the matched words.
//
// Thread-safety: a Searcher may be shared between threads. Search is const and
// takes a shared lock (its scratch buffers are thread_local); Upsert takes an
// exclusive one. The Segmenter passed to Build must outlive the Searcher.
// Nothing here throws.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/kb_entry.h"
#include "core/status.h"
#include "kb/analyzer.h"
#include "kb/inverted_index.h"
#include "kb/lsa.h"

namespace lianxin::kb {

// How lexical and semantic evidence are combined. Defaults are the values
// `lianxin kb eval` chose most often in its cross-validation folds.
struct RankParams {
  enum class Lexical { kBm25, kTfidf };
  Lexical lexical = Lexical::kTfidf;  // BM25, or TF-IDF cosine with weighted query terms
  float title_weight = 1.0f;   // weight of a query word found in the title (body words: 1)
  float bigram_weight = 0.5f;  // weight of word-bigram matches relative to words
  float char_weight = 1.0f;    // weight of character-bigram matches relative to words
  float vector_weight = 0.4f;  // share of the LSA cosine in the fused score
  size_t candidates = 100;     // lexical candidates re-ranked with vectors
  size_t max_terms = 128;      // query-term selection: only the max_terms terms (over the three
                               // indexes) with the largest query weight x idf are scored; 0 = all.
                               // Long queries (a whole web message) are what it speeds up; 128 is
                               // the only K that kb eval's cross-validation kept (2 folds of 5;
                               // the others kept all terms), see bench/RESULTS.md kb_eval
  bool exhaustive = false;     // score every posting instead of MaxScore pruning (same results;
                               // the reference for tests and benchmarks)
  Bm25Params bm25;
};

struct Query {
  std::string title;   // a short question or a ticket title (weighted by title_weight)
  std::string body;    // more text (optional)
  std::string region;  // Region code of the asker; "" = unknown: only entries without scope
  std::string date;    // YYYY-MM-DD; entries not valid on it are skipped; "" = no date filter
  size_t limit = 10;
  bool with_snippets = true;  // false skips snippet making (evaluation)
};

struct Hit {
  int64_t entry_id = 0;
  int version = 0;
  float score = 0;     // fused, in [0, 1]
  float lexical = 0;   // raw BM25 (words + weighted bigrams)
  float semantic = 0;  // LSA cosine, clipped at 0
  float max_lexical = 0;  // the best lexical score among the candidates (for re-fusing)
  float coverage = 0;     // idf-weighted share of the query's words found in the entry
  float extra_coverage = 0;  // share found here but not in the first hit (0 for the first)
  std::string owner_unit;
  std::string snippet;                             // best-matching passage of the entry
  std::vector<std::pair<size_t, size_t>> highlights;  // byte ranges of matched words in snippet
};

class Searcher {
 public:
  // Indexes `entries` (only kPublished ones are searchable) and trains the LSA
  // vectors on their text. kInvalidArgument if an entry has no text.
  // Blocks (≈2 s for 3,000 entries).
  static Result<std::unique_ptr<Searcher>> Build(const text::Segmenter& segmenter,
                                                 const std::vector<KbEntry>& entries,
                                                 const LsaOptions& lsa = {});
  // Adds or replaces the searchable version of `entry.id`: a published version
  // becomes the one found; a draft changes nothing; a retired one removes the
  // entry. LSA stays as trained (unseen words only lose semantic weight).
  void Upsert(const KbEntry& entry);
  // The best hits, best first, at most query.limit; empty when nothing matches.
  std::vector<Hit> Search(const Query& query, const RankParams& params = {}) const;
  // Fused score of a candidate from its parts (used by Search and by the
  // cross-validated tuning in eval): (1-v)*lexical/max_lexical + v*semantic.
  static float Fuse(float lexical, float max_lexical, float semantic, const RankParams& params);
  // The searchable (published) version of entry `id`, if any.
  std::optional<KbEntry> Get(int64_t id) const;
  // Number of searchable entries.
  size_t size() const;
  const Analyzer& analyzer() const { return analyzer_; }

 private:
  struct Doc {
    KbEntry entry;
    std::string text;       // normalised questions + answer, for snippets
    std::vector<float> vec;  // LSA vector
    bool alive = true;
  };
  explicit Searcher(const text::Segmenter& segmenter) : analyzer_(segmenter) {}
  // `words`: Analyzer::Words(EntryText(entry)) for a published entry.
  void AddLocked(const KbEntry& entry, std::vector<std::string> words);
  bool EligibleLocked(const Doc& doc, const Query& query) const;

  Analyzer analyzer_;
  mutable std::shared_mutex mu_;
  InvertedIndex words_;    // GUARDED_BY(mu_)
  InvertedIndex bigrams_;  // GUARDED_BY(mu_)
  InvertedIndex chars_;    // GUARDED_BY(mu_): character bigrams
  LsaModel lsa_;           // GUARDED_BY(mu_)
  std::vector<Doc> docs_;  // GUARDED_BY(mu_), index = document number in both indexes
  std::unordered_map<int64_t, uint32_t> live_;  // GUARDED_BY(mu_): entry id → its searchable doc
};

// The text an entry is indexed by: its question forms, then its answer.
std::string EntryText(const KbEntry& entry);
// Whether `entry` applies to `region` (a scope equal to it or one of its
// ancestors, "XD.A" covers "XD.A.A3"); an unscoped entry applies everywhere; an
// unknown region ("") only gets unscoped entries.
bool CoversRegion(const KbEntry& entry, const std::string& region);
// Whether `entry` is valid on `date` (YYYY-MM-DD); "" = any date.
bool ValidOn(const KbEntry& entry, const std::string& date);

}  // namespace lianxin::kb
