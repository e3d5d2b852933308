// Measures Normalize + Cut throughput (messages per second, one thread) over a
// JSONL file of messages with "title" and "body" fields. Not part of ctest.
//
//   cmake -B build -DLIANXIN_BUILD_BENCHMARKS=ON && cmake --build build --target text_throughput
//   build/src/text/text_throughput /work/shared/data/teddy2020/messages_labeled.jsonl
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "text/text.h"

namespace {

// Extracts the JSON string value of "key" from one flat JSON object line
// (enough for the data sets we time; handles the usual escapes).
std::string JsonField(const std::string& line, const std::string& key) {
  std::string pattern = "\"" + key + "\":";
  size_t pos = line.find(pattern);
  if (pos == std::string::npos) return "";
  pos += pattern.size();
  while (pos < line.size() && line[pos] == ' ') ++pos;
  if (pos >= line.size() || line[pos] != '"') return "";
  std::string out;
  for (++pos; pos < line.size() && line[pos] != '"'; ++pos) {
    if (line[pos] != '\\' || pos + 1 >= line.size()) {
      out += line[pos];
      continue;
    }
    char e = line[++pos];
    if (e == 'n') out += '\n';
    else if (e == 't') out += '\t';
    else if (e == 'r') out += '\r';
    else if (e == 'u' && pos + 4 < line.size()) {
      unsigned cp = std::stoul(line.substr(pos + 1, 4), nullptr, 16);
      pos += 4;
      if (cp < 0x80) out += static_cast<char>(cp);
      else if (cp < 0x800) out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
      else out += static_cast<char>(0xE0 | (cp >> 12)), out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
           out += static_cast<char>(0x80 | (cp & 0x3F));
    } else out += e;
  }
  return out;
}

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// CPU time of this thread: steadier than wall time on a shared machine.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s messages.jsonl [rounds]\n", argv[0]);
    return 2;
  }
  int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  std::ifstream in(argv[1]);
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    texts.push_back(JsonField(line, "title") + "\n" + JsonField(line, "body"));
    bytes += texts.back().size();
  }
  if (texts.empty()) {
    std::fprintf(stderr, "no messages in %s\n", argv[1]);
    return 1;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto seg = lianxin::text::LoadJiebaSegmenter({});
  if (!seg.ok()) {
    std::fprintf(stderr, "%s\n", seg.status().ToString().c_str());
    return 1;
  }
  std::printf("load: %.3f s; %zu messages, %.0f bytes each\n",
              Seconds(std::chrono::steady_clock::now() - t0), texts.size(),
              double(bytes) / texts.size());
  std::vector<std::string> tokens;
  for (int r = 0; r < rounds; ++r) {
    size_t count = 0, normalized_bytes = 0;
    double cpu_a = CpuSeconds();
    for (const std::string& t : texts) normalized_bytes += lianxin::text::Normalize(t).size();
    double cpu_b = CpuSeconds();
    auto b = std::chrono::steady_clock::now();
    for (const std::string& t : texts) {
      tokens.clear();
      (*seg)->Cut(lianxin::text::Normalize(t), tokens);
      count += tokens.size();
    }
    auto c = std::chrono::steady_clock::now();
    double cpu_c = CpuSeconds();
    std::printf(
        "round %d: Normalize %.0f msg/s; Normalize+Cut %.0f msg/s CPU time, %.0f msg/s wall "
        "(%.1f tokens/msg)\n",
        r, texts.size() / (cpu_b - cpu_a), texts.size() / (cpu_c - cpu_b),
        texts.size() / Seconds(c - b), double(count) / texts.size());
    if (normalized_bytes == 0) return 1;
  }
  return 0;
}
