// Shared benchmark helpers: see bench_client.h.
#include "bench_client.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace lianxin::bench {
namespace {

const char* const kPlaces[] = {"幸福里小区",     "锦绣花园",         "东风路与建设街交叉口",
                               "滨河路公交站",   "新华书店门口",     "第三中学北门",
                               "人民公园东侧",   "翠苑二期",         "光明菜市场",
                               "火车站南广场",   "开发区管委会对面", "阳光嘉园",
                               "老城区解放巷",   "江南世家",         "金色港湾",
                               "工业园区六号路", "和平里社区",       "城南农贸市场",
                               "星河湾",         "育才小学附近"};
const char* const kIssues[] = {
    "夜间施工噪音扰民", "路灯长期不亮",         "占道经营",       "垃圾清运不及时", "小区停水",
    "井盖缺失",         "违章停车堵塞消防通道", "供暖温度不达标", "拖欠工资",       "餐馆油烟扰民",
    "电动车乱停放",     "下水道堵塞",           "公交车拒载",     "物业乱收费",     "树木倒伏"};
const char* const kOpenings[] = {"市民来电反映：", "来电人称：",         "本人是附近居民，",
                                 "我家住在附近，", "市民通过网站反映，", "来电人反映，",
                                 "群众反映："};
const char* const kDetails[] = {
    "每天晚上十点以后仍有大型机械作业，噪音很大，严重影响周边居民休息，家里老人和孩子都睡不好觉。",
    "该路段的路灯已经坏了将近一个月，晚上一片漆黑，行人和骑车的人经常摔倒，存在很大的安全隐患。",
    "有商贩长期在人行道上摆摊设点，早晚高峰时段行人只能走到机动车道上，非常危险。",
    "小区垃圾桶已经满了好几天没人清理，气味难闻，天气热了还招来很多苍蝇蚊子。",
    "从昨天早上开始整栋楼停水，物业没有提前通知，也说不清什么时候能恢复，居民生活很不方便。",
    "路面上的井盖不见了，只用几块砖头简单围了一下，晚上看不清楚，已经有电动车差点掉进去。",
    "消防通道上长期停着几辆私家车，保安劝说也没有用，万一发生火灾消防车根本进不来。",
    "进入供暖期以来室内温度一直只有十五六度，多次找供热公司，对方只说会安排人来看但一直没人来。",
    "在该工地干了三个多月的活，老板一直拖欠工资不发，一共十几个工友，合计四万多元。",
    "楼下饭店的排烟管道直接对着居民楼，油烟很大，窗户都不敢开，衣服也没法晾。",
    "大量电动车停在楼道里充电，堵塞通道，还有私拉电线的情况，存在严重的火灾隐患。",
    "下水道堵了一个星期，污水漫到路面上，臭味很重，居民出行都要绕着走。",
    "在站台等车时，公交车没有停靠直接开走了，已经连续发生好几次，耽误了上班。",
    "物业今年突然把停车费从每月一百元涨到三百元，没有经过业主大会，也没有公示。",
    "昨晚大风把路边一棵大树刮倒了，压在人行道和一辆汽车上，到现在还没有人来处理。"};
const char* const kHistory[] = {"此前已经多次向物业和社区反映，但问题一直没有得到解决。",
                                "之前打过电话，工作人员说会转给相关部门，但至今没有任何回复。",
                                "附近很多居民都有同样的意见，大家都很着急。",
                                "这个问题已经持续了两个多星期，情况越来越严重。",
                                "曾经向街道办事处反映过，对方答复不归他们管。",
                                "社区工作人员来看过一次，拍了照片后就没有下文了。"};
const char* const kRequests[] = {
    "希望相关部门尽快到现场核实处理，并给予答复。",
    "请求有关部门加强监管，彻底解决这个问题，谢谢。", "希望政府部门重视，尽快安排人员维修。",
    "请相关单位依法处理，还居民一个安静的生活环境。", "希望能尽快协调解决，处理结果请电话告知。"};
const char* const kTimes[] = {"今天上午",     "昨天晚上", "本周一",   "上个月底",
                              "最近一段时间", "每天傍晚", "周末两天", "前天下午"};

template <size_t N>
const char* Pick(const char* const (&a)[N], std::mt19937& rng) {
  return a[std::uniform_int_distribution<size_t>(0, N - 1)(rng)];
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

void Die(const std::string& tool, const std::string& msg) {
  std::fprintf(stderr, "%s: %s\n", tool.c_str(), msg.c_str());
  std::exit(2);
}

std::unique_ptr<httplib::Client> KeepAliveClient(const std::string& url) {
  auto cli = std::make_unique<httplib::Client>(url);
  cli->set_keep_alive(true);
  cli->set_tcp_nodelay(true);  // like browsers and curl
  cli->set_connection_timeout(10, 0);
  cli->set_read_timeout(60, 0);
  cli->set_write_timeout(60, 0);
  return cli;
}

RequestText MakeRequestText(std::mt19937& rng, const std::vector<std::string>& regions,
                            int64_t seq) {
  RequestText r;
  std::string place = Pick(kPlaces, rng);
  std::string issue = Pick(kIssues, rng);
  r.title = place + issue;
  const size_t target = std::uniform_int_distribution<size_t>(280, 330)(rng);
  std::string b = std::string(Pick(kOpenings, rng)) + Pick(kTimes, rng) + "在" + place + "，";
  while (CodePoints(b) < target) {
    switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
      case 0:
      case 1:
        b += Pick(kDetails, rng);
        break;
      case 2:
        b += Pick(kHistory, rng);
        break;
      default:
        b += std::string(Pick(kTimes, rng)) + "又发现" + Pick(kIssues, rng) + "的情况。";
    }
  }
  b += Pick(kRequests, rng);
  b += "（编号" + std::to_string(seq) + "）";
  r.body = std::move(b);
  char phone[16];
  std::snprintf(phone, sizeof phone, "13%09u",
                std::uniform_int_distribution<unsigned>(0, 999999999)(rng));
  r.phone = phone;
  r.region = regions[std::uniform_int_distribution<size_t>(0, regions.size() - 1)(rng)];
  return r;
}

std::string ToJson(const RequestText& r) {
  return "{\"title\":\"" + r.title + "\",\"body\":\"" + r.body + "\",\"phone\":\"" + r.phone +
         "\",\"region\":\"" + r.region + "\"}";
}

std::vector<std::string> LoadRegions(const std::string& path) {
  std::ifstream in(path);
  if (!in) Die("bench", "cannot read " + path);
  std::vector<std::string> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::string code = line.substr(0, line.find(','));
    if (std::count(code.begin(), code.end(), '.') >= 2) out.push_back(code);
  }
  if (out.empty()) Die("bench", "no district-level regions in " + path);
  return out;
}

std::string JsonField(const std::string& json, const std::string& key) {
  std::string needle = "\"" + key + "\":\"";
  size_t p = json.find(needle);
  if (p == std::string::npos) return "";
  p += needle.size();
  size_t e = json.find('"', p);
  return e == std::string::npos ? "" : json.substr(p, e - p);
}

int64_t JsonInt(const std::string& json, const std::string& key) {
  std::string needle = "\"" + key + "\":";
  size_t p = json.find(needle);
  if (p == std::string::npos) return -1;
  p += needle.size();
  char* end = nullptr;
  long long v = std::strtoll(json.c_str() + p, &end, 10);
  return end == json.c_str() + p ? -1 : v;
}

std::string UrlEncode(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

double Percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  size_t rank = static_cast<size_t>(q * static_cast<double>(sorted.size()) + 0.999999);
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

double ProcessCpuSeconds(int pid) {
  std::ifstream in(pid > 0 ? "/proc/" + std::to_string(pid) + "/stat" : "/proc/self/stat");
  std::string stat;
  if (!std::getline(in, stat)) return -1;
  size_t p = stat.rfind(')');  // the command name may contain spaces
  if (p == std::string::npos) return -1;
  std::istringstream fields(stat.substr(p + 2));
  std::string f;
  double utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i) {  // fields 14 and 15 are utime, stime
    if (i == 14) utime = std::stod(f);
    if (i == 15) stime = std::stod(f);
  }
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double ProcessRssMb(int pid) {
  std::ifstream in(pid > 0 ? "/proc/" + std::to_string(pid) + "/status" : "/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
  }
  return -1;
}

double MachineBusySeconds() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  in >> cpu;
  double v[10] = {};
  for (double& x : v) in >> x;
  double busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];  // user nice system irq softirq steal
  return busy / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double LoadAverage1() {
  std::ifstream in("/proc/loadavg");
  double v = -1;
  in >> v;
  return v;
}

CpuSnapshot CpuSnapshot::Take(int server_pid) {
  CpuSnapshot s;
  if (server_pid > 0) s.server = ProcessCpuSeconds(server_pid);
  s.self = ProcessCpuSeconds(0);
  s.machine = MachineBusySeconds();
  return s;
}

int64_t ServerTicketCount(const std::string& url) {
  httplib::Client cli(url);
  auto res = cli.Get("/metrics");
  if (!res || res->status != 200) return -1;
  std::istringstream in(res->body);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("lianxin_tickets ", 0) == 0) return std::stoll(line.substr(16));
  }
  return -1;
}

}  // namespace lianxin::bench
