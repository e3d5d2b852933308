// Repeat requests (重复诉求): the same person again about the same matter, or the same
// place and matter from someone else, within `window` (30 days) of an earlier ticket; and
// tickets reopened (重办) after being resolved. "Same matter and place" is membership of
// the same hot topic (hotspots.h), so the clustering's rules decide it in one place.
//
// Thread-safety: pure functions; safe from many threads. Nothing here throws.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace lianxin::insight {

struct RepeatInput {
  int64_t ticket_id = 0;
  std::string user;     // "" = unknown (never a same-person repeat)
  TimeMs time = 0;
  int64_t topic = 0;    // hot-topic id from HotspotClusterer (0 = none)
  int reopen_count = 0; // times the ticket was reopened after 办结
};

enum class RepeatKind { kSamePerson, kSamePlaceAndMatter, kReopened };
// "same_person", "same_place_and_matter", "reopened".
std::string_view ToString(RepeatKind kind);

struct RepeatRequest {
  int64_t ticket_id = 0;
  int64_t earlier_ticket_id = 0;  // 0 for kReopened
  RepeatKind kind = RepeatKind::kReopened;
  double days_after = 0;          // since the earlier ticket
};

// Every repeat in `tickets` (any order), ordered by ticket time. A ticket is a
// same-person repeat when the same user had a ticket in the same topic within
// `window` before it; otherwise a same-place-and-matter repeat when anyone did. A
// reopened ticket is listed (once more) as kReopened.
std::vector<RepeatRequest> FindRepeats(const std::vector<RepeatInput>& tickets,
                                       TimeMs window = 30 * kDayMs);

// Counts by kind and the repeat-request rate for evaluation: tickets that are a
// repeat of any kind ÷ all tickets (0 when there are none).
struct RepeatSummary {
  int64_t tickets = 0;
  int64_t same_person = 0;
  int64_t same_place_and_matter = 0;
  int64_t reopened = 0;
  double repeat_rate = 0;
};
RepeatSummary SummariseRepeats(const std::vector<RepeatRequest>& repeats, int64_t tickets);

}  // namespace lianxin::insight
