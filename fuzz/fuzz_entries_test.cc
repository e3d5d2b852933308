// Replays every seed and every kept crashing input (fuzz/corpus/<target>/,
// fuzz/crashes/<target>/) through the fuzz entries in the normal build, so a fixed
// crash stays fixed without clang. Runs from the source root (ctest's working dir).
#include "fuzz/fuzz_entries.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "dispatch/model_file.h"

namespace lianxin::fuzz {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> FilesUnder(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::exists(dir)) return files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(FuzzEntries, EveryTargetHasASeedCorpus) {
  for (const Target& t : Targets()) {
    EXPECT_GE(FilesUnder(fs::path("fuzz/corpus") / t.name).size(), 3u) << t.name;
  }
}

TEST(FuzzEntries, CorpusAndCrashesReplayCleanly) {
  size_t replayed = 0;
  for (const Target& t : Targets()) {
    for (const char* kind : {"corpus", "crashes"}) {
      for (const fs::path& file : FilesUnder(fs::path("fuzz") / kind / t.name)) {
        EXPECT_EQ(t.entry(ReadAll(file)), "") << file;
        ++replayed;
      }
    }
  }
  EXPECT_GT(replayed, 0u);
}

// The model seed is a real model file, so the fuzzer starts past the checksum check.
TEST(FuzzEntries, ModelSeedIsAModelTheParserAccepts) {
  std::string bytes = ReadAll("fuzz/corpus/model_file/tiny_model.lxdm");
  ASSERT_FALSE(bytes.empty());
  auto model = dispatch::ParseModel(bytes);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_GE((*model)->num_classes(), 2u);
  EXPECT_GE((*model)->num_features(), 1u);
}

// The entries do detect broken contracts: hand-made inputs with known outcomes.
TEST(FuzzEntries, AcceptsGoodAndRejectsBadInputsWithoutViolations) {
  EXPECT_EQ(FuzzJsonCodec(R"({"title":"路灯不亮","kind":"complaint"})"), "");
  EXPECT_EQ(FuzzJsonCodec("{\"title\":\"\xff\"}"), "");
  EXPECT_EQ(FuzzModelFile("LXDM garbage"), "");
  EXPECT_EQ(FuzzCsv("a,\"b\nc"), "");
  EXPECT_EQ(FuzzText("我的电话13812345678，住A市A3区3栋2单元502室"), "");
}

}  // namespace
}  // namespace lianxin::fuzz
