// JSON of the knowledge base and the AI seat (issue 5): decoding an entry's
// editable fields strictly (unknown fields and wrong types refused) and encoding
// entries, search hits, answers, hand-offs, suggestions, gaps and containment.
// Internal to http/ (used by assist_handler.cc and kb_handler.cc). Pure
// functions, thread-safe.
#pragma once

#include "http/json_codec.h"
#include "service/service.h"

namespace lianxin::http {

// The editable fields of an entry: questions (array of strings), answer,
// source, source_url, owner_unit, valid_from, valid_to, regions, tags (arrays
// of strings). Content rules are checked by the service (kb::ValidateEntry).
Result<KbEntry> DecodeKbEntry(const Json& obj);

// The zh-CN label of a review status (草稿, 已发布, 已停用).
std::string_view KbStatusLabel(KbEntryStatus status);
// {id, version, status, status_label, questions, answer, source, source_url,
// owner_unit, valid_from, valid_to, regions, tags, editor, edited_at}.
Json EncodeKbEntry(const KbEntry& entry);
// An entry view: the entry plus published_version, editable and (when any) versions.
Json EncodeKbEntryView(const service::KbEntryView& view);
// {kind: "answer", ...} or {kind: "handoff", reasons, reason, draft, ...}.
Json EncodeAssistAnswer(const service::AssistAnswer& answer);
Json EncodeAssistSuggestions(const service::AssistSuggestions& suggestions);
Json EncodeKbGaps(const service::KbGaps& gaps);
Json EncodeAssistMetrics(const service::AssistMetrics& metrics);

}  // namespace lianxin::http
