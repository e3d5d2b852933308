// The background insight pass (see insight_pass.h): hot topics, alerts, repeats.
#include "service/insight_pass.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "insight/repeats.h"
#include "service/insight_pass_codec.h"
#include "service/service_impl.h"

namespace lianxin::service {
namespace {

// Tabs and newlines separate the fields of a member's payload: appends `s` with
// them turned into spaces.
void AppendClean(std::string& out, std::string_view s) {
  const size_t start = out.size();
  out.append(s);
  for (size_t i = start; i < out.size(); ++i) {
    char& c = out[i];
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
}

// What the pass keeps of one ticket: enough to cluster it again exactly as the first time.
struct MemberPayload {
  insight::TicketTerms terms;
  insight::HotspotInput input;  // id, time and user come from the membership row
  std::string region_code;      // the ticket's own region and category (filters)
  std::string category_code;
};

std::string Encode(const MemberPayload& p) {
  std::string out;
  out.reserve(64 + p.input.title.size() + 16 * p.terms.counts.size());
  for (const std::string* field : {&p.terms.region_code, &p.terms.place_name}) {
    AppendClean(out, *field);
    out += '\t';
  }
  out += p.input.urgent ? "1\t" : "0\t";
  for (const std::string* field : {&p.input.unit_code, &p.region_code, &p.category_code}) {
    AppendClean(out, *field);
    out += '\t';
  }
  AppendClean(out, p.input.title);
  out += '\n';
  for (const auto& [token, count] : p.terms.counts) {
    AppendClean(out, token);
    out += '\t';
    internal::AppendWeight(out, count);  // as printf's "%.9g"
    out += '\n';
  }
  return out;
}

std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> out;
  size_t pos = 0;
  for (;;) {
    size_t tab = line.find('\t', pos);
    out.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
    if (tab == std::string::npos) return out;
    pos = tab + 1;
  }
}

Result<MemberPayload> Decode(const store::HotspotMember& m) {
  MemberPayload p;
  std::istringstream in(m.terms);
  std::string line;
  if (!std::getline(in, line)) return Status::Internal("empty hotspot member payload");
  std::vector<std::string> head = Fields(line);
  if (head.size() != 7) return Status::Internal("bad hotspot member payload");
  p.terms.region_code = head[0];
  p.terms.place_name = head[1];
  p.input.urgent = head[2] == "1";
  p.input.unit_code = head[3];
  p.region_code = head[4];
  p.category_code = head[5];
  p.input.title = head[6];
  while (std::getline(in, line)) {
    std::vector<std::string> f = Fields(line);
    if (f.size() != 2) return Status::Internal("bad hotspot member term");
    p.terms.counts.emplace_back(f[0], std::strtof(f[1].c_str(), nullptr));
  }
  p.input.id = m.ticket_id;
  p.input.time = m.at;
  p.input.user = m.user_key;
  return p;
}

// The first `parts` dot-separated parts of a code ("XD.A.A3.x", 3 → "XD.A.A3").
std::string Head(const std::string& code, size_t parts) {
  size_t pos = 0;
  for (size_t i = 0; i < parts; ++i) {
    size_t dot = code.find('.', pos);
    if (dot == std::string::npos) return code;
    pos = dot + 1;
  }
  return code.substr(0, pos - 1);
}

std::string MostCommon(const std::map<std::string, int>& counts) {
  std::string best;
  int n = 0;
  for (const auto& [key, c] : counts) {
    if (c > n) {
      n = c;
      best = key;
    }
  }
  return best;
}

// The CST day's first millisecond.
TimeMs DayStart(int64_t day) { return day * kDayMs - 8 * kHourMs; }

}  // namespace

struct InsightPass::State {
  std::string note;
  int64_t cursor = 0;
  std::shared_ptr<const text::Gazetteer> gazetteer;
  std::unique_ptr<insight::HotspotFeaturizer> featurizer;
  insight::Vocabulary vocabulary;
  std::unique_ptr<insight::HotspotClusterer> clusterer;
  std::unordered_map<int64_t, std::vector<insight::RepeatInput>> members;  // topic → tickets
  std::unordered_map<int64_t, std::map<std::string, int>> regions;         // topic → ticket regions
  std::unordered_map<int64_t, std::map<std::string, int>> categories;

  // Clusters one ticket; returns its topic.
  int64_t Add(const MemberPayload& p) {
    vocabulary.AddDocument(p.terms);
    insight::TicketVector v = featurizer->Weigh(p.terms, vocabulary);
    int64_t topic = clusterer->Add(p.input, v);
    members[topic].push_back({p.input.id, p.input.user, p.input.time, topic, 0});
    ++regions[topic][p.region_code];
    ++categories[topic][p.category_code];
    return topic;
  }
};

InsightPass::InsightPass(Service& service, const text::Segmenter& segmenter,
                         InsightPassOptions options)
    : service_(service), segmenter_(segmenter), options_(std::move(options)) {}
InsightPass::~InsightPass() = default;

Status InsightPass::Load(InsightPassResult& result) {
  store::Store& store = service_.store();
  auto state = std::make_unique<State>();
  state->note = "v1\n" + options_.hotspots.ToString();
  std::vector<Region> regions = service_.directory()->regions;
  state->gazetteer = std::shared_ptr<const text::Gazetteer>(text::Gazetteer::Build(regions));
  state->featurizer = std::make_unique<insight::HotspotFeaturizer>(
      segmenter_, state->gazetteer.get(), options_.hotspots);
  state->clusterer = std::make_unique<insight::HotspotClusterer>(options_.hotspots);
  LX_ASSIGN_OR_RETURN(store::InsightCursor cursor, store.GetInsightCursor(kHotspotCursor));
  bool restart = !cursor.note.empty() && cursor.note != state->note;
  int64_t after = 0;
  while (!restart) {
    LX_ASSIGN_OR_RETURN(std::vector<store::HotspotMember> page,
                        store.ListHotspotMembers(0, after, 10000));
    if (page.empty()) break;
    for (const store::HotspotMember& m : page) {
      after = m.seq;
      LX_ASSIGN_OR_RETURN(MemberPayload p, Decode(m));
      // The clustering code changed under the same options: start again.
      if (state->Add(p) != m.hotspot_id) {
        restart = true;
        break;
      }
    }
  }
  if (restart) {
    LX_RETURN_IF_ERROR(store.ResetHotspots(kHotspotCursor, state->note));
    result.restarted = true;
    state_.reset();
    return Load(result);
  }
  state->cursor = cursor.position;
  state_ = std::move(state);
  return Status::Ok();
}

Result<InsightPassResult> InsightPass::RunOnce() {
  InsightPassResult result;
  if (!state_) LX_RETURN_IF_ERROR(Load(result));
  for (;;) {
    Result<int64_t> n = Step(result);
    if (!n.ok()) {
      state_.reset();  // memory ran ahead of the store: reload next time
      return n.status();
    }
    if (*n < options_.batch) break;
  }
  LX_RETURN_IF_ERROR(CheckCounts(result));
  return result;
}

Result<int64_t> InsightPass::Step(InsightPassResult& result) {
  store::Store& store = service_.store();
  State& st = *state_;
  LX_ASSIGN_OR_RETURN(std::vector<store::TicketKey> keys,
                      store.ListTicketKeys(st.cursor, options_.batch));
  if (keys.empty()) return 0;
  const TimeMs now = service_.clock().Now();
  store::InsightPassBatch batch;
  batch.cursor_name = kHotspotCursor;
  batch.expected_cursor = st.cursor;
  batch.note = st.note;
  std::set<int64_t> touched;
  for (const store::TicketKey& key : keys) {
    batch.cursor = key.id;
    LX_ASSIGN_OR_RETURN(Ticket t, store.GetTicket(key.id));
    MemberPayload p;
    p.input.id = t.id;
    // Masked before clustering, so no keyword or title of a hot topic carries the
    // citizen's name, phone or other personal data.
    p.input.title = MaskPublicText(t.title, t);
    p.input.body = MaskPublicText(t.body, t);
    p.input.time = t.created_at;
    p.input.user = t.citizen_phone.empty() ? "" : HashToken(t.citizen_phone).substr(0, 16);
    p.input.urgent = t.urgency != Urgency::kNormal;
    p.input.unit_code = t.owner_unit;
    p.region_code = t.region_code;
    p.category_code = t.category_code;
    p.terms = st.featurizer->Extract(p.input);
    p.input.body.clear();
    int64_t topic = st.Add(p);
    touched.insert(topic);
    batch.members.push_back({0, t.id, topic, t.created_at, p.input.user, Encode(p)});

    // Repeats: this ticket against the earlier ones of its topic within the window.
    std::vector<insight::RepeatInput> recent;
    for (const insight::RepeatInput& r : st.members[topic]) {
      if (r.time >= t.created_at - 30 * kDayMs && r.time <= t.created_at) recent.push_back(r);
    }
    for (const insight::RepeatRequest& r : insight::FindRepeats(recent)) {
      if (r.ticket_id != t.id) continue;
      batch.repeats.push_back({t.id, r.earlier_ticket_id, std::string(insight::ToString(r.kind)),
                               r.days_after, t.created_at, topic});
    }

    // Risky words raise an alert at once (history does not).
    if (now - t.created_at <= options_.risky_max_age) {
      for (const insight::RiskyWordHit& hit : insight::FindRiskyWords(t.title + " " + t.body)) {
        store::StoredAlert a;
        a.kind = "risky_word";
        a.series_key = hit.category + "|" + std::to_string(t.id);
        a.day = insight::CstDay(t.created_at);
        a.seen = 1;
        a.p_value = 0;
        a.region_code = t.region_code;
        a.category_code = t.category_code;
        a.detail = "工单 " + t.number + " 出现风险词“" + hit.word + "”（" + hit.category + "）";
        a.examples = {t.id};
        a.created_at = a.updated_at = now;
        batch.alerts.push_back(std::move(a));
      }
    }
  }
  for (const insight::Hotspot& h : st.clusterer->Snapshot(st.vocabulary, 0, now)) {
    if (!touched.count(h.id)) continue;
    store::StoredHotspot s;
    s.id = h.id;
    s.title = h.title;
    s.heat = h.heat;
    s.first_time = h.first_time;
    s.last_time = h.last_time;
    s.places = h.places;
    s.region_codes = h.region_codes;
    s.units = h.units;
    s.keywords = h.keywords;
    s.region_code = MostCommon(st.regions[h.id]);
    s.category_code = MostCommon(st.categories[h.id]);
    s.size = static_cast<int64_t>(h.ticket_ids.size());
    s.people = h.people;
    s.likes = h.likes;
    s.urgent = h.urgent;
    s.growth = h.growth;
    s.updated_at = now;
    batch.hotspots.push_back(std::move(s));
  }
  LX_RETURN_IF_ERROR(store.ApplyInsightPass(batch));
  st.cursor = batch.cursor;
  result.tickets += static_cast<int64_t>(keys.size());
  result.topics += static_cast<int64_t>(batch.hotspots.size());
  result.alerts += static_cast<int64_t>(batch.alerts.size());
  result.repeats += static_cast<int64_t>(batch.repeats.size());
  return static_cast<int64_t>(keys.size());
}

Status InsightPass::CheckCounts(InsightPassResult& result) {
  store::Store& store = service_.store();
  const TimeMs now = service_.clock().Now();
  const int64_t today = insight::CstDay(now);
  LX_ASSIGN_OR_RETURN(store::InsightCursor cursor, store.GetInsightCursor(kCountAlertCursor));
  int64_t first = cursor.position > 0 ? cursor.position + 1 : today - options_.count_days_back;
  const int64_t last = today - 1;  // only completed days
  if (first > last) return Status::Ok();
  const int64_t base_day = first - 7 * options_.alerts.baseline_weeks;
  const size_t days = static_cast<size_t>(last - base_day + 1);

  // Daily counts per level-1 category × district, and example tickets per series day.
  std::map<std::string, insight::CountSeries> series;
  std::map<std::pair<std::string, int64_t>, std::vector<TicketId>> examples;
  std::map<std::string, std::pair<std::string, std::string>> places;  // key → region, category
  store::TicketQuery q;
  q.created_from = DayStart(base_day);
  q.created_to = DayStart(last + 1);
  q.oldest_first = true;
  q.limit = 10000;
  for (q.offset = 0;; q.offset += q.limit) {
    LX_ASSIGN_OR_RETURN(store::TicketPage page, store.QueryTickets(q));
    for (const Ticket& t : page.items) {
      std::string region = Head(t.region_code, 3), category = Head(t.category_code, 1);
      std::string key = category + "|" + region;
      insight::CountSeries& s = series[key];
      if (s.counts.empty()) {
        s.key = key;
        s.first_day = base_day;
        s.counts.assign(days, 0);
        places[key] = {region, category};
      }
      int64_t day = insight::CstDay(t.created_at);
      if (day < base_day || day > last) continue;
      ++s.counts[static_cast<size_t>(day - base_day)];
      auto& ex = examples[{key, day}];
      if (day >= first && ex.size() < options_.examples) ex.push_back(t.id);
    }
    if (page.items.size() < static_cast<size_t>(q.limit)) break;
  }
  auto dir = service_.directory();
  store::InsightPassBatch batch;
  batch.cursor_name = kCountAlertCursor;
  batch.expected_cursor = cursor.position;
  batch.cursor = last;
  for (const auto& [key, s] : series) {
    for (int64_t day = first; day <= last; ++day) {
      insight::SeriesCheck check =
          insight::CheckDay(s, static_cast<size_t>(day - base_day), options_.alerts);
      if (!check.alert) continue;
      const auto& [region, category] = places[key];
      const Region* r = dir->FindRegion(region);
      const Category* c = dir->FindCategory(category);
      store::StoredAlert a;
      a.kind = "count";
      a.series_key = key;
      a.day = day;
      a.expected = check.expected;
      a.seen = check.seen;
      a.p_value = check.p_value;
      a.region_code = region;
      a.category_code = category;
      char expected[32];
      std::snprintf(expected, sizeof expected, "%.1f", check.expected);
      a.detail = (r ? r->name : (region.empty() ? "未定位" : region)) + " " +
                 (c ? c->name : (category.empty() ? "未分类" : category)) + "：" +
                 FormatDayCst(DayStart(day)) + " 受理 " + std::to_string(check.seen) +
                 " 件，按前 " + std::to_string(options_.alerts.baseline_weeks) +
                 " 周同一星期几的水平预期约 " + expected + " 件";
      a.examples = examples[{key, day}];
      a.created_at = a.updated_at = now;
      batch.alerts.push_back(std::move(a));
    }
  }
  LX_RETURN_IF_ERROR(store.ApplyInsightPass(batch));
  result.days_checked += last - first + 1;
  result.alerts += static_cast<int64_t>(batch.alerts.size());
  return Status::Ok();
}

}  // namespace lianxin::service
