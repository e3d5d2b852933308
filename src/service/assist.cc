// The AI seat (智能坐席) inside the service (issue 5): the knowledge base's
// in-memory searcher (built from the store's published entries, kept current on
// review), answers with citations or hand-offs with a ticket draft, the assist
// log, and the call-taker's live suggestions (entries + similar past tickets).
#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/utf8.h"
#include "dispatch/duplicates.h"
#include "service/service.h"
#include "service/service_impl.h"

namespace lianxin::service {
namespace {

constexpr size_t kMaxQuestionChars = 1000;
constexpr size_t kMaxSuggestChars = 2000;
constexpr size_t kDraftTitleChars = 40;
constexpr size_t kSuggestLimit = 5;
constexpr double kSimilarTicketThreshold = 0.1;

bool MaySuggest(const Actor& a) {
  return !a.citizen && (a.role == Role::kCallTaker || a.role == Role::kDispatcher ||
                        a.role == Role::kSupervisor || a.role == Role::kAdmin);
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// The draft's title: the question up to its first sentence end, at most 40 characters.
std::string DraftTitle(const std::string& question) {
  std::string first = question;
  for (const char* end : {"。", "？", "！", "?", "!", "\n"}) {
    size_t pos = first.find(end);
    if (pos != std::string::npos && pos > 0) first = first.substr(0, pos);
  }
  return Utf8Prefix(Trim(first), kDraftTitleChars);
}

// A searcher that keeps the segmenter it borrows alive as long as itself
// (aliasing shared_ptr: requests may still hold it after a reload).
std::shared_ptr<kb::Searcher> Own(std::shared_ptr<const text::Segmenter> segmenter,
                                  std::unique_ptr<kb::Searcher> searcher) {
  struct Holder {
    std::shared_ptr<const text::Segmenter> segmenter;
    std::unique_ptr<kb::Searcher> searcher;
  };
  auto holder = std::make_shared<Holder>(Holder{std::move(segmenter), std::move(searcher)});
  kb::Searcher* raw = holder->searcher.get();
  return std::shared_ptr<kb::Searcher>(holder, raw);
}

}  // namespace

std::string PhoneHash(const std::string& phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits.empty() ? "" : HashToken(digits);
}

std::string IsoDayCst(TimeMs t) {
  std::string d = FormatDayCst(t);  // YYYYMMDD
  return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
}

Status Service::LoadKnowledgeBase(std::shared_ptr<const text::Segmenter> segmenter) {
  std::lock_guard<std::mutex> build(impl_->kb_mu);
  if (!segmenter) {
    std::lock_guard<std::mutex> lock(impl_->mu);
    segmenter = impl_->kb_segmenter;
  }
  if (!segmenter) {
    LX_ASSIGN_OR_RETURN(std::unique_ptr<text::Segmenter> seg, text::LoadJiebaSegmenter({}));
    segmenter = std::move(seg);
  }
  LX_ASSIGN_OR_RETURN(std::vector<KbEntry> entries, store_.ListKbEntries(true));
  LX_ASSIGN_OR_RETURN(std::unique_ptr<kb::Searcher> built, kb::Searcher::Build(*segmenter, entries));
  std::shared_ptr<kb::Searcher> searcher = Own(segmenter, std::move(built));
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->kb_segmenter = std::move(segmenter);
  impl_->searcher = std::move(searcher);
  return Status::Ok();
}

Result<std::shared_ptr<kb::Searcher>> Service::KnowledgeSearcher() {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (impl_->searcher) return impl_->searcher;
  }
  LX_RETURN_IF_ERROR(LoadKnowledgeBase(nullptr));
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->searcher;
}

Result<AssistAnswer> Service::Answer(const Actor& actor, const AssistRequest& request) {
  std::string question = Trim(request.question);
  size_t chars = Utf8Length(question);
  if (chars < 2) return Status::InvalidArgument("请输入要咨询的问题");
  if (chars > kMaxQuestionChars) return Status::InvalidArgument("问题过长（最多 1000 字）");
  if (!request.region.empty() && !directory()->FindRegion(request.region)) {
    return Status::InvalidArgument("未知的属地：" + request.region);
  }
  LX_ASSIGN_OR_RETURN(std::shared_ptr<kb::Searcher> searcher, KnowledgeSearcher());
  TimeMs now = clock_.Now();
  kb::Query q;
  q.title = question;
  q.region = request.region;
  q.date = IsoDayCst(now);
  q.limit = 5;
  kb::Answer composed = kb::Compose(*searcher, q);

  AssistAnswer out;
  out.answered = composed.answered;
  out.confidence = composed.confidence;
  out.reasons = composed.reasons;
  out.sentences = composed.sentences;
  std::set<std::pair<int64_t, int>> cited;
  for (const kb::AnswerSentence& s : composed.sentences) {
    out.text += s.text;
    if (!cited.insert({s.citation.entry_id, s.citation.version}).second) continue;
    std::optional<KbEntry> entry = searcher->Get(s.citation.entry_id);
    if (entry && entry->version == s.citation.version) out.entries.push_back(std::move(*entry));
  }
  if (out.answered && out.entries.size() != cited.size()) {
    // A citation the searcher no longer holds (retired meanwhile): never answer from it.
    out = AssistAnswer{};
    out.confidence = composed.confidence;
    out.reasons = {kb::HandoffReason::kLowConfidence};
  }
  if (!out.answered) {
    out.draft.title = DraftTitle(question);
    out.draft.body = question;
    out.draft.kind = composed.kind;
    LX_ASSIGN_OR_RETURN(DispatchSuggestion s,
                        SuggestInternal(out.draft.title, question, request.region, false));
    out.draft.category_label = s.category_label;
    out.draft.route = std::move(s.route);
    out.draft.region = request.region.empty() ? out.draft.route.region_code : request.region;
  }

  store::AssistRecord record;
  record.at = now;
  record.channel = actor.citizen ? "public" : "staff";
  record.actor = actor.citizen ? "" : actor.username;
  record.question = text::MaskPii(question);
  record.region = request.region;
  record.answered = out.answered;
  for (kb::HandoffReason r : out.reasons) record.reasons.emplace_back(kb::ToString(r));
  record.cited.assign(cited.begin(), cited.end());
  if (!out.answered) record.cited.clear();
  record.confidence = out.confidence;
  record.phone_hash = PhoneHash(request.phone);
  LX_ASSIGN_OR_RETURN(out.log_id, store_.AppendAssistRecord(record));
  return out;
}

Result<AssistSuggestions> Service::SuggestForCallTaker(const Actor& actor, const std::string& raw,
                                                       const std::string& region) {
  if (!MaySuggest(actor)) return Status::PermissionDenied("无权使用坐席辅助");
  std::string text = Trim(raw);
  if (Utf8Length(text) > kMaxSuggestChars) return Status::InvalidArgument("内容过长（最多 2000 字）");
  if (!region.empty() && !directory()->FindRegion(region)) {
    return Status::InvalidArgument("未知的属地：" + region);
  }
  AssistSuggestions out;
  if (Utf8Length(text) < 2) return out;  // nothing typed yet
  LX_ASSIGN_OR_RETURN(std::shared_ptr<kb::Searcher> searcher, KnowledgeSearcher());
  kb::Query q;
  q.title = text;
  q.region = region;
  q.date = IsoDayCst(clock_.Now());
  q.limit = kSuggestLimit;
  for (kb::Hit& hit : searcher->Search(q)) {
    EntrySuggestion s;
    if (std::optional<KbEntry> e = searcher->Get(hit.entry_id)) {
      if (!e->questions.empty()) s.question = e->questions.front();
      s.source = e->source;
    }
    s.hit = std::move(hit);
    out.entries.push_back(std::move(s));
  }

  // Similar past tickets: candidates from the store's full-text index (the most
  // specific words, longest first: two together, then one at a time), ranked by
  // the duplicate finder's similarity to the whole text.
  std::vector<std::string> words;
  for (std::string& w : searcher->analyzer().Words(text)) {
    if (Utf8Length(w) >= 2 && std::find(words.begin(), words.end(), w) == words.end()) {
      words.push_back(std::move(w));
    }
  }
  std::stable_sort(words.begin(), words.end(),
                   [](const std::string& a, const std::string& b) { return Utf8Length(a) > Utf8Length(b); });
  std::vector<std::string> queries;
  if (words.size() >= 2) queries.push_back(words[0] + " " + words[1]);
  for (size_t i = 0; i < words.size() && i < 3; ++i) queries.push_back(words[i]);
  std::unordered_map<TicketId, Ticket> found;
  for (const std::string& piece : queries) {
    if (found.size() >= 60) break;
    store::TicketFilter f;
    f.text = piece;
    f.limit = 30;
    LX_ASSIGN_OR_RETURN(store::TicketPage page, store_.ListTickets(f));
    for (Ticket& t : page.items) found.emplace(t.id, std::move(t));
  }
  std::vector<dispatch::DuplicateCandidate> candidates;
  candidates.reserve(found.size());
  for (const auto& [id, t] : found) candidates.push_back({id, text::Normalize(t.title + " " + t.body)});
  std::sort(candidates.begin(), candidates.end(),
            [](const auto& a, const auto& b) { return a.ticket_id > b.ticket_id; });  // deterministic
  for (const dispatch::DuplicateMatch& m :
       dispatch::FindDuplicates(text::Normalize(text), candidates, kSimilarTicketThreshold, kSuggestLimit)) {
    const Ticket& t = found.at(m.ticket_id);
    SimilarTicket s;
    s.id = t.id;
    s.number = t.number;
    s.title = MaskPublicText(t.title, t);
    s.status = t.status;
    s.region_code = t.region_code;
    s.owner_unit = t.owner_unit;
    s.reply = MaskPublicText(t.reply, t);
    s.created_at = t.created_at;
    s.resolved_at = t.resolved_at;
    s.similarity = m.similarity;
    out.tickets.push_back(std::move(s));
  }
  return out;
}

}  // namespace lianxin::service
