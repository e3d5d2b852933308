#include "insight/repeats.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

namespace lianxin::insight {

std::string_view ToString(RepeatKind kind) {
  switch (kind) {
    case RepeatKind::kSamePerson:
      return "same_person";
    case RepeatKind::kSamePlaceAndMatter:
      return "same_place_and_matter";
    case RepeatKind::kReopened:
      return "reopened";
  }
  return "reopened";
}

std::vector<RepeatRequest> FindRepeats(const std::vector<RepeatInput>& tickets, TimeMs window) {
  std::vector<size_t> order(tickets.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return tickets[a].time < tickets[b].time; });
  std::map<int64_t, const RepeatInput*> last_in_topic;
  std::map<std::pair<int64_t, std::string>, const RepeatInput*> last_of_user;
  std::vector<RepeatRequest> out;
  for (size_t i : order) {
    const RepeatInput& t = tickets[i];
    if (t.topic != 0) {
      const RepeatInput* earlier = nullptr;
      RepeatKind kind = RepeatKind::kSamePlaceAndMatter;
      if (!t.user.empty()) {
        auto it = last_of_user.find({t.topic, t.user});
        if (it != last_of_user.end() && t.time - it->second->time <= window) {
          earlier = it->second;
          kind = RepeatKind::kSamePerson;
        }
      }
      if (earlier == nullptr) {
        auto it = last_in_topic.find(t.topic);
        if (it != last_in_topic.end() && t.time - it->second->time <= window) earlier = it->second;
      }
      if (earlier != nullptr) {
        out.push_back({t.ticket_id, earlier->ticket_id, kind,
                       static_cast<double>(t.time - earlier->time) / kDayMs});
      }
      last_in_topic[t.topic] = &t;
      if (!t.user.empty()) last_of_user[{t.topic, t.user}] = &t;
    }
    if (t.reopen_count > 0) out.push_back({t.ticket_id, 0, RepeatKind::kReopened, 0});
  }
  return out;
}

RepeatSummary SummariseRepeats(const std::vector<RepeatRequest>& repeats, int64_t tickets) {
  RepeatSummary s;
  s.tickets = tickets;
  std::set<int64_t> repeated;
  for (const RepeatRequest& r : repeats) {
    repeated.insert(r.ticket_id);
    switch (r.kind) {
      case RepeatKind::kSamePerson:
        ++s.same_person;
        break;
      case RepeatKind::kSamePlaceAndMatter:
        ++s.same_place_and_matter;
        break;
      case RepeatKind::kReopened:
        ++s.reopened;
        break;
    }
  }
  s.repeat_rate = tickets > 0 ? static_cast<double>(repeated.size()) / static_cast<double>(tickets) : 0;
  return s;
}

}  // namespace lianxin::insight
