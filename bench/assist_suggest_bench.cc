// assist_suggest_bench: the call-taker's live suggestions (GET /api/assist/suggest, issue 5)
// against a running `lianxin serve` with the demo province and its history (bench/assist_suggest
// starts one), side by side with the dispatch agent's preview (POST /api/dispatch/preview),
// the other endpoint the intake screen calls as the call-taker types, on the same texts.
// Each text is sent as it grows, prefix by prefix, as a typist would. Reports per endpoint:
// wall time per call (client side, median and p95) and the server's CPU time per call
// (utime + stime of the server process from /proc/PID/stat, load-independent up to cache
// effects), plus the load average. Single client thread, calls one after another.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

// Server CPU seconds (user + system) of process `pid`.
double CpuSeconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t close = stat.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream rest(stat.substr(close + 2));
  std::string field;
  long utime = 0, stime = 0;
  for (int i = 3; rest >> field; ++i) {
    if (i == 14) utime = std::stol(field);
    if (i == 15) {
      stime = std::stol(field);
      break;
    }
  }
  return static_cast<double>(utime + stime) / sysconf(_SC_CLK_TCK);
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

// Prefixes of `text` by whole UTF-8 characters, from 2 characters up, every `step`.
std::vector<std::string> Prefixes(const std::string& text, size_t step) {
  std::vector<size_t> ends;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ends.push_back(std::min(i, text.size()));
  }
  std::vector<std::string> out;
  for (size_t n = 2; n <= ends.size(); n += step) out.push_back(text.substr(0, ends[n - 1]));
  if (out.empty() || out.back() != text) out.push_back(text);
  return out;
}

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

struct Figures {
  std::vector<double> wall_ms;
  double cpu_ms_per_call = 0;
  int failures = 0;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string host = "127.0.0.1";
  int port = 0, pid = 0, rounds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--port") port = std::stoi(v);
    if (k == "--pid") pid = std::stoi(v);
    if (k == "--rounds") rounds = std::stoi(v);
  }
  if (port == 0 || pid == 0) {
    std::fprintf(stderr, "usage: assist_suggest_bench --port N --pid SERVER_PID [--rounds 3]\n");
    return 2;
  }
  httplib::Client client(host, port);
  client.set_read_timeout(30, 0);
  auto login = client.Post("/api/auth/login", R"({"username":"huawu","password":"demo1234"})", "application/json");
  if (!login || login->status != 200) {
    std::fprintf(stderr, "login failed\n");
    return 1;
  }
  std::string body = login->body;
  size_t t = body.find("\"token\":\"");
  std::string token = body.substr(t + 9, body.find('"', t + 9) - t - 9);
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};

  // What call-takers type: consultations the knowledge base holds and requests like the history's.
  const std::vector<std::string> texts = {
      "社保卡丢了怎么补办，需要带什么材料",     "公积金提取需要什么条件，离职了能取吗",
      "小区楼下烧烤店油烟很大晚上噪音扰民",     "孩子上小学报名需要准备哪些材料",
      "A3区幸福路路灯坏了一个星期没人修",       "驾驶证到期了在哪里换证",
      "物业公司乱收停车费业主不同意",           "医保异地就医怎么备案报销",
  };
  std::vector<std::string> typed;
  for (const std::string& text : texts) {
    for (const std::string& p : Prefixes(text, 2)) typed.push_back(p);
  }
  // Warm-up: the first call builds nothing (the searcher is built at start), but caches warm.
  for (const std::string& q : typed) client.Get("/api/assist/suggest?q=" + httplib::detail::encode_query_param(q), auth);

  auto run = [&](bool suggest) {
    Figures f;
    double cpu0 = CpuSeconds(pid);
    for (int r = 0; r < rounds; ++r) {
      for (const std::string& q : typed) {
        auto start = std::chrono::steady_clock::now();
        httplib::Result res =
            suggest ? client.Get("/api/assist/suggest?q=" + httplib::detail::encode_query_param(q), auth)
                    : client.Post("/api/dispatch/preview", auth, "{\"title\":\"" + Escape(q) + "\",\"body\":\"\"}",
                                  "application/json");
        f.wall_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        if (!res || res->status != 200) ++f.failures;
      }
    }
    f.cpu_ms_per_call = 1000.0 * (CpuSeconds(pid) - cpu0) / f.wall_ms.size();
    return f;
  };
  std::string load_before = LoadAverage();
  Figures suggest = run(true);
  Figures preview = run(false);
  std::printf("texts typed: %zu prefixes of %zu texts, %d rounds, one client; load average before: %s, after: %s\n",
              typed.size(), texts.size(), rounds, load_before.c_str(), LoadAverage().c_str());
  std::printf("%-34s %10s %10s %10s %14s %9s\n", "endpoint", "calls", "wall p50", "wall p95", "server CPU/call",
              "failures");
  auto print = [](const char* name, const Figures& f) {
    std::printf("%-34s %10zu %8.2f ms %8.2f ms %11.2f ms %9d\n", name, f.wall_ms.size(), Percentile(f.wall_ms, 0.5),
                Percentile(f.wall_ms, 0.95), f.cpu_ms_per_call, f.failures);
  };
  print("GET /api/assist/suggest", suggest);
  print("POST /api/dispatch/preview (peer)", preview);
  std::printf("ratio suggest / preview, server CPU per call: %.2f\n",
              preview.cpu_ms_per_call > 0 ? suggest.cpu_ms_per_call / preview.cpu_ms_per_call : 0.0);
  return suggest.failures + preview.failures > 0 ? 1 : 0;
}
