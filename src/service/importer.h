// Historical messages (e.g. the teddy2020 data) turned into archived tickets
// with their events. Thread-safe like Service.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "service/service.h"

namespace lianxin::service {

// One historical citizen message as read from a data file.
struct HistoricalMessage {
  std::string number;  // unique, stable across re-imports, e.g. "HIS-L000024"
  std::string user;    // the platform's pseudonymous user id
  std::string title;
  std::string body;
  TimeMs time = 0;             // 0 when unknown
  std::string category_name;   // level-1 label (一级标签) when known
  std::string reply;           // the official reply (答复意见) when known
  TimeMs reply_time = 0;
};

// Imports `messages` as tickets: received (channel import) → [reply → resolve]
// → archive; region located in the text (属地), category by label name, owner the
// region's government (属地兜底) when a reply exists. Re-runnable: numbers already
// stored are skipped. `progress(done, total)` is called after each batch.
// Returns how many tickets were inserted.
Result<int64_t> ImportHistorical(Service& service, const std::vector<HistoricalMessage>& messages,
                                 const std::function<void(size_t, size_t)>& progress = {});

}  // namespace lianxin::service
