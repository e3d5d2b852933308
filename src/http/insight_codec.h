// JSON of the proactive-governance resources (issue 6): hot topics, alerts, repeats,
// governance items, and the query parameters their lists share. Internal to http/ (the
// handlers of /api/insight, /api/governance, /api/reports). Pure functions, thread-safe.
#pragma once

#include <string>

#include "http/json_codec.h"
#include "http/server.h"

namespace lianxin::http {

// limit/offset of a list ("limit" default `limit`, 1..500; "offset" >= 0); the
// from/to query times (ParseTime, e.g. "2026-11-01"); kInvalidArgument in Chinese.
Status ReadPage(const Request& req, int& limit, int& offset, int default_limit = 20);
Status ReadTimes(const Request& req, TimeMs& from, TimeMs& to);
// A path capture as an id; 0 when it is not a number (routes already restrict it to digits).
int64_t PathId(const Request& req, size_t index);

// The body of a list answer: {items, total, limit, offset}.
Json ListBody(Json items, int64_t total, int limit, int offset);

Json EncodeBrief(const service::TicketBrief& t, const service::Directory& dir);
Json EncodeHotspot(const store::StoredHotspot& h, const service::Directory& dir);
Json EncodeAlert(const store::StoredAlert& a, const service::Directory& dir);
Json EncodeGovernanceItem(const store::GovernanceItem& g, const service::Directory& dir);
Json EncodeGovernanceTask(const store::GovernanceTask& t, const service::Directory& dir);
Json EncodeRepeat(const service::RepeatView& r, const service::Directory& dir);

}  // namespace lianxin::http
