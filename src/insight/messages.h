// Reading the inputs of the insight command line and benchmarks: messages as JSON
// lines and a region tree as CSV. Pure functions over files; thread-safe; block on I/O.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/directory.h"
#include "core/status.h"
#include "insight/hotspots.h"

namespace lianxin::insight {

// Reads one message per line: `id` (integer or numeric string), `title`, `body`,
// `time` ("YYYY-MM-DD HH:MM:SS" CST or ISO-8601), optional `likes`, `user`, `urgent`
// (bool), `unit`. Blank lines are skipped. kNotFound when the file cannot be opened;
// kInvalidArgument "<file>:<line>: ..." (zh-CN) for a malformed line, with nothing read.
Result<std::vector<HotspotInput>> ReadMessagesJsonl(const std::string& path);

// Reads a region list with the columns code,name,parent,level (data/demo/regions.csv).
// kNotFound when missing; kInvalidArgument for a malformed row.
Result<std::vector<Region>> ReadRegionsCsv(const std::string& path);

// The region names as segmenter user words (text::SegmenterOptions::user_words), so
// "A2区丽发新城" cuts as "a2区 / 丽发 / 新城" and not "a2 / 区丽发 / 新城".
std::vector<std::string> RegionUserWords(const std::vector<Region>& regions);

// What the insight CLIs read: the messages of `data` (required) and, when
// `regions_csv` is not empty, the region list. On failure writes
// "lianxin insight <command>: …" (with `usage` when --data is missing) to `err`
// and returns the exit status (2 for bad input, 1 otherwise); 0 when read.
struct CliInputs {
  std::vector<HotspotInput> messages;
  std::vector<Region> regions;
};
int ReadCliInputs(const std::string& command, const std::string& data,
                  const std::string& regions_csv, const char* usage, std::ostream& err,
                  CliInputs& out);

}  // namespace lianxin::insight
