// A simulated year of the demo province (issue 4): millions of tickets with a
// realistic life — seasonality, weekday and hour profile, texts resampled from
// real messages, unit-dependent delays, returns, redispatches, extensions,
// overdue, revisits with satisfaction, reopens — written through the store's
// bulk import in large transactions. Every ticket's events go through
// workflow::Apply, so the projection is exactly what the live system would hold
// (next_alarm_at included: the scheduler sees the open tickets at the year's
// end). No classification and no segmentation per ticket: texts are resampled,
// and the store segments each distinct text once for its search index (the
// bulk path remembers recent texts). Deterministic for a seed. Thread-safe like
// Service (but meant to run alone).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "service/service.h"

namespace lianxin::service {

// One real message to resample texts from.
struct SampleText {
  std::string title;
  std::string body;
  std::string category_name;  // level-1 label (一级标签), matched against the taxonomy
};

struct SimulationOptions {
  int year = 2026;
  int64_t tickets = 3'000'000;
  uint64_t seed = 20261201;
  size_t batch = 20'000;          // tickets per import transaction
  size_t max_body_chars = 160;    // resampled bodies are cut here (keeps the file small)
  std::string number_prefix = "SIM";  // numbers SIM-<yyyymmdd>-<seq>: never clash with live ones
};

struct SimulationReport {
  int64_t tickets = 0;
  int64_t events = 0;
  int64_t dispatched = 0;
  int64_t returned = 0;
  int64_t redispatched = 0;
  int64_t extended = 0;
  int64_t revisited = 0;
  int64_t reopened = 0;
  int64_t open_at_year_end = 0;
};

// Generates `options.tickets` tickets created in `options.year` (CST) over the
// directory already loaded (regions, units, categories, duty catalog) and
// stores them with ImportTickets. The history is cut at the year's end: later
// events do not happen, so December leaves tickets open. kFailedPrecondition
// when the directory or `texts` is empty; store errors. `progress(done, total)`
// after each batch. Blocks for minutes on millions.
Result<SimulationReport> SimulateYear(Service& service, const std::vector<SampleText>& texts,
                                      const SimulationOptions& options,
                                      const std::function<void(int64_t, int64_t)>& progress = {});

}  // namespace lianxin::service
