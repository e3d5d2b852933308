// The one `lianxin` executable: a table of subcommands; main() only dispatches.
#include <cstring>
#include <iostream>

#include "cli/commands.h"

#ifndef LIANXIN_VERSION
#define LIANXIN_VERSION "0.0.0"
#endif

namespace lianxin::cli {

int RunVersion(const Args&) {
  std::cout << "lianxin " << LIANXIN_VERSION << "\n";
  return 0;
}

namespace {

struct Command {
  const char* name;
  const char* help;
  int (*run)(const Args&);
};

const Command kCommands[] = {
    {"serve", "run the HTTP API and web UI (--demo fills an empty data folder)", RunServe},
    {"init", "create a data folder, optionally with the demo province", RunInit},
    {"dispatch", "the dispatch agent's classifier: train, eval, cv, predict, retrain", RunDispatch},
    {"sla", "one pass of the SLA scheduler: send due reminders and escalations", RunSla},
    {"kb", "the knowledge base: import, search, ask (the AI seat), eval", RunKb},
    {"insight", "proactive governance: hot topics (热点) and early warnings (预警) from a JSONL file", RunInsight},
    {"report", "the weekly / monthly decision report of a region as HTML and PDF", RunReport},
    {"import", "import historical messages (the teddy2020 data) as tickets", RunImport},
    {"export", "export tickets as JSON lines", RunExport},
    {"user", "add or list users", RunUser},
    {"evaluation", "三率 and more from the rollups: rates, rank, unit, update, rebuild", RunEvaluation},
    {"simulate", "generate a simulated year of the demo province (3 million tickets)", RunSimulate},
    {"reply-quality", "score official replies (relevance, completeness, timeliness, explanation)",
     RunReplyQuality},
    {"open311-key", "issue or list the api keys of Open311 clients", RunOpen311Key},
    {"migrate", "apply schema migrations to a data folder", RunMigrate},
    // ---- PostgreSQL store (issue 9) ----
    {"migrate-store", "copy a SQLite data folder into an empty PostgreSQL database, verified",
     RunMigrateStore},
    {"version", "print the version", RunVersion},
};

void Usage(std::ostream& out) {
  out << "lianxin — 12345 政务服务便民热线平台\n\nusage: lianxin COMMAND [flags]\n\ncommands:\n";
  for (const Command& c : kCommands) {
    out << "  " << c.name << std::string(13 - std::strlen(c.name), ' ') << c.help << "\n";
  }
  out << "\nRun `lianxin COMMAND --help` for a command's flags.\n";
}

}  // namespace
}  // namespace lianxin::cli

int main(int argc, char** argv) {
  using namespace lianxin::cli;
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    Usage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 2 : 0;
  }
  Args args(argv + 2, argv + argc);
  for (const Command& c : kCommands) {
    if (c.name == std::string(argv[1])) return c.run(args);
  }
  std::cerr << "lianxin: unknown command '" << argv[1] << "'\n\n";
  Usage(std::cerr);
  return 2;
}
