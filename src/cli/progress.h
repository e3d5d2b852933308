// A one-line progress bar on stderr for long imports (plain lines when stderr is
// not a terminal). Not thread-safe.
#pragma once

#include <cstddef>
#include <string>

namespace lianxin::cli {

class ProgressBar {
 public:
  ProgressBar(std::string label, size_t total);
  // Shows `done` of total.
  void Update(size_t done);
  // Ends the line.
  void Finish();

 private:
  std::string label_;
  size_t total_;
  bool tty_;
  int last_percent_ = -1;
};

}  // namespace lianxin::cli
