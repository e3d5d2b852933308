// What the HTTP benchmarks (ingest_bench, load_bench) share: keep-alive clients
// configured like browsers, realistic 12345 request texts, latency percentiles,
// CPU and memory of a process from /proc, and the few JSON fields the benchmarks
// read from our own answers. Benchmark code only: never linked into lianxin.
//
// Thread-safety: every function is safe to call from any thread; a Client (one
// connection) belongs to one thread at a time. Nothing here throws except
// LoadRegions/Die, which end the process on a setup error.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace lianxin::bench {

using Clock = std::chrono::steady_clock;

// Seconds in `d`.
double Seconds(Clock::duration d);

// Prints "`tool`: msg" to stderr and exits with status 2 (a setup error).
[[noreturn]] void Die(const std::string& tool, const std::string& msg);

// A client holding one keep-alive connection to `url` ("http://127.0.0.1:8080"),
// TCP_NODELAY (as browsers and curl), 10 s connect and 60 s read/write timeouts.
std::unique_ptr<httplib::Client> KeepAliveClient(const std::string& url);

// A citizen's request: title, a 280..330-character body built from pieces of
// real 12345 calls, a mobile number and a district-level region.
struct RequestText {
  std::string title;
  std::string body;
  std::string phone;
  std::string region;
};
// One request; `seq` is written into the body so that every body is distinct.
RequestText MakeRequestText(std::mt19937& rng, const std::vector<std::string>& regions,
                            int64_t seq);
// {"title","body","phone","region"} as JSON (our pieces need no escaping).
std::string ToJson(const RequestText& r);
// Region codes below city level from the demo regions.csv (code,name,parent,level);
// Die()s when the file is missing or has none.
std::vector<std::string> LoadRegions(const std::string& path);

// Value of "key":"value" in a flat JSON object ("" when absent); enough for our
// own responses, which never escape the fields the benchmarks read.
std::string JsonField(const std::string& json, const std::string& key);
// Value of "key":123 (the first occurrence), or -1 when absent.
int64_t JsonInt(const std::string& json, const std::string& key);

// `s` with every byte outside [A-Za-z0-9-._~] percent-encoded (a query value).
std::string UrlEncode(const std::string& s);

// The q-quantile (0..1, nearest rank) of ascending `sorted`; 0 when empty.
double Percentile(const std::vector<double>& sorted, double q);

// User + system CPU seconds of process `pid` (0 = this process), -1 if unknown.
double ProcessCpuSeconds(int pid);
// Resident set size of process `pid` in MiB (VmRSS), -1 if unknown.
double ProcessRssMb(int pid);
// Busy CPU seconds of the whole machine (all cores) from /proc/stat.
double MachineBusySeconds();
// The 1-minute load average, or -1.
double LoadAverage1();

// CPU counters of a server process, of this process and of the machine at one moment.
struct CpuSnapshot {
  double server = -1, self = 0, machine = 0;
  // Reads them now; `server_pid` 0 leaves `server` at -1.
  static CpuSnapshot Take(int server_pid);
};

// The server's `lianxin_tickets` gauge from GET /metrics at `url`, or -1.
int64_t ServerTicketCount(const std::string& url);

}  // namespace lianxin::bench
