// The dispatch agent (派单智能体) inside the service: classify (dispatch::
// Classifier), locate (text::Gazetteer), route (dispatch::Router), find
// duplicates; the dispatchers' queue, the 零遗漏 check and the agent's figures.
#include <algorithm>

#include "dispatch/classifier.h"
#include "dispatch/duplicates.h"
#include "service/service.h"
#include "service/service_impl.h"
#include "text/normalize.h"
#include "workflow/lifecycle.h"

namespace lianxin::service {
namespace {

constexpr TimeMs kDuplicateWindow = 14 * kDayMs;
constexpr double kDuplicateThreshold = 0.5;

bool MaySeeQueue(const Actor& a) {
  return !a.citizen && (a.role == Role::kDispatcher || a.role == Role::kSupervisor ||
                        a.role == Role::kAdmin || a.role == Role::kCallTaker);
}

}  // namespace

void Service::RebuildRouterLocked() {
  dispatch::RouterOptions options;
  if (impl_->classifier) options.auto_threshold = impl_->classifier->auto_threshold();
  const Directory& d = *impl_->directory;
  impl_->router = std::make_shared<dispatch::Router>(d.regions, d.units, d.categories,
                                                     d.duty_rules, options);
  impl_->gazetteer = std::shared_ptr<const text::Gazetteer>(text::Gazetteer::Build(d.regions));
}

void Service::SetClassifier(std::shared_ptr<const dispatch::Classifier> classifier) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->classifier = std::move(classifier);
  RebuildRouterLocked();
}

std::shared_ptr<const dispatch::Classifier> Service::classifier() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->classifier;
}

std::string Service::HotlineCentre() const {
  auto dir = directory();
  for (const Region& r : dir->regions) {
    if (!r.parent.empty()) continue;
    if (dir->FindUnit(r.code + "/rx")) return r.code + "/rx";
    if (dir->FindUnit(r.code + "/gov")) return r.code + "/gov";
  }
  return "";
}

Result<DispatchSuggestion> Service::SuggestInternal(const std::string& title,
                                                    const std::string& body,
                                                    const std::string& region_code,
                                                    bool with_duplicates) {
  std::shared_ptr<const dispatch::Classifier> classifier;
  std::shared_ptr<const dispatch::Router> router;
  std::shared_ptr<const text::Gazetteer> gazetteer;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    classifier = impl_->classifier;
    router = impl_->router;
    gazetteer = impl_->gazetteer;
  }
  DispatchSuggestion s;
  dispatch::RouteQuery q;
  q.text = text::NormalizeJoin(title, body);  // the classifier normalises the same parts
  q.region_code = region_code.empty() ? gazetteer->Locate(title + " " + body) : region_code;
  if (classifier) {
    s.model_loaded = true;
    dispatch::Prediction p = classifier->Predict(title, body);
    s.category_label = p.label;
    // The words behind the label, for people (not on the intake path: slower).
    if (with_duplicates) q.decisive_words = classifier->DecisiveWords(title, body, p.label_index, 5);
    std::vector<std::pair<std::string, double>> scores;
    for (size_t i = 0; i < p.probabilities.size() && i < classifier->labels().size(); ++i) {
      std::string code = router->CategoryCodeByName(classifier->labels()[i]);
      if (!code.empty()) scores.emplace_back(code, p.probabilities[i]);
    }
    std::sort(scores.begin(), scores.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    q.category_scores = std::move(scores);
  }
  s.route = router->Route(q);
  if (!s.model_loaded) s.route.hold_reason = "未加载分类模型", s.route.automatic = false;

  // Similar open tickets of the same region in the last two weeks (并单 offer).
  const std::string& region = s.route.region_code;
  if (with_duplicates && !region.empty()) {
    store::TicketFilter f;
    f.region_prefix = region;
    f.created_from = clock_.Now() - kDuplicateWindow;
    f.limit = 100;
    LX_ASSIGN_OR_RETURN(store::TicketPage page, store_.ListTickets(f));
    std::vector<dispatch::DuplicateCandidate> candidates;
    for (const Ticket& t : page.items) {
      if (workflow::IsClosed(t.status)) continue;
      candidates.push_back({t.id, text::Normalize(t.title + " " + t.body)});
    }
    for (const auto& m : dispatch::FindDuplicates(q.text, candidates, kDuplicateThreshold, 5)) {
      auto it = std::find_if(page.items.begin(), page.items.end(),
                             [&](const Ticket& t) { return t.id == m.ticket_id; });
      s.duplicates.push_back({it->id, it->number, it->title, it->status, m.similarity});
    }
  }
  return s;
}

Result<DispatchSuggestion> Service::Suggest(const Actor& actor, const std::string& title,
                                            const std::string& body,
                                            const std::string& region_code) {
  if (!MaySeeQueue(actor)) return Status::PermissionDenied("无权使用智能派单");
  if (title.size() + body.size() > 20000) return Status::InvalidArgument("内容过长");
  if (!region_code.empty() && !directory()->FindRegion(region_code)) {
    return Status::InvalidArgument("未知的属地：" + region_code);
  }
  return SuggestInternal(title, body, region_code);
}

Result<std::vector<TicketView>> Service::DispatchQueue(const Actor& actor, int limit, int offset,
                                                       int64_t* total) {
  if (!MaySeeQueue(actor)) return Status::PermissionDenied("无权查看派单队列");
  store::TicketFilter f;
  // Received tickets (owned by the hotline centre) and reopened ones: sent to the
  // dispatchers as misrouted, or not (yet) sent back to their unit.
  f.statuses = {TicketStatus::kReceived, TicketStatus::kReopened};
  f.limit = limit;
  f.offset = offset;
  f.oldest_first = true;
  return ListTickets(actor, f, total);
}

Result<std::vector<TicketView>> Service::UnownedTickets(const Actor& actor) {
  if (!MaySeeQueue(actor)) return Status::PermissionDenied("无权查看");
  store::TicketFilter f;
  f.unowned_open = true;
  f.limit = 500;
  return ListTickets(actor, f, nullptr);
}

Result<DispatchStats> Service::AgentStats(const Actor& actor, TimeMs from) {
  if (actor.citizen || actor.role == Role::kUnitHandler) return Status::PermissionDenied("无权查看");
  LX_ASSIGN_OR_RETURN(store::DispatchOutcomes o, store_.CountDispatchOutcomes(kAgentName, from));
  DispatchStats s;
  s.received = o.received;
  s.auto_dispatched = o.auto_dispatched;
  s.corrected = o.corrected;
  s.coverage = o.received ? static_cast<double>(o.auto_dispatched) / o.received : 0;
  s.accuracy = o.auto_dispatched ? 1.0 - static_cast<double>(o.corrected) / o.auto_dispatched : 0;
  store::TicketFilter f;
  f.unowned_open = true;
  f.limit = 1;
  LX_ASSIGN_OR_RETURN(store::TicketPage page, store_.ListTickets(f));
  s.unowned_open = page.total;
  return s;
}

}  // namespace lianxin::service
