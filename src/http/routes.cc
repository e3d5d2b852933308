// Every route of the HTTP API, one line each: method, path pattern, who may call, handler.
// Documented in docs/http_api.md. /metrics and the static web files are added by server.cc.
#include "http/handlers.h"
#include "service/integration.h"  // kMaxCitizenPhotoBytes

namespace lianxin::http {

// The photo upload route takes the largest photo plus room for nothing else.
constexpr size_t kPhotoBodyBytes = service::kMaxCitizenPhotoBytes;

const std::vector<Route>& Routes() {
  static const std::vector<Route> kRoutes = {
      {"GET", "/healthz", Access::kPublic, GetHealth},
      {"GET", "/api/version", Access::kPublic, GetVersion},
      {"POST", "/api/auth/login", Access::kPublic, PostLogin},
      {"POST", "/api/auth/logout", Access::kSignedIn, PostLogout},
      {"GET", "/api/auth/me", Access::kSignedIn, GetMe},
      {"POST", "/api/public/tickets", Access::kPublic, PostPublicTicket},
      {"GET", R"(/api/public/tickets/([A-Za-z0-9-]{1,64}))", Access::kPublic, GetPublicTicket},
      {"POST", R"(/api/public/tickets/([A-Za-z0-9-]{1,64})/revisit)", Access::kPublic, PostPublicRevisit},
      {"POST", R"(/api/public/tickets/([A-Za-z0-9-]{1,64})/reopen)", Access::kPublic, PostPublicReopen},
      {"GET", "/api/regions", Access::kPublic, ListRegions},
      {"GET", "/api/units", Access::kPublic, ListUnits},
      {"GET", "/api/categories", Access::kPublic, ListCategories},
      {"POST", "/api/tickets", Access::kSignedIn, PostTicket},
      {"GET", "/api/tickets", Access::kSignedIn, ListTickets},
      {"GET", R"(/api/tickets/(\d{1,18}))", Access::kSignedIn, GetTicket},
      {"GET", R"(/api/tickets/(\d{1,18})/events)", Access::kSignedIn, ListTicketEvents},
      {"POST", R"(/api/tickets/(\d{1,18})/([a-z_]{1,40}))", Access::kSignedIn, PostTicketAction},
      {"POST", "/api/dispatch/preview", Access::kSignedIn, PostDispatchPreview},
      {"GET", "/api/dispatch/queue", Access::kSignedIn, GetDispatchQueue},
      {"GET", "/api/dispatch/unowned", Access::kSignedIn, GetUnowned},
      {"GET", "/api/dispatch/stats", Access::kSignedIn, GetDispatchStats},
      // ---- supervision lists (issue 4, part A) ----
      {"GET", "/api/supervision", Access::kSignedIn, GetSupervisionCounts},
      {"GET", R"(/api/supervision/([a-z_]{1,20}))", Access::kSignedIn, GetSupervisionList},
      // ---- end supervision lists ----
      // ---- notifications outbox (issue 4, part A) ----
      {"GET", "/api/notifications", Access::kSignedIn, ListNotifications},
      // ---- end notifications outbox ----
      {"GET", "/api/users", Access::kSignedIn, ListUsers},
      {"POST", "/api/users", Access::kSignedIn, PostUser},
      {"GET", "/api/access-log", Access::kSignedIn, ListAccessLog},
      // ---- dashboard (issue 7) ----
      {"GET", "/api/dashboard/summary", Access::kSignedIn, GetDashboardSummary},
      // ---- evaluation (issue 4, part B) ----
      {"GET", "/api/evaluation/rates", Access::kSignedIn, GetEvaluationRates},
      {"GET", "/api/evaluation/ranking", Access::kSignedIn, GetEvaluationRanking},
      {"GET", R"(/api/evaluation/units/([A-Za-z0-9._/-]{1,64}))", Access::kSignedIn, GetEvaluationUnit},
      // ---- end evaluation ----
      // ---- Open311 GeoReport v2 and its admin (issue 8; http/open311_handler.cc) ----
      {"GET", R"(/open311/v2/discovery\.(xml|json))", Access::kPublic, GetOpen311Discovery},
      {"GET", R"(/open311/v2/services\.(xml|json))", Access::kPublic, GetOpen311Services},
      {"GET", R"(/open311/v2/services/([A-Za-z0-9._-]{1,64})\.(xml|json))", Access::kPublic, GetOpen311ServiceDefinition},
      {"POST", R"(/open311/v2/requests\.(xml|json))", Access::kPublic, PostOpen311Request},
      {"GET", R"(/open311/v2/requests\.(xml|json))", Access::kPublic, GetOpen311Requests},
      {"GET", R"(/open311/v2/requests/([A-Za-z0-9-]{1,64})\.(xml|json))", Access::kPublic, GetOpen311Request},
      {"GET", R"(/open311/v2/tokens/([A-Za-z0-9]{1,64})\.(xml|json))", Access::kPublic, GetOpen311Token},
      {"GET", R"(/open311/v2/servicerequestupdates\.(xml|json))", Access::kPublic, GetOpen311Updates},
      {"POST", R"(/open311/v2/servicerequestupdates\.(xml|json))", Access::kPublic, PostOpen311Update},
      {"GET", R"(/open311/v2/update_tokens/([A-Za-z0-9]{1,64})\.(xml|json))", Access::kPublic, GetOpen311UpdateToken},
      {"GET", "/api/open311/clients", Access::kSignedIn, ListOpen311Clients},
      {"POST", "/api/open311/clients", Access::kSignedIn, PostOpen311Client},
      {"GET", R"(/api/open-data/tickets\.(csv|json))", Access::kPublic, GetOpenDataTickets},
      {"GET", "/api/open-data/stats", Access::kPublic, GetOpenDataStats},
      {"GET", "/api/open-data/rankings", Access::kPublic, GetOpenDataRankings},
      // ---- end issue 8 ----
      // ---- knowledge base and the AI seat (issue 5) ----
      {"POST", "/api/assist/answer", Access::kPublic, PostAssistAnswer},
      {"GET", "/api/assist/suggest", Access::kSignedIn, GetAssistSuggest},
      {"GET", "/api/assist/metrics", Access::kSignedIn, GetAssistMetrics},
      {"GET", "/api/kb/entries", Access::kPublic, ListKbEntries},
      {"POST", "/api/kb/entries", Access::kSignedIn, PostKbEntry},
      {"GET", R"(/api/kb/entries/(\d{1,18}))", Access::kPublic, GetKbEntry},
      {"POST", R"(/api/kb/entries/(\d{1,18})/versions)", Access::kSignedIn, PostKbEntryVersion},
      {"POST", R"(/api/kb/entries/(\d{1,18})/publish)", Access::kSignedIn, PostKbEntryPublish},
      {"POST", R"(/api/kb/entries/(\d{1,18})/retire)", Access::kSignedIn, PostKbEntryRetire},
      {"GET", "/api/kb/gaps", Access::kSignedIn, GetKbGaps},
      // ---- end knowledge base and the AI seat ----
      // ---- security (issue 9) ----
      {"POST", R"(/api/users/([A-Za-z0-9_.-]{1,64})/revoke-sessions)", Access::kSignedIn, PostRevokeSessions},
      // ---- department integration (issue 8 item 2) ----
      {"GET", "/api/integrations", Access::kSignedIn, ListIntegrations},
      {"POST", "/api/integrations", Access::kSignedIn, PostIntegration},
      {"POST", R"(/api/integrations/([A-Za-z0-9._/-]{1,64})/retry)", Access::kSignedIn, PostIntegrationRetry},
      {"GET", R"(/api/tickets/(\d{1,18})/attachments)", Access::kSignedIn, ListTicketAttachments},
      {"GET", R"(/api/tickets/(\d{1,18})/attachments/(\d{1,18}))", Access::kSignedIn, GetTicketAttachment},
      {"GET", "/api/integration/tickets", Access::kPublic, ListIntegrationTickets},
      {"GET", R"(/api/integration/tickets/(\d{1,18}))", Access::kPublic, GetIntegrationTicket},
      {"POST", R"(/api/integration/tickets/(\d{1,18})/(accept|reply))", Access::kPublic, PostIntegrationAction},
      {"POST", R"(/api/integration/tickets/(\d{1,18})/attachments)", Access::kPublic, PostIntegrationAttachment},
      {"GET", R"(/api/integration/tickets/(\d{1,18})/attachments)", Access::kPublic, ListIntegrationAttachments},
      {"GET", R"(/api/integration/tickets/(\d{1,18})/attachments/(\d{1,18}))", Access::kPublic, GetIntegrationAttachment},
      {"POST", "/api/import/tickets", Access::kSignedIn, PostImportTickets},
      // ---- end department integration ----
      // ---- proactive governance (issue 6) ----
      {"GET", "/api/insight/hotspots", Access::kSignedIn, ListHotspots},
      {"GET", R"(/api/insight/hotspots/(\d{1,18}))", Access::kSignedIn, GetHotspot},
      {"GET", "/api/insight/alerts", Access::kSignedIn, ListAlerts},
      {"GET", R"(/api/insight/alerts/(\d{1,18}))", Access::kSignedIn, GetAlert},
      {"POST", R"(/api/insight/alerts/(\d{1,18})/(ack|assign))", Access::kSignedIn, PostAlertAction},
      {"GET", "/api/insight/repeats", Access::kSignedIn, ListRepeats},
      {"GET", "/api/governance/items", Access::kSignedIn, ListGovernanceItems},
      {"POST", "/api/governance/items", Access::kSignedIn, PostGovernanceItem},
      {"GET", R"(/api/governance/items/(\d{1,18}))", Access::kSignedIn, GetGovernanceItem},
      {"POST", R"(/api/governance/items/(\d{1,18})/progress)", Access::kSignedIn, PostGovernanceProgress},
      {"POST", R"(/api/governance/items/(\d{1,18})/tasks)", Access::kSignedIn, PostGovernanceTask},
      {"POST", R"(/api/governance/items/(\d{1,18})/tasks/(\d{1,18}))", Access::kSignedIn, PostGovernanceTaskUpdate},
      {"POST", R"(/api/governance/items/(\d{1,18})/tickets)", Access::kSignedIn, PostGovernanceTickets},
      {"GET", R"(/api/reports/(weekly|monthly))", Access::kSignedIn, GetReport},
      // ---- end proactive governance (issue 6) ----
      // ---- citizens' photos on the portal (issue 7 item 8) ----
      {"POST", R"(/api/public/tickets/([A-Za-z0-9-]{1,64})/photos)", Access::kPublic, PostPublicPhoto, kPhotoBodyBytes},
      {"GET", R"(/api/public/tickets/([A-Za-z0-9-]{1,64})/photos)", Access::kPublic, ListPublicPhotos},
      {"GET", R"(/api/public/tickets/([A-Za-z0-9-]{1,64})/photos/(\d{1,18}))", Access::kPublic, GetPublicPhoto},
      // ---- end citizens' photos ----
      // ---- reference data, SLA policies and the calendar, editable (issue 7 item 7) ----
      {"POST", "/api/regions", Access::kSignedIn, PostRegion},
      {"POST", "/api/units", Access::kSignedIn, PostUnit},
      {"POST", "/api/categories", Access::kSignedIn, PostCategory},
      {"GET", "/api/duty-catalog", Access::kSignedIn, GetDutyCatalog},
      {"POST", "/api/duty-catalog", Access::kSignedIn, PostDutyCatalog},
      {"GET", "/api/reference/changes", Access::kSignedIn, ListReferenceChanges},
      {"GET", "/api/sla/policies", Access::kSignedIn, GetSlaPolicies},
      {"POST", "/api/sla/policies", Access::kSignedIn, PostSlaPolicies},
      {"POST", "/api/sla/calendar", Access::kSignedIn, PostCalendarDay},
      {"POST", R"(/api/sla/calendar/(\d{4}-\d{2}-\d{2})/remove)", Access::kSignedIn, PostCalendarDayRemove},
      // ---- end reference data, SLA policies and the calendar ----
  };
  return kRoutes;
}

}  // namespace lianxin::http
