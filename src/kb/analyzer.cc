#include "kb/analyzer.h"

#include <algorithm>
#include <cctype>

namespace lianxin::kb {

namespace {

bool Keep(const std::string& w) {
  if (w.empty()) return false;
  bool all_digits = true;
  bool any_alnum_or_cjk = false;
  for (unsigned char c : w) {
    if (c >= 0x80 || std::isalnum(c)) any_alnum_or_cjk = true;
    if (!std::isdigit(c)) all_digits = false;
  }
  if (!any_alnum_or_cjk) return false;
  if (all_digits && w.size() > 4) return false;  // phone numbers, ids: no retrieval value
  return true;
}

}  // namespace

std::vector<std::string> Analyzer::Words(std::string_view raw) const {
  std::string normalized = text::Normalize(raw);
  std::vector<std::string> tokens;
  segmenter_.Cut(normalized, tokens);
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (std::string& t : tokens) {
    if (Keep(t)) out.push_back(std::move(t));
  }
  return out;
}

std::vector<std::string> Analyzer::CharBigrams(std::string_view raw) {
  std::string normalized = text::Normalize(raw);
  std::vector<std::string> out;
  std::string prev;
  for (size_t i = 0; i < normalized.size();) {
    unsigned char c = static_cast<unsigned char>(normalized[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    len = std::min(len, normalized.size() - i);
    std::string ch = normalized.substr(i, len);
    i += len;
    bool word_char = c >= 0x80 ? len >= 3 : std::isalnum(c) != 0;
    if (!word_char) {
      prev.clear();
      continue;
    }
    if (!prev.empty()) out.push_back(prev + ch);
    prev = ch;
  }
  return out;
}

std::vector<std::string> Analyzer::Bigrams(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  if (words.size() < 2) return out;
  out.reserve(words.size() - 1);
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    out.push_back(words[i] + kBigramJoiner + words[i + 1]);
  }
  return out;
}

}  // namespace lianxin::kb
