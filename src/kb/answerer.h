// The AI seat's answer composer (智能坐席): answers a consultation from the
// knowledge base with every sentence copied from one published entry version
// and cited by id and version, or hands the request to a person with the
// reasons. It never writes text of its own into an answer.
// Stateless functions over a Searcher; thread-safe as the Searcher is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/ticket.h"
#include "kb/searcher.h"

namespace lianxin::kb {

// Why a request goes to a person.
enum class HandoffReason {
  kNotAConsultation,  // a complaint, report or help request: needs a ticket
  kCrossDepartment,   // the question spans entries of several units
  kLowConfidence,     // no entry covers the question well enough
  kPersonalData,      // the text holds personal data (phone, ID number, ...)
};
std::string_view ToString(HandoffReason reason);
// A zh-CN explanation for the call-taker and the citizen.
std::string_view Describe(HandoffReason reason);

// The kind of request from its words: kComplaint / kReport / kHelp when their
// cue words (投诉, 举报, 求助, ...) outweigh question cues (请问, 如何, 吗, ...),
// else kConsultation. Rules, not a model; see kb/README.md for what was measured.
TicketKind DetectKind(std::string_view text);

struct Citation {
  int64_t entry_id = 0;
  int version = 0;
};

struct AnswerSentence {
  std::string text;   // verbatim from the cited entry's answer
  Citation citation;
};

struct Answer {
  bool answered = false;                // false: hand-off
  std::vector<AnswerSentence> sentences;
  float confidence = 0;                 // [0, 1]: idf-weighted share of the question's words the best entry holds
  TicketKind kind = TicketKind::kConsultation;
  std::vector<HandoffReason> reasons;   // non-empty iff !answered
  std::vector<Hit> evidence;            // the entries considered, best first
};

struct AnswerOptions {
  float min_confidence = 0.5f;  // below: kLowConfidence
  size_t max_sentences = 4;
};

// Answers `query` (title = the citizen's question) from `searcher`.
Answer Compose(const Searcher& searcher, const Query& query, const AnswerOptions& options = {});

}  // namespace lianxin::kb
