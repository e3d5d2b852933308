// JSON at the edge: decoding request bodies into service types (strictly: wrong
// types and unknown fields are errors) and encoding core/service types. The only
// place besides handlers that knows nlohmann::json. Pure functions, thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "service/service.h"

namespace lianxin::http {

using Json = nlohmann::json;

// Parses a request body that must be a JSON object. Checks UTF-8 first.
// kInvalidArgument with a Chinese message naming the problem.
Result<Json> ParseObject(const std::string& body);
// Fails when `obj` has a key not in `allowed`.
Status CheckKeys(const Json& obj, const std::vector<std::string>& allowed);
// Reads an optional string field into `out`; kInvalidArgument when not a string.
Status GetString(const Json& obj, const char* key, std::string& out);
// Reads an optional number field.
Status GetNumber(const Json& obj, const char* key, std::optional<double>& out);

// Decodes the fields of a new ticket (title, body, name, phone, region, address,
// kind, urgency, channel, category, latitude, longitude).
Result<service::NewTicket> DecodeNewTicket(const Json& obj);

// Decodes the optional fields of a workflow action (type is set by the caller):
// unit_code, reason, content, due_at (ISO time), assist_units (array of unit
// codes), parent_id, resolved (bool), satisfaction (satisfied |
// basically_satisfied | unsatisfied), misrouted (bool; reopen and revisit).
Result<service::ActionRequest> DecodeAction(const Json& obj);

Json EncodeTicket(const service::TicketView& view, const service::Directory& dir);
// The dispatch agent's proposal: category, confidence, region, candidates with
// their rules, explanation, whether it dispatched, similar open tickets.
Json EncodeSuggestion(const service::DispatchSuggestion& suggestion);
Json EncodeEvent(const TicketEvent& event, const service::Directory& dir);
Json EncodePublicTicket(const service::PublicTicket& p);
Json EncodeUser(const User& user);
// Serialises compactly, replacing invalid UTF-8 rather than failing.
std::string Dump(const Json& j);

}  // namespace lianxin::http
