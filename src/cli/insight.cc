// `lianxin insight`: proactive governance (未诉先办) from the command line:
// `hotspots` clusters a JSONL file of messages into hot topics (insight/hotspots_cli.h);
// `alerts` prints early warnings over one (insight/alerts_cli.h).
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "insight/alerts_cli.h"
#include "insight/hotspots_cli.h"

namespace lianxin::cli {

namespace {

constexpr const char* kInsightUsage =
    "usage: lianxin insight COMMAND [flags]\n\n"
    "commands:\n"
    "  hotspots  cluster the messages of a JSONL file into hot topics (热点)\n"
    "  alerts    early warnings (预警) over a JSONL file: count alerts per district, risky words\n\n"
    "Run `lianxin insight COMMAND --help` for a command's flags.\n";

}  // namespace

int RunInsight(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << kInsightUsage;
    return args.empty() ? 2 : 0;
  }
  Args rest(args.begin() + 1, args.end());
  if (args[0] == "hotspots" || args[0] == "alerts") {
    bool has_regions = false;
    for (const std::string& a : rest) has_regions |= a == "--regions";
    std::string demo = ProjectHome() + "/data/demo/regions.csv";
    if (!has_regions && std::filesystem::exists(demo)) {
      rest.push_back("--regions");
      rest.push_back(demo);
    }
    return args[0] == "hotspots" ? insight::RunHotspotsCli(rest, std::cout, std::cerr)
                                 : insight::RunAlertsCli(rest, std::cout, std::cerr);
  }
  std::cerr << "lianxin insight: unknown command '" << args[0] << "'\n\n" << kInsightUsage;
  return 2;
}

}  // namespace lianxin::cli
