#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "insight/hotspots.h"

namespace lianxin::insight {
namespace {

const text::Segmenter& Jieba() {
  static const std::unique_ptr<text::Segmenter> seg = [] {
    auto s = text::LoadJiebaSegmenter({});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : text::NewCharSegmenter();
  }();
  return *seg;
}

std::unique_ptr<text::Gazetteer> Places() {
  return text::Gazetteer::Build({{"XD", "西地省", "", RegionLevel::kProvince},
                                 {"XD.A", "A市", "XD", RegionLevel::kCity},
                                 {"XD.A.A2", "A2区", "XD.A", RegionLevel::kDistrict},
                                 {"XD.A.A5", "A5区", "XD.A", RegionLevel::kDistrict},
                                 {"XD.A.A6", "A6区", "XD.A", RegionLevel::kDistrict}});
}

const TimeMs kStart = *ParseTime("2019-11-01 08:00:00");

HotspotInput Msg(int64_t id, int day, std::string title, std::string body, std::string user = "",
                 int64_t likes = 0) {
  HotspotInput m;
  m.id = id;
  m.time = kStart + day * kDayMs;
  m.title = std::move(title);
  m.body = std::move(body);
  m.user = user.empty() ? "u" + std::to_string(id) : user;
  m.likes = likes;
  return m;
}

// Three matters, written the way citizens write: a mixing plant in A2区, cooking
// fumes under a block of flats in A5区, a power line in A6区; plus two one-offs.
std::vector<HotspotInput> Fixture() {
  return {
      Msg(1, 0, "A2区丽发新城附近修建搅拌站噪音扰民", "小区旁边新建搅拌站，日夜施工，噪音和粉尘严重。"),
      Msg(2, 1, "投诉A2区丽发新城小区附近搅拌站", "丽发新城小区附近的搅拌站粉尘大，噪音扰民。", "", 5),
      Msg(3, 2, "丽发新城搅拌站严重影响居民生活", "A2区丽发新城小区旁搅拌站灰尘噪音污染严重。"),
      Msg(4, 1, "A5区魅力之城小区底层餐馆油烟扰民", "魅力之城小区一楼的餐馆油烟直排，夜宵摊噪音。"),
      Msg(5, 3, "A5区魅力之城小区临街门面油烟直排扰民", "魅力之城小区门面油烟扰民，夜宵摊营业到凌晨。"),
      Msg(6, 4, "A6区月亮岛路架设高压线的投诉", "月亮岛路沿线架设110kv高压电线杆，离小区太近。"),
      Msg(7, 5, "反对A6区月亮岛路架设高压电线", "月亮岛路高压线应地埋，请重新做环评。"),
      Msg(8, 2, "A6区某小学门口红绿灯设置不合理", "学校门口红绿灯时间太短，孩子过马路危险。"),
      Msg(9, 3, "咨询公积金贷款额度", "想了解首套房公积金贷款最高额度是多少。"),
  };
}

std::map<int64_t, int64_t> TopicOf(const HotspotClusterer& c) {
  std::map<int64_t, int64_t> m;
  for (const auto& [ticket, topic] : c.assignments()) m[ticket] = topic;
  return m;
}

TEST(HotspotClusterer, GroupsEachMatterAndNothingElse) {
  auto places = Places();
  HotspotFeaturizer f(Jieba(), places.get(), {});
  BatchResult r = ClusterBatch(f, Fixture(), 1);
  auto topic = TopicOf(*r.clusterer);
  EXPECT_EQ(topic[1], topic[2]);
  EXPECT_EQ(topic[1], topic[3]);
  EXPECT_EQ(topic[4], topic[5]);
  EXPECT_EQ(topic[6], topic[7]);
  std::set<int64_t> distinct = {topic[1], topic[4], topic[6], topic[8], topic[9]};
  EXPECT_EQ(distinct.size(), 5u);
  std::vector<Hotspot> hot = r.clusterer->Snapshot(*r.vocabulary);
  ASSERT_EQ(hot.size(), 3u);  // the one-offs are singletons, not hot topics
  EXPECT_EQ(hot[0].ticket_ids, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(hot[0].likes, 5);
  EXPECT_EQ(hot[0].people, 3);
  EXPECT_EQ(hot[0].places.front(), "A2区");
  EXPECT_EQ(hot[0].region_codes.front(), "XD.A.A2");
  EXPECT_NE(hot[0].title.find("A2区"), std::string::npos) << hot[0].title;
  EXPECT_NE(hot[0].title.find("搅拌站"), std::string::npos) << hot[0].title;
  EXPECT_EQ(hot[0].first_time, kStart);
  EXPECT_EQ(hot[0].last_time, kStart + 2 * kDayMs);
  EXPECT_GE(hot[0].heat, hot[1].heat);
  EXPECT_GE(hot[1].heat, hot[2].heat);
}

TEST(HotspotClusterer, IncrementalEqualsBatchInTimeOrder) {
  auto places = Places();
  HotspotFeaturizer f(Jieba(), places.get(), {});
  std::vector<HotspotInput> in = Fixture();
  BatchResult batch = ClusterBatch(f, in, 2);
  // Incremental: same IDF (history known up front), tickets one by one in time order.
  Vocabulary v;
  std::vector<TicketTerms> terms = ExtractAll(f, in, 1);
  for (const TicketTerms& t : terms) v.AddDocument(t);
  std::vector<size_t> order = {0, 1, 3, 2, 7, 4, 8, 5, 6};  // by day, stable
  HotspotClusterer c({});
  for (size_t i : order) c.Add(in[i], f.Weigh(terms[i], v));
  EXPECT_EQ(TopicOf(c), TopicOf(*batch.clusterer));
}

TEST(HotspotClusterer, WindowClosesATopic) {
  auto places = Places();
  HotspotOptions o;
  o.window = 10 * kDayMs;
  HotspotFeaturizer f(Jieba(), places.get(), o);
  std::vector<HotspotInput> in = {
      Msg(1, 0, "A2区丽发新城附近修建搅拌站噪音扰民", "搅拌站噪音粉尘"),
      Msg(2, 5, "投诉A2区丽发新城小区附近搅拌站噪音", "搅拌站噪音粉尘扰民"),
      Msg(3, 40, "A2区丽发新城小区附近搅拌站噪音扰民", "搅拌站噪音粉尘"),
  };
  BatchResult r = ClusterBatch(f, in, 1);
  auto topic = TopicOf(*r.clusterer);
  EXPECT_EQ(topic[1], topic[2]);
  EXPECT_NE(topic[1], topic[3]);  // 35 days after the last ticket: a new topic
}

TEST(HotspotClusterer, OtherDistrictNeedsMoreSimilarity) {
  auto places = Places();
  HotspotOptions o;
  o.other_district_penalty = 0.1;
  HotspotFeaturizer f(Jieba(), places.get(), o);
  std::vector<HotspotInput> in = {
      Msg(1, 0, "A2区某小区门口夜间施工噪音扰民", "工地夜间施工噪音扰民"),
      Msg(2, 1, "A5区某小区门口夜间施工噪音扰民", "工地夜间施工噪音扰民"),
  };
  auto topic = TopicOf(*ClusterBatch(f, in, 1).clusterer);
  EXPECT_NE(topic[1], topic[2]);
  o.other_district_penalty = 1;
  HotspotFeaturizer same(Jieba(), places.get(), o);
  topic = TopicOf(*ClusterBatch(same, in, 1).clusterer);
  EXPECT_EQ(topic[1], topic[2]);
}

TEST(HotspotClusterer, GrowthAndLimitInSnapshot) {
  auto places = Places();
  HotspotFeaturizer f(Jieba(), places.get(), {});
  BatchResult r = ClusterBatch(f, Fixture(), 1);
  std::vector<Hotspot> one = r.clusterer->Snapshot(*r.vocabulary, 1, kStart + 3 * kDayMs);
  ASSERT_EQ(one.size(), 1u);
  // As of day 3, the A2区 topic had all three tickets in the last 7 days, none before.
  std::vector<Hotspot> all = r.clusterer->Snapshot(*r.vocabulary, 0, kStart + 3 * kDayMs);
  for (const Hotspot& h : all) {
    if (h.ticket_ids.front() == 1) EXPECT_DOUBLE_EQ(h.growth, 3.0);
  }
  EXPECT_EQ(r.clusterer->topic_count(), 5u);
}

TEST(HotspotClusterer, PrecomputedTermsGiveTheSameTopicsAsSegmenting) {
  auto places = Places();
  HotspotFeaturizer f(Jieba(), places.get(), {});
  std::vector<HotspotInput> in = Fixture();
  BatchResult segmented = ClusterBatch(f, in, 1);
  // As intake would store them: terms extracted once, handed over as a table.
  TermTable table;
  for (const TicketTerms& t : ExtractAll(f, in, 2)) table.Add(t);
  ASSERT_EQ(table.size(), in.size());
  EXPECT_EQ(table.vocabulary.Count(), in.size());
  BatchResult precomputed = ClusterBatch(f, in, std::move(table), 2);
  EXPECT_EQ(TopicOf(*precomputed.clusterer), TopicOf(*segmented.clusterer));
  std::vector<Hotspot> a = segmented.clusterer->Snapshot(*segmented.vocabulary);
  std::vector<Hotspot> b = precomputed.clusterer->Snapshot(*precomputed.vocabulary);
  ASSERT_EQ(a.size(), b.size());
  for (size_t k = 0; k < a.size(); ++k) EXPECT_EQ(a[k].title, b[k].title);
}

TEST(HotspotClusterer, MissingTermRowsAreTicketsWithoutTerms) {
  auto places = Places();
  HotspotFeaturizer f(Jieba(), places.get(), {});
  std::vector<HotspotInput> in = Fixture();
  TermTable table;  // no rows at all: every ticket is its own topic, nothing crashes
  BatchResult r = ClusterBatch(f, in, std::move(table), 2);
  EXPECT_EQ(r.clusterer->topic_count(), in.size());
  EXPECT_TRUE(r.clusterer->Snapshot(*r.vocabulary).empty());
}

TEST(HotspotClusterer, RescoreOnlyTheBestCandidates) {
  // Twelve tickets about one matter on 12 days: with one exact rescore per probe the
  // best-scoring candidate still wins and all of them form one topic.
  auto places = Places();
  HotspotOptions o;
  o.rescore = 1;
  HotspotFeaturizer f(Jieba(), places.get(), o);
  std::vector<HotspotInput> in;
  for (int d = 0; d < 12; ++d) {
    in.push_back(Msg(d + 1, d, "A2区丽发新城附近修建搅拌站噪音扰民", "搅拌站噪音粉尘扰民"));
    in.push_back(Msg(100 + d, d, "咨询公积金贷款额度" + std::to_string(d), "首套房公积金贷款"));
  }
  BatchResult r = ClusterBatch(f, in, 1);
  auto topic = TopicOf(*r.clusterer);
  for (int d = 1; d < 12; ++d) EXPECT_EQ(topic[d + 1], topic[1]) << d;
  EXPECT_NE(topic[100], topic[1]);
}

TEST(HotspotClusterer, LimitedSnapshotIsTheHeadOfTheFullOne) {
  auto places = Places();
  HotspotFeaturizer f(Jieba(), places.get(), {});
  BatchResult r = ClusterBatch(f, Fixture(), 1);
  std::vector<Hotspot> all = r.clusterer->Snapshot(*r.vocabulary);
  for (size_t limit = 1; limit <= all.size(); ++limit) {
    std::vector<Hotspot> head = r.clusterer->Snapshot(*r.vocabulary, limit);
    ASSERT_EQ(head.size(), limit);
    for (size_t k = 0; k < limit; ++k) EXPECT_EQ(head[k].id, all[k].id);
  }
}

// A stream of intake terms (no segmentation): 400 matters, each with its own two place
// words and three problem words drawn from a shared pool, plus common words; tickets of a
// matter spread over a few days, in time order. Fixed seed.
struct TermStream {
  std::vector<HotspotInput> inputs;
  std::vector<TicketTerms> terms;
};
TermStream MakeTermStream(size_t n) {
  std::mt19937 rng(7);
  TermStream s;
  for (size_t k = 0; k < n; ++k) {
    const uint32_t matter = rng() % 400;
    HotspotInput in;
    in.id = static_cast<int64_t>(k) + 1;
    in.time = kStart + static_cast<TimeMs>(k) * (kDayMs / 100) + static_cast<TimeMs>(rng() % 1000);
    in.title = "事项" + std::to_string(matter);
    in.user = "u" + std::to_string(rng() % 3000);
    in.urgent = rng() % 10 == 0;
    std::map<std::string, float> counts;
    counts["小区" + std::to_string(matter)] += 2;
    counts["路" + std::to_string(matter % 97)] += 1;
    for (uint32_t w : {matter % 53, matter % 41 + 60, matter % 29 + 120}) counts["问题" + std::to_string(w)] += 1;
    for (int c = 0; c < 3; ++c) counts["常见" + std::to_string(rng() % 12)] += 1;
    if (rng() % 4 == 0) counts["其他" + std::to_string(rng() % 5000)] += 1;  // noise
    TicketTerms t;
    t.counts.assign(counts.begin(), counts.end());
    if (matter % 3 != 0) t.region_code = "XD.A.A" + std::to_string(matter % 3 + 1);
    s.inputs.push_back(std::move(in));
    s.terms.push_back(std::move(t));
  }
  return s;
}

BatchResult BatchOver(const HotspotFeaturizer& f, const TermStream& s, size_t n) {
  TermTable table;
  for (size_t k = 0; k < n; ++k) table.Add(s.terms[k]);
  return ClusterBatch(f, std::vector<HotspotInput>(s.inputs.begin(), s.inputs.begin() + static_cast<long>(n)),
                      std::move(table), 2);
}

// The day's increment on two threads (weighing ahead of the clustering) gives exactly
// the topics of one thread and of the plain per-ticket loop, over several chunks.
TEST(ClusterIncrement, TwoThreadsGiveTheTopicsOfOneAndOfThePlainLoop) {
  auto seg = text::NewCharSegmenter();
  HotspotFeaturizer f(*seg, nullptr, {});
  const size_t history = 3000, total = 8000;  // 5,000 new: 5 pipeline chunks
  TermStream s = MakeTermStream(total);
  std::vector<HotspotInput> day(s.inputs.begin() + history, s.inputs.end());
  std::vector<TicketTerms> day_terms(s.terms.begin() + history, s.terms.end());

  BatchResult plain = BatchOver(f, s, history);
  const size_t topics_before = plain.clusterer->topic_count();
  std::vector<int64_t> expected;
  for (size_t k = 0; k < day.size(); ++k) {
    TicketVector v = f.WeighIds(plain.vocabulary->AddDocumentIds(day_terms[k]), *plain.vocabulary);
    v.region_code = day_terms[k].region_code;
    expected.push_back(plain.clusterer->Add(day[k], v));
  }
  size_t joined = 0;
  for (int64_t t : expected) joined += static_cast<size_t>(t) <= topics_before;
  EXPECT_GT(joined, day.size() / 2);                           // most join the history's topics
  EXPECT_GT(plain.clusterer->topic_count(), topics_before);    // and some start new ones
  EXPECT_LT(plain.clusterer->topic_count(), total / 2);

  for (int threads : {1, 2}) {
    BatchResult r = BatchOver(f, s, history);
    EXPECT_EQ(ClusterIncrement(f, day, day_terms, *r.vocabulary, *r.clusterer, threads), expected) << threads;
    EXPECT_EQ(r.clusterer->assignments(), plain.clusterer->assignments()) << threads;
    EXPECT_EQ(r.vocabulary->Count(), plain.vocabulary->Count());
    std::vector<Hotspot> a = plain.clusterer->Snapshot(*plain.vocabulary, 20);
    std::vector<Hotspot> b = r.clusterer->Snapshot(*r.vocabulary, 20);
    ASSERT_EQ(a.size(), b.size());
    for (size_t k = 0; k < a.size(); ++k) {
      EXPECT_EQ(a[k].id, b[k].id);
      EXPECT_EQ(a[k].title, b[k].title);
      EXPECT_EQ(a[k].ticket_ids, b[k].ticket_ids);
      EXPECT_DOUBLE_EQ(a[k].heat, b[k].heat);
    }
  }
}

// The batch over intake terms is the same on one thread and two (weighing pipelined).
TEST(ClusterIncrement, BatchOverTermsIsTheSameOnOneAndTwoThreads) {
  auto seg = text::NewCharSegmenter();
  HotspotFeaturizer f(*seg, nullptr, {});
  TermStream s = MakeTermStream(20000);  // 3 chunks of the batch's pipeline
  TermTable one, two;
  for (const TicketTerms& t : s.terms) {
    one.Add(t);
    two.Add(t);
  }
  BatchResult a = ClusterBatch(f, s.inputs, std::move(one), 1);
  BatchResult b = ClusterBatch(f, s.inputs, std::move(two), 2);
  EXPECT_EQ(a.clusterer->assignments(), b.clusterer->assignments());
  EXPECT_LT(a.clusterer->topic_count(), s.inputs.size() / 4);
}

TEST(ClusterIncrement, MissingTermRowsAndAnEmptyDay) {
  auto seg = text::NewCharSegmenter();
  HotspotFeaturizer f(*seg, nullptr, {});
  TermStream s = MakeTermStream(100);
  BatchResult r = BatchOver(f, s, 50);
  EXPECT_TRUE(ClusterIncrement(f, {}, {}, *r.vocabulary, *r.clusterer, 2).empty());
  const size_t before = r.clusterer->topic_count();
  std::vector<HotspotInput> day(s.inputs.begin() + 50, s.inputs.end());
  std::vector<int64_t> topics = ClusterIncrement(f, day, {}, *r.vocabulary, *r.clusterer, 2);
  ASSERT_EQ(topics.size(), day.size());
  EXPECT_EQ(r.clusterer->topic_count(), before + day.size());  // no terms: each its own topic
  EXPECT_EQ(r.vocabulary->Count(), 100u);
}

}  // namespace
}  // namespace lianxin::insight
