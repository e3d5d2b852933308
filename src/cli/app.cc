#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "cli/commands.h"
#include "cli/progress.h"
#include "text/text.h"

namespace lianxin::cli {

namespace fs = std::filesystem;

int Fail(const Status& status) {
  std::cerr << "lianxin: " << status.ToString() << "\n";
  return status.code() == StatusCode::kInvalidArgument ? 2 : 1;
}

Result<std::shared_ptr<const text::Segmenter>> SharedSegmenter() {
  static std::mutex mu;
  static std::shared_ptr<const text::Segmenter> segmenter;
  std::lock_guard<std::mutex> lock(mu);
  if (!segmenter) {
    LX_ASSIGN_OR_RETURN(std::unique_ptr<text::Segmenter> seg, text::LoadJiebaSegmenter({}));
    segmenter = std::move(seg);
  }
  return segmenter;
}

Result<store::StoreOptions> AppStoreOptions() {
  LX_ASSIGN_OR_RETURN(std::shared_ptr<const text::Segmenter> segmenter, SharedSegmenter());
  store::StoreOptions options;
  options.search_terms = [segmenter](std::string_view text, bool for_query) {
    return text::SearchTerms(*segmenter, text, for_query);
  };
  // Bump the version when SearchTerms or the dictionaries change: the store
  // then rebuilds its index once.
  options.search_terms_name = "jieba-v1";
  return options;
}

Result<std::unique_ptr<App>> OpenApp(const std::string& data_dir, const std::string& store) {
  if (data_dir.empty()) return Status::InvalidArgument("--data-dir is required");
  std::error_code ec;
  fs::create_directories(data_dir, ec);
  if (ec) return Status::Unavailable("cannot create " + data_dir + ": " + ec.message());
  auto app = std::make_unique<App>();
  LX_ASSIGN_OR_RETURN(store::StoreOptions options, AppStoreOptions());
  LX_ASSIGN_OR_RETURN(app->store,
                      store::OpenStore(store.empty() ? data_dir + "/lianxin.db" : store, options));
  app->service = std::make_unique<service::Service>(*app->store, app->clock);
  std::string calendar = ProjectHome() + "/data/calendar";
  // Issue 7 item 7: the SLA lives in the store, seeded from these files on first start.
  LX_ASSIGN_OR_RETURN(std::vector<store::SlaRuleRow> stored_rules, app->store->ListSlaRules());
  if (!stored_rules.empty() || fs::exists(calendar + "/sla_policies.csv")) {
    LX_RETURN_IF_ERROR(app->service->LoadStoredSla(calendar));
  }
  return app;
}

std::string ProjectHome() {
  if (const char* env = std::getenv("LIANXIN_HOME")) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
      if (fs::exists(p / "data" / "demo" / "regions.csv")) return p.string();
    }
  }
  return fs::current_path().string();
}

std::string SharedTeddyDir() {
  if (const char* env = std::getenv("LIANXIN_SHARED_DIR")) {
    return std::string(env) + "/data/teddy2020";
  }
  return (fs::path(ProjectHome()).parent_path() / "shared" / "data" / "teddy2020").string();
}

Status LoadDemo(App& app, bool with_history) {
  std::string dir = ProjectHome() + "/data/demo";
  std::cerr << "loading the demo province from " << dir << "\n";
  LX_RETURN_IF_ERROR(service::LoadDemoProvince(*app.service, dir));
  LX_RETURN_IF_ERROR(LoadDemoKnowledgeBase(app, with_history));  // knowledge base (issue 5)
  if (!with_history) return Status::Ok();
  std::string teddy = SharedTeddyDir();
  if (!fs::exists(teddy)) {
    std::cerr << "no historical data at " << teddy << " (set LIANXIN_SHARED_DIR); skipped\n";
    return Status::Ok();
  }
  LX_ASSIGN_OR_RETURN(auto messages, ReadTeddy(teddy));
  ProgressBar bar("导入历史留言", messages.size());
  LX_ASSIGN_OR_RETURN(int64_t n, service::ImportHistorical(*app.service, messages,
                                                          [&](size_t done, size_t) { bar.Update(done); }));
  bar.Finish();
  std::cerr << "imported " << n << " historical tickets from " << teddy << "\n";
  return Status::Ok();
}

}  // namespace lianxin::cli
