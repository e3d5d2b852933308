#include "cli/flags.h"

#include <gtest/gtest.h>

#include <sstream>

namespace lianxin::cli {
namespace {

const std::vector<FlagSpec> kSpecs = {
    {"port", "port to listen on", false, "8080"},
    {"demo", "load the demo", true},
    {"data-dir", "data folder"},
};

TEST(Flags, ParsesFormsAndFallbacks) {
  auto f = Flags::Parse({"--port", "9000", "--demo", "--data-dir=/tmp/x", "extra"}, kSpecs);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->Get("port"), "9000");
  EXPECT_TRUE(f->Bool("demo"));
  EXPECT_EQ(f->Get("data-dir"), "/tmp/x");
  EXPECT_EQ(f->positional(), std::vector<std::string>{"extra"});
  auto d = Flags::Parse({}, kSpecs);
  EXPECT_EQ(d->Get("port"), "8080");
  EXPECT_FALSE(d->Bool("demo"));
  d->SetDefault("port", "7000");
  EXPECT_EQ(d->Get("port"), "7000");
  f->SetDefault("port", "7000");  // the command line wins over config
  EXPECT_EQ(f->Get("port"), "9000");
}

TEST(Flags, RejectsUnknownAndMissingValues) {
  EXPECT_EQ(Flags::Parse({"--nope"}, kSpecs).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Flags::Parse({"--port"}, kSpecs).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Flags::Parse({"-h"}, kSpecs)->help());
  std::ostringstream out;
  Flags::PrintHelp(out, "lianxin serve", kSpecs);
  EXPECT_NE(out.str().find("--port VALUE"), std::string::npos);
  EXPECT_NE(out.str().find("(default: 8080)"), std::string::npos);
  // A name too long for the column still leaves a gap before its help.
  const std::vector<FlagSpec> long_one = {{"sla-scan-seconds-long", "how often", false, "60"}};
  std::ostringstream wide;
  Flags::PrintHelp(wide, "lianxin serve", long_one);
  EXPECT_NE(wide.str().find("--sla-scan-seconds-long VALUE  how often"), std::string::npos);
}

}  // namespace
}  // namespace lianxin::cli
