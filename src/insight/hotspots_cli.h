// Command-line entry of hot-topic clustering, called by the `lianxin` executable as
// `lianxin insight hotspots ...` (and by bench/hotspots):
//
//   hotspots --data FILE.jsonl [--json] [--top N] [--regions regions.csv]
//            [--set key=value ...] [--threads N] [--dict DIR] [--char-segmenter]
//
// Clusters the messages of FILE (fields id, title, body, time, optional likes, user;
// see messages.h) in batch and prints the hot topics, hottest first: with --json ONE
// JSON array of objects {title, heat, ids, size, first_time, last_time, places,
// keywords, people, likes, growth}; otherwise one block per topic. --top 0 prints every
// topic of two tickets or more (messages in none are singletons). --set changes a
// HotspotOptions field (join_threshold, window_days, ...; see HotspotOptions::ToString).
//
// Blocks for the whole command; prints only to the given streams.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "insight/hotspots.h"

namespace lianxin::insight {

// `args` are the words after "hotspots". Returns the process exit code: 0 on
// success, 2 for a usage error, 1 for any other failure (one line on `err`).
int RunHotspotsCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Applies one "key=value" to `options`; false for an unknown key or a bad value.
bool SetHotspotOption(const std::string& assignment, HotspotOptions& options);

}  // namespace lianxin::insight
