#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace lianxin::cli {

ProgressBar::ProgressBar(std::string label, size_t total)
    : label_(std::move(label)), total_(total), tty_(isatty(STDERR_FILENO) != 0) {}

void ProgressBar::Update(size_t done) {
  int percent = total_ ? static_cast<int>(done * 100 / total_) : 100;
  if (percent == last_percent_) return;
  if (!tty_ && percent / 25 == last_percent_ / 25 && percent != 100) return;
  last_percent_ = percent;
  int filled = percent / 5;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(20, '.');
  std::fprintf(stderr, "%s%s [%s] %3d%% (%zu/%zu)%s", tty_ ? "\r" : "", label_.c_str(), bar.c_str(),
               percent, done, total_, tty_ ? "" : "\n");
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (tty_) std::fprintf(stderr, "\n");
}

}  // namespace lianxin::cli
