// The subcommands of the `lianxin` executable, one function per file, and the
// shared set-up they use. Each returns the process exit code.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/flags.h"
#include "core/status.h"
#include "service/importer.h"
#include "service/service.h"

namespace lianxin::dispatch {
class Classifier;
}
namespace lianxin::text {
class Segmenter;
}

namespace lianxin::cli {

using Args = std::vector<std::string>;

int RunServe(const Args& args);     // serve.cc
int RunInit(const Args& args);      // init.cc
int RunImport(const Args& args);    // import.cc
int RunExport(const Args& args);    // export.cc
int RunUser(const Args& args);      // user.cc
int RunMigrate(const Args& args);   // init.cc
int RunVersion(const Args& args);   // main.cc
int RunDispatch(const Args& args);  // dispatch.cc
int RunSla(const Args& args);       // sla.cc (issue 4, part A)
// ---- evaluation (issue 4, part B) ----
int RunEvaluation(const Args& args);  // evaluation.cc
int RunSimulate(const Args& args);    // simulate.cc
int RunReplyQuality(const Args& args);  // reply_quality.cc
// ---- end evaluation ----
int RunInsight(const Args& args);   // insight.cc (issue 6)
int RunKb(const Args& args);        // kb.cc (knowledge base, issue 5)
int RunReport(const Args& args);    // report.cc (decision reports, issue 6)
int RunOpen311Key(const Args& args);  // open311_key.cc (issue 8)
int RunMigrateStore(const Args& args);  // migrate_store.cc (issue 9)

// An opened data folder: the store and the service over it.
struct App {
  SystemClock clock;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<service::Service> service;
};

// The process's one jieba segmenter, loaded on first use (~0.3 s); shared by
// the store's search terms and the dispatch model.
Result<std::shared_ptr<const text::Segmenter>> SharedSegmenter();
// Opens (creating) `data_dir`/lianxin.db with migrations applied; the full-text
// index uses text::SearchTerms with SharedSegmenter(). A non-empty `store`
// (issue 9: "postgres://…", or a SQLite file) is opened instead of that file;
// `data_dir` still holds the model and other files.
Result<std::unique_ptr<App>> OpenApp(const std::string& data_dir, const std::string& store = "");
// ---- PostgreSQL store (issue 9) ----
// The --store flag every subcommand that opens the data takes (TOML: store = "…").
inline constexpr FlagSpec kStoreFlag = {
    "store", "where the data lives: postgres://user@host:port/db (several nodes share one) or a "
             "SQLite file (default: <data-dir>/lianxin.db)"};
// Options for the store's full-text index: text::SearchTerms with SharedSegmenter().
Result<store::StoreOptions> AppStoreOptions();
// The folder holding the project's data (data/demo ...): $LIANXIN_HOME, else the
// parent of the executable's folder, else the working directory.
std::string ProjectHome();
// The teddy2020 data folder: $LIANXIN_SHARED_DIR/data/teddy2020, else
// <ProjectHome>/../shared/data/teddy2020.
std::string SharedTeddyDir();
// Loads the demo province and, when `with_history`, the teddy2020 messages into
// an app whose store is still empty. Prints progress to stderr.
Status LoadDemo(App& app, bool with_history);
// Loads the demo knowledge base (issue 5): data/kb/common.csv and, when
// `with_history`, one entry per official reply of the teddy2020 data (its request's
// title the question, owned by the unit the reply names, else the hotline centre).
Status LoadDemoKnowledgeBase(App& app, bool with_history);
// Reads every teddy2020 JSONL file in `dir` as historical messages.
Result<std::vector<service::HistoricalMessage>> ReadTeddy(const std::string& dir);
// Loads the dispatch model at `path`; when missing and `train_if_missing`,
// trains it on the shared labelled messages and saves it there first (~10 s).
Result<std::shared_ptr<const dispatch::Classifier>> LoadOrTrainModel(const std::string& path,
                                                                     bool train_if_missing);
// ---- evaluation (issue 4, part B) ----
// Loads the 参评 rules at `path` (empty: <home>/data/evaluation/rules.csv, and the
// built-in defaults when that file is absent) into `svc`.
Status UseEvaluationRules(service::Service& svc, const std::string& path);
// Reads one teddy2020 JSONL file; HistoricalMessage::number is the row's "id".
Result<std::vector<service::HistoricalMessage>> ReadTeddyFile(const std::string& path);
// ---- end evaluation ----
// Prints an error in one line to stderr and returns exit code 1 (2 for usage).
int Fail(const Status& status);

}  // namespace lianxin::cli
