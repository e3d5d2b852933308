#include "testutil/testutil.h"

#include <cstdlib>
#include <filesystem>
#include <random>

namespace lianxin::testutil {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  for (;;) {
    fs::path p = fs::temp_directory_path() / ("lianxin-test-" + std::to_string(rd()));
    if (fs::create_directory(p)) {
      path_ = p.string();
      return;
    }
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string RepoRoot() {
  fs::path p = fs::current_path();
  while (!p.empty() && p != p.root_path()) {
    if (fs::exists(p / "src" / "core" / "status.h")) return p.string();
    p = p.parent_path();
  }
  return fs::current_path().string();
}

std::string SharedDataDir() {
  if (const char* env = std::getenv("LIANXIN_SHARED_DIR")) {
    return std::string(env) + "/data/teddy2020";
  }
  fs::path p = fs::path(RepoRoot()).parent_path() / "shared" / "data" / "teddy2020";
  return fs::exists(p) ? p.string() : "";
}

}  // namespace lianxin::testutil
