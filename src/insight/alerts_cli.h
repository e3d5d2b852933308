// Command-line entry of early warnings, called as `lianxin insight alerts ...`:
//
//   alerts --data FILE.jsonl [--regions CSV] [--from YYYY-MM-DD] [--alpha A] [--json]
//
// Counts the messages of FILE (see messages.h) per CST day, in total and per district
// (Gazetteer::Locate over the region tree), checks every day from --from (default: the
// first day with 8 weeks of history) and prints each alert with its explanation — the
// series, expected and seen counts, the tail probability and up to 3 example ids — and
// an immediate alert for every message with risky words (alerts.h). With --json ONE
// JSON array of {kind: "count"|"risky_word", ...}.
//
// Blocks for the whole command; prints only to the given streams.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace lianxin::insight {

// `args` are the words after "alerts". Returns 0 on success, 2 for a usage error, 1
// for any other failure (one line on `err`).
int RunAlertsCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace lianxin::insight
