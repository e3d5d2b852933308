// Chinese text pipeline shared by dispatch, search and analytics: normalisation,
// segmentation, personal-data (PII) detection and masking, and place extraction.
//
// Free functions are pure and thread-safe. A Segmenter or Gazetteer is immutable
// after loading and safe to share between threads (const methods only).
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
std::string Normalize(std::string_view input);

// Splits normalised text into tokens (words; punctuation and whitespace dropped).
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
  std::vector<std::string> user_words;
  bool drop_stop_words = true;
};

// Loads cppjieba's dictionaries once (takes ~1 s). kNotFound when files are missing.
Result<std::unique_ptr<Segmenter>> LoadJiebaSegmenter(const SegmenterOptions& options);
// A dictionary-free segmenter (one token per CJK character, ASCII words whole); for tests.
std::unique_ptr<Segmenter> NewCharSegmenter();

// Kinds of personal data the pipeline finds.
enum class PiiKind { kMobile, kLandline, kIdCard, kBankCard, kEmail, kLicensePlate, kRoomAddress };
std::string_view ToString(PiiKind kind);

struct PiiSpan {
  PiiKind kind;
  size_t begin = 0;  // byte offsets into the input
  size_t end = 0;
};

// Finds personal data in raw (not normalised) UTF-8 text; spans do not overlap.
std::vector<PiiSpan> FindPii(std::string_view input);
// Returns `input` with every PII span masked (e.g. 138****1234, 4301**********1234, [邮箱]).
std::string MaskPii(std::string_view input);

// A region named in text.
struct PlaceMention {
  std::string region_code;
  std::string name;  // the words as found
  size_t begin = 0;  // byte offsets into the searched text
  size_t end = 0;
};

// Resolves region mentions (A市, A3区, K6县, and real place names) against a region tree.
class Gazetteer {
 public:
  // Builds from the region list (every name and its short forms).
  static std::unique_ptr<Gazetteer> Build(const std::vector<Region>& regions);
  virtual ~Gazetteer() = default;
  // All mentions in `input`, longest match first at each position.
  virtual std::vector<PlaceMention> Find(std::string_view input) const = 0;
  // The most specific region the text places itself in (deepest consistent mention),
  // or "" when none.
  virtual std::string Locate(std::string_view input) const = 0;
};

}  // namespace lianxin::text
