#include "insight/reply_quality.h"

#include <algorithm>
#include <mutex>
#include <set>
#include <unordered_set>

namespace lianxin::insight {
namespace {

// Words of the boilerplate that opens and closes most replies and requests.
const std::unordered_set<std::string> kBoilerplate = {
    "网友", "您好", "你好", "感谢", "谢谢", "留言", "反映", "问题", "情况", "关于", "我们",
    "你们", "您的", "现将", "如下", "答复", "回复", "平台", "栏目", "支持", "信任", "工作",
    "领导", "书记", "市长", "有关", "相关", "进行", "已经", "收悉", "调查", "处理", "一个",
    "这个", "没有", "什么", "怎么", "如何", "为什么", "是否", "能否", "希望", "请问", "要求"};

size_t Chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool Contains(const std::string& text, const char* word) {
  return text.find(word) != std::string::npos;
}

bool IsQuestionOrDemand(const std::string& s) {
  static const char* kMarks[] = {"?",    "？",   "吗",   "呢",   "如何", "怎么", "为什么", "为何",
                                 "能否", "是否", "何时", "哪里", "多少", "请",   "希望",   "要求",
                                 "建议", "恳请", "尽快", "呼吁", "应该", "能不能", "可否"};
  return std::any_of(std::begin(kMarks), std::end(kMarks),
                     [&](const char* m) { return Contains(s, m); });
}

}  // namespace

ReplyScorer::ReplyScorer(const text::Segmenter& segmenter, TimeMs deadline)
    : segmenter_(segmenter), deadline_(deadline) {}

std::vector<std::string> ReplyScorer::ContentWords(const std::string& text) const {
  // Words of 2+ characters; runs of single characters (what a segmenter leaves
  // for unknown text) contribute their character bigrams.
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto emit = [&](std::string w) {
    if (Chars(w) < 2 || kBoilerplate.count(w)) return;
    if (std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) return;
    if (seen.insert(w).second) out.push_back(std::move(w));
  };
  std::vector<std::string> run;
  auto flush = [&] {
    for (size_t i = 0; i + 1 < run.size(); ++i) emit(run[i] + run[i + 1]);
    run.clear();
  };
  for (std::string& w : segmenter_.Cut(text::Normalize(text))) {
    if (Chars(w) == 1 && static_cast<unsigned char>(w[0]) >= 0x80) {
      run.push_back(std::move(w));
      continue;
    }
    flush();
    emit(std::move(w));
  }
  flush();
  return out;
}

std::vector<std::string> ReplyScorer::Points(const std::string& text) const {
  static const char* kStops[] = {"。", "！", "？", "；", "!", "?", ";", "\n"};
  std::vector<std::string> sentences;
  std::string current;
  for (size_t i = 0; i < text.size();) {
    bool stop = false;
    for (const char* s : kStops) {
      size_t len = std::char_traits<char>::length(s);
      if (text.compare(i, len, s) == 0) {
        current.append(text, i, len);
        i += len;
        stop = true;
        break;
      }
    }
    if (stop) {
      sentences.push_back(std::move(current));
      current.clear();
    } else {
      current += text[i++];
    }
  }
  if (!current.empty()) sentences.push_back(std::move(current));
  std::vector<std::string> points;
  for (std::string& s : sentences) {
    if (IsQuestionOrDemand(s) && ContentWords(s).size() >= 1) points.push_back(std::move(s));
  }
  if (points.empty() && !text.empty()) points.push_back(text);
  return points;
}

ReplyQuality ReplyScorer::Score(const ReplyCase& c) const {
  // The text criteria depend on the three texts only: remembered for texts
  // scored recently (a rebuild over millions of tickets meets the same request
  // and reply texts again and again); timeliness is computed every time.
  std::string key;
  key.reserve(c.title.size() + c.body.size() + c.reply.size() + 2);
  key.append(c.title).append(1, '\x1f').append(c.body).append(1, '\x1f').append(c.reply);
  ReplyQuality q;
  bool known = false;
  {
    std::lock_guard<std::mutex> lock(memo_mu_);
    auto hit = memo_.find(key);
    if (hit != memo_.end()) {
      q = hit->second;
      known = true;
    }
  }
  if (!known) {
    q = ScoreTexts(c);
    std::lock_guard<std::mutex> lock(memo_mu_);
    if (memo_.size() >= kMemoSize) memo_.clear();
    memo_.emplace(std::move(key), q);
  }
  // Timeliness.
  if (c.asked_at > 0 && c.replied_at > 0) {
    TimeMs lag = c.replied_at - c.asked_at;
    TimeMs limit = c.due_at > c.asked_at ? c.due_at - c.asked_at : deadline_;
    if (lag <= limit) {
      q.timeliness = 1;
    } else {
      q.timeliness = std::max(0.0, 1.0 - static_cast<double>(lag - limit) / (2.0 * limit));
    }
  } else {
    q.timeliness = 0.5;
  }
  q.overall = (q.relevance + q.completeness + q.timeliness + q.explanation) / 4;
  return q;
}

ReplyQuality ReplyScorer::ScoreTexts(const ReplyCase& c) const {
  ReplyQuality q;
  std::vector<std::string> reply_words = ContentWords(c.reply);
  std::unordered_set<std::string> in_reply(reply_words.begin(), reply_words.end());
  // Relevance: the request's content words the reply takes up (title words count twice).
  std::vector<std::string> title = ContentWords(c.title);
  std::vector<std::string> body = ContentWords(c.body);
  std::unordered_set<std::string> title_set(title.begin(), title.end());
  double total = 0, hit = 0;
  std::unordered_set<std::string> request;
  for (const auto* words : {&title, &body}) {
    for (const std::string& w : *words) {
      if (!request.insert(w).second) continue;
      double weight = title_set.count(w) ? 2 : 1;
      total += weight;
      if (in_reply.count(w)) hit += weight;
    }
  }
  q.relevance = total > 0 ? hit / total : 0;
  // Completeness: each point of the request is addressed by the reply.
  std::vector<std::string> points = Points(c.body.empty() ? c.title : c.body);
  q.points = static_cast<int>(points.size());
  for (const std::string& p : points) {
    std::vector<std::string> words = ContentWords(p);
    size_t found = std::count_if(words.begin(), words.end(),
                                 [&](const std::string& w) { return in_reply.count(w) > 0; });
    // Two shared words suffice for a short point; a long point needs a fifth of
    // its words, but never more than four (bigrams overcount long sentences).
    size_t need = std::min<size_t>(
        words.size(), std::clamp<size_t>(static_cast<size_t>(0.2 * words.size() + 0.999), 2, 4));
    if (!words.empty() && found >= need) ++q.points_answered;
  }
  q.completeness = q.points > 0 ? static_cast<double>(q.points_answered) / q.points : 0;
  // Explanation: a cited policy, or at least reasons.
  const std::string& r = c.reply;
  size_t open = r.find("《");
  q.cites_policy = (open != std::string::npos && r.find("》", open) != std::string::npos) ||
                   ((Contains(r, "根据") || Contains(r, "依据") || Contains(r, "按照")) &&
                    (Contains(r, "规定") || Contains(r, "条例") || Contains(r, "办法") ||
                     Contains(r, "政策") || Contains(r, "法"))) ||
                   (Contains(r, "第") && Contains(r, "条") && Contains(r, "规定"));
  q.gives_reasons = Contains(r, "因为") || Contains(r, "由于") || Contains(r, "原因") ||
                    Contains(r, "鉴于") || Contains(r, "经调查") || Contains(r, "经核实") ||
                    Contains(r, "经查") || Contains(r, "经了解");
  q.explanation = q.cites_policy ? 1.0 : q.gives_reasons ? 0.6 : 0.0;
  return q;
}

Agreement Agree(const std::vector<bool>& ours, const std::vector<bool>& labels) {
  Agreement a;
  size_t n = std::min(ours.size(), labels.size());
  for (size_t i = 0; i < n; ++i) {
    if (ours[i] && labels[i]) ++a.both_yes;
    else if (ours[i]) ++a.ours_only;
    else if (labels[i]) ++a.label_only;
    else ++a.both_no;
  }
  a.n = static_cast<int>(n);
  if (n == 0) return a;
  double dn = static_cast<double>(n);
  a.accuracy = (a.both_yes + a.both_no) / dn;
  double p_ours = (a.both_yes + a.ours_only) / dn, p_label = (a.both_yes + a.label_only) / dn;
  double expected = p_ours * p_label + (1 - p_ours) * (1 - p_label);
  a.kappa = expected < 1 ? (a.accuracy - expected) / (1 - expected) : 0;
  return a;
}

}  // namespace lianxin::insight
