// The storage interface the rest of lianxin sees. Backends: sqlite/ (embedded
// default) and postgres/ (several nodes); OpenStore() picks one from a location.
// Every backend passes store/store_conformance_test.cc.
//
// Tickets are event-sourced: `ticket_events` is the append-only truth and audit
// trail; a ticket row is its current projection; both change in one transaction.
// A write is durable once the call returns OK. All methods are thread-safe and
// block until done; concurrent writes are grouped into shared commits.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/directory.h"
#include "core/kb_entry.h"
#include "core/status.h"
#include "core/ticket.h"
#include "store/insight_records.h"  // issue 6: governance records

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

  // ---- workflow lists (issue 4, part A) ----
  // Any of these statuses (besides `status`, which must also hold when set).
  std::vector<TicketStatus> statuses;
  // A unit involved in the ticket, as lead (owner_unit), assisting unit
  // (among assist_units) or either; empty = any.
  enum class Involvement { kAny, kLead, kAssist };
  std::string involved_unit;
  Involvement involvement = Involvement::kAny;
  // The deadline in [due_from, due_before); 0 = unbounded. Either bound being
  // set excludes tickets without a deadline.
  TimeMs due_from = 0;
  TimeMs due_before = 0;
  bool escalated = false;  // only tickets escalated (督办) at least once
  bool due_first = false;  // order by due_at ascending (supervisors' lists); wins over oldest_first
  // ---- end workflow lists ----
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

// ---- notifications outbox (issue 4, part A) ----
// One message to one recipient about one event, and its delivery state.
struct OutboxMessage {
  // kIntegration (issue 8 item 2): a unit's own system, address = the unit code.
  enum class Audience { kCitizen, kUnit, kIntegration };
  enum class State { kPending, kSent, kFailed };
  int64_t id = 0;  // assigned by EnqueueMessages
  int64_t event_id = 0;
  TicketId ticket_id = 0;
  Audience audience = Audience::kCitizen;
  std::string address;  // the citizen's phone, or a unit code
  std::string kind;     // received, dispatched, replied, visit_request, overdue, reminder, ...
  std::string body;     // the text sent (zh-CN)
  State state = State::kPending;
  int attempts = 0;
  TimeMs next_attempt_at = 0;
  std::string last_error;
  TimeMs created_at = 0;
  TimeMs sent_at = 0;  // 0 until sent
};
// "citizen" | "unit" | "integration".
inline std::string_view ToString(OutboxMessage::Audience v) {
  switch (v) {
    case OutboxMessage::Audience::kCitizen:
      return "citizen";
    case OutboxMessage::Audience::kUnit:
      return "unit";
    case OutboxMessage::Audience::kIntegration:
      return "integration";
  }
  return "unit";
}
// nullopt for an unknown name.
inline std::optional<OutboxMessage::Audience> ParseOutboxAudience(std::string_view s) {
  for (auto v : {OutboxMessage::Audience::kCitizen, OutboxMessage::Audience::kUnit,
                 OutboxMessage::Audience::kIntegration}) {
    if (ToString(v) == s) return v;
  }
  return std::nullopt;
}
// "pending" | "sent" | "failed".
inline std::string_view ToString(OutboxMessage::State v) {
  switch (v) {
    case OutboxMessage::State::kPending:
      return "pending";
    case OutboxMessage::State::kSent:
      return "sent";
    case OutboxMessage::State::kFailed:
      return "failed";
  }
  return "pending";
}
// nullopt for an unknown name.
inline std::optional<OutboxMessage::State> ParseOutboxState(std::string_view s) {
  for (auto v : {OutboxMessage::State::kPending, OutboxMessage::State::kSent,
                 OutboxMessage::State::kFailed}) {
    if (ToString(v) == s) return v;
  }
  return std::nullopt;
}

struct OutboxPage {
  std::vector<OutboxMessage> items;  // newest first
  int64_t total = 0;
};
// ---- end notifications outbox ----

// ---- evaluation rollups (issue 4, part B) ----
// The store keeps the cells and contributions opaque: insight/ gives the
// counters and payloads their meaning (insight/evaluation.h).
inline constexpr int kRollupCounters = 21;
// One additive cell: counters n[0..20] of grain ("d" yyyymmdd, "m" yyyymm,
// "y" yyyy) × period × dim ("unit", "region", "category") × key.
struct RollupCell {
  std::string grain;
  int64_t period = 0;
  std::string dim;
  std::string key;
  std::array<int64_t, kRollupCounters> n{};
};
// What one ticket currently contributes to the cells (payload: insight's encoding);
// region, category and creation time also serve the repeat-request lookup.
struct RollupContribution {
  TicketId ticket_id = 0;
  std::string region_code;
  std::string category_code;
  TimeMs created_at = 0;
  std::string payload;
};
// One step of the rollup updater, applied in one transaction: cell deltas
// (added to the stored counters), contributions (replacing the stored ones) and
// the cursor's new value. `expected_cursor` must equal the stored cursor (0 when
// none), else kAborted: two updaters never apply the same events twice.
struct RollupBatch {
  std::string cursor_name;
  int64_t expected_cursor = 0;
  int64_t cursor = 0;
  std::vector<RollupCell> deltas;
  std::vector<RollupContribution> contributions;
};
// The light columns of a ticket, for scans that need no text.
struct TicketKey {
  TicketId id = 0;
  std::string region_code;
  std::string category_code;
  TimeMs created_at = 0;
};
// ---- end evaluation rollups ----
// ---- open interfaces: Open311 and open data (issue 8) ----
// An Open311 client (a civic app, FixMyStreet...) issued an api_key by an
// administrator. Only the SHA-256 of the key is kept.
struct ApiClient {
  std::string name;      // unique, e.g. "fixmystreet"
  std::string key_hash;  // hex SHA-256 of the api_key
  bool batch = false;    // POSTs answer with a token (polled at /tokens) instead of an id
  bool active = true;
  TimeMs created_at = 0;
};

// What an Open311 POST brought besides the ticket's own fields.
struct Open311Meta {
  TicketId ticket_id = 0;
  std::string client;      // ApiClient::name
  std::string account_id;  // the client's id for the person (never shown by GET)
  std::string device_id;   // never shown by GET
  std::string email;       // personal data: never shown by GET
  std::string media_url;
  std::vector<std::pair<std::string, std::string>> attributes;  // attribute[code] = value, in order
};

// Which tickets to read for Open311 and open data. Empty means "any"; every
// list condition is an OR within the list, the conditions are ANDed.
struct TicketQuery {
  std::vector<std::string> numbers;          // exact ticket numbers
  std::vector<std::string> category_codes;   // a category and its subtree
  std::vector<TicketStatus> statuses;
  TimeMs created_from = 0, created_to = 0;   // [from, to); 0 = unbounded
  TimeMs updated_from = 0, updated_to = 0;   // [from, to); 0 = unbounded
  int limit = 50;                            // 1..10000
  int offset = 0;
  bool oldest_first = false;                 // else newest first (by created_at, id)
};

// A token of a batch client: what it stands for once the write is done.
struct Open311Token {
  std::string token;
  std::string kind;    // "request" or "update"
  int64_t target = 0;  // TicketId or TicketEvent::id
  TimeMs created_at = 0;
};
// ---- end open interfaces (issue 8) ----

// ---- department integration (issue 8 item 2; migration 0010) ----
// A handling unit's own system: where its outbox messages are POSTed (signed
// with `secret`, HMAC-SHA256) and the hash of the key it calls the inbound API with.
struct UnitIntegration {
  std::string unit_code;            // one integration per unit
  std::string url;                  // "http://host[:port]/path"
  std::string secret;               // the HMAC key (kept: it signs every delivery)
  std::string key_hash;             // hex SHA-256 of the inbound key (unique)
  std::vector<std::string> events;  // outbox kinds delivered: dispatched, reminder, ...
  bool active = true;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
};
// The delivery state of one (audience, address) in the outbox.
struct DeliverySummary {
  int64_t pending = 0, sent = 0, failed = 0;
  std::string last_error;  // of the newest message that has one ("" when none)
  int last_attempts = 0;   // attempts of that message
  TimeMs last_sent_at = 0;  // newest successful delivery; 0 when none
};
// A file attached to a ticket (evidence), bytes kept in the store.
struct Attachment {
  int64_t id = 0;  // assigned by PutAttachment
  TicketId ticket_id = 0;
  std::string file_name;
  std::string content_type;
  int64_t size = 0;      // bytes
  std::string sha256;    // hex digest of data
  std::string data;      // the bytes (empty in listings)
  std::string uploaded_by;  // the event actor, e.g. "integration:XD.A.A3/zjj"
  TimeMs created_at = 0;
};
// ---- end department integration ----
// ---- AI seat assist log (issue 5) ----
// One consultation the AI seat answered or handed off (migration 0009).
struct AssistRecord {
  int64_t id = 0;        // set by the store
  TimeMs at = 0;
  std::string channel;   // "public" (the portal, anonymous) or "staff" (signed in)
  std::string actor;     // username; "" for the public
  std::string question;  // masked of personal data
  std::string region;    // region code given with the question; "" = none
  bool answered = false;              // false: handed off to a person
  std::vector<std::string> reasons;   // hand-off reason codes ("low_confidence", ...)
  std::vector<std::pair<int64_t, int>> cited;  // (entry id, version) of the answer's citations
  double confidence = 0;
  std::string phone_hash;  // hex SHA-256 of the asker's phone; "" = not given
};
// ---- end AI seat assist log ----

// ---- reference data, SLA policies and the calendar, editable (issue 7 item 7; migration 0012) ----
// One administrator's change of reference data or of the SLA configuration: the
// audit trail (who changed what, when). `before`/`after` are short readable
// summaries ("name=A3区城管局 type=cg region=XD.A.A3"); "" before = created.
struct ReferenceChange {
  int64_t id = 0;  // assigned by the store
  TimeMs at = 0;
  std::string actor;  // username
  std::string kind;   // "region", "unit", "category", "duty_rules", "sla_rules", "calendar"
  std::string code;   // the key changed ("" for a whole list)
  std::string before;
  std::string after;
};
// What one reference change writes: rows replaced by code (as PutRegions, PutUnits,
// PutCategories) and, when set, the whole duty catalog (as PutDutyRules).
struct ReferenceEdit {
  std::vector<Region> regions;
  std::vector<Unit> units;
  std::vector<Category> categories;
  std::optional<std::vector<DutyRule>> duty_rules;
};
// One row of the SLA policy as stored: the columns of data/calendar/sla_policies.csv,
// as text (workflow::SlaPolicy::Parse checks them; the store does not).
struct SlaRuleRow {
  std::string rule;      // deadline | extension | arbitration
  std::string kind;      // a TicketKind identifier or "*"
  std::string urgency;   // an Urgency identifier or "*"
  std::string category;  // a code prefix or "*"
  std::string region;    // a code prefix or "*"
  int amount = 0;
  std::string unit;      // hours | days | working_hours | working_days
  std::string note;
};
// One special day of the working-day calendar (data/calendar/cn_holidays.csv).
struct CalendarDayRow {
  std::string date;  // YYYY-MM-DD (CST)
  std::string type;  // holiday (放假) | workday (调休上班)
  std::string note;  // e.g. "春节"
};
// ---- end reference data, SLA policies and the calendar ----

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

  // ---- notifications outbox (issue 4, part A) ----
  // Events with id > `after_id`, oldest first, at most `limit` (1..100000): the
  // feed of the notifier and of the evaluation rollups.
  virtual Result<std::vector<TicketEvent>> ListEventsAfter(int64_t after_id, int limit) = 0;
  // The last event id consumed by the cursor `name`; 0 when it never moved.
  virtual Result<int64_t> GetCursor(const std::string& name) = 0;
  // In one transaction: inserts `messages` (skipping any whose (event_id,
  // audience, address) is stored already, so replays are harmless) and sets the
  // cursor `name` to `cursor`. Returns how many messages were inserted.
  virtual Result<int64_t> EnqueueMessages(const std::vector<OutboxMessage>& messages,
                                          const std::string& name, int64_t cursor) = 0;
  // Pending messages with next_attempt_at <= now, earliest first, at most `limit`.
  virtual Result<std::vector<OutboxMessage>> ListDueMessages(TimeMs now, int limit) = 0;
  // Records a delivery attempt: state, attempts, next_attempt_at, last_error and
  // sent_at of message `m.id`. kNotFound when there is no such message.
  virtual Status UpdateMessage(const OutboxMessage& m) = 0;
  // UpdateMessage for each of `messages`, all in one transaction: all or none.
  virtual Status UpdateMessages(const std::vector<OutboxMessage>& messages) = 0;
  // Messages in `state` (any when nullopt), newest first; limit 1..500.
  virtual Result<OutboxPage> ListMessages(std::optional<OutboxMessage::State> state, int limit,
                                          int offset) = 0;
  // ---- end notifications outbox ----

  // ---- evaluation rollups (issue 4, part B) ----
  // (ListEventsAfter above feeds the rollup updater too.)
  // Tickets with id > after_id, ascending by id, at most `limit`, each with its
  // events oldest first (full scans: rebuilds).
  virtual Result<std::vector<TicketWithEvents>> ListTicketsWithEvents(TicketId after_id,
                                                                      int limit) = 0;
  // The light columns of tickets with id > after_id, ascending, at most `limit`.
  virtual Result<std::vector<TicketKey>> ListTicketKeys(TicketId after_id, int limit) = 0;
  // The cursor's stored value; 0 when it was never set.
  virtual Result<int64_t> GetRollupCursor(const std::string& name) = 0;
  // The stored contributions of those of `ids` that have one (any order).
  virtual Result<std::vector<RollupContribution>> GetRollupContributions(
      const std::vector<TicketId>& ids) = 0;
  // Whether a contribution other than `exclude` has this exact region and
  // category and created_at in [from, to).
  virtual Result<bool> HasRollupPeer(const std::string& region_code,
                                     const std::string& category_code, TimeMs from, TimeMs to,
                                     TicketId exclude) = 0;
  // Applies `batch` atomically (see RollupBatch); kAborted on a cursor mismatch.
  virtual Status ApplyRollupBatch(const RollupBatch& batch) = 0;
  // Deletes every cell and contribution and sets the cursor `name` to `cursor`
  // (one transaction): the start of a rebuild.
  virtual Status ResetRollups(const std::string& name, int64_t cursor) = 0;
  // The cells of `grain` and `dim` with period in [from, to], summed per key,
  // ascending by key (grain, period of the result: those of the request and `from`).
  virtual Result<std::vector<RollupCell>> SumRollups(const std::string& grain,
                                                     const std::string& dim, int64_t from,
                                                     int64_t to) = 0;
  // ---- end evaluation rollups ----
  // ---- open interfaces: Open311 and open data (issue 8) ----
  // Inserts or replaces the client with this name.
  virtual Status PutApiClient(const ApiClient& client) = 0;
  // kNotFound when no client has this key hash.
  virtual Result<ApiClient> GetApiClientByKeyHash(const std::string& key_hash) = 0;
  virtual Result<std::vector<ApiClient>> ListApiClients() = 0;
  // Stores (replaces) the Open311 extras of a ticket.
  virtual Status PutOpen311Meta(const Open311Meta& meta) = 0;
  // The extras of those of `ids` that have any (others are simply absent).
  virtual Result<std::vector<Open311Meta>> ListOpen311Meta(const std::vector<TicketId>& ids) = 0;
  // kAlreadyExists when the token is taken.
  virtual Status PutOpen311Token(const Open311Token& token) = 0;
  // kNotFound when unknown (or of another kind).
  virtual Result<Open311Token> GetOpen311Token(const std::string& token, const std::string& kind) = 0;
  // Tickets matching `query`; total ignores limit/offset.
  virtual Result<TicketPage> QueryTickets(const TicketQuery& query) = 0;
  // Events of every ticket with `from <= at < to` (0 = unbounded), oldest first,
  // at most `limit` (1..10000); only public ones when `public_only`.
  virtual Result<std::vector<TicketEvent>> ListEventsBetween(TimeMs from, TimeMs to,
                                                             bool public_only, int limit) = 0;
  // ---- end open interfaces (issue 8) ----

  // ---- department integration (issue 8 item 2; migration 0010) ----
  // Inserts or replaces the integration of integration.unit_code.
  virtual Status PutIntegration(const UnitIntegration& integration) = 0;
  // kNotFound when the unit has none.
  virtual Result<UnitIntegration> GetIntegration(const std::string& unit_code) = 0;
  // kNotFound when no integration has this key hash.
  virtual Result<UnitIntegration> GetIntegrationByKeyHash(const std::string& key_hash) = 0;
  // Every integration, by unit code.
  virtual Result<std::vector<UnitIntegration>> ListIntegrations() = 0;
  // Counts and the newest error of the outbox messages to (audience, address).
  virtual Result<DeliverySummary> SummarizeDeliveries(OutboxMessage::Audience audience,
                                                      const std::string& address) = 0;
  // Makes every pending or failed message to (audience, address) pending and due
  // at `now` (attempts kept: a failed one gets one more try). Returns how many.
  virtual Result<int64_t> RetryMessages(OutboxMessage::Audience audience,
                                        const std::string& address, TimeMs now) = 0;
  // Stores `a` (its bytes durably, once the call returns); returns it with id set.
  virtual Result<Attachment> PutAttachment(const Attachment& a) = 0;
  // With its bytes; kNotFound when no attachment `id` belongs to `ticket_id`.
  virtual Result<Attachment> GetAttachment(TicketId ticket_id, int64_t id) = 0;
  // The ticket's attachments without their bytes, oldest first.
  virtual Result<std::vector<Attachment>> ListAttachments(TicketId ticket_id) = 0;
  // CreateTicket and PutOpen311Meta in one transaction (meta.ticket_id is set
  // to the new id): a crash never leaves an Open311 ticket without its extras.
  virtual Result<Ticket> CreateTicketWithOpen311Meta(const Ticket& ticket,
                                                     const std::vector<TicketEvent>& events,
                                                     const std::string& number_prefix,
                                                     const Open311Meta& meta) = 0;
  // ---- end department integration ----
  // ---- batched appends and bulk loads (issue 4: scheduler burst, simulated year) ----
  // Appends each (next, event) pair like AppendEvent, all in one transaction
  // (one durable commit for the whole batch): a pair whose ticket's stored
  // version is no longer next.version - 1 is skipped (false in the result, at
  // its index) and changes nothing; the others are stored (true). An error
  // other than a version mismatch stores none of the batch. Blocks until the
  // commit; at most 10,000 pairs (kInvalidArgument beyond).
  virtual Result<std::vector<bool>> AppendEvents(
      const std::vector<std::pair<Ticket, TicketEvent>>& writes) = 0;
  // ---- end batched appends and bulk loads ----

  // ---- audit ----
  virtual Status LogAccess(const AccessRecord& record) = 0;
  // Newest first, at most `limit`.
  virtual Result<std::vector<AccessRecord>> ListAccess(int limit) = 0;

  // ---- knowledge base (issue 5) ----
  // Stores `entry` as version 1 of a new entry (its status as given); returns it
  // with id and version set. An acknowledged entry survives a crash.
  virtual Result<KbEntry> CreateKbEntry(const KbEntry& entry) = 0;
  // Stores `entry` as the next version of entry.id (latest + 1; earlier versions
  // are kept unchanged); kNotFound for an unknown id.
  virtual Result<KbEntry> AddKbEntryVersion(const KbEntry& entry) = 0;
  // Sets one version's review status; publishing a version retires the entry's
  // previously published one in the same transaction. kNotFound if no such version.
  virtual Status SetKbEntryStatus(int64_t id, int version, KbEntryStatus status) = 0;
  // Every version of one entry, oldest first; kNotFound for an unknown id.
  virtual Result<std::vector<KbEntry>> ListKbEntryVersions(int64_t id) = 0;
  // One version per entry, by id: the latest, or with `published_only` the
  // published one (entries without a published version left out).
  virtual Result<std::vector<KbEntry>> ListKbEntries(bool published_only) = 0;
  // Stores each of `entries` as a new entry, all in one transaction; returns how many.
  virtual Result<int64_t> ImportKbEntries(const std::vector<KbEntry>& entries) = 0;
  // ---- end knowledge base ----
  // ---- AI seat assist log (issue 5) ----
  // Appends one record (its id is ignored) and returns the new id. Durable when OK.
  virtual Result<int64_t> AppendAssistRecord(const AssistRecord& record) = 0;
  // Records with from <= at < to (0 = unbounded), oldest first (by at, then id),
  // at most `limit` (1..100000; kInvalidArgument otherwise).
  virtual Result<std::vector<AssistRecord>> ListAssistRecords(TimeMs from, TimeMs to, int limit) = 0;
  // ---- end AI seat assist log ----
  // ---- proactive governance (issue 6; records in store/insight_records.h) ----
  // The insight pass's cursor `name`; position 0 and note "" when it never moved.
  virtual Result<InsightCursor> GetInsightCursor(const std::string& name) = 0;
  // Applies `batch` atomically (see InsightPassBatch); kAborted on a cursor mismatch.
  // Members of a ticket already a member, alerts whose (kind, series_key, day) exists and
  // repeats whose (ticket_id, kind) exists are skipped; hot topics replace those stored.
  virtual Status ApplyInsightPass(const InsightPassBatch& batch) = 0;
  // Deletes every hot topic, membership and repeat and sets the cursor `name` to 0 with
  // `note` (one transaction): the clustering configuration changed. Alerts stay.
  virtual Status ResetHotspots(const std::string& name, const std::string& note) = 0;
  // Memberships with seq > after_seq in seq order, at most `limit` (1..100000), of one
  // hot topic (`hotspot_id` > 0) or of all (0).
  virtual Result<std::vector<HotspotMember>> ListHotspotMembers(int64_t hotspot_id,
                                                                int64_t after_seq, int limit) = 0;
  // Member tickets of one hot topic, newest first, paged; `total` gets their number.
  virtual Result<std::vector<HotspotMember>> PageHotspotMembers(int64_t hotspot_id, int limit,
                                                                int offset, int64_t* total) = 0;
  virtual Result<HotspotPage> ListHotspots(const HotspotFilter& filter) = 0;
  // kNotFound when absent.
  virtual Result<StoredHotspot> GetHotspot(int64_t id) = 0;
  virtual Result<AlertPage> ListAlerts(const AlertFilter& filter) = 0;
  // kNotFound when absent.
  virtual Result<StoredAlert> GetAlert(int64_t id) = 0;
  // Stores the handling fields of alert `alert.id` (state, assignee_unit, note,
  // updated_by, updated_at); kNotFound when absent.
  virtual Status UpdateAlert(const StoredAlert& alert) = 0;
  virtual Result<RepeatPage> ListRepeats(const RepeatFilter& filter) = 0;
  // Stores a new item with its first tasks and linked tickets in one transaction;
  // returns it with id set (tasks get ids too, readable with GetGovernanceItem).
  virtual Result<GovernanceItem> CreateGovernanceItem(const GovernanceItem& item,
                                                      const std::vector<GovernanceTask>& tasks,
                                                      const std::vector<TicketId>& tickets) = 0;
  // The item with its tasks, linked tickets and progress log; kNotFound when absent.
  virtual Result<GovernanceDetail> GetGovernanceItem(int64_t id) = 0;
  virtual Result<GovernancePage> ListGovernanceItems(const GovernanceFilter& filter) = 0;
  // Replaces the editable fields of item `item.id` (title, description, lead and
  // assisting units, deadline, state, updated_at) and appends `log` when given, in one
  // transaction; kNotFound when absent.
  virtual Status UpdateGovernanceItem(const GovernanceItem& item,
                                      const std::optional<GovernanceProgress>& log) = 0;
  // Inserts (id 0) or replaces a task of item `task.item_id` and appends `log` when given,
  // in one transaction; returns the task with id set. kNotFound for an unknown item or
  // task (or a task of another item).
  virtual Result<GovernanceTask> PutGovernanceTask(const GovernanceTask& task,
                                                   const std::optional<GovernanceProgress>& log) = 0;
  // Links tickets to item `item_id` (already linked ones skipped); returns how many were
  // new. kNotFound for an unknown item.
  virtual Result<int64_t> LinkGovernanceTickets(int64_t item_id,
                                                const std::vector<TicketId>& tickets) = 0;
  // Appends a progress entry; returns it with id set. kNotFound for an unknown item.
  virtual Result<GovernanceProgress> AddGovernanceProgress(const GovernanceProgress& entry) = 0;
  // ---- end proactive governance (issue 6) ----
  // ---- reference data, SLA policies and the calendar, editable (issue 7 item 7; migration 0012) ----
  // Applies `edit` as PutRegions / PutUnits / PutCategories / PutDutyRules would and
  // appends `change` (its id ignored) in one transaction: a change is never stored
  // without its audit record, nor the record without the change. Returns the
  // record's id. Durable when OK.
  virtual Result<int64_t> ApplyReferenceEdit(const ReferenceEdit& edit,
                                             const ReferenceChange& change) = 0;
  // Audit records, newest first, at most `limit` (1..1000; kInvalidArgument otherwise).
  virtual Result<std::vector<ReferenceChange>> ListReferenceChanges(int limit) = 0;
  // The stored SLA policy rows, in the order they were stored; empty when never stored.
  virtual Result<std::vector<SlaRuleRow>> ListSlaRules() = 0;
  // The calendar's special days, by date.
  virtual Result<std::vector<CalendarDayRow>> ListCalendarDays() = 0;
  // Replaces the SLA rows (when `rules` is set) and/or the calendar's days (when
  // `days` is set) and appends `change`, in one transaction; returns the record's
  // id. kInvalidArgument for a repeated calendar date. Durable when OK.
  virtual Result<int64_t> PutSlaConfig(const std::optional<std::vector<SlaRuleRow>>& rules,
                                       const std::optional<std::vector<CalendarDayRow>>& days,
                                       const ReferenceChange& change) = 0;
  // ---- end reference data, SLA policies and the calendar ----
  // ---- attachment limit across nodes (issue 9; citizens' photos, issue 7 item 8) ----
  // Stores `a` as PutAttachment does unless `limit` attachments of a.ticket_id
  // uploaded by a.uploaded_by are stored already: then kFailedPrecondition
  // ("附件数量已达上限……", zh-CN) and nothing is stored. The count and the insert
  // are one write transaction, serialised per ticket among every process on the
  // database (PostgreSQL: the ticket row locked FOR UPDATE; SQLite: one writer
  // at a time), so concurrent uploads on several nodes never exceed `limit`.
  // kNotFound for an unknown ticket; kInvalidArgument unless 1 <= limit <= 1000.
  // Durable when OK; blocks until the commit.
  virtual Result<Attachment> PutAttachmentWithinLimit(const Attachment& a, int limit) = 0;
  // ---- end attachment limit across nodes ----

  // ---- several nodes (issue 9) ----
  // Whether this process leads the background work named `lease` (SLA scans,
  // rollups, outbox delivery...): true while it holds the lease, which at most
  // one process holds at a time. Once taken the lease is kept until the store
  // closes or the process dies (PostgreSQL: a session advisory lock on a
  // connection of its own, freed by the server when the connection drops);
  // later calls check it is still held and try to take it when it is not.
  // SQLite: one process owns the file, so always true. Cheap; does not block.
  virtual Result<bool> TryLead(const std::string& lease) = 0;
  // ---- end several nodes ----
};

// How a store builds its full-text index over title and body (every backend).
struct StoreOptions {
  // Turns text into search terms; `for_query` is false for a ticket's own text
  // (service wiring passes text::SearchTerms with the jieba segmenter). Must be
  // deterministic and thread-safe. Empty: Chinese character bigrams and ASCII
  // words, lower-cased, for documents and queries alike.
  std::function<std::vector<std::string>(std::string_view text, bool for_query)> search_terms;
  // Names the function. When the index was built by another one, opening the
  // store rebuilds it (blocks: about 40 µs per ticket with jieba).
  std::string search_terms_name = "bigram";
};
using SqliteOptions = StoreOptions;  // the name the SQLite store had first

// Opens (creating if needed) the SQLite store at `path` and runs its migrations.
// `path` may be ":memory:" for a private in-memory database (tests).
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, SqliteOptions options = {});

// ---- PostgreSQL store and several nodes (issue 9) ----
// Opens the PostgreSQL store at `url` ("postgres://user@host:port/db" or
// "postgresql://…", libpq's URI syntax) and runs its migrations
// (migrations/postgres/). kUnavailable when the server cannot be reached or this
// build has no PostgreSQL support (LIANXIN_WITH_POSTGRES=OFF).
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, StoreOptions options = {});
// Whether `location` names a PostgreSQL store (starts with postgres:// or postgresql://).
bool IsPostgresUrl(const std::string& location);
// Opens the store `location` names: a PostgreSQL URL, else a SQLite file path.
Result<std::unique_ptr<Store>> OpenStore(const std::string& location, StoreOptions options = {});
// ---- end PostgreSQL store ----

}  // namespace lianxin::store
