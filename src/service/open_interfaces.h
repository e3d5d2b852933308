// The types of the open interfaces (issue 8): Open311 GeoReport v2 as the
// service layer sees it, and the anonymised open data and public statistics.
// Part of service.h (included by it); plain value types, safe to copy and to
// share read-only between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"

namespace lianxin::service {

// The Open311 view of our data (service/open311.cc); http/open311_handler.cc
// writes it as XML or JSON. Services are our categories; service_request_id is
// the ticket number; times are TimeMs (the handler formats them).

// A service (服务类型) = one category of the taxonomy.
struct Open311Service {
  std::string code;    // Category::code
  std::string name;
  std::string description;  // "城乡建设 / 安全生产 / 事故处理"
  std::string group;        // level-1 name
  std::vector<std::string> groups;  // level-1 and level-2 names (FixMyStreet groups[])
  std::string keywords;     // comma list
};

struct Open311AttributeDef {
  bool variable = true;  // false: informational only
  std::string code;
  std::string datatype;  // string | number | datetime | text | singlevaluelist | multivaluelist
  bool required = false;
  std::string datatype_description;
  int order = 0;
  std::string description;
  std::string automated;  // "" | hidden_field | server_set
  struct Value {
    std::string key, name;
    std::string disable_message;  // choosing this value blocks the report (FixMyStreet)
  };
  std::vector<Value> values;
};

struct Open311Definition {
  std::string service_code;
  std::vector<Open311AttributeDef> attributes;
};

// A POST /requests as the client sent it (strings as received).
struct Open311NewRequest {
  std::string api_key;
  std::string service_code;
  std::string lat, lng;      // both or neither
  bool gcj02 = false;        // lat/long are GCJ-02 (the client said so); stored as WGS84
  std::string address_string;
  std::string address_id;    // a region code, e.g. XD.A.A3
  std::string email, device_id, account_id, first_name, last_name, phone, description, media_url;
  // attribute[code] = value; several values for multivaluelist.
  std::vector<std::pair<std::string, std::vector<std::string>>> attributes;
};

// The answer to a POST: an id (realtime clients) or a token (batch clients).
struct Open311Receipt {
  std::string service_request_id;  // or
  std::string token;
  std::string service_notice;
  std::string account_id;
};

// GET /requests filters, already parsed; empty = absent.
struct Open311Query {
  std::vector<std::string> ids;            // ticket numbers; override everything else
  std::vector<std::string> service_codes;  // categories (and their subtrees)
  std::vector<std::string> statuses;       // open, closed or an extended lower-case status
  TimeMs start = 0, end = 0;               // on requested_datetime
  TimeMs updated_after = 0, updated_before = 0;
  int page = 1;        // 1-based
  int page_size = 0;   // 0 = the default (50); at most 500
  bool paged = false;  // page or page_size was given (else the spec's 1000 cap applies)
  bool extensions = false;  // fill Open311Request::notes (one more read per request)
};

// One entry of a request's public timeline (extensions: notes[]; and the
// servicerequestupdates feed). Free text is masked.
struct Open311Note {
  int64_t update_id = 0;  // the event id
  std::string service_request_id;
  TimeMs at = 0;
  std::string type;         // submitted | opened | activity | closed
  std::string status;       // FixMyStreet status after it: OPEN, IN_PROGRESS, FIXED...
  std::string summary;      // Chinese label of the event ("已答复")
  std::string description;  // public text (a reply) or the summary
};

// A request as GET shows it: no personal data.
struct Open311Request {
  std::string service_request_id;
  std::string status;           // open | closed
  std::string extended_status;  // lower-case FixMyStreet status (in_progress, fixed...)
  std::string detailed_status;  // our TicketStatus identifier
  std::string detailed_status_label;
  std::string status_notes;
  std::string service_code, service_name;
  std::string title, description;  // masked
  std::string agency_responsible;  // the owner unit's name
  std::string service_notice;
  TimeMs requested = 0, updated = 0, expected = 0;
  std::string address;     // masked, then region names most specific first
  std::string address_id;  // region code
  std::optional<double> lat, lng;  // WGS84
  std::string media_url;
  std::string channel;
  std::string duplicate_of;  // parent's number when merged
  std::vector<std::pair<std::string, std::string>> attributes;  // the client's attribute[*]
  std::vector<Open311Note> notes;
};

// A POST /servicerequestupdates (FixMyStreet).
struct Open311NewUpdate {
  std::string api_key;
  std::string update_id;  // the client's id for its update
  std::string service_request_id;
  std::string updated_datetime;
  std::string status;  // upper case, e.g. OPEN, REOPEN
  std::string description, email, phone, first_name, last_name, title, media_url, account_id;
};

struct Open311UpdateReceipt {
  std::string update_id;  // or
  std::string token;
  std::string account_id;
};

// An api_key as issued: the key is shown once, only its hash is stored.
struct IssuedApiKey {
  std::string name;
  std::string api_key;
  bool batch = false;
};
// Open data (公众监督): anonymised tickets. No name, phone, address or
// coordinates; free text masked by the text pipeline; place coarsened to the
// district (区/县); times to the CST day.
struct OpenDataQuery {
  TimeMs from = 0, to = 0;      // on creation; [from, to); 0 = the last 30 days / now
  std::string category_prefix;  // a category and its subtree
  int limit = 1000;             // 1..5000
  int offset = 0;
};

struct OpenDataRecord {
  std::string number;
  std::string kind, kind_label;
  std::string channel;
  std::string category_code, category_name;
  std::string region_code, region_name;  // district or above
  std::string created_day;               // "2026-11-29"
  std::string status, status_label;
  bool closed = false;
  std::string closed_day;  // when closed
  std::string unit_name;   // the owner unit
  std::string title, body;  // masked
  std::string satisfaction;  // the latest revisit's rating, if any
};

// Public statistics over tickets created in a period.
struct PublicStats {
  TimeMs from = 0, to = 0;
  int64_t total = 0, open = 0, closed = 0;
  int64_t due = 0, on_time = 0;       // closed with a deadline; of those, closed by it
  int64_t rated = 0, satisfied = 0;   // revisited with a rating; of those, 满意 or 基本满意
  double on_time_rate = 0, satisfaction_rate = 0;
  // (name, count), largest first.
  std::vector<std::pair<std::string, int64_t>> by_category;  // level-1 categories
  std::vector<std::pair<std::string, int64_t>> by_region;    // districts
  std::vector<std::pair<std::string, int64_t>> by_kind;
};

// A handling unit's public figures for a period (排行榜).
struct UnitRanking {
  std::string unit_code, unit_name;
  int64_t tickets = 0, closed = 0, due = 0, on_time = 0, rated = 0, satisfied = 0;
  double on_time_rate = 0, satisfaction_rate = 0;
  double score = 0;  // 50% on time + 50% satisfaction, in [0, 100]
};

}  // namespace lianxin::service
