// Knowledge-base entries in and out of files, and the rules every entry version
// must follow. Pure functions; thread-safe; nothing throws.
//
// CSV (data/kb/*.csv): a header line naming the columns, in any order, from
//   questions,answer,source,source_url,owner_unit,valid_from,valid_to,regions,tags
// (questions and answer required). Several questions are separated by '|',
// regions and tags by ';'. JSONL: one object per line with the same keys;
// questions, regions and tags as arrays of strings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/kb_entry.h"
#include "core/status.h"

namespace lianxin::kb {

// kInvalidArgument with a zh-CN message when `entry` has no question or no
// answer, a question over 200 or an answer over 5000 characters, a question
// holding a newline, a date not YYYY-MM-DD, valid_from after valid_to, or a
// region or tag holding ',' or ';'.
Status ValidateEntry(const KbEntry& entry);

// Parses a CSV text (see above) into draft entries (id 0). Every row is
// validated; the first bad row fails the whole file ("<source>:<line>: ...").
Result<std::vector<KbEntry>> ParseEntriesCsv(std::string_view text, std::string_view source);
// The same for JSONL.
Result<std::vector<KbEntry>> ParseEntriesJsonl(std::string_view text, std::string_view source);

// "draft" / "published" / "retired", and back (nullopt-like: false on unknown).
std::string_view ToString(KbEntryStatus status);
bool ParseEntryStatus(std::string_view name, KbEntryStatus& out);

}  // namespace lianxin::kb
