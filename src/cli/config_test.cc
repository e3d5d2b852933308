#include "cli/config.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testutil/testutil.h"

namespace lianxin::cli {
namespace {

TEST(Config, FileSetsDefaultsAndFlagsWin) {
  testutil::TempDir dir;
  std::ofstream(dir.File("c.toml")) << "port = 9090\nhost = \"0.0.0.0\"\ndata_dir = \"/srv/lx\"\n";
  std::vector<FlagSpec> specs = {{"port", "", false, "8080"}, {"host", ""}, {"data-dir", ""}};
  auto flags = Flags::Parse({"--host", "127.0.0.1"}, specs);
  ASSERT_TRUE(ApplyConfigFile(dir.File("c.toml"), *flags).ok());
  EXPECT_EQ(flags->Get("port"), "9090");
  EXPECT_EQ(flags->Get("host"), "127.0.0.1");
  EXPECT_EQ(flags->Get("data-dir"), "/srv/lx");
  std::ofstream(dir.File("bad.toml")) << "port = = 1\n";
  auto st = ApplyConfigFile(dir.File("bad.toml"), *flags);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("line 1"), std::string::npos);
}

}  // namespace
}  // namespace lianxin::cli
