// Internal to http/: the handler functions named in routes.cc, one file per resource.
// Handlers never throw; they decode, call the service, encode.
#pragma once

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
// ---- security (issue 9) ----
// users_handler.cc: POST /api/users/{username}/revoke-sessions (admin: every token of the user)
void PostRevokeSessions(Service&, const Request&, Response&);

}  // namespace lianxin::http
