// Shared test helpers: temporary directories and paths to the repo's data.
// Not thread-safe; one TempDir per test.
#pragma once

#include <string>

namespace lianxin::testutil {

// A fresh directory under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // path() + "/" + name
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Absolute path of the repository root (tests run with it as working directory).
std::string RepoRoot();
// Path of ../shared/data/teddy2020 next to the repository, or "" when absent.
std::string SharedDataDir();

}  // namespace lianxin::testutil
