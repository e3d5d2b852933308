// What the assist log tells the knowledge base's owners (issue 5): the questions
// the AI seat could not answer, clustered (insight's single-pass clustering, the
// same segmenter), entries expired, soon to expire or not cited lately; and the
// containment figures: answered without a person, hand-offs by reason, and
// corrections (the citizen came back with a ticket within 7 days).
#include <algorithm>
#include <map>
#include <unordered_map>

#include "dispatch/duplicates.h"
#include "insight/hotspots.h"
#include "service/service.h"
#include "service/service_impl.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kDefaultPeriod = 30 * kDayMs;
constexpr TimeMs kCorrectionWindow = 7 * kDayMs;
constexpr double kSameQuestion = 0.5;  // dispatch::TextSimilarity of question and ticket
constexpr int kMaxRecords = 100000;
constexpr int kMaxTickets = 100000;
constexpr size_t kExamples = 3;

bool Has(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// [from, to) with the defaults: to = now (inclusive), from = 30 days before to.
Result<std::pair<TimeMs, TimeMs>> Period(TimeMs from, TimeMs to, TimeMs now) {
  if (to == 0) to = now + 1;
  if (from == 0) from = to - kDefaultPeriod;
  if (from >= to) return Status::InvalidArgument("开始时间应早于结束时间");
  if (to - from > 366 * kDayMs) return Status::InvalidArgument("时间范围最长 366 天");
  return std::make_pair(from, to);
}

}  // namespace

Result<KbGaps> Service::KnowledgeGaps(const Actor& actor, const KbGapsQuery& query) {
  if (actor.citizen || (actor.role != Role::kAdmin && actor.role != Role::kSupervisor &&
                        actor.role != Role::kAnalyst && actor.role != Role::kUnitHandler)) {
    return Status::PermissionDenied("只有管理员、督办员、分析员和承办单位可以查看知识库缺口");
  }
  if (query.limit < 1 || query.limit > 500) return Status::InvalidArgument("limit 应在 1 到 500 之间");
  if (query.expiring_days < 0 || query.expiring_days > 366 || query.unused_days < 1 ||
      query.unused_days > 366) {
    return Status::InvalidArgument("expiring_days 应在 0 到 366 之间，unused_days 应在 1 到 366 之间");
  }
  TimeMs now = clock_.Now();
  LX_ASSIGN_OR_RETURN(auto period, Period(query.from, query.to, now));
  KbGaps out;
  out.from = period.first;
  out.to = period.second;

  // Unanswered questions (low confidence, including no entry at all), clustered.
  LX_ASSIGN_OR_RETURN(std::vector<store::AssistRecord> records,
                      store_.ListAssistRecords(out.from, out.to, kMaxRecords));
  std::vector<insight::HotspotInput> inputs;
  std::unordered_map<int64_t, const store::AssistRecord*> by_id;
  for (const store::AssistRecord& r : records) {
    if (r.answered || !Has(r.reasons, kb::ToString(kb::HandoffReason::kLowConfidence))) continue;
    insight::HotspotInput in;
    in.id = r.id;
    in.title = r.question;
    in.time = r.at;
    inputs.push_back(std::move(in));
    by_id[r.id] = &r;
  }
  out.unanswered = static_cast<int64_t>(inputs.size());
  if (!inputs.empty()) {
    LX_RETURN_IF_ERROR(KnowledgeSearcher().status());  // loads the segmenter
    std::shared_ptr<const text::Segmenter> segmenter;
    {
      std::lock_guard<std::mutex> lock(impl_->mu);
      segmenter = impl_->kb_segmenter;
    }
    insight::HotspotOptions options;
    options.min_size = 1;
    options.window = out.to - out.from + kDayMs;  // one period, no topic closes inside it
    insight::HotspotFeaturizer featurizer(*segmenter, nullptr, options);
    insight::BatchResult batch = insight::ClusterBatch(featurizer, inputs, 1);
    for (const insight::Hotspot& h : batch.clusterer->Snapshot(*batch.vocabulary, 0, out.to)) {
      GapCluster c;
      c.title = h.title;
      c.count = static_cast<int64_t>(h.ticket_ids.size());
      c.last_at = h.last_time;
      for (auto it = h.ticket_ids.rbegin(); it != h.ticket_ids.rend() && c.examples.size() < kExamples; ++it) {
        c.examples.push_back(by_id.at(*it)->question);
      }
      out.clusters.push_back(std::move(c));
    }
    std::stable_sort(out.clusters.begin(), out.clusters.end(), [](const GapCluster& a, const GapCluster& b) {
      return a.count != b.count ? a.count > b.count : a.last_at > b.last_at;
    });
    if (out.clusters.size() > static_cast<size_t>(query.limit)) out.clusters.resize(query.limit);
  }

  // Entries for their owners: expired, soon to expire, not cited lately.
  LX_ASSIGN_OR_RETURN(std::vector<KbEntry> published, store_.ListKbEntries(true));
  LX_ASSIGN_OR_RETURN(std::vector<store::AssistRecord> recent,
                      store_.ListAssistRecords(now - query.unused_days * kDayMs, now + 1, kMaxRecords));
  std::unordered_map<int64_t, TimeMs> last_cited;
  for (const store::AssistRecord& r : recent) {
    for (const auto& [id, version] : r.cited) last_cited[id] = std::max(last_cited[id], r.at);
  }
  std::string today = IsoDayCst(now), soon = IsoDayCst(now + query.expiring_days * kDayMs);
  size_t limit = static_cast<size_t>(query.limit);
  for (const KbEntry& e : published) {
    if (actor.role == Role::kUnitHandler && e.owner_unit != actor.unit_code) continue;
    FlaggedEntry f;
    f.entry = e;
    auto cited = last_cited.find(e.id);
    f.last_cited = cited == last_cited.end() ? 0 : cited->second;
    if (!e.valid_to.empty() && e.valid_to < today) {
      if (out.expired.size() < limit) out.expired.push_back(f);
      continue;  // expired entries are never used: not also "unused"
    }
    if (!e.valid_to.empty() && e.valid_to <= soon && out.expiring.size() < limit) out.expiring.push_back(f);
    if (f.last_cited == 0) {
      ++out.unused_total;
      if (out.unused.size() < limit) out.unused.push_back(std::move(f));
    }
  }
  return out;
}

Result<AssistMetrics> Service::AssistFigures(const Actor& actor, TimeMs from, TimeMs to) {
  if (actor.citizen || (actor.role != Role::kAdmin && actor.role != Role::kSupervisor &&
                        actor.role != Role::kAnalyst)) {
    return Status::PermissionDenied("只有督办员、分析员和管理员可以查看智能坐席指标");
  }
  LX_ASSIGN_OR_RETURN(auto period, Period(from, to, clock_.Now()));
  AssistMetrics m;
  m.from = period.first;
  m.to = period.second;
  LX_ASSIGN_OR_RETURN(std::vector<store::AssistRecord> records,
                      store_.ListAssistRecords(m.from, m.to, kMaxRecords));
  std::map<std::string, int64_t> reasons;
  const std::string_view not_consultation = kb::ToString(kb::HandoffReason::kNotAConsultation);
  for (const store::AssistRecord& r : records) {
    ++m.questions;
    ++(r.channel == "public" ? m.from_public : m.from_staff);
    if (!Has(r.reasons, not_consultation)) ++m.consultations;
    if (r.answered) {
      ++m.answered;
    } else {
      for (const std::string& code : r.reasons) ++reasons[code];
    }
  }
  m.handed_off = m.questions - m.answered;
  if (m.consultations > 0) m.containment = static_cast<double>(m.answered) / m.consultations;
  m.handoff_reasons.assign(reasons.begin(), reasons.end());
  std::stable_sort(m.handoff_reasons.begin(), m.handoff_reasons.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });

  // Corrections: tickets created within 7 days after an answer, from the same
  // phone or about the same question.
  if (m.answered > 0) {
    struct Later {
      TimeMs at;
      std::string phone_hash;
      std::string text;  // normalised title + body
    };
    std::vector<Later> tickets;
    store::TicketFilter f;
    f.created_from = m.from;
    f.created_to = m.to + kCorrectionWindow;
    f.oldest_first = true;
    f.limit = 500;
    for (f.offset = 0; f.offset < kMaxTickets; f.offset += f.limit) {
      LX_ASSIGN_OR_RETURN(store::TicketPage page, store_.ListTickets(f));
      for (const Ticket& t : page.items) {
        tickets.push_back({t.created_at, PhoneHash(t.citizen_phone), text::Normalize(t.title + " " + t.body)});
      }
      if (page.items.size() < static_cast<size_t>(f.limit)) break;
    }
    for (const store::AssistRecord& r : records) {
      if (!r.answered) continue;
      std::string question = text::Normalize(r.question);
      auto first = std::upper_bound(tickets.begin(), tickets.end(), r.at,
                                    [](TimeMs at, const Later& t) { return at < t.at; });
      for (auto it = first; it != tickets.end() && it->at <= r.at + kCorrectionWindow; ++it) {
        if ((!r.phone_hash.empty() && it->phone_hash == r.phone_hash) ||
            dispatch::TextSimilarity(question, it->text) >= kSameQuestion) {
          ++m.corrections;
          break;
        }
      }
    }
    m.correction_rate = static_cast<double>(m.corrections) / m.answered;
  }
  return m;
}

}  // namespace lianxin::service
