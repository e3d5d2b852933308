// Internal to http/: the handler functions named in routes.cc, one file per resource.
// Handlers never throw; they decode, call the service, encode.
#pragma once

#include "http/json_codec.h"  // Json (department integration helpers)
#include "http/server.h"

namespace lianxin::http {

using service::Service;

// system_handler.cc: /healthz, /api/version
void GetHealth(Service&, const Request&, Response&);
void GetVersion(Service&, const Request&, Response&);
// auth_handler.cc: /api/auth/*
void PostLogin(Service&, const Request&, Response&);
void PostLogout(Service&, const Request&, Response&);
void GetMe(Service&, const Request&, Response&);
// tickets_handler.cc: /api/tickets*
void PostTicket(Service&, const Request&, Response&);
void ListTickets(Service&, const Request&, Response&);
void GetTicket(Service&, const Request&, Response&);
void ListTicketEvents(Service&, const Request&, Response&);
// POST /api/tickets/{id}/{action}: every workflow action (dispatch, accept, reply, ...).
void PostTicketAction(Service&, const Request&, Response&);
// public_handler.cc: /api/public/*
void PostPublicTicket(Service&, const Request&, Response&);
void GetPublicTicket(Service&, const Request&, Response&);
void PostPublicRevisit(Service&, const Request&, Response&);
void PostPublicReopen(Service&, const Request&, Response&);
// dispatch_handler.cc: /api/dispatch/*
void PostDispatchPreview(Service&, const Request&, Response&);
void GetDispatchQueue(Service&, const Request&, Response&);
void GetUnowned(Service&, const Request&, Response&);
void GetDispatchStats(Service&, const Request&, Response&);
// ---- supervision lists (issue 4, part A) ----
// supervision_handler.cc: /api/supervision, /api/supervision/{list}
void GetSupervisionCounts(Service&, const Request&, Response&);
void GetSupervisionList(Service&, const Request&, Response&);
// ---- end supervision lists ----
// ---- notifications outbox (issue 4, part A) ----
// notifications_handler.cc: /api/notifications
void ListNotifications(Service&, const Request&, Response&);
// ---- end notifications outbox ----
// directory_handler.cc: /api/regions, /api/units, /api/categories
void ListRegions(Service&, const Request&, Response&);
void ListUnits(Service&, const Request&, Response&);
void ListCategories(Service&, const Request&, Response&);
// users_handler.cc: /api/users, /api/access-log
void ListUsers(Service&, const Request&, Response&);
void PostUser(Service&, const Request&, Response&);
void ListAccessLog(Service&, const Request&, Response&);
// ---- dashboard (issue 7) ----
// dashboard_handler.cc: /api/dashboard/summary
void GetDashboardSummary(Service&, const Request&, Response&);
// ---- evaluation (issue 4, part B) ----
// evaluation_handler.cc: /api/evaluation/*
void GetEvaluationRates(Service&, const Request&, Response&);
void GetEvaluationRanking(Service&, const Request&, Response&);
void GetEvaluationUnit(Service&, const Request&, Response&);
// ---- end evaluation ----

// ---- Open311 GeoReport v2 (issue 8) ----
// open311_handler.cc: /open311/v2/*; the format is the last path capture (xml|json).
void GetOpen311Discovery(Service&, const Request&, Response&);
void GetOpen311Services(Service&, const Request&, Response&);
void GetOpen311ServiceDefinition(Service&, const Request&, Response&);
void PostOpen311Request(Service&, const Request&, Response&);
void GetOpen311Requests(Service&, const Request&, Response&);
void GetOpen311Request(Service&, const Request&, Response&);
void GetOpen311Token(Service&, const Request&, Response&);
void GetOpen311Updates(Service&, const Request&, Response&);
void PostOpen311Update(Service&, const Request&, Response&);
void GetOpen311UpdateToken(Service&, const Request&, Response&);
// open311_clients_handler.cc: /api/open311/clients (admin: issue api keys)
void ListOpen311Clients(Service&, const Request&, Response&);
void PostOpen311Client(Service&, const Request&, Response&);
// open_data_handler.cc: /api/open-data/* (anonymised tickets, statistics, rankings)
void GetOpenDataTickets(Service&, const Request&, Response&);
void GetOpenDataStats(Service&, const Request&, Response&);
void GetOpenDataRankings(Service&, const Request&, Response&);
// ---- end issue 8 ----
// ---- knowledge base and the AI seat (issue 5) ----
// assist_handler.cc: /api/assist/answer (anonymous or signed in), /suggest, /metrics
void PostAssistAnswer(Service&, const Request&, Response&);
void GetAssistSuggest(Service&, const Request&, Response&);
void GetAssistMetrics(Service&, const Request&, Response&);
// kb_handler.cc: /api/kb/entries* (reads anonymous or signed in), /api/kb/gaps
void ListKbEntries(Service&, const Request&, Response&);
void GetKbEntry(Service&, const Request&, Response&);
void PostKbEntry(Service&, const Request&, Response&);
void PostKbEntryVersion(Service&, const Request&, Response&);
void PostKbEntryPublish(Service&, const Request&, Response&);
void PostKbEntryRetire(Service&, const Request&, Response&);
void GetKbGaps(Service&, const Request&, Response&);
// On a route open to anonymous callers: the citizen without a token, else the
// token's user (kUnauthenticated for a bad token) (assist_handler.cc).
Result<service::Actor> CallerOf(Service& svc, const Request& req);
// Reads the optional time parameter `name` into `out`; false, with the error
// written to `res`, when malformed (assist_handler.cc).
bool ReadTimeParam(const Request& req, const char* name, TimeMs& out, Response& res);
// ---- end knowledge base and the AI seat ----
// ---- security (issue 9) ----
// users_handler.cc: POST /api/users/{username}/revoke-sessions (admin: every token of the user)
void PostRevokeSessions(Service&, const Request&, Response&);
// ---- department integration (issue 8 item 2) ----
// integrations_handler.cc: /api/integrations (admin: register, list, retry now)
void ListIntegrations(Service&, const Request&, Response&);
void PostIntegration(Service&, const Request&, Response&);
void PostIntegrationRetry(Service&, const Request&, Response&);
// attachments_handler.cc: /api/tickets/{id}/attachments[/{aid}] (evidence files)
void ListTicketAttachments(Service&, const Request&, Response&);
void GetTicketAttachment(Service&, const Request&, Response&);
// Shared with integration_tickets_handler.cc: JSON of one attachment, a list, the bytes.
Json EncodeAttachment(const store::Attachment& a);
void WriteAttachmentList(const Result<std::vector<store::Attachment>>& list, Response& res);
void WriteAttachmentBytes(const Result<store::Attachment>& a, Response& res);
// integration_tickets_handler.cc: /api/integration/tickets* (a unit's system, by its key)
void ListIntegrationTickets(Service&, const Request&, Response&);
void GetIntegrationTicket(Service&, const Request&, Response&);
void PostIntegrationAction(Service&, const Request&, Response&);
void PostIntegrationAttachment(Service&, const Request&, Response&);
void ListIntegrationAttachments(Service&, const Request&, Response&);
void GetIntegrationAttachment(Service&, const Request&, Response&);
// import_handler.cc: POST /api/import/tickets (admin: CSV or XLSX, dry run)
void PostImportTickets(Service&, const Request&, Response&);
// ---- end department integration ----
// ---- citizens' photos (issue 7 item 8) ----
// public_photos_handler.cc: /api/public/tickets/{number}/photos[/{id}] (query code)
void PostPublicPhoto(Service&, const Request&, Response&);
void ListPublicPhotos(Service&, const Request&, Response&);
void GetPublicPhoto(Service&, const Request&, Response&);
// ---- end citizens' photos ----
// ---- reference data, SLA policies and the calendar, editable (issue 7 item 7) ----
// reference_admin_handler.cc: POST /api/regions, /api/units, /api/categories; /api/duty-catalog;
// GET /api/reference/changes (the audit trail)
void PostRegion(Service&, const Request&, Response&);
void PostUnit(Service&, const Request&, Response&);
void PostCategory(Service&, const Request&, Response&);
void GetDutyCatalog(Service&, const Request&, Response&);
void PostDutyCatalog(Service&, const Request&, Response&);
void ListReferenceChanges(Service&, const Request&, Response&);
// sla_handler.cc: /api/sla/policies, /api/sla/calendar
void GetSlaPolicies(Service&, const Request&, Response&);
void PostSlaPolicies(Service&, const Request&, Response&);
void PostCalendarDay(Service&, const Request&, Response&);
void PostCalendarDayRemove(Service&, const Request&, Response&);
// ---- end reference data, SLA policies and the calendar ----

// ---- proactive governance (issue 6) ----
// insight_handler.cc: /api/insight/* (hot topics, alerts, repeats)
void ListHotspots(Service&, const Request&, Response&);
void GetHotspot(Service&, const Request&, Response&);
void ListAlerts(Service&, const Request&, Response&);
void GetAlert(Service&, const Request&, Response&);
// POST /api/insight/alerts/{id}/{ack|assign}
void PostAlertAction(Service&, const Request&, Response&);
void ListRepeats(Service&, const Request&, Response&);
// governance_handler.cc: /api/governance/items* (每月一题)
void ListGovernanceItems(Service&, const Request&, Response&);
void PostGovernanceItem(Service&, const Request&, Response&);
void GetGovernanceItem(Service&, const Request&, Response&);
void PostGovernanceProgress(Service&, const Request&, Response&);
void PostGovernanceTask(Service&, const Request&, Response&);
void PostGovernanceTaskUpdate(Service&, const Request&, Response&);
void PostGovernanceTickets(Service&, const Request&, Response&);
// reports_handler.cc: /api/reports/{weekly|monthly} (HTML)
void GetReport(Service&, const Request&, Response&);
// ---- end proactive governance (issue 6) ----

}  // namespace lianxin::http
