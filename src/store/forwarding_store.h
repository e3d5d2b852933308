// ForwardingStore: a Store that passes every call to another one. Derive from
// it to change a few methods (a fault-injecting fake in a test, a decorator)
// without restating the whole interface. Thread-safe as far as `inner` is.
#pragma once

#include "store/store.h"

namespace lianxin::store {

class ForwardingStore : public Store {
 public:
  // `inner` must outlive this object.
  explicit ForwardingStore(Store& inner) : inner_(inner) {}

  using Store::CreateTicket;
  Status PutRegions(const std::vector<Region>& regions) override {
    return inner_.PutRegions(regions);
  }
  Status PutUnits(const std::vector<Unit>& units) override {
    return inner_.PutUnits(units);
  }
  Status PutCategories(const std::vector<Category>& categories) override {
    return inner_.PutCategories(categories);
  }
  Status PutDutyRules(const std::vector<DutyRule>& rules) override {
    return inner_.PutDutyRules(rules);
  }
  Result<std::vector<Region>> ListRegions() override {
    return inner_.ListRegions();
  }
  Result<std::vector<Unit>> ListUnits() override {
    return inner_.ListUnits();
  }
  Result<std::vector<Category>> ListCategories() override {
    return inner_.ListCategories();
  }
  Result<std::vector<DutyRule>> ListDutyRules() override {
    return inner_.ListDutyRules();
  }
  Status PutUser(const User& user) override {
    return inner_.PutUser(user);
  }
  Result<User> GetUser(const std::string& username) override {
    return inner_.GetUser(username);
  }
  Result<std::vector<User>> ListUsers() override {
    return inner_.ListUsers();
  }
  Status PutSession(const Session& session) override {
    return inner_.PutSession(session);
  }
  Result<Session> GetSession(const std::string& token_hash) override {
    return inner_.GetSession(token_hash);
  }
  Status DeleteSession(const std::string& token_hash) override {
    return inner_.DeleteSession(token_hash);
  }
  Result<Ticket> CreateTicket(const Ticket& ticket, const std::vector<TicketEvent>& events, const std::string& number_prefix) override {
    return inner_.CreateTicket(ticket, events, number_prefix);
  }
  Result<Ticket> AppendEvent(const Ticket& next, const TicketEvent& event) override {
    return inner_.AppendEvent(next, event);
  }
  Result<Ticket> GetTicket(TicketId id) override {
    return inner_.GetTicket(id);
  }
  Result<Ticket> GetTicketByNumber(const std::string& number) override {
    return inner_.GetTicketByNumber(number);
  }
  Result<TicketPage> ListTickets(const TicketFilter& filter) override {
    return inner_.ListTickets(filter);
  }
  Result<std::vector<TicketEvent>> ListEvents(TicketId id) override {
    return inner_.ListEvents(id);
  }
  Result<int64_t> ImportTickets(const std::vector<TicketWithEvents>& batch) override {
    return inner_.ImportTickets(batch);
  }
  Result<StoreStats> Stats() override {
    return inner_.Stats();
  }
  Result<std::vector<Ticket>> ListAlarms(TimeMs now, int limit) override {
    return inner_.ListAlarms(now, limit);
  }
  Result<DispatchOutcomes> CountDispatchOutcomes(const std::string& agent, TimeMs from) override {
    return inner_.CountDispatchOutcomes(agent, from);
  }
  Result<std::vector<TicketEvent>> ListEventsAfter(int64_t after_id, int limit) override {
    return inner_.ListEventsAfter(after_id, limit);
  }
  Result<int64_t> GetCursor(const std::string& name) override {
    return inner_.GetCursor(name);
  }
  Result<int64_t> EnqueueMessages(const std::vector<OutboxMessage>& messages, const std::string& name, int64_t cursor) override {
    return inner_.EnqueueMessages(messages, name, cursor);
  }
  Result<std::vector<OutboxMessage>> ListDueMessages(TimeMs now, int limit) override {
    return inner_.ListDueMessages(now, limit);
  }
  Status UpdateMessage(const OutboxMessage& m) override {
    return inner_.UpdateMessage(m);
  }
  Status UpdateMessages(const std::vector<OutboxMessage>& messages) override {
    return inner_.UpdateMessages(messages);
  }
  Result<OutboxPage> ListMessages(std::optional<OutboxMessage::State> state, int limit, int offset) override {
    return inner_.ListMessages(state, limit, offset);
  }
  Result<std::vector<TicketWithEvents>> ListTicketsWithEvents(TicketId after_id, int limit) override {
    return inner_.ListTicketsWithEvents(after_id, limit);
  }
  Result<std::vector<TicketKey>> ListTicketKeys(TicketId after_id, int limit) override {
    return inner_.ListTicketKeys(after_id, limit);
  }
  Result<int64_t> GetRollupCursor(const std::string& name) override {
    return inner_.GetRollupCursor(name);
  }
  Result<std::vector<RollupContribution>> GetRollupContributions(const std::vector<TicketId>& ids) override {
    return inner_.GetRollupContributions(ids);
  }
  Result<bool> HasRollupPeer(const std::string& region_code, const std::string& category_code, TimeMs from, TimeMs to, TicketId exclude) override {
    return inner_.HasRollupPeer(region_code, category_code, from, to, exclude);
  }
  Status ApplyRollupBatch(const RollupBatch& batch) override {
    return inner_.ApplyRollupBatch(batch);
  }
  Status ResetRollups(const std::string& name, int64_t cursor) override {
    return inner_.ResetRollups(name, cursor);
  }
  Result<std::vector<RollupCell>> SumRollups(const std::string& grain, const std::string& dim, int64_t from, int64_t to) override {
    return inner_.SumRollups(grain, dim, from, to);
  }
  Status PutApiClient(const ApiClient& client) override {
    return inner_.PutApiClient(client);
  }
  Result<ApiClient> GetApiClientByKeyHash(const std::string& key_hash) override {
    return inner_.GetApiClientByKeyHash(key_hash);
  }
  Result<std::vector<ApiClient>> ListApiClients() override {
    return inner_.ListApiClients();
  }
  Status PutOpen311Meta(const Open311Meta& meta) override {
    return inner_.PutOpen311Meta(meta);
  }
  Result<std::vector<Open311Meta>> ListOpen311Meta(const std::vector<TicketId>& ids) override {
    return inner_.ListOpen311Meta(ids);
  }
  Status PutOpen311Token(const Open311Token& token) override {
    return inner_.PutOpen311Token(token);
  }
  Result<Open311Token> GetOpen311Token(const std::string& token, const std::string& kind) override {
    return inner_.GetOpen311Token(token, kind);
  }
  Result<TicketPage> QueryTickets(const TicketQuery& query) override {
    return inner_.QueryTickets(query);
  }
  Result<std::vector<TicketEvent>> ListEventsBetween(TimeMs from, TimeMs to, bool public_only, int limit) override {
    return inner_.ListEventsBetween(from, to, public_only, limit);
  }
  Status LogAccess(const AccessRecord& record) override {
    return inner_.LogAccess(record);
  }
  Result<std::vector<AccessRecord>> ListAccess(int limit) override {
    return inner_.ListAccess(limit);
  }
  Result<KbEntry> CreateKbEntry(const KbEntry& entry) override {
    return inner_.CreateKbEntry(entry);
  }
  Result<KbEntry> AddKbEntryVersion(const KbEntry& entry) override {
    return inner_.AddKbEntryVersion(entry);
  }
  Status SetKbEntryStatus(int64_t id, int version, KbEntryStatus status) override {
    return inner_.SetKbEntryStatus(id, version, status);
  }
  Result<std::vector<KbEntry>> ListKbEntryVersions(int64_t id) override {
    return inner_.ListKbEntryVersions(id);
  }
  Result<std::vector<KbEntry>> ListKbEntries(bool published_only) override {
    return inner_.ListKbEntries(published_only);
  }
  Result<int64_t> ImportKbEntries(const std::vector<KbEntry>& entries) override {
    return inner_.ImportKbEntries(entries);
  }
  // ---- AI seat assist log (issue 5) ----
  Result<int64_t> AppendAssistRecord(const AssistRecord& record) override {
    return inner_.AppendAssistRecord(record);
  }
  Result<std::vector<AssistRecord>> ListAssistRecords(TimeMs from, TimeMs to, int limit) override {
    return inner_.ListAssistRecords(from, to, limit);
  }
  // ---- end AI seat assist log ----
  Result<int64_t> DeleteUserSessions(const std::string& username) override {
    return inner_.DeleteUserSessions(username);
  }
  // ---- several nodes (issue 9) ----
  Result<bool> TryLead(const std::string& lease) override { return inner_.TryLead(lease); }

  // ---- department integration (issue 8 item 2) ----
  Status PutIntegration(const UnitIntegration& integration) override {
    return inner_.PutIntegration(integration);
  }
  Result<UnitIntegration> GetIntegration(const std::string& unit_code) override {
    return inner_.GetIntegration(unit_code);
  }
  Result<UnitIntegration> GetIntegrationByKeyHash(const std::string& key_hash) override {
    return inner_.GetIntegrationByKeyHash(key_hash);
  }
  Result<std::vector<UnitIntegration>> ListIntegrations() override {
    return inner_.ListIntegrations();
  }
  Result<DeliverySummary> SummarizeDeliveries(OutboxMessage::Audience audience,
                                              const std::string& address) override {
    return inner_.SummarizeDeliveries(audience, address);
  }
  Result<int64_t> RetryMessages(OutboxMessage::Audience audience, const std::string& address,
                                TimeMs now) override {
    return inner_.RetryMessages(audience, address, now);
  }
  Result<Attachment> PutAttachment(const Attachment& a) override { return inner_.PutAttachment(a); }
  Result<Attachment> GetAttachment(TicketId ticket_id, int64_t id) override {
    return inner_.GetAttachment(ticket_id, id);
  }
  Result<std::vector<Attachment>> ListAttachments(TicketId ticket_id) override {
    return inner_.ListAttachments(ticket_id);
  }
  Result<Ticket> CreateTicketWithOpen311Meta(const Ticket& ticket,
                                             const std::vector<TicketEvent>& events,
                                             const std::string& number_prefix,
                                             const Open311Meta& meta) override {
    return inner_.CreateTicketWithOpen311Meta(ticket, events, number_prefix, meta);
  }
  // ---- end department integration ----
  // ---- batched appends and bulk loads (issue 4) ----
  Result<std::vector<bool>> AppendEvents(
      const std::vector<std::pair<Ticket, TicketEvent>>& writes) override {
    return inner_.AppendEvents(writes);
  }
  // ---- end batched appends and bulk loads ----
  // ---- proactive governance (issue 6) ----
  Result<InsightCursor> GetInsightCursor(const std::string& name) override {
    return inner_.GetInsightCursor(name);
  }
  Status ApplyInsightPass(const InsightPassBatch& batch) override {
    return inner_.ApplyInsightPass(batch);
  }
  Status ResetHotspots(const std::string& name, const std::string& note) override {
    return inner_.ResetHotspots(name, note);
  }
  Result<std::vector<HotspotMember>> ListHotspotMembers(int64_t hotspot_id, int64_t after_seq,
                                                        int limit) override {
    return inner_.ListHotspotMembers(hotspot_id, after_seq, limit);
  }
  Result<std::vector<HotspotMember>> PageHotspotMembers(int64_t hotspot_id, int limit, int offset,
                                                        int64_t* total) override {
    return inner_.PageHotspotMembers(hotspot_id, limit, offset, total);
  }
  Result<HotspotPage> ListHotspots(const HotspotFilter& filter) override {
    return inner_.ListHotspots(filter);
  }
  Result<StoredHotspot> GetHotspot(int64_t id) override { return inner_.GetHotspot(id); }
  Result<AlertPage> ListAlerts(const AlertFilter& filter) override {
    return inner_.ListAlerts(filter);
  }
  Result<StoredAlert> GetAlert(int64_t id) override { return inner_.GetAlert(id); }
  Status UpdateAlert(const StoredAlert& alert) override { return inner_.UpdateAlert(alert); }
  Result<RepeatPage> ListRepeats(const RepeatFilter& filter) override {
    return inner_.ListRepeats(filter);
  }
  Result<GovernanceItem> CreateGovernanceItem(const GovernanceItem& item,
                                              const std::vector<GovernanceTask>& tasks,
                                              const std::vector<TicketId>& tickets) override {
    return inner_.CreateGovernanceItem(item, tasks, tickets);
  }
  Result<GovernanceDetail> GetGovernanceItem(int64_t id) override {
    return inner_.GetGovernanceItem(id);
  }
  Result<GovernancePage> ListGovernanceItems(const GovernanceFilter& filter) override {
    return inner_.ListGovernanceItems(filter);
  }
  Status UpdateGovernanceItem(const GovernanceItem& item,
                              const std::optional<GovernanceProgress>& log) override {
    return inner_.UpdateGovernanceItem(item, log);
  }
  Result<GovernanceTask> PutGovernanceTask(const GovernanceTask& task,
                                           const std::optional<GovernanceProgress>& log) override {
    return inner_.PutGovernanceTask(task, log);
  }
  Result<int64_t> LinkGovernanceTickets(int64_t item_id,
                                        const std::vector<TicketId>& tickets) override {
    return inner_.LinkGovernanceTickets(item_id, tickets);
  }
  Result<GovernanceProgress> AddGovernanceProgress(const GovernanceProgress& entry) override {
    return inner_.AddGovernanceProgress(entry);
  }
  // ---- end proactive governance (issue 6) ----
  // ---- reference data, SLA policies and the calendar, editable (issue 7 item 7) ----
  Result<int64_t> ApplyReferenceEdit(const ReferenceEdit& edit, const ReferenceChange& change) override {
    return inner_.ApplyReferenceEdit(edit, change);
  }
  Result<std::vector<ReferenceChange>> ListReferenceChanges(int limit) override {
    return inner_.ListReferenceChanges(limit);
  }
  Result<std::vector<SlaRuleRow>> ListSlaRules() override {
    return inner_.ListSlaRules();
  }
  Result<std::vector<CalendarDayRow>> ListCalendarDays() override {
    return inner_.ListCalendarDays();
  }
  Result<int64_t> PutSlaConfig(const std::optional<std::vector<SlaRuleRow>>& rules,
                               const std::optional<std::vector<CalendarDayRow>>& days,
                               const ReferenceChange& change) override {
    return inner_.PutSlaConfig(rules, days, change);
  }
  // ---- end reference data, SLA policies and the calendar ----
  // ---- attachment limit across nodes (issue 9) ----
  Result<Attachment> PutAttachmentWithinLimit(const Attachment& a, int limit) override {
    return inner_.PutAttachmentWithinLimit(a, limit);
  }
  // ---- end attachment limit across nodes ----

 protected:
  Store& inner_;
};

}  // namespace lianxin::store
