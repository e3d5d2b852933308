// Ingest benchmark (issue #2): durable ticket creation over HTTP, compared in the
// same run with what SQLite itself does on this disk with the same schema and
// durability (WAL + synchronous=FULL), and with what the disk can sync.
//
// Run it through bench/ingest, which builds it, starts `lianxin serve` on a free
// port with a temporary data dir and passes --port and --server-pid. Phases:
//   1. disk: fdatasync rate (rewriting and appending 4 KiB) under --work-dir;
//   2. HTTP: --clients threads, each with one keep-alive connection, POST
//      /api/public/tickets until --count tickets were created or --duration
//      seconds passed; every response must be 201; a sample of acknowledged
//      tickets is read back and the server's ticket count must grow by exactly
//      the number of 201s; CPU time of server, client and machine is recorded;
//   3. raw SQLite, single thread, a fresh database per row with the migrations
//      from --migrations: the server's statements (number counter upsert,
//      ticket row, 受理 event) with 1, 8 (+ SAVEPOINT each, like the server's
//      group commit), 64 and 256 inserts per transaction, plus optional
//      variants (--breakdown, --variant) that change the schema to show what
//      each part costs;
//   4. disk again (the disk of a shared VM drifts; both readings are printed).
// Prints one table with HTTP creates/s as a ratio of each row.
// Exit status: 0 when every create succeeded and was verified, 1 otherwise, 2 on
// setup errors (the throughput target is reported, not enforced).
#include <fcntl.h>
#include <httplib.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_client.h"
#include "text/text.h"

#ifndef LIANXIN_MIGRATIONS_DIR
#define LIANXIN_MIGRATIONS_DIR "src/store/migrations/sqlite"
#endif
#ifndef LIANXIN_REGIONS_CSV
#define LIANXIN_REGIONS_CSV "data/demo/regions.csv"
#endif

namespace {

namespace fs = std::filesystem;
using lianxin::bench::Clock;
using lianxin::bench::CpuSnapshot;
using lianxin::bench::JsonField;
using lianxin::bench::LoadRegions;
using lianxin::bench::Percentile;
using lianxin::bench::ProcessCpuSeconds;
using lianxin::bench::Seconds;
using Request = lianxin::bench::RequestText;

std::string Url(int port) { return "http://127.0.0.1:" + std::to_string(port); }

[[noreturn]] void Die(const std::string& msg) { lianxin::bench::Die("ingest_bench", msg); }

struct Options {
  int port = 0;
  int server_pid = 0;  // for CPU accounting; 0 = unknown
  int clients = 8;
  int count = 20000;
  double duration = 15;
  int warmup = 200;
  int raw_single_count = 1500;  // one commit per insert: ~1 fsync each, keep it short
  int raw_group_count = 20000;
  double raw_max_seconds = 10;
  int verify_sample = 300;
  std::string work_dir = "/tmp";
  std::string migrations = LIANXIN_MIGRATIONS_DIR;
  std::string regions_csv = LIANXIN_REGIONS_CSV;
  // Experiments on the server's schema: SQL run on --server-db before the HTTP phase.
  std::string server_db;
  std::string server_sql;
  bool http_only = false;
  // Extra server-shaped SQLite rows, each "label=SQL run after the migrations".
  std::vector<std::string> variants;
  double target_rate = 2000;
  double target_p99_ms = 50;
};

Options ParseArgs(int argc, char** argv) {
  Options o;
  using Setter = std::function<void(const std::string&)>;
  auto int_flag = [](int* out) -> Setter {
    return [out](const std::string& v) { *out = std::stoi(v); };
  };
  auto double_flag = [](double* out) -> Setter {
    return [out](const std::string& v) { *out = std::stod(v); };
  };
  auto string_flag = [](std::string* out) -> Setter {
    return [out](const std::string& v) { *out = v; };
  };
  const std::map<std::string, Setter> flags = {
      {"--port", int_flag(&o.port)},
      {"--server-pid", int_flag(&o.server_pid)},
      {"--clients", int_flag(&o.clients)},
      {"--count", int_flag(&o.count)},
      {"--duration", double_flag(&o.duration)},
      {"--warmup", int_flag(&o.warmup)},
      {"--raw-single-count", int_flag(&o.raw_single_count)},
      {"--raw-group-count", int_flag(&o.raw_group_count)},
      {"--raw-max-seconds", double_flag(&o.raw_max_seconds)},
      {"--verify-sample", int_flag(&o.verify_sample)},
      {"--work-dir", string_flag(&o.work_dir)},
      {"--migrations", string_flag(&o.migrations)},
      {"--regions", string_flag(&o.regions_csv)},
      {"--server-db", string_flag(&o.server_db)},
      {"--server-sql", string_flag(&o.server_sql)},
      {"--variant", [&o](const std::string& v) { o.variants.push_back(v); }},
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (auto it = flags.find(a); it != flags.end()) {
      if (i + 1 >= argc) Die("missing value for " + a);
      try {
        it->second(argv[++i]);
      } catch (const std::exception&) {
        Die("bad value for " + a + ": " + argv[i]);
      }
    } else if (a == "--http-only") {
      o.http_only = true;
    } else if (a == "--breakdown") {
      // Since migration 0011 the full-text index is kept apart, by the store's
      // indexer thread; this row puts it back into the commit, as it was before.
      o.variants.push_back(
          "with the full-text index in the commit (before 0011)=CREATE VIRTUAL TABLE tickets_fts "
          "USING fts5 (terms, content = 'ticket_terms', content_rowid = 'id'); "
          "CREATE TRIGGER ticket_terms_insert AFTER INSERT ON ticket_terms BEGIN "
          "INSERT INTO tickets_fts (rowid, terms) VALUES (new.id, new.terms); END");
      o.variants.push_back(
          "without secondary indexes="
          "DROP INDEX tickets_by_created; DROP INDEX tickets_by_status; "
          "DROP INDEX tickets_by_owner; DROP INDEX tickets_by_region; "
          "DROP INDEX tickets_by_category");
    } else if (a == "--help" || a == "-h") {
      std::printf(
          "usage: ingest_bench --port N [--server-pid PID] [--clients 8] [--count 20000] "
          "[--duration 15]\n"
          "       [--warmup 200] [--raw-single-count 1500] [--raw-group-count 20000]\n"
          "       [--raw-max-seconds 10] [--verify-sample 300] [--work-dir DIR]\n"
          "       [--migrations DIR] [--regions regions.csv] [--breakdown]\n"
          "       [--variant 'label=SQL' ...] [--http-only]\n"
          "       [--server-db lianxin.db --server-sql SQL]\n"
          "  --breakdown adds server-shaped SQLite rows without the FTS trigger and without\n"
          "  FTS + secondary indexes; --variant adds one with SQL of your own run after the\n"
          "  migrations (e.g. to try FTS5 options). --server-sql changes the running server's\n"
          "  schema before the HTTP phase (an experiment, e.g. DROP TRIGGER tickets_fts_insert).\n"
          "  --port 0 skips the HTTP phase (SQLite and disk only).\n");
      std::exit(0);
    } else {
      Die("unknown flag " + a + " (see --help)");
    }
  }
  if (o.clients < 1 || o.count < 1) Die("--clients and --count must be positive");
  return o;
}

// ---------------------------------------------------------------------------
// Phase 1: the disk.

// fdatasync calls per second for ~1 s in `dir`, each after writing 4 KiB: either
// rewriting the same 64 KiB (`append` false) or appending (the file grows, so
// the file system journals the new size too, as for a growing WAL).
double MeasureFsyncRate(const std::string& dir, bool append) {
  std::string path = dir + "/fsync_probe";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) Die("cannot create " + path);
  std::string block(4096, 'x');
  int n = 0;
  auto start = Clock::now();
  while (Seconds(Clock::now() - start) < 1.0) {
    off_t offset = static_cast<off_t>(append ? n : n % 16) * 4096;
    if (::pwrite(fd, block.data(), block.size(), offset) < 0) Die("pwrite failed");
    if (::fdatasync(fd) != 0) Die("fdatasync failed");
    ++n;
  }
  double rate = n / Seconds(Clock::now() - start);
  ::close(fd);
  fs::remove(path);
  return rate;
}

struct DiskProbe {
  double overwrite = 0, append = 0;
  static DiskProbe Take(const std::string& dir) {
    return {MeasureFsyncRate(dir, false), MeasureFsyncRate(dir, true)};
  }
  std::string Describe() const {
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "%.0f fdatasync/s rewriting (%.2f ms), %.0f/s appending (%.2f ms)", overwrite,
                  1e3 / overwrite, append, 1e3 / append);
    return buf;
  }
};

// ---------------------------------------------------------------------------
// Phase 2: HTTP.

struct Ack {
  std::string number, query_code, title;
};

struct HttpResult {
  int attempted = 0;
  int created = 0;
  int http_errors = 0;       // answered, but not 201 (warm-up included)
  int transport_errors = 0;  // no answer (warm-up included)
  std::string first_error;
  double seconds = 0;
  std::vector<double> latencies_ms;  // sorted
  std::vector<Ack> acks;
  int verified = 0;
  int verify_failures = 0;
  int64_t server_delta = -1;  // lianxin_tickets after - before
  CpuSnapshot cpu_before, cpu_after;
};

HttpResult RunHttp(const Options& o, const std::vector<std::string>& regions) {
  HttpResult r;
  const int total = o.warmup + o.count;
  // Request bodies are built before the clock starts.
  std::vector<std::string> bodies(total);
  std::vector<std::string> titles(total);
  {
    std::mt19937 rng(20261129);
    for (int i = 0; i < total; ++i) {
      Request req = lianxin::bench::MakeRequestText(rng, regions, i);
      titles[i] = req.title;
      bodies[i] = lianxin::bench::ToJson(req);
    }
  }
  const int64_t before = lianxin::bench::ServerTicketCount(Url(o.port));

  std::atomic<int> next_warm{0};
  std::atomic<int> next{o.warmup};
  std::atomic<bool> stop{false};
  Clock::time_point start;
  // Everyone finishes the warm-up, then the clock starts.
  std::barrier ready(o.clients, [&]() noexcept {
    r.cpu_before = CpuSnapshot::Take(o.server_pid);
    start = Clock::now();
  });
  struct PerThread {
    std::vector<double> lat;
    std::vector<Ack> acks;
    int created = 0, http_errors = 0, transport_errors = 0, attempted = 0;
    std::string first_error;
  };
  std::vector<PerThread> per(o.clients);
  std::vector<std::thread> threads;
  for (int t = 0; t < o.clients; ++t) {
    threads.emplace_back([&, t] {
      PerThread& me = per[t];
      me.lat.reserve(o.count / o.clients + 64);
      auto client = lianxin::bench::KeepAliveClient(Url(o.port));
      httplib::Client& cli = *client;
      // Sends ticket i; times and counts it when `measured` (errors always count).
      auto post = [&](int i, bool measured) {
        auto t0 = Clock::now();
        auto res = cli.Post("/api/public/tickets", bodies[i], "application/json");
        auto t1 = Clock::now();
        if (measured) {
          ++me.attempted;
          me.lat.push_back(Seconds(t1 - t0) * 1e3);
          if (Seconds(t1 - start) > o.duration) stop.store(true);
        }
        if (!res) {
          ++me.transport_errors;
          if (me.first_error.empty())
            me.first_error = "transport: " + httplib::to_string(res.error());
          return;
        }
        if (res->status != 201) {
          ++me.http_errors;
          if (me.first_error.empty()) {
            me.first_error =
                "HTTP " + std::to_string(res->status) + ": " + res->body.substr(0, 200);
          }
          return;
        }
        if (measured) ++me.created;
        me.acks.push_back(
            {JsonField(res->body, "number"), JsonField(res->body, "query_code"), titles[i]});
      };
      for (int i; (i = next_warm.fetch_add(1)) < o.warmup;) post(i, false);
      ready.arrive_and_wait();
      for (int i; !stop.load() && (i = next.fetch_add(1)) < total;) post(i, true);
    });
  }
  for (auto& th : threads) th.join();
  r.seconds = Seconds(Clock::now() - start);
  r.cpu_after = CpuSnapshot::Take(o.server_pid);
  for (auto& p : per) {
    r.attempted += p.attempted;
    r.created += p.created;
    r.http_errors += p.http_errors;
    r.transport_errors += p.transport_errors;
    if (r.first_error.empty()) r.first_error = p.first_error;
    r.latencies_ms.insert(r.latencies_ms.end(), p.lat.begin(), p.lat.end());
    for (auto& a : p.acks) r.acks.push_back(std::move(a));
  }
  std::sort(r.latencies_ms.begin(), r.latencies_ms.end());
  const int64_t after = lianxin::bench::ServerTicketCount(Url(o.port));
  if (before >= 0 && after >= 0) r.server_delta = after - before;

  // Read back a spread sample of acknowledged tickets.
  httplib::Client cli("127.0.0.1", o.port);
  cli.set_keep_alive(true);
  size_t n = r.acks.size();
  size_t sample = std::min<size_t>(n, static_cast<size_t>(std::max(0, o.verify_sample)));
  for (size_t k = 0; k < sample; ++k) {
    const Ack& a = r.acks[k * n / sample];
    auto res = cli.Get("/api/public/tickets/" + a.number + "?code=" + a.query_code);
    bool ok = res && res->status == 200 &&
              res->body.find("\"title\":\"" + a.title + "\"") != std::string::npos;
    if (ok) {
      ++r.verified;
    } else {
      ++r.verify_failures;
    }
  }
  return r;
}

// ---------------------------------------------------------------------------
// Phase 3: SQLite alone.

// A ticket's search terms as the server's store gets them (text::SearchTerms
// with the jieba segmenter), space separated.
std::string DocumentTerms(const std::string& text) {
  static const std::unique_ptr<lianxin::text::Segmenter> seg = [] {
    auto s = lianxin::text::LoadJiebaSegmenter({});
    if (!s.ok()) Die("jieba: " + s.status().ToString());
    return std::move(s).value();
  }();
  std::string out;
  for (const std::string& t : lianxin::text::SearchTerms(*seg, text, false)) {
    out += (out.empty() ? "" : " ") + t;
  }
  return out;
}

void Check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    Die(std::string(what) + ": " + sqlite3_errmsg(db));
  }
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "?";
    sqlite3_free(err);
    Die("sqlite: " + msg + " in: " + sql.substr(0, 80));
  }
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) Die("cannot read " + p.string());
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct RawResult {
  std::string label;
  int per_commit = 1;
  bool savepoints = false;
  int inserts = 0;
  double seconds = 0;
  double cpu_seconds = 0;  // this process, user + system
  double rate() const { return seconds > 0 ? inserts / seconds : 0; }
};

// Inserts up to `count` tickets (stopping after --raw-max-seconds) into a fresh
// database, `per_commit` per transaction, with the statements of
// SqliteStore::CreateTicket (columns added by later migrations keep their
// defaults, which is what a new ticket stores in them).
RawResult RunRaw(const Options& o, const std::vector<std::string>& regions,
                 const std::vector<fs::path>& migrations, int per_commit, bool savepoints,
                 int count, const std::string& label, const std::string& schema_change = "") {
  std::string path = o.work_dir + "/raw.db";
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  sqlite3* db = nullptr;
  Check(db, sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
        "open");
  // Same settings as store/sqlite/sqlite_db.cc Connection::Open.
  Exec(db,
       "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
       "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
  // The store's lx_search_terms (used by migration 0003 and a trigger).
  Check(db,
        sqlite3_create_function_v2(
            db, "lx_search_terms", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
            [](sqlite3_context* ctx, int, sqlite3_value** argv) {
              const unsigned char* t = sqlite3_value_text(argv[0]);
              std::string out = DocumentTerms(t ? reinterpret_cast<const char*>(t) : "");
              sqlite3_result_text(ctx, out.c_str(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
            },
            nullptr, nullptr, nullptr),
        "lx_search_terms");
  for (const fs::path& m : migrations) {
    Exec(db, "BEGIN IMMEDIATE");
    Exec(db, ReadFile(m));
    Exec(db, "COMMIT");
  }
  Exec(db, "CREATE TEMP TABLE pending_terms (id INTEGER PRIMARY KEY, terms TEXT NOT NULL)");
  if (!schema_change.empty()) Exec(db, schema_change);
  sqlite3_stmt *counter = nullptr, *ticket = nullptr, *event = nullptr;
  Check(db,
        sqlite3_prepare_v2(db,
                           "INSERT INTO number_counters (key, next) VALUES (?1, 1) "
                           "ON CONFLICT (key) DO UPDATE SET next = next + 1 RETURNING next",
                           -1, &counter, nullptr),
        "prepare counter");
  Check(db,
        sqlite3_prepare_v2(
            db,
            "INSERT INTO tickets (number, query_code, kind, urgency, channel, title, body, "
            "citizen_name, citizen_phone, region_code, address, latitude, longitude, "
            "category_code, owner_unit, status, reply, created_at, updated_at, dispatched_at, "
            "due_at, resolved_at, version) VALUES "
            "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23)",
            -1, &ticket, nullptr),
        "prepare ticket");
  Check(db,
        sqlite3_prepare_v2(db,
                           "INSERT INTO ticket_events (ticket_id, type, actor, actor_role, at, "
                           "reason, unit_code, content, is_public) VALUES "
                           "(?1,?2,?3,?4,?5,?6,?7,?8,?9)",
                           -1, &event, nullptr),
        "prepare event");
  sqlite3_stmt* pending = nullptr;
  Check(db,
        sqlite3_prepare_v2(db, "INSERT INTO temp.pending_terms (id, terms) VALUES (?1, ?2)", -1,
                           &pending, nullptr),
        "prepare pending terms");

  std::mt19937 rng(per_commit * 7919 + (savepoints ? 1 : 0));
  std::vector<Request> reqs;
  std::vector<std::string> terms;  // computed outside the writer, as the server does
  reqs.reserve(count);
  for (int i = 0; i < count; ++i) {
    reqs.push_back(lianxin::bench::MakeRequestText(rng, regions, i));
    terms.push_back(DocumentTerms(reqs.back().title + " " + reqs.back().body));
  }
  const std::string key = "XD-20261129";
  auto bind_text = [](sqlite3_stmt* s, int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  };

  RawResult r;
  r.label = label;
  r.per_commit = per_commit;
  r.savepoints = savepoints;
  double cpu_start = ProcessCpuSeconds(0);
  auto start = Clock::now();
  int i = 0;
  while (i < count && Seconds(Clock::now() - start) < o.raw_max_seconds) {
    Exec(db, "BEGIN IMMEDIATE");
    for (int k = 0; k < per_commit && i < count; ++k, ++i) {
      if (savepoints) Exec(db, "SAVEPOINT job");
      const Request& q = reqs[i];
      bind_text(counter, 1, key);
      Check(db, sqlite3_step(counter), "counter");
      int64_t seq = sqlite3_column_int64(counter, 0);
      sqlite3_reset(counter);
      char num[40];
      std::snprintf(num, sizeof num, "%s-%06lld", key.c_str(), static_cast<long long>(seq));
      int64_t now = 1764400000000 + i;
      bind_text(ticket, 1, num);
      bind_text(ticket, 2, "ABC234");
      bind_text(ticket, 3, "complaint");
      bind_text(ticket, 4, "normal");
      bind_text(ticket, 5, "web");
      bind_text(ticket, 6, q.title);
      bind_text(ticket, 7, q.body);
      bind_text(ticket, 8, "");
      bind_text(ticket, 9, q.phone);
      bind_text(ticket, 10, q.region);
      bind_text(ticket, 11, "");
      sqlite3_bind_null(ticket, 12);
      sqlite3_bind_null(ticket, 13);
      bind_text(ticket, 14, "");
      bind_text(ticket, 15, "");
      bind_text(ticket, 16, "received");
      bind_text(ticket, 17, "");
      sqlite3_bind_int64(ticket, 18, now);
      sqlite3_bind_int64(ticket, 19, now);
      for (int c = 20; c <= 22; ++c) sqlite3_bind_int64(ticket, c, 0);
      sqlite3_bind_int64(ticket, 23, 1);
      Check(db, sqlite3_step(ticket), "ticket");
      sqlite3_reset(ticket);
      int64_t id = sqlite3_last_insert_rowid(db);
      sqlite3_bind_int64(event, 1, id);
      bind_text(event, 2, "received");
      bind_text(event, 3, "citizen");
      bind_text(event, 4, "citizen");
      sqlite3_bind_int64(event, 5, now);
      bind_text(event, 6, "网站");
      bind_text(event, 7, "");
      bind_text(event, 8, "");
      sqlite3_bind_int64(event, 9, 1);
      Check(db, sqlite3_step(event), "event");
      sqlite3_reset(event);
      sqlite3_bind_int64(pending, 1, id);
      bind_text(pending, 2, terms[i]);
      Check(db, sqlite3_step(pending), "pending terms");
      sqlite3_reset(pending);
      if (savepoints) Exec(db, "RELEASE job");
    }
    // The store's writer indexes a group commit's tickets with one statement.
    Exec(db,
         "INSERT INTO ticket_terms (id, terms) SELECT id, terms FROM temp.pending_terms; "
         "DELETE FROM temp.pending_terms");
    Exec(db, "COMMIT");
  }
  r.seconds = Seconds(Clock::now() - start);
  r.cpu_seconds = ProcessCpuSeconds(0) - cpu_start;
  r.inserts = i;
  sqlite3_finalize(counter);
  sqlite3_finalize(ticket);
  sqlite3_finalize(event);
  sqlite3_finalize(pending);
  sqlite3_close(db);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  return r;
}

std::vector<fs::path> MigrationFiles(const std::string& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".sql") out.push_back(e.path());
  }
  if (out.empty()) Die("no *.sql migrations in " + dir);
  std::sort(out.begin(), out.end());
  return out;
}

std::string Now() {
  std::time_t t = std::time(nullptr);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M %Z", std::localtime(&t));
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = ParseArgs(argc, argv);
  std::vector<std::string> regions = LoadRegions(o.regions_csv);
  std::vector<fs::path> migrations = MigrationFiles(o.migrations);
  fs::create_directories(o.work_dir);

  std::printf("lianxin ingest benchmark — %s, nproc=%u, SQLite %s, WAL + synchronous=FULL\n",
              Now().c_str(), std::thread::hardware_concurrency(), sqlite3_libversion());
  std::fflush(stdout);

  DiskProbe disk_before = DiskProbe::Take(o.work_dir);
  std::printf("disk before: %s in %s\n", disk_before.Describe().c_str(), o.work_dir.c_str());
  std::fflush(stdout);

  bool failed = false;
  HttpResult h;
  double http_rate = 0;
  if (!o.server_sql.empty()) {
    if (o.server_db.empty()) Die("--server-sql needs --server-db");
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(o.server_db.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      Die("cannot open " + o.server_db);
    }
    sqlite3_busy_timeout(db, 10000);
    Exec(db, o.server_sql);
    sqlite3_close(db);
    std::printf("EXPERIMENT: server schema changed with: %s\n", o.server_sql.c_str());
  }
  if (o.port > 0) {
    h = RunHttp(o, regions);
    http_rate = h.seconds > 0 ? h.created / h.seconds : 0;
    int errors = h.http_errors + h.transport_errors;
    std::printf(
        "\nHTTP POST /api/public/tickets: %d keep-alive clients, %d tickets after %d warm-up, "
        "bodies ~300 chars\n",
        o.clients, h.attempted, o.warmup);
    std::printf("  201 created %d, errors %d (non-201 %d, transport %d) in %.2f s\n", h.created,
                errors, h.http_errors, h.transport_errors, h.seconds);
    if (!h.first_error.empty()) std::printf("  first error: %s\n", h.first_error.c_str());
    std::printf("  %.0f creates/s   latency ms: p50 %.2f  p95 %.2f  p99 %.2f  max %.2f\n",
                http_rate, Percentile(h.latencies_ms, 0.50), Percentile(h.latencies_ms, 0.95),
                Percentile(h.latencies_ms, 0.99),
                h.latencies_ms.empty() ? 0.0 : h.latencies_ms.back());
    {
      const CpuSnapshot &a = h.cpu_before, &b = h.cpu_after;
      double n = std::max(1, h.attempted);
      double cores = std::thread::hardware_concurrency();
      double server = b.server - a.server, client = b.self - a.self;
      double machine = b.machine - a.machine;
      double other = machine - client - (a.server >= 0 ? server : 0);
      std::printf(
          "  CPU per create: server %s, bench client %.0f us; machine busy %.0f%% of %.0f "
          "cores, %.0f%% of it other processes\n",
          a.server >= 0 ? (std::to_string(static_cast<int>(server / n * 1e6)) + " us").c_str()
                        : "?",
          client / n * 1e6, 100 * machine / (h.seconds * cores), cores,
          machine > 0 ? 100 * std::max(0.0, other) / machine : 0.0);
    }
    std::printf(
        "  read back %d of %zu acknowledged tickets, %d wrong; server ticket count +%lld "
        "(expected +%zu)\n",
        h.verified, h.acks.size(), h.verify_failures, static_cast<long long>(h.server_delta),
        h.acks.size());
    bool count_ok = h.server_delta < 0 || h.server_delta == static_cast<int64_t>(h.acks.size());
    if (errors > 0 || h.verify_failures > 0 || !count_ok || h.created == 0) failed = true;
    std::fflush(stdout);
  }

  std::vector<RawResult> raws;
  if (!o.http_only) {
    raws.push_back(RunRaw(o, regions, migrations, 1, false, o.raw_single_count,
                          "SQLite, 1 insert per commit"));
    raws.push_back(RunRaw(o, regions, migrations, 8, true, o.raw_group_count,
                          "SQLite, 8 per commit + SAVEPOINT each (server-shaped)"));
    for (const std::string& v : o.variants) {
      size_t eq = v.find('=');
      if (eq == std::string::npos) Die("--variant takes label=SQL");
      raws.push_back(RunRaw(o, regions, migrations, 8, true, o.raw_group_count,
                            "SQLite, 8 per commit + SAVEPOINT, " + v.substr(0, eq),
                            v.substr(eq + 1)));
    }
    raws.push_back(
        RunRaw(o, regions, migrations, 64, false, o.raw_group_count, "SQLite, 64 per commit"));
    raws.push_back(
        RunRaw(o, regions, migrations, 256, false, o.raw_group_count, "SQLite, 256 per commit"));
  }

  auto ratio = [&](double rate) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", http_rate / rate);
    return o.port > 0 && rate > 0 ? std::string(buf) : std::string("-");
  };
  std::printf("\n| path | tickets | seconds | creates/s | HTTP ÷ this | CPU us/create |\n");
  std::printf("| --- | ---: | ---: | ---: | ---: | ---: |\n");
  if (o.port > 0) {
    double server_cpu = h.cpu_before.server >= 0
                            ? (h.cpu_after.server - h.cpu_before.server) / std::max(1, h.attempted)
                            : -1;
    std::printf("| HTTP, %d clients, keep-alive (p99 %.1f ms) | %d | %.2f | %.0f | 1.00 | %s |\n",
                o.clients, Percentile(h.latencies_ms, 0.99), h.created, h.seconds, http_rate,
                server_cpu >= 0
                    ? (std::to_string(static_cast<int>(server_cpu * 1e6)) + " (server)").c_str()
                    : "?");
  }
  for (const RawResult& r : raws) {
    std::printf("| %s | %d | %.2f | %.0f | %s | %.0f |\n", r.label.c_str(), r.inserts, r.seconds,
                r.rate(), ratio(r.rate()).c_str(), r.cpu_seconds / std::max(1, r.inserts) * 1e6);
  }
  DiskProbe disk_after = DiskProbe::Take(o.work_dir);
  double append_rate = std::min(disk_before.append, disk_after.append);
  std::printf(
      "| disk: appending fdatasync/s, slower of before/after (1 commit = 1 sync) | - | - | "
      "%.0f | %s | - |\n",
      append_rate, ratio(append_rate).c_str());
  std::printf("\ndisk after: %s\n", disk_after.Describe().c_str());

  if (o.port > 0) {
    double p99 = Percentile(h.latencies_ms, 0.99);
    bool met = http_rate >= o.target_rate && p99 < o.target_p99_ms;
    std::printf("\ntarget >= %.0f creates/s and p99 < %.0f ms: %s\n", o.target_rate,
                o.target_p99_ms, met ? "met" : "MISSED");
  }
  if (failed) std::printf("FAILED: not every create was acknowledged and read back\n");
  return failed ? 1 : 0;
}
