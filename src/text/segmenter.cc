// Segmenters: the jieba one (the dictionary's maximum-probability path, then
// the HMM for runs of unknown single characters, exactly as
// cppjieba::MixSegment) and the dictionary-free character segmenter.
#include <array>
#include <charconv>
#include <fstream>
#include <unordered_set>

// cppjieba headers are not self-contained: DictTrie.hpp brings XLOG and MIN_DOUBLE.
#include "cppjieba/DictTrie.hpp"
#include "cppjieba/HMMModel.hpp"
#include "text/embedded_data.h"
#include "text/hmm.h"
#include "text/text.h"
#include "text/unicode.h"
#include "text/word_dict.h"

#ifndef LIANXIN_JIEBA_DICT_DIR
#define LIANXIN_JIEBA_DICT_DIR ""
#endif

namespace lianxin::text {
namespace {

using internal::DecodeUtf8;
using internal::IsSpaceOrPunct;

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, StringViewHash, std::equal_to<>>;

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

// cppjieba's HMMModel aborts the process on a malformed file; check the format
// here first so that a bad file becomes a Status.
Status ValidateHmmModel(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open HMM model " + path);
  std::string line;
  int data_lines = 0;
  auto bad = [&] { return Status::InvalidArgument("malformed HMM model " + path); };
  while (std::getline(in, line) && data_lines < 9) {
    std::string_view v = line;
    while (!v.empty() && (v.back() == '\r' || v.back() == ' ' || v.back() == '\t')) {
      v.remove_suffix(1);
    }
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    if (v.empty() || v[0] == '#') continue;
    ++data_lines;
    if (data_lines <= 5) {  // start probabilities, then the 4x4 transition matrix
      if (SplitFields(v).size() != 4) return bad();
      continue;
    }
    // Emission line: "字:-1.5,字:-2.0,..."
    size_t pos = 0;
    while (pos <= v.size()) {
      size_t comma = v.find(',', pos);
      std::string_view item = v.substr(pos, comma == std::string_view::npos ? v.npos : comma - pos);
      size_t colon = item.find(':');
      char32_t cp;
      if (colon == std::string_view::npos || colon == 0 || DecodeUtf8(item, 0, cp) != colon ||
          item.find(':', colon + 1) != std::string_view::npos) {
        return bad();
      }
      if (comma == std::string_view::npos) break;
      pos = comma + 1;
    }
  }
  return data_lines == 9 ? Status::Ok() : bad();
}

class JiebaSegmenter final : public Segmenter {
 public:
  JiebaSegmenter(std::unique_ptr<internal::WordDict> dict, const cppjieba::HMMModel& model,
                 WordSet stop_words, bool drop_stop_words)
      : dict_(std::move(dict)),
        hmm_(model),
        stop_words_(std::move(stop_words)),
        drop_stop_words_(drop_stop_words) {
    for (const std::string& w : stop_words_) {
      char32_t cp = 0;
      if (DecodeUtf8(w, 0, cp) != 0 && cp < 0x10000) stop_first_[cp >> 6] |= uint64_t{1} << (cp & 63);
    }
  }

  // Remembers its last few texts per thread: the intake path cuts the same title
  // and body for the classifier and again for the search index.
  void Cut(std::string_view normalized, std::vector<std::string>& out) const override;

 private:
  void CutUncached(std::string_view normalized, std::vector<std::string>& out) const;

  // Per-thread buffers, so that Cut allocates (almost) nothing per call.
  struct Scratch {
    std::vector<char32_t> runes;
    cppjieba::RuneStrArray rune_strs;
    std::vector<uint32_t> lengths;
    std::vector<double> route;
    std::vector<std::pair<uint32_t, uint32_t>> hmm_words;  // first, last rune of each
  };

  // Appends runes [first, last] of the text as a token unless it is only
  // punctuation/whitespace or a stop word.
  void Emit(std::string_view text, const Scratch& s, size_t first, size_t last,
            std::vector<std::string>& out) const {
    bool punct = true;
    for (size_t k = first; k <= last && punct; ++k) {
      punct = IsSpaceOrPunct(s.runes[k]);
    }
    if (punct) return;
    const cppjieba::RuneStr& a = s.rune_strs[first];
    const cppjieba::RuneStr& b = s.rune_strs[last];
    std::string_view token = text.substr(a.offset, b.offset + b.len - a.offset);
    if (drop_stop_words_ && MaybeStopWord(s.runes[first]) &&
        stop_words_.find(token) != stop_words_.end()) {
      return;
    }
    out.emplace_back(token);
  }

  // False when no stop word starts with `cp` (a bitmap test; most tokens).
  bool MaybeStopWord(char32_t cp) const {
    return cp >= 0x10000 || ((stop_first_[cp >> 6] >> (cp & 63)) & 1) != 0;
  }

  std::unique_ptr<internal::WordDict> dict_;
  internal::HmmCutter hmm_;
  WordSet stop_words_;
  std::array<uint64_t, 1024> stop_first_{};  // BMP code points some stop word starts with
  bool drop_stop_words_;
};

void JiebaSegmenter::Cut(std::string_view text, std::vector<std::string>& out) const {
  struct Memo {
    const JiebaSegmenter* owner = nullptr;
    std::string text;
    std::vector<std::string> words;
  };
  constexpr size_t kMemos = 4;
  thread_local Memo memos[kMemos];
  thread_local size_t next = 0;
  for (const Memo& m : memos) {
    if (m.owner == this && m.text == text) {
      out.insert(out.end(), m.words.begin(), m.words.end());
      return;
    }
  }
  const size_t first = out.size();
  CutUncached(text, out);
  if (text.size() > 20000) return;  // not worth keeping
  Memo& m = memos[next];
  next = (next + 1) % kMemos;
  m.owner = this;
  m.text.assign(text);
  m.words.assign(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
}

void JiebaSegmenter::CutUncached(std::string_view text, std::vector<std::string>& out) const {
  thread_local Scratch s;
  s.runes.clear();
  s.rune_strs.clear();
  for (size_t i = 0; i < text.size();) {
    char32_t cp;
    size_t len = DecodeUtf8(text, i, cp);
    if (len == 0) {  // not normalised: skip the bad byte
      ++i;
      continue;
    }
    s.runes.push_back(cp);
    s.rune_strs.push_back(cppjieba::RuneStr(cp, static_cast<uint32_t>(i), static_cast<uint32_t>(len)));
    i += len;
  }
  const size_t n = s.runes.size();
  auto emit_runes = [&](size_t first, size_t last) { Emit(text, s, first, last, out); };
  // Whitespace separates; everything else goes through the dictionary.
  size_t seg = 0;
  while (seg < n) {
    char32_t c = s.runes[seg];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++seg;
      continue;
    }
    size_t seg_end = seg + 1;
    while (seg_end < n) {
      c = s.runes[seg_end];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') break;
      ++seg_end;
    }
    s.lengths.clear();
    dict_->Cut(s.runes.data() + seg, seg_end - seg, s.lengths, s.route);
    size_t pos = seg;
    for (size_t w = 0; w < s.lengths.size();) {
      uint32_t len = s.lengths[w];
      if (len > 1 || dict_->IsUserSingleChar(s.runes[pos])) {
        emit_runes(pos, pos + len - 1);
        pos += len;
        ++w;
        continue;
      }
      // A run of single characters the dictionary does not know: HMM.
      size_t run_end = pos;
      while (w < s.lengths.size() && s.lengths[w] == 1 && !dict_->IsUserSingleChar(s.runes[run_end])) {
        ++run_end;
        ++w;
      }
      s.hmm_words.clear();
      hmm_.Cut(s.runes.data() + pos, run_end - pos, s.hmm_words);
      for (const auto& [first, last] : s.hmm_words) emit_runes(pos + first, pos + last);
      pos = run_end;
    }
    seg = seg_end;
  }
}

// One token per Han character; runs of other letters and digits as one token.
class CharSegmenter final : public Segmenter {
 public:
  void Cut(std::string_view text, std::vector<std::string>& out) const override {
    size_t run = std::string_view::npos;  // start of the current non-Han word
    for (size_t i = 0; i < text.size();) {
      char32_t cp;
      size_t len = DecodeUtf8(text, i, cp);
      bool han = len != 0 && internal::IsHan(cp);
      bool word_char = len != 0 && !han && !IsSpaceOrPunct(cp);
      if (!word_char && run != std::string_view::npos) {
        out.emplace_back(text.substr(run, i - run));
        run = std::string_view::npos;
      }
      if (han) out.emplace_back(text.substr(i, len));
      if (word_char && run == std::string_view::npos) run = i;
      i += len == 0 ? 1 : len;
    }
    if (run != std::string_view::npos) out.emplace_back(text.substr(run));
  }
};

WordSet LoadStopWords() {
  WordSet words;
  std::string_view data = internal::EmbeddedStopWords();
  while (!data.empty()) {
    size_t eol = data.find('\n');
    std::string_view line = data.substr(0, eol);
    data = eol == std::string_view::npos ? std::string_view() : data.substr(eol + 1);
    if (line.empty() || line[0] == '#') continue;
    std::string word = Normalize(line);
    if (!word.empty()) words.insert(std::move(word));
  }
  return words;
}

bool FileReadable(const std::string& path) { return std::ifstream(path).good(); }

}  // namespace

Result<std::unique_ptr<Segmenter>> LoadJiebaSegmenter(const SegmenterOptions& options) {
  std::string dir = options.dict_dir.empty() ? LIANXIN_JIEBA_DICT_DIR : options.dict_dir;
  if (dir.empty()) return Status::NotFound("no jieba dictionary folder configured");
  const std::string dict_path = dir + "/jieba.dict.utf8";
  const std::string hmm_path = dir + "/hmm_model.utf8";
  if (!FileReadable(dict_path)) return Status::NotFound("cannot open " + dict_path);
  if (!FileReadable(hmm_path)) return Status::NotFound("cannot open " + hmm_path);
  LX_RETURN_IF_ERROR(ValidateHmmModel(hmm_path));

  auto dict = std::make_unique<internal::WordDict>();
  LX_RETURN_IF_ERROR(dict->LoadJiebaDict(dict_path, /*lowercase_ascii=*/true));
  std::u32string word;
  for (const std::string& line : options.user_words) {
    std::vector<std::string_view> fields = SplitFields(line);
    if (fields.empty()) continue;
    std::string normalized = Normalize(fields[0]);
    word.clear();
    for (size_t i = 0; i < normalized.size();) {
      char32_t cp = 0;
      size_t len = DecodeUtf8(normalized, i, cp);  // never 0: Normalize() output is valid
      word += cp;
      i += len == 0 ? 1 : len;
    }
    double freq = 0;
    if (fields.size() > 1) {
      auto [ptr, ec] = std::from_chars(fields[1].data(), fields[1].data() + fields[1].size(), freq);
      if (ec != std::errc() || ptr != fields[1].data() + fields[1].size() || freq < 0) freq = 0;
    }
    dict->AddWord(word, freq);
  }
  dict->Freeze();
  const cppjieba::HMMModel model(hmm_path);
  return std::unique_ptr<Segmenter>(std::make_unique<JiebaSegmenter>(
      std::move(dict), model, LoadStopWords(), options.drop_stop_words));
}

std::unique_ptr<Segmenter> NewCharSegmenter() { return std::make_unique<CharSegmenter>(); }

}  // namespace lianxin::text
