// `lianxin serve`: open the data folder (filling it with the demo on request),
// then serve the HTTP API and web UI until SIGINT/SIGTERM.
#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <thread>

#include "cli/commands.h"
#include "cli/config.h"
#include "http/server.h"
#include "http/integration_sender.h"
#include "http/webhook_sender.h"
#include "service/insight_pass.h"  // issue 6
#include "service/notifier.h"

namespace lianxin::cli {
namespace {

http::HttpServer* g_server = nullptr;

void OnSignal(int) {
  if (g_server) g_server->Stop();
}

const std::vector<FlagSpec> kSpecs = {
    {"config", "TOML file whose keys set defaults for these flags"},
    {"data-dir", "data folder (holds lianxin.db)", false, "data"}, kStoreFlag,
    {"host", "address to listen on", false, "127.0.0.1"},
    {"port", "port to listen on (0 = any free port)", false, "8080"},
    {"threads", "HTTP worker threads", false, "16"},
    {"max-body-bytes", "largest request body accepted", false, "1048576"},
    {"web-dir", "static web files to serve at / (default: <home>/web/dist)"},
    {"demo", "fill an empty data folder with the demo province and historical tickets", true},
    {"no-history", "with --demo: skip the historical tickets", true},
    {"model", "dispatch model file (default: <data-dir>/dispatch.model; trained there with --demo)"},
    {"no-model", "run without the dispatch model: every ticket waits for a dispatcher", true},
    {"sla-scan-seconds", "how often the SLA scheduler sends reminders and escalations (0 = off)",
     false, "60"},
    // ---- notifications outbox (issue 4, part A) ----
    {"webhook-url", "deliver notifications by POSTing JSON here (http[s]://host:port/path); "
                    "default: write them to the log"},
    // ---- https webhooks (issue 8 item 2) ----
    {"webhook-ca-file", "PEM CA certificates that https webhook receivers (--webhook-url, units' "
                        "systems) are verified against; default: the system CA bundle"},
    {"notify-seconds", "how often notifications are collected and delivered (0 = off)", false,
     "10"},
    // ---- evaluation (issue 4, part B) ----
    {"rollup-seconds", "how often new events are folded into the evaluation rollups (0 = off)",
     false, "2"},
    {"evaluation-rules", "参评 rules file (default: <home>/data/evaluation/rules.csv)"},
    // ---- end evaluation ----
    // ---- proactive governance (issue 6) ----
    {"insight-seconds", "how often new tickets are clustered into hot topics and alerts raised "
                        "(0 = off)", false, "30"},
    // issue 8: anonymous routes (public portal, Open311, open data), per client IP.
    {"anon-rate-limit", "requests per minute per IP on anonymous routes (0 = off; e.g. 120)", false, "0"},
    {"anon-burst", "burst allowed per IP on anonymous routes", false, "60"},
};

// Runs `pass` on its own thread at start and then every `period_seconds` until
// destroyed (the destructor waits for a running pass). A period of 0 never
// runs it. Not copyable; start and stop from one thread.
class PeriodicTask {
 public:
  PeriodicTask(int period_seconds, std::function<void()> pass)
      : period_(period_seconds), pass_(std::move(pass)) {
    if (period_ > 0) thread_ = std::thread([this] { Loop(); });
  }
  ~PeriodicTask() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Runs the next pass now instead of at the end of the period (e.g. when this
  // node just became the leader). Thread-safe.
  void Kick() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      kicked_ = true;
    }
    cv_.notify_all();
  }

 private:
  void Loop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      kicked_ = false;
      lock.unlock();
      pass_();
      lock.lock();
      cv_.wait_for(lock, std::chrono::seconds(period_), [this] { return stop_ || kicked_; });
    }
  }

  int period_;
  std::function<void()> pass_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool kicked_ = false;
  std::thread thread_;
};

// ---- several nodes (issue 9) ----
// Whether this node runs the background passes: it holds the store's lease
// "background" (PostgreSQL: an advisory lock, so one node of many; SQLite:
// always). Check() runs every second: a node that is not the leader takes the
// lease over within about a second of the leader's death, and `on_gain` then
// starts the passes at once. Check() from one thread; leading() from any.
class Leadership {
 public:
  Leadership(store::Store& store, std::function<void()> on_gain)
      : store_(store), on_gain_(std::move(on_gain)) {}

  void Check() {
    auto lead = store_.TryLead(kLease);
    if (!lead.ok()) {
      spdlog::warn("event=lease_check_failed lease={} error=\"{}\"", kLease,
                   lead.status().ToString());
    }
    bool now = lead.ok() && *lead;
    bool was = leading_.exchange(now);
    if (now && !was) {
      spdlog::info("event=lease_taken lease={} effect=\"this node runs the background passes\"",
                   kLease);
      if (on_gain_) on_gain_();
    } else if (!now && was) {
      spdlog::warn("event=lease_lost lease={}", kLease);
    }
  }
  bool leading() const { return leading_.load(); }

 private:
  static constexpr const char* kLease = "background";
  store::Store& store_;
  std::function<void()> on_gain_;
  std::atomic<bool> leading_{false};
};
// ---- end several nodes ----

// One notifier pass: new events into the outbox, then what is due sent
// (service/notifier.h).
void NotifyPass(service::Notifier& notifier) {
  auto pass = notifier.RunOnce();
  if (!pass.ok()) {
    spdlog::error("event=notify_failed error=\"{}\"", pass.status().ToString());
  } else if (pass->sent + pass->retried + pass->failed > 0) {
    spdlog::info("event=notify enqueued={} sent={} retried={} failed={}", pass->enqueued,
                 pass->sent, pass->retried, pass->failed);
  }
}

// One rollup pass (issue 4, part B): new ticket events folded into the
// evaluation rollups in bounded batches, in their own transactions.
void RollupPass(service::Service& svc) {
  auto n = svc.UpdateRollups();
  if (!n.ok()) {
    spdlog::warn("event=rollup_update_failed error=\"{}\"", n.status().ToString());
  } else if (*n > 0) {
    spdlog::debug("event=rollup_update events={}", *n);
  }
}

// The SLA scheduler's pass, drained (a scan handles at most 1000 tickets), and
// a check of the dispatch model file, reloaded without a restart when it
// changes (e.g. after `lianxin dispatch retrain`).
class SlaPass {
 public:
  SlaPass(service::Service& svc, std::string model_path)
      : svc_(svc), model_path_(std::move(model_path)), model_time_(ModelTime()) {}

  void operator()() {
    for (;;) {
      auto fired = svc_.RunSlaScan(1000);
      if (!fired.ok()) {
        spdlog::error("event=sla_scan_failed error=\"{}\"", fired.status().ToString());
        break;
      }
      if (*fired > 0) spdlog::info("event=sla_scan alarms={}", *fired);
      if (*fired < 1000) break;
    }
    ReloadModelIfChanged();
  }

 private:
  std::filesystem::file_time_type ModelTime() const {
    std::error_code ec;
    if (model_path_.empty()) return {};
    auto t = std::filesystem::last_write_time(model_path_, ec);
    return ec ? std::filesystem::file_time_type{} : t;
  }

  void ReloadModelIfChanged() {
    auto t = ModelTime();
    if (model_path_.empty() || t == model_time_ || t == std::filesystem::file_time_type{}) return;
    auto clf = LoadOrTrainModel(model_path_, false);
    if (!clf.ok()) {
      spdlog::error("event=model_reload_failed error=\"{}\"", clf.status().ToString());
      return;  // keep the model in use
    }
    svc_.SetClassifier(*clf);
    model_time_ = t;
    spdlog::info("event=model_reloaded path={}", model_path_);
  }

  service::Service& svc_;
  std::string model_path_;
  std::filesystem::file_time_type model_time_;
};

// ---- proactive governance (issue 6) ----
// One insight pass: new tickets into hot topics, risky-word alerts, repeats; count
// alerts for the completed days not yet checked (service/insight_pass.h).
void InsightPassOnce(service::InsightPass& pass) {
  auto r = pass.RunOnce();
  if (!r.ok()) {
    spdlog::warn("event=insight_pass_failed error=\"{}\"", r.status().ToString());
  } else if (r->tickets + r->alerts > 0 || r->restarted) {
    spdlog::info("event=insight_pass tickets={} topics={} alerts={} repeats={} restarted={}",
                 r->tickets, r->topics, r->alerts, r->repeats, r->restarted);
  }
}
// ---- end proactive governance (issue 6) ----

}  // namespace

int RunServe(const Args& args) {
  auto flags = Flags::Parse(args, kSpecs);
  if (!flags.ok()) return Fail(flags.status());
  if (flags->help()) {
    Flags::PrintHelp(std::cout, "lianxin serve [flags]", kSpecs);
    return 0;
  }
  Status st = ApplyConfigFile(flags->Get("config"), *flags);
  if (!st.ok()) return Fail(st);
  spdlog::set_pattern("ts=%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");

  auto app = OpenApp(flags->Get("data-dir"), flags->Get("store"));
  if (!app.ok()) return Fail(app.status());
  if (flags->Bool("demo")) {
    auto regions = (*app)->store->ListRegions();
    if (!regions.ok()) return Fail(regions.status());
    if (regions->empty()) {
      st = LoadDemo(**app, !flags->Bool("no-history"));
      if (!st.ok()) return Fail(st);
    } else {
      spdlog::info("event=demo_skipped reason=\"data folder not empty\"");
    }
  }
  std::string model;
  if (!flags->Bool("no-model")) {
    model = flags->Has("model") ? flags->Get("model") : flags->Get("data-dir") + "/dispatch.model";
    auto clf = LoadOrTrainModel(model, flags->Bool("demo"));
    if (clf.ok()) {
      (*app)->service->SetClassifier(*clf);
      spdlog::info("event=model_loaded path={}", model);
    } else {
      spdlog::warn("event=no_model error=\"{}\" effect=\"every ticket waits for a dispatcher\"",
                   clf.status().ToString());
    }
  }
  // ---- knowledge base (issue 5): the AI seat's searcher over the published entries ----
  if (auto segmenter = SharedSegmenter(); segmenter.ok()) {
    st = (*app)->service->LoadKnowledgeBase(*segmenter);
    if (st.ok()) {
      spdlog::info("event=kb_loaded");
    } else {
      spdlog::warn("event=kb_not_loaded error=\"{}\" effect=\"built on the first question\"", st.ToString());
    }
  }
  // ---- end knowledge base ----
  st = UseEvaluationRules(*(*app)->service, flags->Get("evaluation-rules"));  // issue 4, part B
  if (!st.ok()) return Fail(st);
  http::ServerOptions options;
  options.host = flags->Get("host");
  int sla_period = 60, notify_period = 10, rollup_period = 2, insight_period = 30;
  try {
    sla_period = std::stoi(flags->Get("sla-scan-seconds"));
    notify_period = std::stoi(flags->Get("notify-seconds"));
    rollup_period = std::stoi(flags->Get("rollup-seconds"));
    insight_period = std::stoi(flags->Get("insight-seconds"));  // issue 6
    options.port = std::stoi(flags->Get("port"));
    options.threads = std::stoi(flags->Get("threads"));
    options.max_body_bytes = std::stoul(flags->Get("max-body-bytes"));
    options.anon_rate_limit.per_minute = std::stod(flags->Get("anon-rate-limit"));
    options.anon_rate_limit.burst = std::stod(flags->Get("anon-burst"));
  } catch (const std::exception&) {
    return Fail(Status::InvalidArgument(
        "--port, --threads, --max-body-bytes, --sla-scan-seconds, --notify-seconds, "
        "--rollup-seconds, --insight-seconds, --anon-rate-limit and --anon-burst take numbers"));
  }
  if (options.anon_rate_limit.per_minute < 0 || options.anon_rate_limit.burst < 1) {
    return Fail(Status::InvalidArgument("--anon-rate-limit must be >= 0 and --anon-burst >= 1"));
  }
  options.web_dir = flags->Get("web-dir");
  if (options.web_dir.empty()) options.web_dir = ProjectHome() + "/web/dist";
  if (!std::filesystem::exists(options.web_dir + "/index.html")) {
    spdlog::warn("event=no_web_ui dir={} hint=\"scripts/setup builds it\"", options.web_dir);
  }
  // ---- https webhooks (issue 8 item 2) ----
  const std::string ca_file = flags->Get("webhook-ca-file");
  if (!ca_file.empty() && !std::ifstream(ca_file).good()) {
    return Fail(Status::InvalidArgument("--webhook-ca-file cannot be read: " + ca_file));
  }
  std::unique_ptr<service::Sender> sender;
  if (std::string url = flags->Get("webhook-url"); !url.empty()) {
    auto webhook = http::WebhookSender::Create(url, 10, ca_file);
    if (!webhook.ok()) return Fail(webhook.status());
    sender = std::move(webhook).value();
  } else {
    sender = std::make_unique<service::LogSender>();
  }
  http::HttpServer server(*(*app)->service, options);
  auto port = server.Bind();
  if (!port.ok()) return Fail(port.status());
  g_server = &server;
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  auto stats = (*app)->service->Stats();
  spdlog::info("event=listening url=http://{}:{}/ tickets={} data_dir={}", options.host, *port,
               stats.ok() ? stats->tickets : -1, flags->Get("data-dir"));
  std::cout << "lianxin serving on http://" << options.host << ":" << *port << "/" << std::endl;
  service::Service& svc = *(*app)->service;
  // Messages to a unit's own system go out signed (issue 8 item 2), the rest as before.
  http::IntegrationSender integration_sender(svc, *sender, svc.clock(), 10000, ca_file);
  service::Notifier notifier(svc, integration_sender);
  // issue 6: the insight pass needs the jieba segmenter (loaded once, shared).
  std::unique_ptr<service::InsightPass> insight;
  if (insight_period > 0) {
    auto segmenter = SharedSegmenter();
    if (!segmenter.ok()) return Fail(segmenter.status());
    insight = std::make_unique<service::InsightPass>(svc, **segmenter);
  }
  // Several nodes (issue 9): the passes run only on the node holding the lease.
  std::vector<PeriodicTask*> passes;
  Leadership leadership(*(*app)->store, [&passes] {
    for (PeriodicTask* t : passes) t->Kick();
  });
  leadership.Check();
  auto led = [&leadership](std::function<void()> pass) {
    return [&leadership, pass = std::move(pass)] {
      if (leadership.leading()) pass();
    };
  };
  PeriodicTask sla_task(sla_period, led(SlaPass(svc, model)));
  PeriodicTask notify_task(notify_period, led([&notifier] { NotifyPass(notifier); }));
  PeriodicTask rollup_task(rollup_period, led([&svc] { RollupPass(svc); }));
  PeriodicTask insight_task(insight_period, led([&insight] { InsightPassOnce(*insight); }));
  passes = {&sla_task, &notify_task, &rollup_task, &insight_task};
  PeriodicTask lease_task(1, [&leadership] { leadership.Check(); });
  server.Listen();
  g_server = nullptr;
  spdlog::info("event=stopped");
  return 0;
}

}  // namespace lianxin::cli
