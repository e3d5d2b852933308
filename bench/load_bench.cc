// Load and soak benchmark (issue 9 item 3): a 12345 hotline's mixed workload over
// HTTP against one or more running `lianxin serve` nodes, clients spread over them.
//
// Run it through bench/load, which builds it, starts the node(s) on fresh demo data
// and passes --url and --server-pid. Every client thread holds one keep-alive
// connection and repeatedly draws an operation by the weights of kOps (below, with
// where each proportion comes from), as the demo user whose job it is. Tickets move
// through the workflow: the call-taker records them; the dispatcher dispatches (or
// corrects) them to one of the two demo units that have handler accounts; the unit
// signs, replies and resolves; the supervisor runs the 回访. A ticket is taken out
// of its pool while an action on it is in flight, so clients never race on one
// ticket and a 409 is an error like any other non-2xx answer.
//
// Reports per operation: count, share, throughput, p50/p99 latency and errors;
// server CPU and RSS; checks that every acknowledged create is counted by the
// server (lianxin_tickets grew by exactly the 201s) and every tracking read of an
// acknowledged ticket found it. --soak runs --minutes M and adds one row per
// minute (throughput, p50/p99, errors, server RSS) and a drift summary.
// Exit status: 0 when there was no error and the checks held, 1 otherwise, 2 on
// setup errors.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_client.h"

#ifndef LIANXIN_REGIONS_CSV
#define LIANXIN_REGIONS_CSV "data/demo/regions.csv"
#endif

namespace {

using lianxin::bench::Clock;
using lianxin::bench::Percentile;
using lianxin::bench::Seconds;
using Json = nlohmann::json;

[[noreturn]] void Die(const std::string& msg) { lianxin::bench::Die("load_bench", msg); }

// ---------------------------------------------------------------------------
// The mix.

enum class Op {
  kIntakePhone,
  kIntakeWeb,
  kTrack,
  kOpen311Get,
  kOpenData,
  kDispatchQueue,
  kDispatch,
  kUnitList,
  kAccept,
  kReply,
  kResolve,
  kTicketDetail,
  kTicketEvents,
  kSupervision,
  kRevisit,
  kDashboard,
  kEvaluation,
  kSearch,
};
constexpr int kOpCount = static_cast<int>(Op::kSearch) + 1;

struct OpSpec {
  Op op;
  const char* name;
  const char* who;
  int weight;  // per ~1000 requests
};

// Proportions of a hotline's day, per ticket recorded (60 + 7 = 67 per 1000 requests):
//  - intake: ~90% by phone (Beijing 12345, 2020: 90% of 11 million requests), so the
//    call-taker records 60 and the public portal 7;
//  - every ticket is then dispatched or corrected once (67; in production the agent
//    routes ~88% itself, but only two demo units have accounts, so the dispatcher
//    steers the rest to them), and the unit signs, replies and resolves once each
//    (67 each); three in four get a 回访 (50);
//  - reads outnumber writes: citizens check their ticket about 1.5 times (100), plus
//    Open311 clients (20) and open-data visitors (15); staff refresh their work lists
//    (dispatch queue 40, unit list 60, supervision counts 40), open tickets (detail 80,
//    event log 30) and search past tickets while taking calls (60); leaders' dashboards
//    and the 三率 are refreshed less often (20, 10).
const OpSpec kOps[kOpCount] = {
    {Op::kIntakePhone, "intake (call-taker) POST /api/tickets", "huawu", 60},
    {Op::kIntakeWeb, "intake (portal) POST /api/public/tickets", "-", 7},
    {Op::kTrack, "track GET /api/public/tickets/{n}", "-", 100},
    {Op::kOpen311Get, "Open311 GET /open311/v2/requests/{n}.json", "-", 20},
    {Op::kOpenData, "open data GET /api/open-data/stats", "-", 15},
    {Op::kDispatchQueue, "dispatch queue GET /api/dispatch/queue", "paidan", 40},
    {Op::kDispatch, "dispatch/redispatch POST", "paidan", 67},
    {Op::kUnitList, "unit list GET /api/tickets", "unit", 60},
    {Op::kAccept, "accept POST", "unit", 67},
    {Op::kReply, "reply POST", "unit", 67},
    {Op::kResolve, "resolve POST", "unit", 67},
    {Op::kTicketDetail, "detail GET /api/tickets/{id}", "duban", 80},
    {Op::kTicketEvents, "events GET /api/tickets/{id}/events", "duban", 30},
    {Op::kSupervision, "supervision GET /api/supervision", "duban", 40},
    {Op::kRevisit, "revisit POST", "duban", 50},
    {Op::kDashboard, "dashboard GET /api/dashboard/summary", "fenxi", 20},
    {Op::kEvaluation, "evaluation GET /api/evaluation/rates", "fenxi", 10},
    {Op::kSearch, "search GET /api/tickets?q=", "huawu", 60},
};

// The demo units with a handler account (data/demo/users.csv).
const char* const kUnits[] = {"XD.A.A3/zjj", "XD.A.A3/cg"};
const char* const kUnitUsers[] = {"zhujian_a3", "cg_a3"};
const char* const kStaff[] = {"huawu", "paidan", "duban", "fenxi"};
const char* const kSearchTerms[] = {"噪音", "路灯", "停水", "垃圾", "油烟", "井盖", "供暖", "物业"};

// ---------------------------------------------------------------------------
// Options.

struct Options {
  std::vector<std::string> urls;
  std::vector<int> server_pids;
  std::string label = "lianxin";
  int clients = 8;
  double duration = 60;  // measured seconds (mixed mode)
  int warmup = 100;      // tickets recorded before the clock starts
  bool soak = false;
  double minutes = 10;
  std::string regions_csv = LIANXIN_REGIONS_CSV;
  unsigned seed = 20261201;
};

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

Options ParseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value for " + a);
      return argv[++i];
    };
    try {
      if (a == "--url") {
        o.urls = Split(value());
      } else if (a == "--server-pid") {
        for (const std::string& p : Split(value())) o.server_pids.push_back(std::stoi(p));
      } else if (a == "--label") {
        o.label = value();
      } else if (a == "--clients") {
        o.clients = std::stoi(value());
      } else if (a == "--duration") {
        o.duration = std::stod(value());
      } else if (a == "--warmup") {
        o.warmup = std::stoi(value());
      } else if (a == "--soak") {
        o.soak = true;
      } else if (a == "--minutes") {
        o.minutes = std::stod(value());
      } else if (a == "--regions") {
        o.regions_csv = value();
      } else if (a == "--seed") {
        o.seed = static_cast<unsigned>(std::stoul(value()));
      } else if (a == "--help" || a == "-h") {
        std::printf(
            "usage: load_bench --url http://127.0.0.1:PORT[,URL...] [--server-pid PID[,PID...]]\n"
            "       [--label TEXT] [--clients 8] [--duration 60] [--warmup 100]\n"
            "       [--soak --minutes 10] [--regions regions.csv] [--seed N]\n"
            "  Clients are spread over the URLs round robin; the demo users (password\n"
            "  demo1234) must exist. --soak runs for --minutes and prints a row per minute\n"
            "  and the drift of throughput, latency and server RSS.\n");
        std::exit(0);
      } else {
        Die("unknown flag " + a + " (see --help)");
      }
    } catch (const std::exception&) {
      Die("bad value for " + a);
    }
  }
  if (o.urls.empty()) Die("--url is required");
  if (o.clients < 1) Die("--clients must be positive");
  return o;
}

// ---------------------------------------------------------------------------
// Tickets in flight through the workflow.

struct TicketRef {
  int64_t id = -1;  // -1 for portal tickets (the public answer has no id)
  std::string number, code;
};

enum class Stage { kToDispatch, kDispatched, kAccepted, kReplied, kResolved, kCount };

// Tickets waiting for their next step, per stage and unit (kToDispatch: unit -1),
// plus every acknowledged ticket for the tracking reads. Thread-safe.
class Pools {
 public:
  void Put(Stage s, int unit, TicketRef t) {
    std::lock_guard<std::mutex> lock(mu_);
    waiting_[Key(s, unit)].push_back(std::move(t));
  }
  // Takes a ticket waiting at `s` for `unit` (any unit when -1, reported in *unit).
  bool Take(Stage s, int* unit, TicketRef* out, std::mt19937& rng) {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<int> units;
    if (*unit >= 0 || s == Stage::kToDispatch) {
      units.push_back(s == Stage::kToDispatch ? -1 : *unit);
    } else {
      units = {0, 1};
      std::shuffle(units.begin(), units.end(), rng);
    }
    for (int u : units) {
      auto& v = waiting_[Key(s, u)];
      if (v.empty()) continue;
      // Oldest first, like a work list; swap-remove keeps it O(1).
      *out = std::move(v.front());
      v.front() = std::move(v.back());
      v.pop_back();
      *unit = u;
      return true;
    }
    return false;
  }
  void Acknowledged(const TicketRef& t) {
    std::lock_guard<std::mutex> lock(mu_);
    if (known_.size() < kKnownMax) {
      known_.push_back(t);
    } else {
      known_[next_known_++ % kKnownMax] = t;
    }
    if (t.id >= 0) {
      if (with_id_.size() < kKnownMax) {
        with_id_.push_back(t);
      } else {
        with_id_[next_with_id_++ % kKnownMax] = t;
      }
    }
  }
  bool Any(bool need_id, TicketRef* out, std::mt19937& rng) {
    std::lock_guard<std::mutex> lock(mu_);
    const auto& v = need_id ? with_id_ : known_;
    if (v.empty()) return false;
    *out = v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
    return true;
  }

 private:
  static constexpr size_t kKnownMax = 20000;
  static int Key(Stage s, int unit) { return static_cast<int>(s) * 4 + unit + 1; }
  std::mutex mu_;
  std::map<int, std::vector<TicketRef>> waiting_;
  std::vector<TicketRef> known_, with_id_;
  size_t next_known_ = 0, next_with_id_ = 0;
};

int UnitIndex(const std::string& code) {
  for (int u = 0; u < 2; ++u) {
    if (code == kUnits[u]) return u;
  }
  return -1;
}

// Where a ticket answer (status, owner_unit) puts the ticket next.
void Place(Pools& pools, const TicketRef& t, const Json& ticket) {
  std::string status = ticket.value("status", "");
  int unit = UnitIndex(ticket.value("owner_unit", ""));
  if (status == "received" || status == "reopened" || (status == "dispatched" && unit < 0)) {
    pools.Put(Stage::kToDispatch, -1, t);
  } else if (unit < 0) {
    return;  // elsewhere (e.g. resolved at intake): nothing more to do here
  } else if (status == "dispatched") {
    pools.Put(Stage::kDispatched, unit, t);
  } else if (status == "accepted") {
    pools.Put(Stage::kAccepted, unit, t);
  } else if (status == "in_progress") {
    pools.Put(Stage::kReplied, unit, t);
  } else if (status == "resolved") {
    pools.Put(Stage::kResolved, unit, t);
  }
}

// ---------------------------------------------------------------------------
// Measurements.

struct OpStats {
  std::vector<double> lat_ms;
  int64_t count = 0, errors = 0;
  std::string first_error;
};

struct MinuteStats {
  std::vector<double> lat_ms;
  int64_t count = 0, errors = 0;
};

struct ThreadStats {
  OpStats ops[kOpCount];
  std::vector<MinuteStats> minutes;
  int64_t created = 0, track_missing = 0;
};

struct Sample {
  double t = 0;  // seconds since the measured start
  std::vector<double> rss_mb;
};

std::string CstDate(int days_ago) {
  std::time_t t = std::time(nullptr) + 8 * 3600 - static_cast<std::time_t>(days_ago) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::map<std::string, std::string> Login(const std::string& url) {
  std::map<std::string, std::string> tokens;
  auto cli = lianxin::bench::KeepAliveClient(url);
  std::vector<std::string> users(std::begin(kStaff), std::end(kStaff));
  users.insert(users.end(), std::begin(kUnitUsers), std::end(kUnitUsers));
  for (const std::string& u : users) {
    Json body{{"username", u}, {"password", "demo1234"}};
    auto res = cli->Post("/api/auth/login", body.dump(), "application/json");
    if (!res || res->status != 200) {
      Die("login of " + u + " at " + url + " failed: " +
          (res ? std::to_string(res->status) + " " + res->body.substr(0, 200)
               : httplib::to_string(res.error())));
    }
    tokens[u] = lianxin::bench::JsonField(res->body, "token");
  }
  return tokens;
}

// One client: its connection, tokens and random stream.
class Client {
 public:
  Client(const std::string& url, std::map<std::string, std::string> tokens, Pools& pools,
         const std::vector<std::string>& regions, unsigned seed, std::atomic<int64_t>& seq)
      : cli_(lianxin::bench::KeepAliveClient(url)),
        tokens_(std::move(tokens)),
        pools_(pools),
        regions_(regions),
        rng_(seed),
        seq_(seq) {}

  // Records one ticket as the call-taker (warm-up and intake).
  bool IntakePhone(OpStats* stats, ThreadStats* ts) {
    auto text = lianxin::bench::MakeRequestText(rng_, regions_, seq_.fetch_add(1));
    Json body{{"title", text.title}, {"body", text.body}, {"phone", text.phone},
              {"region", text.region}, {"channel", "phone"}};
    Json answer;
    if (!Send(stats, "POST", "/api/tickets", "huawu", body.dump(), &answer)) return false;
    TicketRef t{answer.value("id", int64_t{-1}), answer.value("number", ""),
                answer.value("query_code", "")};
    if (ts) ++ts->created;
    pools_.Acknowledged(t);
    Place(pools_, t, answer);
    return true;
  }

  // Draws and runs one operation; returns which one ran (re-draws when a workflow
  // step has no ticket waiting).
  Op RunOne(ThreadStats& ts, double now_s) {
    for (int attempt = 0; attempt < 8; ++attempt) {
      Op op = Draw();
      auto t0 = Clock::now();
      std::optional<bool> ran = Run(op, ts);
      if (!ran) continue;
      double ms = Seconds(Clock::now() - t0) * 1e3;
      OpStats& s = ts.ops[static_cast<int>(op)];
      ++s.count;
      s.lat_ms.push_back(ms);
      size_t minute = static_cast<size_t>(now_s / 60);
      if (ts.minutes.size() <= minute) ts.minutes.resize(minute + 1);
      MinuteStats& m = ts.minutes[minute];
      ++m.count;
      m.lat_ms.push_back(ms);
      if (!*ran) {
        ++s.errors;
        ++m.errors;
      }
      return op;
    }
    return Op::kTrack;
  }

 private:
  Op Draw() {
    static const int total = [] {
      int t = 0;
      for (const OpSpec& s : kOps) t += s.weight;
      return t;
    }();
    int x = std::uniform_int_distribution<int>(0, total - 1)(rng_);
    for (const OpSpec& s : kOps) {
      if (x < s.weight) return s.op;
      x -= s.weight;
    }
    return Op::kTrack;
  }

  // Sends one request; true on a 2xx. Parses the answer into *answer when given.
  bool Send(OpStats* stats, const char* method, const std::string& path, const std::string& user,
            const std::string& body, Json* answer) {
    httplib::Headers headers;
    if (user != "-") headers.emplace("Authorization", "Bearer " + tokens_.at(user));
    httplib::Result res = std::string(method) == "GET"
                              ? cli_->Get(path, headers)
                              : cli_->Post(path, headers, body, "application/json");
    std::string error;
    if (!res) {
      error = "transport: " + httplib::to_string(res.error());
    } else if (res->status < 200 || res->status > 299) {
      error = "HTTP " + std::to_string(res->status) + " " + path + ": " + res->body.substr(0, 160);
    } else if (answer) {
      *answer = Json::parse(res->body, nullptr, false);
      if (answer->is_discarded()) error = "unparsable answer from " + path;
    }
    if (error.empty()) return true;
    if (stats && stats->first_error.empty()) stats->first_error = error;
    return false;
  }

  // A ticket action as `user`; on success the ticket moves to its next pool, on
  // failure it goes back where it was.
  bool Action(OpStats* stats, Stage from, int unit, const TicketRef& t, const std::string& action,
              const std::string& user, const Json& body) {
    Json answer;
    bool ok = Send(stats, "POST", "/api/tickets/" + std::to_string(t.id) + "/" + action, user,
                   body.dump(), &answer);
    if (ok) {
      Place(pools_, t, answer);
    } else {
      pools_.Put(from, unit, t);
    }
    return ok;
  }

  // nullopt when `op` could not run (no ticket waiting); else whether it succeeded.
  std::optional<bool> Run(Op op, ThreadStats& ts) {
    OpStats* st = &ts.ops[static_cast<int>(op)];
    TicketRef t;
    int unit = -1;
    switch (op) {
      case Op::kIntakePhone:
        return IntakePhone(st, &ts);
      case Op::kIntakeWeb: {
        auto text = lianxin::bench::MakeRequestText(rng_, regions_, seq_.fetch_add(1));
        Json answer;
        if (!Send(st, "POST", "/api/public/tickets", "-", lianxin::bench::ToJson(text), &answer)) {
          return false;
        }
        ++ts.created;
        pools_.Acknowledged({-1, answer.value("number", ""), answer.value("query_code", "")});
        return true;
      }
      case Op::kTrack: {
        if (!pools_.Any(false, &t, rng_)) return std::nullopt;
        bool ok = Send(st, "GET", "/api/public/tickets/" + t.number + "?code=" + t.code, "-", "",
                       nullptr);
        if (!ok) ++ts.track_missing;
        return ok;
      }
      case Op::kOpen311Get:
        if (!pools_.Any(false, &t, rng_)) return std::nullopt;
        return Send(st, "GET", "/open311/v2/requests/" + t.number + ".json", "-", "", nullptr);
      case Op::kOpenData:
        return Send(st, "GET", "/api/open-data/stats", "-", "", nullptr);
      case Op::kDispatchQueue:
        return Send(st, "GET", "/api/dispatch/queue", "paidan", "", nullptr);
      case Op::kDispatch: {
        if (!pools_.Take(Stage::kToDispatch, &unit, &t, rng_)) return std::nullopt;
        int to = std::uniform_int_distribution<int>(0, 1)(rng_);
        // A received or reopened ticket is dispatched; one the agent sent elsewhere
        // is corrected (改派).
        Json probe;
        if (!Send(st, "GET", "/api/tickets/" + std::to_string(t.id), "paidan", "", &probe)) {
          pools_.Put(Stage::kToDispatch, -1, t);
          return false;
        }
        bool redispatch = probe.value("status", "") == "dispatched";
        Json body{{"unit_code", kUnits[to]}, {"reason", redispatch ? "职责清单：应由该单位办理" : "按职责派单"}};
        return Action(st, Stage::kToDispatch, -1, t, redispatch ? "redispatch" : "dispatch",
                      "paidan", body);
      }
      case Op::kUnitList: {
        int u = std::uniform_int_distribution<int>(0, 1)(rng_);
        return Send(st, "GET", "/api/tickets?limit=20", kUnitUsers[u], "", nullptr);
      }
      case Op::kAccept:
        if (!pools_.Take(Stage::kDispatched, &unit, &t, rng_)) return std::nullopt;
        return Action(st, Stage::kDispatched, unit, t, "accept", kUnitUsers[unit], Json::object());
      case Op::kReply:
        if (!pools_.Take(Stage::kAccepted, &unit, &t, rng_)) return std::nullopt;
        return Action(st, Stage::kAccepted, unit, t, "reply", kUnitUsers[unit],
                      Json{{"content", "经现场核实，已安排人员处理，问题已解决，并电话告知来电人。"}});
      case Op::kResolve:
        if (!pools_.Take(Stage::kReplied, &unit, &t, rng_)) return std::nullopt;
        return Action(st, Stage::kReplied, unit, t, "resolve", kUnitUsers[unit],
                      Json{{"content", "已办结"}});
      case Op::kTicketDetail:
        if (!pools_.Any(true, &t, rng_)) return std::nullopt;
        return Send(st, "GET", "/api/tickets/" + std::to_string(t.id), "duban", "", nullptr);
      case Op::kTicketEvents:
        if (!pools_.Any(true, &t, rng_)) return std::nullopt;
        return Send(st, "GET", "/api/tickets/" + std::to_string(t.id) + "/events", "duban", "",
                    nullptr);
      case Op::kSupervision:
        return Send(st, "GET", "/api/supervision", "duban", "", nullptr);
      case Op::kRevisit: {
        if (!pools_.Take(Stage::kResolved, &unit, &t, rng_)) return std::nullopt;
        // One in ten citizens is not satisfied: the ticket goes back to the unit (重办).
        bool happy = std::uniform_int_distribution<int>(0, 9)(rng_) != 0;
        return Action(st, Stage::kResolved, unit, t, "revisit", "duban",
                      Json{{"resolved", happy}, {"satisfaction", happy ? "satisfied" : "unsatisfied"}});
      }
      case Op::kDashboard:
        return Send(st, "GET", "/api/dashboard/summary?from=" + CstDate(7) + "&to=" + CstDate(-1),
                    "fenxi", "", nullptr);
      case Op::kEvaluation:
        return Send(st, "GET", "/api/evaluation/rates?dim=unit", "fenxi", "", nullptr);
      case Op::kSearch: {
        const char* term = kSearchTerms[std::uniform_int_distribution<size_t>(
            0, std::size(kSearchTerms) - 1)(rng_)];
        return Send(st, "GET", std::string("/api/tickets?limit=20&q=") + lianxin::bench::UrlEncode(term),
                    "huawu", "", nullptr);
      }
    }
    return std::nullopt;
  }

  std::unique_ptr<httplib::Client> cli_;
  std::map<std::string, std::string> tokens_;
  Pools& pools_;
  const std::vector<std::string>& regions_;
  std::mt19937 rng_;
  std::atomic<int64_t>& seq_;
};

// Least-squares slope of y over x (per unit of x); 0 with fewer than two points.
double Slope(const std::vector<double>& x, const std::vector<double>& y) {
  size_t n = x.size();
  if (n < 2) return 0;
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0;
  for (size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
  }
  return sxx > 0 ? sxy / sxx : 0;
}

double SumRss(const std::vector<int>& pids) {
  double sum = 0;
  for (int pid : pids) sum += std::max(0.0, lianxin::bench::ProcessRssMb(pid));
  return sum;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = ParseArgs(argc, argv);
  std::vector<std::string> regions = lianxin::bench::LoadRegions(o.regions_csv);
  const double measured = o.soak ? o.minutes * 60 : o.duration;

  std::vector<std::map<std::string, std::string>> tokens;
  for (const std::string& url : o.urls) tokens.push_back(Login(url));
  const int64_t tickets_before = lianxin::bench::ServerTicketCount(o.urls[0]);

  Pools pools;
  std::atomic<int64_t> seq{0};
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < o.clients; ++i) {
    size_t node = static_cast<size_t>(i) % o.urls.size();
    clients.push_back(std::make_unique<Client>(o.urls[node], tokens[node], pools, regions,
                                               o.seed + static_cast<unsigned>(i), seq));
  }
  // Warm-up (not measured): tickets in every pool, connections open.
  int64_t warm_created = 0;
  for (int i = 0; i < o.warmup; ++i) {
    if (clients[static_cast<size_t>(i % o.clients)]->IntakePhone(nullptr, nullptr)) ++warm_created;
  }

  const double load_before = lianxin::bench::LoadAverage1();
  std::vector<double> cpu_before;
  for (int pid : o.server_pids) cpu_before.push_back(lianxin::bench::ProcessCpuSeconds(pid));
  const double rss_start = SumRss(o.server_pids);
  auto busy_before = lianxin::bench::MachineBusySeconds();
  auto self_before = lianxin::bench::ProcessCpuSeconds(0);
  const auto start = Clock::now();
  std::atomic<bool> stop{false};

  // Server RSS every 5 s (the soak's memory curve).
  std::vector<Sample> samples;
  std::thread sampler([&] {
    while (!stop.load()) {
      samples.push_back({Seconds(Clock::now() - start), {}});
      for (int pid : o.server_pids) samples.back().rss_mb.push_back(lianxin::bench::ProcessRssMb(pid));
      for (int i = 0; i < 50 && !stop.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });

  std::vector<ThreadStats> stats(static_cast<size_t>(o.clients));
  std::vector<std::thread> threads;
  for (int i = 0; i < o.clients; ++i) {
    threads.emplace_back([&, i] {
      ThreadStats& ts = stats[static_cast<size_t>(i)];
      for (;;) {
        double now = Seconds(Clock::now() - start);
        if (now >= measured) break;
        clients[static_cast<size_t>(i)]->RunOne(ts, now);
      }
    });
  }
  int last_minute_printed = -1;
  if (o.soak) {
    std::printf("soak: %s, %d clients over %zu node(s), %.0f minutes\n", o.label.c_str(), o.clients,
                o.urls.size(), o.minutes);
    std::fflush(stdout);
  }
  while (Seconds(Clock::now() - start) < measured) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    int minute = static_cast<int>(Seconds(Clock::now() - start) / 60);
    if (o.soak && minute > last_minute_printed + 1) {
      last_minute_printed = minute - 1;
      std::fprintf(stderr, "load_bench: minute %d done, server RSS %.1f MiB\n", minute,
                   SumRss(o.server_pids));
    }
  }
  for (auto& th : threads) th.join();
  const double seconds = Seconds(Clock::now() - start);
  stop.store(true);
  sampler.join();
  const double load_after = lianxin::bench::LoadAverage1();
  const double busy = lianxin::bench::MachineBusySeconds() - busy_before;
  const double self_cpu = lianxin::bench::ProcessCpuSeconds(0) - self_before;
  const double rss_end = SumRss(o.server_pids);
  const int64_t tickets_after = lianxin::bench::ServerTicketCount(o.urls[0]);

  // Merge.
  OpStats total[kOpCount];
  std::vector<MinuteStats> minutes;
  int64_t created = 0, track_missing = 0;
  for (ThreadStats& ts : stats) {
    for (int k = 0; k < kOpCount; ++k) {
      total[k].count += ts.ops[k].count;
      total[k].errors += ts.ops[k].errors;
      total[k].lat_ms.insert(total[k].lat_ms.end(), ts.ops[k].lat_ms.begin(), ts.ops[k].lat_ms.end());
      if (total[k].first_error.empty()) total[k].first_error = ts.ops[k].first_error;
    }
    if (minutes.size() < ts.minutes.size()) minutes.resize(ts.minutes.size());
    for (size_t m = 0; m < ts.minutes.size(); ++m) {
      minutes[m].count += ts.minutes[m].count;
      minutes[m].errors += ts.minutes[m].errors;
      minutes[m].lat_ms.insert(minutes[m].lat_ms.end(), ts.minutes[m].lat_ms.begin(),
                               ts.minutes[m].lat_ms.end());
    }
    created += ts.created;
    track_missing += ts.track_missing;
  }
  int64_t all_count = 0, all_errors = 0;
  std::vector<double> all_lat;
  for (OpStats& s : total) {
    std::sort(s.lat_ms.begin(), s.lat_ms.end());
    all_count += s.count;
    all_errors += s.errors;
    all_lat.insert(all_lat.end(), s.lat_ms.begin(), s.lat_ms.end());
  }
  std::sort(all_lat.begin(), all_lat.end());

  std::printf("\n**%s**: %d keep-alive clients over %zu node(s), %.1f s measured after %lld "
              "warm-up tickets; load average %.2f before, %.2f after\n\n",
              o.label.c_str(), o.clients, o.urls.size(), seconds,
              static_cast<long long>(warm_created), load_before, load_after);
  std::printf("| operation | as | share | count | ops/s | p50 ms | p99 ms | errors |\n");
  std::printf("|---|---|---:|---:|---:|---:|---:|---:|\n");
  for (int k = 0; k < kOpCount; ++k) {
    const OpStats& s = total[k];
    std::printf("| %s | %s | %.1f%% | %lld | %.1f | %.1f | %.1f | %lld |\n", kOps[k].name,
                kOps[k].who, all_count ? 100.0 * static_cast<double>(s.count) / static_cast<double>(all_count) : 0.0,
                static_cast<long long>(s.count), static_cast<double>(s.count) / seconds,
                Percentile(s.lat_ms, 0.5), Percentile(s.lat_ms, 0.99),
                static_cast<long long>(s.errors));
  }
  std::printf("| **all** | | 100%% | %lld | **%.1f** | %.1f | %.1f | %lld |\n\n",
              static_cast<long long>(all_count), static_cast<double>(all_count) / seconds,
              Percentile(all_lat, 0.5), Percentile(all_lat, 0.99),
              static_cast<long long>(all_errors));
  for (size_t n = 0; n < o.server_pids.size(); ++n) {
    double cpu = lianxin::bench::ProcessCpuSeconds(o.server_pids[n]) - cpu_before[n];
    std::printf("- server pid %d: %.1f CPU s (%.0f%% of one core), %.2f ms CPU per request\n",
                o.server_pids[n], cpu, 100 * cpu / seconds,
                all_count ? 1e3 * cpu / static_cast<double>(all_count) * static_cast<double>(o.server_pids.size()) : 0.0);
  }
  if (!o.server_pids.empty()) {
    std::printf("- server RSS (all nodes): %.1f MiB at the start, %.1f MiB at the end\n", rss_start,
                rss_end);
  }
  std::printf("- client: %.1f CPU s; machine busy %.0f%% of its cores\n", self_cpu,
              100 * busy / seconds / static_cast<double>(std::thread::hardware_concurrency()));
  bool ok = all_errors == 0 && track_missing == 0;
  std::printf("- checks: %lld creates acknowledged, server ticket count grew by %lld",
              static_cast<long long>(created + warm_created),
              static_cast<long long>(tickets_after - tickets_before));
  if (tickets_before < 0 || tickets_after < 0 || tickets_after - tickets_before != created + warm_created) {
    std::printf(" (MISMATCH)");
    ok = false;
  }
  std::printf("; %lld tracking reads of acknowledged tickets failed\n",
              static_cast<long long>(track_missing));
  for (int k = 0; k < kOpCount; ++k) {
    if (!total[k].first_error.empty()) {
      std::printf("- first error of %s: %s\n", kOps[k].name, total[k].first_error.c_str());
    }
  }

  if (o.soak) {
    std::printf("\n| minute | ops/s | p50 ms | p99 ms | errors | server RSS MiB |\n");
    std::printf("|---:|---:|---:|---:|---:|---:|\n");
    std::vector<double> rss_by_minute;
    size_t full = std::min(minutes.size(), static_cast<size_t>(seconds / 60));
    for (size_t m = 0; m < full; ++m) {
      MinuteStats& ms = minutes[m];
      std::sort(ms.lat_ms.begin(), ms.lat_ms.end());
      double rss = -1;
      for (const Sample& s : samples) {
        if (s.t < 60.0 * static_cast<double>(m + 1)) {
          rss = 0;
          for (double r : s.rss_mb) rss += r;
        }
      }
      rss_by_minute.push_back(rss);
      std::printf("| %zu | %.1f | %.1f | %.1f | %lld | %.1f |\n", m + 1,
                  static_cast<double>(ms.count) / 60, Percentile(ms.lat_ms, 0.5),
                  Percentile(ms.lat_ms, 0.99), static_cast<long long>(ms.errors), rss);
    }
    if (full >= 2) {
      size_t k = full >= 6 ? 2 : 1;  // minutes compared at each end
      auto window = [&](size_t from, size_t to, double q) {
        std::vector<double> v;
        int64_t n = 0;
        for (size_t m = from; m < to; ++m) {
          v.insert(v.end(), minutes[m].lat_ms.begin(), minutes[m].lat_ms.end());
          n += minutes[m].count;
        }
        std::sort(v.begin(), v.end());
        return q < 0 ? static_cast<double>(n) / (60.0 * static_cast<double>(to - from))
                     : Percentile(v, q);
      };
      double r0 = window(0, k, -1), r1 = window(full - k, full, -1);
      double a50 = window(0, k, 0.5), b50 = window(full - k, full, 0.5);
      double a99 = window(0, k, 0.99), b99 = window(full - k, full, 0.99);
      // RSS slope after the first minute (start-up allocations and caches filling).
      std::vector<double> xs, ys;
      for (const Sample& s : samples) {
        if (s.t < 60) continue;
        double sum = 0;
        for (double r : s.rss_mb) sum += r;
        xs.push_back(s.t / 3600);
        ys.push_back(sum);
      }
      std::printf("\ndrift (last %zu vs first %zu minute(s)): throughput %.1f → %.1f ops/s (×%.2f), "
                  "p50 %.1f → %.1f ms (×%.2f), p99 %.1f → %.1f ms (×%.2f); server RSS %.1f → %.1f MiB, "
                  "slope after minute 1: %.1f MiB/h (least squares over %zu samples)\n",
                  k, k, r0, r1, r0 > 0 ? r1 / r0 : 0, a50, b50, a50 > 0 ? b50 / a50 : 0, a99, b99,
                  a99 > 0 ? b99 / a99 : 0, rss_start, rss_end, Slope(xs, ys), xs.size());
    }
  }
  return ok ? 0 : 1;
}
