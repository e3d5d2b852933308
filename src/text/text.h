// Chinese text pipeline shared by dispatch, search and analytics: normalisation,
// segmentation, personal-data (PII) detection and masking, and place extraction.
//
// Free functions are pure and thread-safe. A Segmenter or Gazetteer is immutable
// after loading and safe to share between threads (const methods only). Nothing
// here throws; the only fallible call, LoadJiebaSegmenter, returns a Result.
// The module's own data (data/text/: stop words, the traditional → simplified
// table, real place names) is compiled in; only jieba's dictionaries are files.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/directory.h"
#include "core/status.h"

namespace lianxin::text {

// Full-width → half-width, traditional → simplified, unified punctuation,
// ASCII lower case, runs of whitespace folded to one space, trimmed.
// Invalid UTF-8 bytes are dropped.
// Punctuation: CJK forms become ASCII (，→, 。→. 、→, “”「」→" 【】→[] 《》→<>
// ——→-- …→...); zero-width and control characters are dropped. Traditional
// characters are mapped one by one from OpenCC's character table, except those
// also standard in simplified text (乾, 昇, ...). Idempotent; ~3 µs for 1 KB.
std::string Normalize(std::string_view input);

// Splits normalised text into tokens (words; punctuation and whitespace dropped).
// Implementations are immutable: Cut may be called from many threads at once.
class Segmenter {
 public:
  virtual ~Segmenter() = default;
  // Appends the tokens of `normalized` to `out`. Never fails.
  virtual void Cut(std::string_view normalized, std::vector<std::string>& out) const = 0;
  // Convenience wrapper around the above.
  std::vector<std::string> Cut(std::string_view normalized) const {
    std::vector<std::string> out;
    Cut(normalized, out);
    return out;
  }
};

struct SegmenterOptions {
  // Folder holding jieba.dict.utf8, hmm_model.utf8, ...; empty = the one found at build time.
  std::string dict_dir;
  // Extra words (one per line, "word [freq] [tag]"), e.g. taxonomy labels and region names.
  // Words are passed through Normalize() ("A3区" matches normalised "a3区"); without
  // a freq they get jieba's default user-word weight; tags are ignored.
  std::vector<std::string> user_words;
  // Drops the words of data/text/stop_words.txt (particles, pronouns, greetings;
  // not negations such as 不/没有).
  bool drop_stop_words = true;
};

// Loads cppjieba's dictionaries once (~0.3 s; blocks). kNotFound when files are
// missing, kInvalidArgument when they are malformed. The segmenter cuts like
// cppjieba::MixSegment (dictionary max-probability path + HMM for unknown runs)
// over a faster trie; tokens are substrings of the input.
Result<std::unique_ptr<Segmenter>> LoadJiebaSegmenter(const SegmenterOptions& options);
// A dictionary-free segmenter (one token per CJK character, ASCII words whole); for tests.
std::unique_ptr<Segmenter> NewCharSegmenter();

// Terms for full-text search over tickets: the segmenter's words of
// Normalize(raw), deduplicated in first-occurrence order. For a document
// (`for_query` false) each Chinese word of three or more characters also yields its
// two-character pieces, so that the query 路灯 finds a text cut as 路灯杆.
// Thread-safe; ~40 µs for a 300-character message with the jieba segmenter.
std::vector<std::string> SearchTerms(const Segmenter& segmenter, std::string_view raw,
                                     bool for_query);

// Kinds of personal data the pipeline finds.
enum class PiiKind { kMobile, kLandline, kIdCard, kBankCard, kEmail, kLicensePlate, kRoomAddress };
std::string_view ToString(PiiKind kind);

struct PiiSpan {
  PiiKind kind;
  size_t begin = 0;  // byte offsets into the input
  size_t end = 0;
};

// Finds personal data in raw (not normalised) UTF-8 text; spans are ordered and do
// not overlap. Full-width digits count. Numbers inside longer digit runs, years,
// amounts, dates, 身份证 numbers with a wrong check digit (ISO 7064 MOD 11-2) or
// impossible birth date and card numbers failing Luhn are not reported.
std::vector<PiiSpan> FindPii(std::string_view input);
// Returns `input` with every PII span masked: mobile 138****1234 (a +86 prefix is
// kept), landline 0731-****5678, 身份证 4301**********123X, bank card
// ***************1234, e-mail z***@example.com, plate 湘A***45, room address
// (3栋2单元502室) → ***. Bytes outside the spans are copied unchanged.
std::string MaskPii(std::string_view input);

// A region named in text.
struct PlaceMention {
  // The region's code; "CN.<province>[.<city>]" (GB/T 2260 digits, e.g. CN.43.01 =
  // 长沙市) for real places outside the region tree; for a name shared by several
  // regions and not settled by other mentions, their common ancestor ("" if none).
  std::string region_code;
  std::string name;  // the words as found
  size_t begin = 0;  // byte offsets into the searched text
  size_t end = 0;
};

// Resolves region mentions (A市, A3区, K6县, and real place names) against a region tree.
// Matching ignores width, ASCII case and traditional/simplified differences, so raw
// and normalised text both work. Immutable after Build; safe to share between threads.
class Gazetteer {
 public:
  // Builds from the region list (every name and its short forms) plus the real
  // provinces and capitals of data/text/cn_places.tsv (a tree name shadows them).
  // Short forms ("西地" for 西地省, "长沙" for 长沙市) exist only for province, city
  // and district names whose stem is 2+ Chinese characters, and only when they
  // name one place (or one place above all others) and are no full name.
  static std::unique_ptr<Gazetteer> Build(const std::vector<Region>& regions);
  virtual ~Gazetteer() = default;
  // All mentions in `input`, left to right, longest match first at each position.
  // A Latin-led name ("A3区") must not continue a Latin word or number; a short
  // form followed by 镇/乡/村/路/街/巷/桥 (西安镇, 长春路) is not a mention.
  virtual std::vector<PlaceMention> Find(std::string_view input) const = 0;
  // The most specific region the text places itself in, or "" when none: the
  // mentioned code with most mentions on its path to the root, then the deepest,
  // then a region-tree code over a CN.* one, then the first ("A市A3区" → XD.A.A3).
  virtual std::string Locate(std::string_view input) const = 0;
};

}  // namespace lianxin::text
