// Term ids for hot-topic clustering: a token → dense id dictionary (ids 0, 1, 2, … in
// order of first sight) built for the lookups a day of new tickets makes against the
// vocabulary of a million-ticket history: open addressing over a flat array of
// (id, hash tag) slots, so a lookup is one hash, one probe sequence in a contiguous
// array and one string comparison (the token itself, stored once, short tokens inline);
// no node allocation per token and no rehash of stored strings on growth.
//
// Thread-safety: const methods may be called from many threads at once while nobody
// calls Intern; Intern needs the only access. Never throws (beyond std::bad_alloc) or
// blocks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lianxin::insight {

class TermDictionary {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // The id of `token`, or kNone when it was never interned.
  uint32_t Find(std::string_view token) const;
  // The id of `token`, adding it (as the next id) when new.
  uint32_t Intern(std::string_view token);
  // The token of `id` ("" for an id not handed out).
  const std::string& Token(uint32_t id) const;
  // Number of distinct tokens (= the next id).
  size_t size() const { return tokens_.size(); }

 private:
  struct Slot {
    uint32_t id = kNone;  // kNone = empty
    uint32_t tag = 0;     // the hash's high 32 bits (compared before the string)
  };
  static uint64_t Hash(std::string_view token);
  // The slot holding `token` or the empty slot where it would go.
  size_t Locate(std::string_view token, uint64_t hash) const;
  void Grow();
  std::vector<Slot> slots_;  // power-of-two size, at most 1/2 full
  std::vector<std::string> tokens_;
  std::vector<uint64_t> hashes_;  // by id (re-placing on growth needs no rehash)
};

}  // namespace lianxin::insight
