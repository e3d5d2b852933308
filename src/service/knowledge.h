// The types of the knowledge base's use cases (issue 5): the AI seat (智能坐席)
// answering or handing off, the call-taker's live suggestions, the entries'
// administration and review, the knowledge-base gaps and the containment
// figures. Part of service.h (included by it); plain value types, safe to copy
// and to share read-only between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/kb_entry.h"
#include "core/ticket.h"
#include "dispatch/router.h"
#include "kb/answerer.h"
#include "kb/searcher.h"

namespace lianxin::service {

// A question to the AI seat.
struct AssistRequest {
  std::string question;  // the citizen's words, 2..1000 characters
  std::string region;    // the asker's region code; "" = unknown (only unscoped entries)
  // The caller's phone, when a call-taker asks for a caller: kept only as a
  // SHA-256 hash in the assist log, to count call-backs (corrections).
  std::string phone;
};

// The ticket a hand-off prepares for a person to complete; nothing is stored.
struct TicketDraft {
  std::string title;            // the question's first sentence, at most 40 characters
  std::string body;             // the whole question
  TicketKind kind = TicketKind::kConsultation;  // kb::DetectKind of the question
  std::string region;           // the given region, else the place the text names
  std::string category_label;   // the classifier's level-1 label ("" without a model)
  dispatch::RouteDecision route;  // category + unit candidates with the agent's explanation
};

// The AI seat's reply: an answer every sentence of which is copied from a cited
// published entry version, or a hand-off with its reasons and a ticket draft.
struct AssistAnswer {
  bool answered = false;
  std::string text;                         // the sentences joined (answers only)
  std::vector<kb::AnswerSentence> sentences;
  float confidence = 0;                     // [0, 1]
  std::vector<KbEntry> entries;             // the cited entry versions (answers only)
  std::vector<kb::HandoffReason> reasons;   // non-empty iff !answered
  TicketDraft draft;                        // hand-offs only
  int64_t log_id = 0;                       // the assist log record written
};

// A knowledge-base entry offered to the call-taker as they type.
struct EntrySuggestion {
  kb::Hit hit;           // id, version, score, snippet with highlight byte ranges
  std::string question;  // the entry's first question form
  std::string source;    // its policy basis
};

// A similar past ticket and how it ended (personal data masked in the text).
struct SimilarTicket {
  TicketId id = 0;
  std::string number;
  std::string title;
  TicketStatus status = TicketStatus::kReceived;
  std::string region_code;
  std::string owner_unit;
  std::string reply;     // the unit's reply, "" when there is none yet
  TimeMs created_at = 0;
  TimeMs resolved_at = 0;
  double similarity = 0;  // 0..1 (character-bigram cosine, dispatch/duplicates.h)
};

struct AssistSuggestions {
  std::vector<EntrySuggestion> entries;  // best first, at most 5
  std::vector<SimilarTicket> tickets;    // most alike first, at most 5
};

// Which entries to list. Empty strings / nullopt = any.
struct KbEntryQuery {
  std::optional<KbEntryStatus> status;  // of the entry's latest version
  std::string owner_unit;
  std::string tag;
  std::string text;  // a substring of a question form or the answer (normalised)
  int limit = 50;    // 1..500
  int offset = 0;
};

// One entry as a reader may see it: its latest version (for editors) or its
// published version (for everyone else), which version is published, and (for
// editors) every version oldest first.
struct KbEntryView {
  KbEntry entry;
  int published_version = 0;     // 0 = none published
  bool editable = false;         // the reader may edit it
  std::vector<KbEntry> versions;  // GetKbEntry only, editors only
};

// One cluster of questions the AI seat could not answer.
struct GapCluster {
  std::string title;                  // the cluster's distinctive words
  int64_t count = 0;                  // questions in it
  std::vector<std::string> examples;  // up to 3 (masked) questions, newest first
  TimeMs last_at = 0;
};

// An entry flagged for its owners.
struct FlaggedEntry {
  KbEntry entry;     // the published version
  TimeMs last_cited = 0;  // 0 = not cited in the look-back window
};

struct KbGapsQuery {
  TimeMs from = 0;  // the period of the questions; 0 = 30 days before `to`
  TimeMs to = 0;    // exclusive; 0 = now (inclusive)
  int expiring_days = 30;  // "soon to expire": valid_to within this many days from today
  int unused_days = 90;    // "never used": not cited in this many days before now
  int limit = 50;          // per list, 1..500
};

struct KbGaps {
  TimeMs from = 0, to = 0;
  int64_t unanswered = 0;            // hand-offs for low confidence in the period
  std::vector<GapCluster> clusters;  // most asked first
  std::vector<FlaggedEntry> expired;   // published, valid_to before today
  std::vector<FlaggedEntry> expiring;  // published, valid_to within expiring_days
  std::vector<FlaggedEntry> unused;    // published, not cited in unused_days
  int64_t unused_total = 0;            // all unused ones (the list is cut at limit)
};

// How much the AI seat contains (answered without a person) over a period.
struct AssistMetrics {
  TimeMs from = 0, to = 0;
  int64_t questions = 0;      // every question asked
  int64_t consultations = 0;  // of those, consultations (not complaints, reports, help)
  int64_t answered = 0;       // answered by the AI seat
  int64_t handed_off = 0;     // questions - answered
  std::optional<double> containment;  // answered / consultations; nullopt when 0
  std::vector<std::pair<std::string, int64_t>> handoff_reasons;  // code → count, most first
  // Answers after which the citizen came back within 7 days with a ticket: the
  // same phone, or a ticket alike to the question (similarity >= 0.5).
  int64_t corrections = 0;
  std::optional<double> correction_rate;  // corrections / answered
  int64_t from_public = 0;  // questions from the public portal
  int64_t from_staff = 0;   // questions asked by signed-in staff
};

}  // namespace lianxin::service
