// The storage interface the rest of lianxin sees. Backends: sqlite/ (embedded
// default); postgres/ later. Every backend passes store/store_conformance.h.
//
// Tickets are event-sourced: `ticket_events` is the append-only truth and audit
// trail; a ticket row is its current projection; both change in one transaction.
// A write is durable once the call returns OK. All methods are thread-safe and
// block until done; concurrent writes are grouped into shared commits.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/directory.h"
#include "core/status.h"
#include "core/ticket.h"

namespace lianxin::store {

// Which tickets to list. Empty strings and nullopt mean "any".
struct TicketFilter {
  std::optional<TicketStatus> status;
  std::string owner_unit;       // exact unit code
  std::string region_prefix;    // region code; matches the region and its subtree
  std::string category_prefix;  // category code; matches the category and its subtree
  TimeMs created_from = 0;      // inclusive; 0 = unbounded
  TimeMs created_to = 0;        // exclusive; 0 = unbounded
  std::string text;             // full-text query: each space-separated piece must occur in
                                // title or body (its words via the index; 1 character: substring)
  int limit = 20;               // 1..500
  int offset = 0;
  // Only open tickets (not closed, merged or archived) that have no owner unit:
  // the 零遗漏 check. Should always come back empty.
  bool unowned_open = false;
  bool oldest_first = false;  // order by created_at ascending (queues)
};

struct TicketPage {
  std::vector<Ticket> items;  // newest first (oldest first with TicketFilter::oldest_first)
  int64_t total = 0;          // matching tickets, ignoring limit/offset
};

// A ticket with its whole history, for bulk import.
struct TicketWithEvents {
  Ticket ticket;
  std::vector<TicketEvent> events;
};

// How the dispatch agent fared since a time (for its coverage and accuracy).
struct DispatchOutcomes {
  int64_t received = 0;         // tickets created since (imports excluded)
  int64_t auto_dispatched = 0;  // of those, dispatched by the agent
  int64_t corrected = 0;        // of those, later redispatched or returned and sent elsewhere
};

// Counters for /metrics and the dashboard header.
struct StoreStats {
  int64_t tickets = 0;
  int64_t events = 0;
  int64_t open_tickets = 0;  // not resolved, revisited, archived, merged or resolved at intake
};

class Store {
 public:
  virtual ~Store() = default;

  // ---- reference data (replaces rows with the same code) ----
  virtual Status PutRegions(const std::vector<Region>& regions) = 0;
  virtual Status PutUnits(const std::vector<Unit>& units) = 0;
  virtual Status PutCategories(const std::vector<Category>& categories) = 0;
  virtual Status PutDutyRules(const std::vector<DutyRule>& rules) = 0;
  virtual Result<std::vector<Region>> ListRegions() = 0;
  virtual Result<std::vector<Unit>> ListUnits() = 0;
  virtual Result<std::vector<Category>> ListCategories() = 0;
  virtual Result<std::vector<DutyRule>> ListDutyRules() = 0;

  // ---- users and sessions ----
  // Inserts or replaces the user with this username.
  virtual Status PutUser(const User& user) = 0;
  // kNotFound when absent.
  virtual Result<User> GetUser(const std::string& username) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Status PutSession(const Session& session) = 0;
  // kNotFound when absent (expiry is the caller's check).
  virtual Result<Session> GetSession(const std::string& token_hash) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  // ---- security (issue 9) ----
  // Deletes every session of `username` (all its tokens); returns how many there were.
  virtual Result<int64_t> DeleteUserSessions(const std::string& username) = 0;

  // ---- tickets ----
  // Stores a new ticket with its first events (at least one: 受理; intake may add
  // the agent's 派单) in one transaction. Assigns id, event ids, version =
  // events.size() and the number "<prefix>-<CST day of created_at>-<6-digit per-day
  // sequence>", unique under concurrency. Returns the stored ticket.
  virtual Result<Ticket> CreateTicket(const Ticket& ticket, const std::vector<TicketEvent>& events,
                                      const std::string& number_prefix) = 0;
  // The same with only the 受理 event.
  Result<Ticket> CreateTicket(const Ticket& ticket, const TicketEvent& first,
                              const std::string& number_prefix) {
    return CreateTicket(ticket, std::vector<TicketEvent>{first}, number_prefix);
  }
  // Appends `event` and replaces the projection with `next` in one transaction,
  // if the stored version still equals next.version - 1; else kAborted.
  virtual Result<Ticket> AppendEvent(const Ticket& next, const TicketEvent& event) = 0;
  virtual Result<Ticket> GetTicket(TicketId id) = 0;
  virtual Result<Ticket> GetTicketByNumber(const std::string& number) = 0;
  virtual Result<TicketPage> ListTickets(const TicketFilter& filter) = 0;
  // The ticket's events, oldest first.
  virtual Result<std::vector<TicketEvent>> ListEvents(TicketId id) = 0;
  // Stores historical tickets with given numbers and events in large transactions.
  // Tickets whose number exists already are skipped (import is re-runnable).
  // Returns how many were inserted.
  virtual Result<int64_t> ImportTickets(const std::vector<TicketWithEvents>& batch) = 0;
  virtual Result<StoreStats> Stats() = 0;
  // Tickets whose next_alarm_at is in 1..now, earliest first, at most `limit`
  // (the SLA scheduler's work list; served by an index, so it stays cheap with
  // millions of open tickets).
  virtual Result<std::vector<Ticket>> ListAlarms(TimeMs now, int limit) = 0;
  // Counts for tickets created at or after `from`; `agent` is the actor name the
  // dispatch agent writes in its dispatch events.
  virtual Result<DispatchOutcomes> CountDispatchOutcomes(const std::string& agent, TimeMs from) = 0;

  // ---- audit ----
  virtual Status LogAccess(const AccessRecord& record) = 0;
  // Newest first, at most `limit`.
  virtual Result<std::vector<AccessRecord>> ListAccess(int limit) = 0;
};

// How the SQLite store builds its full-text index over title and body.
struct SqliteOptions {
  // Turns text into search terms; `for_query` is false for a ticket's own text
  // (service wiring passes text::SearchTerms with the jieba segmenter). Must be
  // deterministic and thread-safe. Empty: Chinese character bigrams and ASCII
  // words, lower-cased, for documents and queries alike.
  std::function<std::vector<std::string>(std::string_view text, bool for_query)> search_terms;
  // Names the function. When the index was built by another one, opening the
  // store rebuilds it (blocks: about 40 µs per ticket with jieba).
  std::string search_terms_name = "bigram";
};

// Opens (creating if needed) the SQLite store at `path` and runs its migrations.
// `path` may be ":memory:" for a private in-memory database (tests).
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, SqliteOptions options = {});

}  // namespace lianxin::store
