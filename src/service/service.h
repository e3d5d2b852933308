// The use cases of lianxin: authentication, tickets and their actions, the
// citizen's self-service, reference data and the demo province. Combines store,
// workflow (and later dispatch, kb, insight); never sees JSON or HTTP.
//
// Service is thread-safe: every method may be called from many threads at once.
// Methods block on the store. Errors are Status values with Chinese messages
// meant for the person who caused them.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/directory.h"
#include "core/status.h"
#include "core/ticket.h"
#include "core/time.h"
#include "dispatch/router.h"
#include "insight/evaluation.h"
#include "insight/ranking.h"
#include "insight/rollup.h"
#include "service/knowledge.h"  // issue 5: AI seat and knowledge-base types
#include "service/governance.h"  // issue 6: proactive governance types
#include "service/open_interfaces.h"  // issue 8: Open311 and open data types
#include "service/integration.h"  // issue 8 item 2: department integration types
#include "service/login_throttle.h"  // security (issue 9)
#include "store/store.h"
#include "workflow/sla.h"

namespace lianxin::dispatch {
class Classifier;
}
namespace lianxin::text {
class Segmenter;
}

namespace lianxin::service {

// Who is calling. Citizens (no account) are represented by Actor::Citizen().
struct Actor {
  std::string username;
  Role role = Role::kCallTaker;
  std::string unit_code;  // for unit handlers
  bool citizen = false;
  static Actor Citizen() {
    Actor a;
    a.username = "citizen";
    a.citizen = true;
    return a;
  }
  static Actor System() {
    Actor a;
    a.username = "system";
    a.role = Role::kAdmin;
    return a;
  }
};

// The fields of a new request (五要素). Unset enums take defaults.
struct NewTicket {
  TicketKind kind = TicketKind::kConsultation;
  Urgency urgency = Urgency::kNormal;
  Channel channel = Channel::kWeb;
  std::string title;
  std::string body;
  std::string citizen_name;
  std::string citizen_phone;
  std::string region_code;
  std::string address;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::string category_code;
};

// A ticket as one viewer may see it: personal data masked unless the viewer's
// role needs it (then each read is written to the access log).
struct TicketView {
  Ticket ticket;
  bool personal_data_masked = true;
  // 退单 awaiting arbitration (the supervision `returns` list): the dispatcher's
  // deadline (issue 4; Sla::ArbitrationDeadline); 0 otherwise.
  TimeMs arbitration_due_at = 0;
};

// One entry of the citizen's public timeline.
struct PublicEvent {
  EventType type;
  TimeMs at = 0;
  std::string unit_name;  // the unit concerned, if any
  std::string content;    // public text (a reply)
};

// What a citizen sees when tracking with number + query code.
struct PublicTicket {
  Ticket ticket;  // personal data already masked
  std::string region_name;
  std::string owner_unit_name;
  std::string category_name;
  std::vector<PublicEvent> timeline;
  std::string parent_number;  // when merged: the ticket it follows
};

// A similar open ticket of the same region (并单 candidate).
struct DuplicateView {
  TicketId id = 0;
  std::string number;
  std::string title;
  TicketStatus status = TicketStatus::kReceived;
  double similarity = 0;
};

// What the dispatch agent (派单智能体) proposes for a request.
struct DispatchSuggestion {
  std::string category_label;  // level-1 name the classifier chose ("" without a model)
  dispatch::RouteDecision route;
  std::vector<DuplicateView> duplicates;
  bool model_loaded = false;
};

// The outcome of intake: the stored ticket (after any automatic dispatch) and
// what the agent proposed.
struct IntakeResult {
  Ticket ticket;  // staff intake: personal data masked unless the actor's role sees it
  DispatchSuggestion suggestion;
  bool personal_data_masked = false;
};

// Figures of the dispatch agent over the tickets received since `from`.
struct DispatchStats {
  int64_t received = 0;         // new tickets (not imported)
  int64_t auto_dispatched = 0;  // dispatched by the agent
  int64_t corrected = 0;        // of those, later redispatched or returned and sent elsewhere
  double coverage = 0;          // auto_dispatched / received
  double accuracy = 0;          // 1 - corrected / auto_dispatched (dispatch accuracy)
  int64_t unowned_open = 0;     // 零遗漏: open tickets without an owner (should be 0)
};

// The fields of a workflow action; which ones an action needs is in
// workflow/lifecycle.h (Apply).
struct ActionRequest {
  EventType type = EventType::kNote;
  std::string unit_code;  // dispatch target; acting unit is filled from the actor
  std::string reason;
  std::string content;
  TimeMs due_at = 0;  // extension_request: the deadline asked; 0 = by SLA
  std::vector<std::string> assist_units;
  TicketId parent_id = 0;
  std::optional<bool> resolved;
  std::optional<Satisfaction> satisfaction;
  std::string category_code;  // dispatch/redispatch: a person's category correction
  // reopen, revisit (issue 4, part A): the routing was wrong, so a reopened
  // ticket goes to the dispatchers' queue instead of back to its last unit.
  bool misrouted = false;
};

// ---- dashboard (issue 7) ----
// What the leaders' dashboard (领导驾驶舱) filters on. Zero times are unbounded.
struct DashboardFilter {
  TimeMs from = 0;            // created_at, inclusive
  TimeMs to = 0;              // created_at, exclusive
  std::string region_code;    // a region and its subtree; "" = the whole province
  std::string category_code;  // a category and its subtree; "" = all
};

// One group of the dashboard: a region, a level-1 category or a status.
struct DashboardGroup {
  std::string code;  // region / category code, status name; "" = unknown (未定位, 未分类)
  std::string name;  // Chinese name
  int64_t count = 0;
  int64_t open = 0;     // not yet resolved (not closed, merged or archived)
  int64_t overdue = 0;  // open and past its deadline
};

// Figures over the tickets matching a DashboardFilter, computed at `now`.
struct DashboardSummary {
  int64_t total = 0;
  int64_t open = 0;
  int64_t overdue = 0;   // open, due_at < now
  int64_t due_soon = 0;  // open, now <= due_at < now + 24 h
  int64_t resolved = 0;  // resolved, revisited, archived or resolved at intake
  TimeMs now = 0;
  // Tickets per CST day "2026-11-29", ascending; days without tickets are
  // included when both ends of the filter are set and span at most 400 days.
  std::vector<std::pair<std::string, int64_t>> by_day;
  std::vector<DashboardGroup> by_category;  // level-1 categories, most tickets first
  // The filter region's direct sub-regions (all of them, also with 0 tickets),
  // then "" for tickets placed on the region itself or nowhere.
  std::vector<DashboardGroup> by_region;
  std::vector<DashboardGroup> by_status;  // statuses with tickets, in lifecycle order
};
// ---- supervision lists (issue 4, part A) ----
// The lists supervisors (and, scoped, others) watch. Open = not closed, merged
// or archived (received … reopened).
enum class SupervisionList {
  kOverdue,     // open, past the deadline
  kDueSoon,     // open, deadline within the window from now
  kEscalated,   // open and escalated (督办) at least once
  kExtensions,  // 延期 requests awaiting a supervisor
  kReturns,     // 退单 requests awaiting a dispatcher's arbitration
  kRevisits,    // resolved, awaiting the 回访
  kReopened,    // 重办 waiting for a dispatcher
};
inline constexpr SupervisionList kSupervisionLists[] = {
    SupervisionList::kOverdue,    SupervisionList::kDueSoon, SupervisionList::kEscalated,
    SupervisionList::kExtensions, SupervisionList::kReturns, SupervisionList::kRevisits,
    SupervisionList::kReopened};
// "overdue", "due_soon", "escalated", "extensions", "returns", "revisits", "reopened".
std::string_view ToString(SupervisionList list);
std::optional<SupervisionList> ParseSupervisionList(std::string_view name);
std::string_view LabelZh(SupervisionList list);

struct SupervisionQuery {
  SupervisionList list = SupervisionList::kOverdue;
  TimeMs window = 24 * kHourMs;  // kDueSoon: how far ahead; 1 minute .. 30 days
  std::string region_prefix;     // optional: a region and its subtree
  std::string unit_code;         // optional: a unit, as lead or assisting unit
  int limit = 20;                // 1..500
  int offset = 0;
};
// ---- end supervision lists ----

struct LoginResult {
  std::string token;  // opaque bearer token, shown once
  TimeMs expires_at = 0;
  User user;  // password_hash cleared
};

struct ServiceOptions {
  std::string number_prefix = "XD";
  TimeMs session_ttl = 12 * kHourMs;
  // ---- security (issue 9) ----
  LoginThrottleOptions login_throttle;
};

// Cached reference data; rebuilt when it changes. Immutable once built.
struct Directory {
  std::vector<Region> regions;
  std::vector<Unit> units;
  std::vector<Category> categories;
  std::vector<DutyRule> duty_rules;
  const Region* FindRegion(const std::string& code) const;
  const Unit* FindUnit(const std::string& code) const;
  const Category* FindCategory(const std::string& code) const;
};

// ---- evaluation (issue 4, part B) ----
// One unit's evaluation: its figures, its place in its tier, and month by month.
struct UnitEvaluation {
  Unit unit;
  std::string level;  // RegionLevel identifier of the unit's region
  insight::Metrics metrics;
  int rank = 0;       // in its tier (same type and level); 0 when unranked
  int tier_size = 0;  // ranked units in the tier
  std::vector<std::pair<int64_t, insight::Metrics>> months;  // yyyymm → figures
};
// How current the rollups are.
struct RollupStatus {
  int64_t cursor = 0;        // last event folded in; -1 during a rebuild
  int64_t newest_event = 0;  // newest event in the store
};
// ---- end evaluation ----

// ---- reference data, SLA policies and the calendar, editable (issue 7 item 7) ----
// The duty catalog (派单目录) with its revision: a digest of the rules, so an edit
// made on a stale copy is refused instead of overwriting someone else's.
struct DutyCatalog {
  std::vector<DutyRule> rules;
  std::string revision;
};
// The SLA configuration as stored: the policy rows (sla_policies.csv's columns)
// and the calendar's special days, with the revision of each.
struct SlaConfig {
  std::vector<store::SlaRuleRow> rules;
  std::vector<store::CalendarDayRow> days;
};
// ---- end reference data, SLA policies and the calendar ----

class Service {
 public:
  // `store` and `clock` must outlive the Service.
  Service(store::Store& store, const Clock& clock, ServiceOptions options = {});
  ~Service();

  // ---- authentication ----
  // kUnauthenticated for an unknown user, a wrong password or an inactive user
  // (one message for all, so usernames cannot be probed).
  Result<LoginResult> Login(const std::string& username, const std::string& password);
  // The actor behind a bearer token; kUnauthenticated when unknown or expired.
  Result<Actor> Authenticate(const std::string& token);
  Status Logout(const std::string& token);
  // ---- security (issue 9) ----
  // Login from the client address `client`, throttled per (username, client): after
  // LoginThrottleOptions::max_failures failures within the window, every attempt
  // (even with the right password) is refused with kUnauthenticated "登录失败次数过多…"
  // until the lockout ends. The two-argument Login is this with client "".
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& client);
  // Revokes every token of `username` (admin only: kPermissionDenied otherwise;
  // kNotFound for an unknown user). Returns how many tokens were revoked.
  Result<int64_t> RevokeSessions(const Actor& actor, const std::string& username);
  // Creates or replaces a user (admin only, or the System actor).
  Status PutUser(const Actor& actor, User user, const std::string& password);
  Result<std::vector<User>> ListUsers(const Actor& actor);

  // ---- tickets ----
  // Records a request taken by staff (call-taker, dispatcher, admin). The
  // dispatch agent classifies and routes it: above its confidence threshold it
  // is dispatched at once; otherwise it waits in the dispatchers' queue, owned
  // by the hotline centre with a 2-hour triage deadline (零遗漏).
  Result<IntakeResult> CreateTicket(const Actor& actor, const NewTicket& input);
  // A citizen's own submission without an account; phone required. Routed as above.
  Result<IntakeResult> SubmitPublic(const NewTicket& input);
  // The citizen's view by number + query code; kNotFound when either is wrong.
  Result<PublicTicket> Track(const std::string& number, const std::string& query_code);
  // kNotFound for tickets outside the actor's scope (another unit's).
  Result<TicketView> GetTicket(const Actor& actor, TicketId id);
  // Tickets matching `filter`, with `*total` the matching count. Unit handlers
  // see only tickets their unit leads or assists (filter.involvement picks
  // 主办 / 协办); their filter.owner_unit and involved_unit are replaced.
  Result<std::vector<TicketView>> ListTickets(const Actor& actor, store::TicketFilter filter,
                                              int64_t* total);
  Result<std::vector<TicketEvent>> ListEvents(const Actor& actor, TicketId id);
  // Performs one workflow action (派单, 签收, 答复, 办结, 退单, 延期, 回访, 重办,
  // 并单, 催办, 督办 ... see workflow/lifecycle.h) as `actor`. Who may do what:
  // dispatchers dispatch, redispatch, arbitrate returns and merge; the owner
  // unit's handlers sign, contact, reply, resolve and ask for a return or an
  // extension; assisting units add assist replies; supervisors approve
  // extensions, remind, escalate, revisit, reopen and archive; call-takers
  // resolve at intake and revisit. kPermissionDenied for the wrong role,
  // kNotFound for a ticket outside the actor's scope, kFailedPrecondition for
  // an illegal state change, kInvalidArgument for missing fields.
  // A 重办 (reopen, or a revisit not resolved / 不满意) is followed by a 派单 by
  // "system" back to the last unit with a fresh deadline, unless
  // request.misrouted or there is no unit: then it waits in the dispatchers'
  // queue, owned by the hotline centre. The answer is the ticket after both.
  Result<TicketView> Perform(const Actor& actor, TicketId id, const ActionRequest& request);
  // The actions `actor` may offer on `ticket` now (legal in its status and
  // allowed for the role and unit).
  std::vector<EventType> AllowedActions(const Actor& actor, const Ticket& ticket) const;
  // The citizen's own 回访 through the query code: resolved? satisfied?
  Result<PublicTicket> CitizenRevisit(const std::string& number, const std::string& query_code,
                                      bool resolved, Satisfaction satisfaction,
                                      const std::string& comment);
  // The citizen's complaint that reopens a resolved ticket (重办).
  Result<PublicTicket> CitizenReopen(const std::string& number, const std::string& query_code,
                                     const std::string& reason);
  // One pass of the SLA scheduler at the clock's now: sends due reminders (催办)
  // and escalations (督办) as "system", at most `limit` tickets. State lives in
  // the store (reminded_at/escalated_at/next_alarm_at), so a restart in the
  // middle loses and repeats nothing. Returns how many alarms fired. Blocks;
  // stores the alarms in chunks of 250, one transaction each (Store::AppendEvents,
  // version-checked per ticket); the first store error ends the pass.
  // The same pass raises one alarm per 退单 not arbitrated by its own deadline
  // (issue 4, service/arbitration.cc), counted in the result.
  Result<int> RunSlaScan(int limit = 1000);
  // Uses `sla` for deadlines from now on (default: domain.md defaults, Mon–Fri).
  void SetSla(workflow::Sla sla);

  // ---- supervision lists (issue 4, part A) ----
  // One list of SupervisionQuery::list, earliest deadline first (revisits and
  // reopened: oldest first), with `*total` the matching count. Who may read
  // which list: supervisors, admins and analysts all; dispatchers overdue, due
  // soon, escalated, returns and reopened; call-takers revisits and reopened;
  // unit handlers every list, restricted to tickets their unit leads or assists.
  // kPermissionDenied otherwise, kInvalidArgument for a bad window or page.
  Result<std::vector<TicketView>> Supervision(const Actor& actor, const SupervisionQuery& query,
                                              int64_t* total);
  // The size of every list `actor` may read (same scope as Supervision), in
  // kSupervisionLists order; lists it may not read are left out.
  Result<std::vector<std::pair<SupervisionList, int64_t>>> SupervisionCounts(
      const Actor& actor, TimeMs window = 24 * kHourMs);
  // ---- end supervision lists ----

  // ---- notifications outbox (issue 4, part A; delivery: service/notifier.h) ----
  // Outbox messages in `state` (any when nullopt), newest first; admins only
  // (kPermissionDenied otherwise). Citizens' phone numbers come back masked.
  Result<store::OutboxPage> ListNotifications(const Actor& actor,
                                              std::optional<store::OutboxMessage::State> state,
                                              int limit, int offset);
  // ---- end notifications outbox ----

  // ---- the dispatch agent (派单智能体) ----
  // Uses `classifier` (with `segmenter`, the one it was trained with) from now
  // on; swapping is safe while requests run. Null disables classification.
  void SetClassifier(std::shared_ptr<const dispatch::Classifier> classifier);
  std::shared_ptr<const dispatch::Classifier> classifier() const;
  // The agent's proposal for free text (the call-taker's screen as they type):
  // category, region, top-3 units with reasons, similar open tickets.
  Result<DispatchSuggestion> Suggest(const Actor& actor, const std::string& title,
                                     const std::string& body, const std::string& region_code);
  // Suggest without the role check. Intake passes with_duplicates = false: the
  // duplicate search reads the region's open tickets, too slow for every write
  // (the call-taker's preview and the queue show duplicates instead).
  Result<DispatchSuggestion> SuggestInternal(const std::string& title, const std::string& body,
                                             const std::string& region_code,
                                             bool with_duplicates = true);
  // The unit code of the hotline centre that owns the dispatchers' queue
  // ("<root region>/rx"), or the root region's government when there is none.
  std::string HotlineCentre() const;
  // The dispatchers' queue: tickets waiting for a person (received, and
  // reopened ones not sent back to their unit), oldest first.
  Result<std::vector<TicketView>> DispatchQueue(const Actor& actor, int limit, int offset,
                                                int64_t* total);
  // Open tickets without an owner (零遗漏 check); dispatcher, supervisor, admin.
  Result<std::vector<TicketView>> UnownedTickets(const Actor& actor);
  // Coverage and accuracy of the agent since `from`.
  Result<DispatchStats> AgentStats(const Actor& actor, TimeMs from);

  // ---- dashboard (issue 7) ----
  // Volumes, trends, categories, regions and open/overdue counts for the
  // leaders' dashboard; analyst, supervisor and admin only (else
  // kPermissionDenied), kInvalidArgument for an unknown region or from >= to.
  // Reads every matching ticket through the store in pages (blocks on it).
  Result<DashboardSummary> Dashboard(const Actor& actor, const DashboardFilter& filter);
  // ---- evaluation (issue 4, part B) ----
  // Who may read evaluations: supervisor, analyst and admin see everything; a
  // unit handler sees its own unit only (dim "unit"); other roles get
  // kPermissionDenied. Figures come from the rollups (milliseconds for a year).
  // The 三率 and more of every key of `dim` ("unit", "region", "category") over
  // `range`, names filled in; kInvalidArgument for a bad dim or period.
  Result<std::vector<insight::Metrics>> EvaluationRates(const Actor& actor, const std::string& dim,
                                                        const insight::DayRange& range);
  // Tiered rankings of the units over `range` (never one list of unlike units).
  Result<std::vector<insight::RankingTier>> EvaluationRanking(const Actor& actor,
                                                              const insight::DayRange& range);
  // One unit's detail; kNotFound for an unknown unit (or another unit's, for a handler).
  Result<UnitEvaluation> EvaluationOfUnit(const Actor& actor, const std::string& unit_code,
                                          const insight::DayRange& range);
  // Folds new events into the rollups (the background job); returns events consumed.
  Result<int64_t> UpdateRollups();
  // Recomputes the rollups from every ticket (after an import); admin or System.
  Result<int64_t> RebuildRollups(const Actor& actor,
                                 const std::function<void(int64_t)>& progress = {});
  Result<RollupStatus> GetRollupStatus();
  // Uses `rules` (参评 rules and weights) from now on; default: EvaluationRules{}.
  void SetEvaluationRules(insight::EvaluationRules rules);
  std::shared_ptr<const insight::EvaluationRules> CurrentEvaluationRules() const;
  // ---- end evaluation ----
  // ---- open interfaces: Open311 GeoReport v2 (issue 8, service/open311.cc) ----
  // Issues a new api_key to the Open311 client `name` (admin only; replaces the
  // client's old key). `batch` clients get tokens instead of ids from POSTs.
  Result<IssuedApiKey> IssueApiKey(const Actor& actor, const std::string& name, bool batch);
  // The clients (admin only); key hashes cleared.
  Result<std::vector<store::ApiClient>> ListApiClients(const Actor& actor);
  // Every category as a service, in code order.
  std::vector<Open311Service> Open311Services() const;
  // kNotFound for an unknown service code.
  Result<Open311Definition> Open311ServiceDefinition(const std::string& service_code) const;
  // Records a request from a client (channel open311). kPermissionDenied for a
  // missing, unknown or revoked api_key; kNotFound for an unknown service code;
  // kInvalidArgument (Chinese message) for a missing location, a bad
  // coordinate, a missing required attribute or a value not in its list.
  Result<Open311Receipt> Open311Post(const Open311NewRequest& request);
  // Requests matching `query`, newest first; no personal data. kInvalidArgument
  // for a date range over 90 days or an unknown status.
  Result<std::vector<Open311Request>> Open311Requests(const Open311Query& query);
  // One request (with its notes when `extensions`); kNotFound when unknown.
  Result<Open311Request> Open311Get(const std::string& service_request_id, bool extensions = true);
  // The request behind a batch token; kNotFound when unknown.
  Result<Open311Receipt> Open311Token(const std::string& token);
  // The public timeline of every request between start and end (0 = the last
  // 24 hours / now), oldest first, at most 1000; kInvalidArgument over 90 days.
  Result<std::vector<Open311Note>> Open311Updates(TimeMs start, TimeMs end);
  // A client's update on a request it submitted itself: REOPEN reopens a
  // closed request (重办); any other status adds the text for the handling
  // unit (补充说明). kPermissionDenied for a bad key or another client's
  // request; kNotFound for an unknown request; kFailedPrecondition when the
  // request cannot be reopened now.
  Result<Open311UpdateReceipt> Open311PostUpdate(const Open311NewUpdate& update);
  // The update behind a batch token; kNotFound when unknown.
  Result<Open311UpdateReceipt> Open311UpdateToken(const std::string& token);
  // ---- end Open311 (issue 8) ----
  // ---- open data and public statistics (issue 8, service/open_data.cc) ----
  // Anonymised tickets for download, newest first; `total` gets the count.
  // kInvalidArgument for a range over 366 days or a bad limit.
  Result<std::vector<OpenDataRecord>> OpenDataTickets(const OpenDataQuery& query, int64_t* total);
  // Counts and rates over the tickets created in [from, to) (0 = the last 30
  // days / now); at most 366 days. Reads every ticket of the period.
  Result<PublicStats> PublicStatistics(TimeMs from, TimeMs to);
  // Units with at least `min_tickets` tickets in the period, best score first.
  Result<std::vector<UnitRanking>> PublicRankings(TimeMs from, TimeMs to, int min_tickets);
  // ---- end open data (issue 8) ----

  // ---- department integration (issue 8 item 2, service/integration.cc) ----
  // Registers (or replaces) the integration of a unit (admin only, else
  // kPermissionDenied): a new secret and a new inbound key are drawn each time
  // and returned this once. kInvalidArgument for an unknown unit, a URL that is
  // not http://host[:port]/path, or an event not in kIntegrationEvents.
  Result<IssuedIntegration> PutIntegration(const Actor& actor, const IntegrationInput& input);
  // Every integration with its delivery state (admin only).
  Result<std::vector<IntegrationStatus>> ListIntegrations(const Actor& actor);
  // Retry now: every pending or failed delivery to the unit's system becomes
  // due at once (admin only; kNotFound for a unit without an integration).
  // Returns how many messages were requeued.
  Result<int64_t> RetryIntegration(const Actor& actor, const std::string& unit_code);
  // The actor behind an inbound key: a unit handler of the integration's unit,
  // named "integration:<unit>". kUnauthenticated for a missing, unknown or
  // inactive key.
  Result<Actor> AuthenticateIntegration(const std::string& key);
  // The active integration of a unit, secret included, for the delivering
  // sender (no role check: not for handlers). kNotFound when none or inactive.
  Result<store::UnitIntegration> ActiveIntegration(const std::string& unit_code);
  // Attaches evidence to a ticket the actor may act on (unit handlers: their
  // own, as for a reply), recorded as a note event by the actor. kNotFound out
  // of scope; kInvalidArgument for an empty or oversized file or a bad name.
  Result<store::Attachment> AddAttachment(const Actor& actor, TicketId id, const NewAttachment& file);
  // The ticket's attachments (no bytes), for anyone who may see the ticket.
  Result<std::vector<store::Attachment>> ListAttachments(const Actor& actor, TicketId id);
  // One attachment with its bytes; kNotFound outside the actor's scope.
  Result<store::Attachment> GetAttachment(const Actor& actor, TicketId id, int64_t attachment_id);
  // ---- end department integration ----
  // ---- citizens' photos on the portal (issue 7 item 8; service/citizen_photos.cc) ----
  // The citizen adds a photo to their own ticket, authorised by number + query
  // code (kNotFound "工单号或查询码不正确" when either is wrong). `content_type`
  // must be image/jpeg, image/png or image/webp and the bytes must start with
  // that format's signature; at most kMaxCitizenPhotoBytes each and
  // kMaxCitizenPhotos per ticket (kInvalidArgument / kFailedPrecondition, zh-CN);
  // kFailedPrecondition once the ticket is closed (workflow::IsClosed). Stored
  // with PutAttachmentWithinLimit (uploaded_by "citizen", named photo-N.<ext>)
  // followed by a note "市民补充照片" on the ticket's timeline. Blocks on the
  // store, which counts and inserts atomically, so the limit holds across nodes.
  Result<store::Attachment> AddCitizenPhoto(const std::string& number,
                                            const std::string& query_code,
                                            const std::string& content_type,
                                            const std::string& data);
  // The citizen's own photos of the ticket (no bytes), oldest first; same
  // authorisation. Files from units or staff are never listed.
  Result<std::vector<store::Attachment>> ListCitizenPhotos(const std::string& number,
                                                           const std::string& query_code);
  // One of those photos with its bytes; kNotFound for any other attachment id.
  Result<store::Attachment> GetCitizenPhoto(const std::string& number,
                                            const std::string& query_code, int64_t photo_id);
  // ---- end citizens' photos ----
  // ---- knowledge base and the AI seat (issue 5: service/assist.cc, knowledge.cc, kb_gaps.cc) ----
  // The AI seat searches an in-memory kb::Searcher over the published entries,
  // built from the store on first use (or here), kept current on publish and
  // retire. Uses `segmenter` for it (null: the default jieba dictionaries).
  // Blocks while building (about 2 s for 3,000 entries); a failure keeps the
  // searcher in use.
  Status LoadKnowledgeBase(std::shared_ptr<const text::Segmenter> segmenter);
  // The AI seat (智能坐席): an answer composed of sentences copied from the best
  // published, valid (today), in-scope entry, each cited by entry id and version;
  // or a hand-off (complaint/report/help, cross-department, low confidence,
  // personal data) with a ticket draft carrying the dispatch agent's category and
  // unit suggestion. Anyone may ask (the public as Actor::Citizen()). Every reply
  // is recorded in the assist log (question masked of personal data).
  // kInvalidArgument for an empty or over-long question or an unknown region.
  Result<AssistAnswer> Answer(const Actor& actor, const AssistRequest& request);
  // As the call-taker types: the best entries (snippets with highlights) and
  // similar past tickets with their replies. Call-takers, dispatchers,
  // supervisors and admins (else kPermissionDenied). Reads a few full-text
  // queries of the store; writes nothing.
  Result<AssistSuggestions> SuggestForCallTaker(const Actor& actor, const std::string& text,
                                                const std::string& region);
  // Entries `actor` may read, by id, with `*total` the matching count. Editors
  // (admin, supervisor, a unit's handlers for their unit's entries) see the
  // latest version of every entry they may edit or review; everyone else, the
  // public included, sees published versions only.
  Result<std::vector<KbEntryView>> ListKbEntries(const Actor& actor, const KbEntryQuery& query,
                                                 int64_t* total);
  // One entry; editors also get its version history. kNotFound when unknown
  // or not readable by `actor` (a draft for a non-editor).
  Result<KbEntryView> GetKbEntry(const Actor& actor, int64_t id);
  // A new entry as a draft (version 1) by admin or a unit handler (for their own
  // unit: owner_unit is set to it). kInvalidArgument for a bad entry
  // (kb::ValidateEntry) or an unknown owner unit.
  Result<KbEntryView> CreateKbEntry(const Actor& actor, KbEntry entry);
  // An edit: a new draft version (latest + 1) with the editor and time; earlier
  // versions stay unchanged. Admin, or a handler of the entry's owner unit.
  Result<KbEntryView> EditKbEntry(const Actor& actor, int64_t id, KbEntry entry);
  // Review: publishes one version (the one published before is retired) and
  // makes it the one the AI seat finds. Supervisors and admins.
  // kFailedPrecondition for a retired version.
  Result<KbEntryView> PublishKbEntry(const Actor& actor, int64_t id, int version);
  // Retires the published version: the AI seat stops using the entry.
  // Supervisors and admins. kFailedPrecondition when nothing is published.
  Result<KbEntryView> RetireKbEntry(const Actor& actor, int64_t id);
  // Questions the AI seat could not answer (low confidence) clustered, most
  // asked first; entries expired, soon to expire and not cited lately.
  // Admins, supervisors, analysts and unit handlers (their unit's entries).
  Result<KbGaps> KnowledgeGaps(const Actor& actor, const KbGapsQuery& query);
  // Containment over [from, to) (0 = the last 30 days / now): answered without
  // a person, hand-offs by reason, corrections. Supervisors, analysts, admins.
  Result<AssistMetrics> AssistFigures(const Actor& actor, TimeMs from, TimeMs to);
  // ---- end knowledge base and the AI seat ----
  // ---- proactive governance (issue 6; governance.cc, report.cc; types in governance.h) ----
  // Readers: supervisors, analysts and admins see everything; a unit handler sees the
  // alerts assigned to its unit and the governance items its unit leads, assists or has
  // a task in (others: kNotFound); every other role and citizens get kPermissionDenied.
  // Tickets in these answers are TicketBriefs: personal data masked. The data come from
  // the background InsightPass (insight_pass.h); these calls only read and write the store.
  // Hot topics matching `filter`, hottest first.
  Result<store::HotspotPage> Hotspots(const Actor& actor, const store::HotspotFilter& filter);
  // One hot topic with a page of its tickets (newest first); kNotFound when unknown.
  Result<HotspotDetail> HotspotWithTickets(const Actor& actor, int64_t id, int limit, int offset);
  // Alerts matching `filter`, newest first (a unit handler's filter is narrowed to its unit).
  Result<store::AlertPage> Alerts(const Actor& actor, store::AlertFilter filter);
  Result<AlertDetail> AlertWithExamples(const Actor& actor, int64_t id);
  // 确认 (acknowledge) / 交办 (assign to a unit) an alert: supervisors and admins only.
  // kNotFound for an unknown alert or unit, kFailedPrecondition for a closed one.
  Result<store::StoredAlert> AcknowledgeAlert(const Actor& actor, int64_t id,
                                              const std::string& note);
  Result<store::StoredAlert> AssignAlert(const Actor& actor, int64_t id,
                                         const std::string& unit_code, const std::string& note);
  // Repeat requests in the filter's period with the period's repeat rate.
  Result<RepeatList> Repeats(const Actor& actor, const store::RepeatFilter& filter);
  // Promotes a hot topic or an alert to a governance item (每月一题): supervisors and
  // admins. kNotFound for an unknown source, unit or ticket; kInvalidArgument for a
  // missing lead unit, a bad deadline or more than 50 tasks / 500 tickets.
  Result<store::GovernanceItem> PromoteToGovernance(const Actor& actor,
                                                    const NewGovernanceItem& item);
  Result<store::GovernancePage> GovernanceItems(const Actor& actor, store::GovernanceFilter filter);
  // The item with tasks, linked tickets, progress and the matter's weekly ticket volume
  // before and after the promotion (the hot topic's members, else its region × category).
  Result<GovernanceView> GovernanceItemView(const Actor& actor, int64_t id);
  // State and/or a progress note: supervisors and admins any state; the lead unit
  // in_progress or done; assisting units a note only (kPermissionDenied otherwise).
  Result<store::GovernanceItem> UpdateGovernanceItem(const Actor& actor, int64_t id,
                                                     const GovernanceUpdate& update);
  // A new task: supervisors, admins and the lead unit's handlers.
  Result<store::GovernanceTask> AddGovernanceTask(const Actor& actor, int64_t item_id,
                                                  const store::GovernanceTask& task);
  // A task's state and/or note: supervisors, admins, the lead unit and the task's unit.
  Result<store::GovernanceTask> UpdateGovernanceTask(const Actor& actor, int64_t item_id,
                                                     int64_t task_id, const GovernanceUpdate& update);
  // Links tickets (each must exist): supervisors, admins and the lead unit. Returns how
  // many were new.
  Result<int64_t> LinkGovernanceTickets(const Actor& actor, int64_t item_id,
                                        const std::vector<TicketId>& tickets);
  // The weekly / monthly decision report of a region (supervisor, analyst, admin);
  // kInvalidArgument for an unknown region or a malformed period. Reads every ticket of
  // the period once (as Dashboard does).
  Result<DecisionReport> Report(const Actor& actor, const ReportQuery& query);
  // ---- end proactive governance (issue 6) ----

  // ---- reference data, SLA policies and the calendar, editable (issue 7 item 7;
  // service/reference_admin.cc, service/sla_admin.cc) ----
  // Every write is admin only (kPermissionDenied otherwise), validated with a zh-CN
  // kInvalidArgument, stored together with its audit record (ListReferenceChanges)
  // in one transaction, and in force when the call returns: the directory, the
  // dispatch agent's router (duty matcher) and gazetteer are rebuilt, or the SLA
  // swapped (deadlines computed afterwards use it; those already set stay).
  // Creates or updates the region `region.code`: the code is the parent's code, a dot
  // and [A-Za-z0-9]{1,16} (only the root has no parent); the parent must exist and sit
  // one level above; an existing region keeps its parent and level (no moves, so no cycles).
  Result<Region> PutRegion(const Actor& actor, const Region& region);
  // Creates or updates a unit: code = "<region>/<unit_type>", the region exists,
  // unit_type is [a-z][a-z0-9_]{0,31}, the name 1..100 characters.
  Result<Unit> PutUnit(const Actor& actor, const Unit& unit);
  // Creates or updates a category: code = "<parent>.<digits>" below a parent one level
  // up (level 1 has none), at most 3 levels; an existing category keeps its parent.
  Result<Category> PutCategory(const Actor& actor, const Category& category);
  // The duty catalog in force and its revision; any signed-in staff member.
  Result<DutyCatalog> GetDutyCatalog(const Actor& actor);
  // Replaces the whole catalog. `revision` must be GetDutyCatalog's (else kAborted:
  // someone changed it since). Each rule names an existing category and a unit type
  // some unit has; keywords at most 200 bytes; no rule twice.
  Result<DutyCatalog> PutDutyCatalog(const Actor& actor, const std::vector<DutyRule>& rules,
                                     const std::string& revision);
  // The audit trail of these changes, newest first (admin, supervisor).
  Result<std::vector<store::ReferenceChange>> ListReferenceChanges(const Actor& actor, int limit);
  // Uses the SLA stored in the store; when it holds no rules yet, first seeds it from
  // `seed_dir`/sla_policies.csv and cn_holidays.csv (as "system"). Blocks (files, store).
  Status LoadStoredSla(const std::string& seed_dir);
  // The stored SLA configuration (admin, supervisor; kNotFound before LoadStoredSla seeded it).
  Result<SlaConfig> GetSlaConfig(const Actor& actor);
  // Replaces the policy rows (checked as workflow::SlaPolicy::Parse checks the file:
  // a catch-all deadline rule, no repeated selector, valid values).
  Result<SlaConfig> PutSlaRules(const Actor& actor, const std::vector<store::SlaRuleRow>& rules);
  // Adds or replaces one special day (holiday 放假 / workday 调休上班) of the calendar.
  Result<SlaConfig> PutCalendarDay(const Actor& actor, const store::CalendarDayRow& day);
  // Removes one special day; kNotFound when the calendar does not list it.
  Result<SlaConfig> DeleteCalendarDay(const Actor& actor, const std::string& date);
  // ---- end reference data, SLA policies and the calendar ----

  // ---- reference data ----
  std::shared_ptr<const Directory> directory() const;
  // Re-reads reference data from the store (after an import).
  Status ReloadDirectory();
  // Recent reads of personal data (admin, supervisor).
  Result<std::vector<AccessRecord>> ListAccess(const Actor& actor, int limit);
  Result<store::StoreStats> Stats();

  // The SLA in force (never null).
  std::shared_ptr<const workflow::Sla> CurrentSla() const;
  store::Store& store() { return store_; }
  const Clock& clock() const { return clock_; }

 private:
  // Rebuilds router and gazetteer from the directory and classifier; impl_->mu held.
  void RebuildRouterLocked();
  // issue 5: the AI seat's searcher, built on first use (assist.cc); never null when OK.
  Result<std::shared_ptr<kb::Searcher>> KnowledgeSearcher();
  // issue 5: publish (`version`) or retire (the published one) under the review lock (knowledge.cc).
  Result<KbEntryView> ReviewKbEntry(const Actor& actor, int64_t id, int version, KbEntryStatus status);
  struct Impl;
  store::Store& store_;
  const Clock& clock_;
  std::unique_ptr<Impl> impl_;
};

// Loads the demo province from `dir` (data/demo: regions.csv, unit_types.csv,
// units.csv, categories.csv, duty_catalog.csv, users.csv) into the store.
Status LoadDemoProvince(Service& service, const std::string& dir);

}  // namespace lianxin::service
