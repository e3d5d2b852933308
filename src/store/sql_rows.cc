#include "store/sql_rows.h"

#include <cctype>
#include <cstdio>

namespace lianxin::store::sql {

std::string JoinWith(const std::vector<std::string>& items, char sep) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t end = s.find(sep, pos);
    if (end == std::string::npos) end = s.size();
    if (end > pos) out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

const char* KbStatusName(KbEntryStatus s) {
  switch (s) {
    case KbEntryStatus::kDraft: return "draft";
    case KbEntryStatus::kPublished: return "published";
    case KbEntryStatus::kRetired: return "retired";
  }
  return "draft";
}

KbEntryStatus ParseKbStatus(const std::string& s) {
  if (s == "published") return KbEntryStatus::kPublished;
  if (s == "retired") return KbEntryStatus::kRetired;
  return KbEntryStatus::kDraft;
}

std::string TicketNumber(const std::string& key, int64_t seq) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%06lld", static_cast<long long>(seq));
  return key + "-" + buf;
}

std::vector<std::string> BigramTerms(std::string_view text, bool /*for_query*/) {
  std::vector<std::string> out;
  std::vector<std::string_view> run;  // the current run of CJK characters
  std::string word;
  auto flush = [&] {
    if (run.size() == 1) out.emplace_back(run[0]);
    for (size_t i = 0; i + 1 < run.size(); ++i) {
      out.push_back(std::string(run[i]) + std::string(run[i + 1]));
    }
    run.clear();
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + n > text.size()) break;
    if (c < 0x80 && std::isalnum(c)) {
      if (!run.empty()) flush();
      word += static_cast<char>(std::tolower(c));
    } else if (n == 3 && c >= 0xE3 && c <= 0xE9) {  // U+3000..U+9FFF: CJK (punctuation excluded below)
      if (!word.empty()) flush();
      std::string_view ch = text.substr(i, n);
      if (c == 0xE3 && static_cast<unsigned char>(text[i + 1]) < 0x90) {
        flush();  // U+3000..U+33FF holds CJK punctuation and symbols: a separator
      } else {
        run.push_back(ch);
      }
    } else {
      flush();
    }
    i += n;
  }
  flush();
  return out;
}

std::string DocumentTerms(const StoreOptions& options, const std::string& title,
                          const std::string& body) {
  std::string text = title + " " + body;
  std::vector<std::string> terms =
      options.search_terms ? options.search_terms(text, false) : BigramTerms(text, false);
  return JoinWith(terms, ' ');
}

std::vector<TicketWithEvents> ZipEvents(std::vector<Ticket> tickets,
                                        std::vector<TicketEvent> events) {
  std::vector<TicketWithEvents> out;
  out.reserve(tickets.size());
  size_t next = 0;
  for (Ticket& t : tickets) {
    TicketWithEvents item;
    while (next < events.size() && events[next].ticket_id < t.id) ++next;
    while (next < events.size() && events[next].ticket_id == t.id) {
      item.events.push_back(std::move(events[next++]));
    }
    item.ticket = std::move(t);
    out.push_back(std::move(item));
  }
  return out;
}

std::string CounterColumns(const char* prefix) {
  std::string out;
  for (int i = 0; i < kRollupCounters; ++i) {
    out += (i ? ", " : "") + std::string(prefix) + "n" + std::to_string(i);
  }
  return out;
}

}  // namespace lianxin::store::sql
