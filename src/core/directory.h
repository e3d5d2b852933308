// Reference data: regions (属地), handling units (承办单位), categories (分类),
// duty catalog rules (派单目录), users and roles. Plain value types, safe to share
// read-only between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace lianxin {

// Administrative level of a region.
enum class RegionLevel { kProvince, kCity, kDistrict, kStreet, kCommunity };
std::string_view ToString(RegionLevel v);
std::optional<RegionLevel> ParseRegionLevel(std::string_view s);

// 属地. Codes are hierarchical: a child's code starts with its parent's code and
// a dot ("XD" → "XD.A" → "XD.A.A3"), so a prefix selects a subtree.
struct Region {
  std::string code;
  std::string name;    // "A3区"
  std::string parent;  // empty for the root
  RegionLevel level = RegionLevel::kProvince;
};

// 承办单位. `code` is "<region code>/<unit type>", e.g. "XD.A/zjj" for A市住建局
// or "XD.A.A3/gov" for the A3区 government.
struct Unit {
  std::string code;
  std::string name;         // "A市住房和城乡建设局"
  std::string unit_type;    // "zjj", "gov", ... (see data/demo/unit_types.csv)
  std::string region_code;  // the region it serves
};

// 分类: one node of the three-level taxonomy. Codes are hierarchical too:
// "01" → "01.02" → "01.02.003".
struct Category {
  std::string code;
  std::string name;
  std::string parent;
  int level = 1;  // 1, 2 or 3
};

// 派单目录 rule: tickets of `category_code` (and its subtree) go to the unit of
// `unit_type` at `region_level` of the ticket's region.
struct DutyRule {
  std::string category_code;
  std::string unit_type;
  RegionLevel region_level = RegionLevel::kCity;
  std::string keywords;  // optional, space separated; refines the rule
};

// What a user may do. unit_handler is scoped to its unit.
enum class Role { kCallTaker, kDispatcher, kUnitHandler, kSupervisor, kAnalyst, kAdmin };
std::string_view ToString(Role v);
std::optional<Role> ParseRole(std::string_view s);
std::string_view LabelZh(Role v);

struct User {
  std::string username;
  std::string display_name;
  Role role = Role::kCallTaker;
  std::string unit_code;      // required for unit_handler; empty otherwise
  std::string password_hash;  // Argon2id string (libsodium crypto_pwhash_str format)
  bool active = true;
  TimeMs created_at = 0;
};

// A login session: the token itself is never stored, only its hash.
struct Session {
  std::string token_hash;
  std::string username;
  TimeMs created_at = 0;
  TimeMs expires_at = 0;
};

// One read of personal data in clear (the access log).
struct AccessRecord {
  TimeMs at = 0;
  std::string username;
  std::string role;
  int64_t ticket_id = 0;
  std::string fields;   // "citizen_name,citizen_phone"
  std::string purpose;  // "ticket.get", "ticket.list", "export"...
};

}  // namespace lianxin
