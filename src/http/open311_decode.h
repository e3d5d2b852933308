// Decoding of Open311 GeoReport v2 requests (form-encoded POST bodies and GET
// query arguments) into the service's Open311 types, apart from the handlers so
// that the fuzz target `open311` drives exactly this code (issue 9 item 5).
// Pure functions; thread-safe.
#pragma once

#include <functional>
#include <string>

#include "core/status.h"
#include "core/time.h"
#include "http/form.h"
#include "service/open_interfaces.h"

namespace lianxin::http {

// A query argument by name ("" when absent).
using ArgFn = std::function<std::string(const std::string&)>;

// POST requests.xml|json: the fields of a new service request, with
// coordinate_system (wgs84 or gcj02) and attribute[code] / attribute[code][]
// values (an empty value means absent). kInvalidArgument (Chinese message) for
// another coordinate system or a malformed attribute key. jurisdiction_id is
// not looked at (the handler checks it against the regions).
Result<service::Open311NewRequest> DecodeOpen311Request(const FormFields& form);

// POST servicerequestupdates.xml|json: the fields of a new update. Never fails.
service::Open311NewUpdate DecodeOpen311Update(const FormFields& form);

// An optional ISO-8601 time argument: 0 when empty; kInvalidArgument (Chinese,
// naming `name`) when it does not parse.
Result<TimeMs> DecodeOpen311Time(const std::string& name, const std::string& value);

// GET requests.xml|json: service_request_id, service_code and status (comma
// lists), start_date, end_date, updated_after, updated_before (ISO-8601), page
// and page_size (1..100000000), extensions=true. kInvalidArgument (Chinese,
// naming the argument) for a bad time or number.
Result<service::Open311Query> DecodeOpen311Query(const ArgFn& arg);

}  // namespace lianxin::http
