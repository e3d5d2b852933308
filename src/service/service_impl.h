// Internal to service/: shared state and helpers of the Service implementation.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "dispatch/router.h"
#include "kb/searcher.h"
#include "service/service.h"
#include "text/text.h"

namespace lianxin::service {

struct Service::Impl {
  ServiceOptions options;
  mutable std::mutex mu;
  std::shared_ptr<const Directory> directory;  // guarded by mu
  std::shared_ptr<const workflow::Sla> sla;     // guarded by mu
  std::shared_ptr<const dispatch::Classifier> classifier;  // guarded by mu; may be null
  std::shared_ptr<const dispatch::Router> router;          // guarded by mu; rebuilt with directory
  std::shared_ptr<const text::Gazetteer> gazetteer;        // guarded by mu; rebuilt with directory
  // ---- evaluation (issue 4, part B) ----
  std::shared_ptr<const insight::EvaluationRules> evaluation_rules;  // guarded by mu; null = defaults
  std::shared_ptr<insight::RollupUpdater> rollup_updater;  // guarded by mu; made on first use
  // ---- end evaluation ----
  std::unique_ptr<LoginThrottle> login_throttle;           // security (issue 9); thread-safe itself
  // ---- knowledge base and the AI seat (issue 5) ----
  // shared_ptr: a request keeps the searcher it started with while a reload
  // swaps in a new one. The Searcher locks itself for Search and Upsert.
  std::shared_ptr<kb::Searcher> searcher;             // guarded by mu; null until built
  std::shared_ptr<const text::Segmenter> kb_segmenter;  // guarded by mu; outlives searcher
  // Serialises building the searcher with review (publish/retire) and its
  // searcher update, so no publish is lost to a concurrent build. Taken before
  // mu, never while holding it.
  std::mutex kb_mu;
  // ---- end knowledge base and the AI seat ----
};

// An action checked and applied but not yet stored: the next projection and its event.
struct PlannedAction {
  Ticket next;
  TicketEvent event;
};
// Checks `req` by `actor` on `t` (role, unit scope, fields, SLA) at `now` and
// applies it with workflow::Apply; stores nothing. The errors of Service::Perform.
Result<PlannedAction> PlanAction(Service& svc, const workflow::Sla& sla, const Actor& actor,
                                 const Ticket& t, const ActionRequest& req, TimeMs now);

// The dispatch agent's identity in the event log.
inline constexpr char kAgentName[] = "dispatch-agent";
// How long a ticket may wait in the dispatchers' queue.
inline constexpr TimeMs kTriageDeadline = 2 * kHourMs;

// Masks or logs personal data for `actor` reading `t` for `purpose`.
Result<TicketView> ViewFor(store::Store& store, const Clock& clock, const Actor& actor, Ticket t,
                           const char* purpose);
// Whether `actor` may see `t` at all (unit handlers: their own or assisted tickets).
bool InScope(const Actor& actor, const Ticket& t);

// Hex SHA-256 of a bearer token: what the store keeps.
std::string HashToken(const std::string& token);
// Lower-case hex of `n` bytes.
std::string ToHex(const unsigned char* bytes, size_t n);
// A new random API key "<prefix><32 letters and digits>" and its HashToken: what
// the caller shows once and what the store keeps (Open311 clients, unit integrations).
struct IssuedKey {
  std::string key;
  std::string hash;
};
IssuedKey DrawKey(std::string_view prefix);
// `length` characters drawn uniformly from `alphabet` (libsodium randomness).
std::string RandomCode(size_t length, std::string_view alphabet);
// Argon2id (libsodium crypto_pwhash_str).
Result<std::string> HashPassword(const std::string& password);

// ---- shared with service/open311.cc (issue 8) ----
// Checks a new request's fields against the limits and the directory (tickets.cc).
Status Validate(const Directory& dir, const NewTicket& in, bool phone_required);
// Stores a validated request, classified and routed by the dispatch agent (tickets.cc).
// With `open311`, its extras (ticket_id filled in) are stored in the same transaction.
Result<IntakeResult> IntakeAndRoute(Service& svc, const std::string& prefix, const NewTicket& in,
                                    const Actor& actor, const store::Open311Meta* open311 = nullptr);
// Loads, plans and stores one action, retrying on concurrent change (actions.cc).
Result<Ticket> ApplyAction(Service& svc, const workflow::Sla& sla, const Actor& actor, TicketId id,
                           const ActionRequest& req);
// Masks personal data in public free text: the text pipeline's masks (phones,
// 身份证, e-mail, plates, room numbers), plus the ticket's citizen name and phone
// wherever they occur (open311.cc).
std::string MaskPublicText(const std::string& text, const Ticket& t);
// ---- end issue 8 ----
// ---- knowledge base and the AI seat (issue 5, assist.cc) ----
// Hex SHA-256 of a phone's digits ("" without digits): how the assist log keeps
// a caller's phone, comparable with tickets' phones, never readable.
std::string PhoneHash(const std::string& phone);
// "YYYY-MM-DD" of `t` in CST: the knowledge base's validity dates.
std::string IsoDayCst(TimeMs t);
// ---- end knowledge base and the AI seat ----

// kInvalidArgument "<field_zh>不能为空 / 不能超过 N 个字 / 不是有效的 UTF-8 文本" (tickets.cc).
Status CheckText(std::string_view field_zh, const std::string& v, size_t max_chars, bool required);
// kPermissionDenied "只有管理员可以<what>" unless `a` is an administrator (integration.cc).
Status AdminOnly(const Actor& a, const char* what);

// ---- attachments with their note (issue 8 item 2; issue 7 item 8: citizens' photos) ----
// Stores `a` (ticket_id, file_name, content_type and data set; size, sha256,
// uploaded_by = actor and created_at filled here) with PutAttachment (with
// `limit` > 0: PutAttachmentWithinLimit, the store's error when `actor` has
// `limit` on the ticket already), then a note event by `actor` with `reason` and
// "<what>：<file>（N 字节，附件编号 K）". The caller has checked scope and size.
// Returns the attachment without bytes.
Result<store::Attachment> StoreAttachmentWithNote(Service& svc, const Actor& actor,
                                                  store::Attachment a, const std::string& reason,
                                                  const std::string& what, int limit = 0);
// ---- end attachments ----

// ---- return arbitration deadline (issue 4, arbitration.cc) ----
// The reason of the note the SLA scan writes when a 退单 is not arbitrated in time.
inline constexpr char kArbitrationOverdue[] = "退单仲裁超时";
// When the pending 退单 of `t` must be arbitrated; 0 when `t` awaits none.
Result<TimeMs> ArbitrationDueAt(Service& svc, const workflow::Sla& sla, const Ticket& t);
// Raises the alarm of every 退单 past its arbitration deadline at `now` that
// has none yet (see arbitration.cc); returns how many fired.
Result<int> RunArbitrationScan(Service& svc, TimeMs now);
// ---- end return arbitration ----

}  // namespace lianxin::service
