#include "store/sql_rows.h"

#include <cctype>
#include <cstdio>
#include <iterator>

#include "core/dedup.h"

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
  // Title and body cut apart, as the classifier cuts them, so the segmenter's
  // per-thread memory serves the second request for the same text.
  auto cut = [&](const std::string& text) {
    return options.search_terms ? options.search_terms(text, false) : BigramTerms(text, false);
  };
  std::vector<std::string> terms;
  if (!title.empty()) terms = cut(title);
  if (!body.empty()) {
    std::vector<std::string> more = cut(body);
    terms.insert(terms.end(), std::make_move_iterator(more.begin()),
                 std::make_move_iterator(more.end()));
  }
  DedupKeepFirst(terms);  // no hash node per term
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

std::string StatsSql() {
  return "SELECT (SELECT COUNT(*) FROM tickets), (SELECT COALESCE(MAX(id), 0) FROM ticket_events), "
         "(SELECT COUNT(*) FROM tickets WHERE status NOT IN ('resolved','revisited','archived',"
         "'merged','resolved_at_intake'))";
}

std::string DispatchOutcomesSql(Placeholder ph) {
  return "WITH fresh AS (SELECT id FROM tickets WHERE created_at >= " + ph(1) +
         " AND channel <> 'import'), by_agent AS (SELECT DISTINCT e.ticket_id FROM ticket_events e "
         "JOIN fresh f ON f.id = e.ticket_id WHERE e.type = 'dispatch' AND e.actor = " + ph(2) +
         ") SELECT (SELECT COUNT(*) FROM fresh), (SELECT COUNT(*) FROM by_agent), "
         "(SELECT COUNT(DISTINCT e.ticket_id) FROM ticket_events e JOIN by_agent a ON a.ticket_id = "
         "e.ticket_id WHERE e.type IN ('redispatch', 'return_approve'))";
}

std::string KbListSql(bool published_only) {
  return std::string("SELECT ") + kKbColumns + " FROM kb_entry_versions v " +
         (published_only ? "WHERE v.status = 'published' "
                         : "JOIN kb_entries e ON e.id = v.entry_id AND e.latest_version = v.version ") +
         "ORDER BY v.entry_id";
}

std::string RollupUpsertSql(Placeholder ph) {
  std::string sql = "INSERT INTO rollup_cells (grain, period, dim, key, " + CounterColumns("") +
                    ") VALUES (" + ph(1);
  for (int i = 2; i <= 4 + kRollupCounters; ++i) sql += ", " + ph(i);
  sql += ") ON CONFLICT (grain, dim, period, key) DO UPDATE SET ";
  for (int i = 0; i < kRollupCounters; ++i) {
    std::string n = "n" + std::to_string(i);
    sql += (i ? ", " : "") + n + " = rollup_cells." + n + " + excluded." + n;
  }
  return sql;
}

std::string SumRollupsSql(Placeholder ph, const std::string& binary_collate) {
  std::string sums;
  for (int i = 0; i < kRollupCounters; ++i) sums += ", SUM(n" + std::to_string(i) + ")";
  return "SELECT key" + sums + " FROM rollup_cells WHERE grain = " + ph(1) + " AND dim = " + ph(2) +
         " AND period >= " + ph(3) + " AND period <= " + ph(4) + " GROUP BY key ORDER BY key" +
         binary_collate;
}

}  // namespace lianxin::store::sql
