// TermDictionary: linear probing over (id, tag) slots; see term_dictionary.h.
#include "insight/term_dictionary.h"

#include <cstring>

namespace lianxin::insight {

uint64_t TermDictionary::Hash(std::string_view s) {
  // Eight bytes at a time through a multiply–xorshift mix (tokens are a few UTF-8 characters).
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (s.size() * 0xFF51AFD7ED558CCDull);
  const char* p = s.data();
  size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  if (n > 0) {
    uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * 0x94D049BB133111EBull;
    h ^= h >> 29;
  }
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 32);
}

size_t TermDictionary::Locate(std::string_view token, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  const uint32_t tag = static_cast<uint32_t>(hash >> 32);
  for (size_t i = static_cast<size_t>(hash) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.id == kNone) return i;
    if (s.tag == tag && tokens_[s.id] == token) return i;
  }
}

uint32_t TermDictionary::Find(std::string_view token) const {
  if (slots_.empty()) return kNone;
  return slots_[Locate(token, Hash(token))].id;
}

uint32_t TermDictionary::Intern(std::string_view token) {
  if (2 * (tokens_.size() + 1) > slots_.size()) Grow();
  const uint64_t hash = Hash(token);
  Slot& s = slots_[Locate(token, hash)];
  if (s.id != kNone) return s.id;
  s.id = static_cast<uint32_t>(tokens_.size());
  s.tag = static_cast<uint32_t>(hash >> 32);
  tokens_.emplace_back(token);
  hashes_.push_back(hash);
  return s.id;
}

const std::string& TermDictionary::Token(uint32_t id) const {
  static const std::string kEmpty;
  return id < tokens_.size() ? tokens_[id] : kEmpty;
}

void TermDictionary::Grow() {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
  const size_t mask = slots_.size() - 1;
  for (uint32_t id = 0; id < tokens_.size(); ++id) {
    size_t i = static_cast<size_t>(hashes_[id]) & mask;
    while (slots_[i].id != kNone) i = (i + 1) & mask;
    slots_[i] = {id, static_cast<uint32_t>(hashes_[id] >> 32)};
  }
}

}  // namespace lianxin::insight
