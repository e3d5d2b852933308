#include "http/kb_codec.h"

#include <nlohmann/json.hpp>

#include "kb/entries.h"

namespace lianxin::http {
namespace {

Json TimeOrNull(TimeMs t) { return t ? Json(FormatIsoCst(t)) : Json(nullptr); }

Status GetStrings(const Json& obj, const char* key, std::vector<std::string>& out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  Status bad = Status::InvalidArgument(std::string("字段 ") + key + " 应为字符串数组");
  if (!it->is_array()) return bad;
  out.clear();
  for (const Json& v : *it) {
    if (!v.is_string()) return bad;
    out.push_back(v.get<std::string>());
  }
  return Status::Ok();
}

Json OptionalRate(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json EncodeFlagged(const std::vector<service::FlaggedEntry>& items) {
  Json arr = Json::array();
  for (const service::FlaggedEntry& f : items) {
    Json j = EncodeKbEntry(f.entry);
    j["last_cited"] = TimeOrNull(f.last_cited);
    arr.push_back(std::move(j));
  }
  return arr;
}

}  // namespace

Result<KbEntry> DecodeKbEntry(const Json& obj) {
  LX_RETURN_IF_ERROR(CheckKeys(obj, {"questions", "answer", "source", "source_url", "owner_unit",
                                     "valid_from", "valid_to", "regions", "tags"}));
  KbEntry e;
  LX_RETURN_IF_ERROR(GetStrings(obj, "questions", e.questions));
  LX_RETURN_IF_ERROR(GetString(obj, "answer", e.answer));
  LX_RETURN_IF_ERROR(GetString(obj, "source", e.source));
  LX_RETURN_IF_ERROR(GetString(obj, "source_url", e.source_url));
  LX_RETURN_IF_ERROR(GetString(obj, "owner_unit", e.owner_unit));
  LX_RETURN_IF_ERROR(GetString(obj, "valid_from", e.valid_from));
  LX_RETURN_IF_ERROR(GetString(obj, "valid_to", e.valid_to));
  LX_RETURN_IF_ERROR(GetStrings(obj, "regions", e.regions));
  LX_RETURN_IF_ERROR(GetStrings(obj, "tags", e.tags));
  return e;
}

std::string_view KbStatusLabel(KbEntryStatus status) {
  switch (status) {
    case KbEntryStatus::kDraft: return "草稿";
    case KbEntryStatus::kPublished: return "已发布";
    case KbEntryStatus::kRetired: return "已停用";
  }
  return "";
}

Json EncodeKbEntry(const KbEntry& e) {
  return {{"id", e.id},
          {"version", e.version},
          {"status", kb::ToString(e.status)},
          {"status_label", KbStatusLabel(e.status)},
          {"questions", e.questions},
          {"answer", e.answer},
          {"source", e.source},
          {"source_url", e.source_url},
          {"owner_unit", e.owner_unit},
          {"valid_from", e.valid_from},
          {"valid_to", e.valid_to},
          {"regions", e.regions},
          {"tags", e.tags},
          {"editor", e.editor},
          {"edited_at", TimeOrNull(e.edited_at)}};
}

Json EncodeKbEntryView(const service::KbEntryView& v) {
  Json j = EncodeKbEntry(v.entry);
  j["published_version"] = v.published_version ? Json(v.published_version) : Json(nullptr);
  j["editable"] = v.editable;
  if (!v.versions.empty()) {
    Json versions = Json::array();
    for (const KbEntry& e : v.versions) versions.push_back(EncodeKbEntry(e));
    j["versions"] = std::move(versions);
  }
  return j;
}

Json EncodeAssistAnswer(const service::AssistAnswer& a) {
  if (a.answered) {
    Json sentences = Json::array();
    for (const kb::AnswerSentence& s : a.sentences) {
      sentences.push_back({{"text", s.text}, {"entry_id", s.citation.entry_id}, {"version", s.citation.version}});
    }
    Json entries = Json::array();
    for (const KbEntry& e : a.entries) entries.push_back(EncodeKbEntry(e));
    return {{"kind", "answer"},      {"text", a.text},       {"sentences", sentences},
            {"confidence", a.confidence}, {"entries", entries}, {"log_id", a.log_id}};
  }
  Json reasons = Json::array();
  for (kb::HandoffReason r : a.reasons) {
    reasons.push_back({{"code", kb::ToString(r)}, {"label", kb::Describe(r)}});
  }
  service::DispatchSuggestion s;
  s.category_label = a.draft.category_label;
  s.route = a.draft.route;
  s.model_loaded = !a.draft.category_label.empty();
  Json draft = {{"title", a.draft.title},
                {"body", a.draft.body},
                {"kind", ToString(a.draft.kind)},
                {"kind_label", LabelZh(a.draft.kind)},
                {"region", a.draft.region},
                {"category", a.draft.route.category_code},
                {"suggestion", EncodeSuggestion(s)}};
  return {{"kind", "handoff"},
          {"reason", reasons.empty() ? Json(nullptr) : reasons.front()},
          {"reasons", reasons},
          {"confidence", a.confidence},
          {"draft", draft},
          {"log_id", a.log_id}};
}

Json EncodeAssistSuggestions(const service::AssistSuggestions& s) {
  Json entries = Json::array();
  for (const service::EntrySuggestion& e : s.entries) {
    Json highlights = Json::array();
    for (const auto& [b, end] : e.hit.highlights) highlights.push_back({b, end});
    entries.push_back({{"entry_id", e.hit.entry_id},
                       {"version", e.hit.version},
                       {"score", e.hit.score},
                       {"question", e.question},
                       {"source", e.source},
                       {"owner_unit", e.hit.owner_unit},
                       {"snippet", e.hit.snippet},
                       {"highlights", highlights}});
  }
  Json tickets = Json::array();
  for (const service::SimilarTicket& t : s.tickets) {
    tickets.push_back({{"id", t.id},
                       {"number", t.number},
                       {"title", t.title},
                       {"status", ToString(t.status)},
                       {"status_label", LabelZh(t.status)},
                       {"region", t.region_code},
                       {"owner_unit", t.owner_unit},
                       {"reply", t.reply},
                       {"created_at", TimeOrNull(t.created_at)},
                       {"resolved_at", TimeOrNull(t.resolved_at)},
                       {"similarity", t.similarity}});
  }
  return {{"entries", entries}, {"tickets", tickets}};
}

Json EncodeKbGaps(const service::KbGaps& g) {
  Json clusters = Json::array();
  for (const service::GapCluster& c : g.clusters) {
    clusters.push_back({{"title", c.title}, {"count", c.count}, {"examples", c.examples},
                        {"last_at", TimeOrNull(c.last_at)}});
  }
  return {{"from", TimeOrNull(g.from)},
          {"to", TimeOrNull(g.to)},
          {"unanswered", g.unanswered},
          {"clusters", clusters},
          {"expired", EncodeFlagged(g.expired)},
          {"expiring", EncodeFlagged(g.expiring)},
          {"unused", EncodeFlagged(g.unused)},
          {"unused_total", g.unused_total}};
}

Json EncodeAssistMetrics(const service::AssistMetrics& m) {
  Json reasons = Json::array();
  for (const auto& [code, n] : m.handoff_reasons) {
    std::string label = code;
    for (kb::HandoffReason r : {kb::HandoffReason::kNotAConsultation, kb::HandoffReason::kCrossDepartment,
                                kb::HandoffReason::kLowConfidence, kb::HandoffReason::kPersonalData}) {
      if (kb::ToString(r) == code) label = kb::Describe(r);
    }
    reasons.push_back({{"code", code}, {"label", label}, {"count", n}});
  }
  return {{"from", TimeOrNull(m.from)},
          {"to", TimeOrNull(m.to)},
          {"questions", m.questions},
          {"consultations", m.consultations},
          {"answered", m.answered},
          {"handed_off", m.handed_off},
          {"containment", OptionalRate(m.containment)},
          {"handoff_reasons", reasons},
          {"corrections", m.corrections},
          {"correction_rate", OptionalRate(m.correction_rate)},
          {"from_public", m.from_public},
          {"from_staff", m.from_staff}};
}

}  // namespace lianxin::http
