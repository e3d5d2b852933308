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
int RunOpen311Key(const Args& args);  // open311_key.cc (issue 8)

// An opened data folder: the store and the service over it.
struct App {
  SystemClock clock;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<service::Service> service;
};

// Opens (creating) `data_dir`/lianxin.db with migrations applied.
Result<std::unique_ptr<App>> OpenApp(const std::string& data_dir);
// The folder holding the project's data (data/demo ...): $LIANXIN_HOME, else the
// parent of the executable's folder, else the working directory.
std::string ProjectHome();
// The teddy2020 data folder: $LIANXIN_SHARED_DIR/data/teddy2020, else
// <ProjectHome>/../shared/data/teddy2020.
std::string SharedTeddyDir();
// Loads the demo province and, when `with_history`, the teddy2020 messages into
// an app whose store is still empty. Prints progress to stderr.
Status LoadDemo(App& app, bool with_history);
// Reads every teddy2020 JSONL file in `dir` as historical messages.
Result<std::vector<service::HistoricalMessage>> ReadTeddy(const std::string& dir);
// Loads the dispatch model at `path`; when missing and `train_if_missing`,
// trains it on the shared labelled messages and saves it there first (~10 s).
Result<std::shared_ptr<const dispatch::Classifier>> LoadOrTrainModel(const std::string& path,
                                                                     bool train_if_missing);
// Prints an error in one line to stderr and returns exit code 1 (2 for usage).
int Fail(const Status& status);

}  // namespace lianxin::cli
