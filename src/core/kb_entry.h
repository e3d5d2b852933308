// A knowledge-base entry (知识库条目) as one immutable version: what the AI seat
// and the call-takers answer consultations from. Every edit makes a new version
// (who and when kept); review moves a version draft → published → retired.
// Plain value type: copyable, no I/O, safe to share read-only between threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/time.h"

namespace lianxin {

// The review state of one entry version.
enum class KbEntryStatus { kDraft, kPublished, kRetired };

struct KbEntry {
  int64_t id = 0;    // the entry; stable across versions (0 = not stored yet)
  int version = 0;   // 1, 2, ... per entry
  KbEntryStatus status = KbEntryStatus::kDraft;
  std::vector<std::string> questions;  // question forms (问法), at least one
  std::string answer;                  // the answer text, sentences end with 。！？ or a newline
  std::string source;                  // the policy it rests on (政策依据)
  std::string source_url;
  std::string owner_unit;              // the Unit id owning it (承办单位)
  std::string valid_from;              // YYYY-MM-DD inclusive; "" = always
  std::string valid_to;                // YYYY-MM-DD inclusive; "" = open-ended
  std::vector<std::string> regions;    // Region codes it applies to (and below); empty = everywhere
  std::vector<std::string> tags;
  std::string editor;                  // user id of who wrote this version
  TimeMs edited_at = 0;                // when
};

}  // namespace lianxin
