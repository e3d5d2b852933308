#include "kb/searcher.h"

#include <gtest/gtest.h>

#include <random>

namespace lianxin::kb {
namespace {

KbEntry Entry(int64_t id, int version, std::string question, std::string answer) {
  KbEntry e;
  e.id = id;
  e.version = version;
  e.status = KbEntryStatus::kPublished;
  e.questions = {std::move(question)};
  e.answer = std::move(answer);
  return e;
}

class SearcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    segmenter_ = text::NewCharSegmenter();
    std::vector<KbEntry> entries = {
        Entry(1, 1, "社保卡丢了怎么补办", "携带身份证到社保经办机构窗口补办社保卡。也可在网上申请。"),
        Entry(2, 1, "小区停车收费标准", "住宅小区停车收费由物业与业主协商确定。"),
        Entry(3, 1, "公积金提取条件", "购房、退休、离职可申请提取住房公积金。"),
    };
    KbEntry scoped = Entry(4, 1, "A3区社保卡补办地点", "A3区社保卡在区政务服务中心二楼补办。");
    scoped.regions = {"XD.A.A3"};
    entries.push_back(scoped);
    KbEntry expired = Entry(5, 1, "社保卡补办免费吗", "2020年社保卡补办免收工本费。");
    expired.valid_to = "2020-12-31";
    entries.push_back(expired);
    KbEntry draft = Entry(6, 1, "社保卡补办草稿", "社保卡补办草稿内容。");
    draft.status = KbEntryStatus::kDraft;
    entries.push_back(draft);
    auto s = Searcher::Build(*segmenter_, entries);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    searcher_ = std::move(s).value();
  }
  std::vector<int64_t> Ids(const Query& q) {
    std::vector<int64_t> ids;
    for (const Hit& h : searcher_->Search(q)) ids.push_back(h.entry_id);
    return ids;
  }
  std::unique_ptr<text::Segmenter> segmenter_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(SearcherTest, FindsTheMatchingEntryFirstWithHighlights) {
  Query q;
  q.title = "社保卡怎么补办";
  q.date = "2026-12-01";
  auto hits = searcher_->Search(q);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].entry_id, 1);
  EXPECT_EQ(hits[0].version, 1);
  EXPECT_GT(hits[0].score, 0.0f);
  EXPECT_LE(hits[0].score, 1.0f);
  ASSERT_FALSE(hits[0].highlights.empty());
  for (const auto& [b, e] : hits[0].highlights) {
    ASSERT_LE(e, hits[0].snippet.size());
    std::string word = hits[0].snippet.substr(b, e - b);
    EXPECT_NE(std::string("社保卡怎么补办").find(word.substr(0, 3)), std::string::npos) << word;
  }
}

TEST_F(SearcherTest, RegionScopeRespected) {
  Query q;
  q.title = "社保卡补办地点";
  q.region = "XD.A.A3.S1";  // a street inside A3
  EXPECT_EQ(Ids(q).front(), 4);
  q.region = "XD.A.A5";
  for (int64_t id : Ids(q)) EXPECT_NE(id, 4);
  q.region = "";
  for (int64_t id : Ids(q)) EXPECT_NE(id, 4);
}

TEST_F(SearcherTest, ExpiredAndDraftEntriesNeverReturned) {
  Query q;
  q.title = "社保卡补办免费吗 草稿";
  q.date = "2026-12-01";
  for (int64_t id : Ids(q)) {
    EXPECT_NE(id, 5);
    EXPECT_NE(id, 6);
  }
  q.date = "2020-06-01";
  auto ids = Ids(q);
  EXPECT_NE(std::find(ids.begin(), ids.end(), 5), ids.end());
}

TEST_F(SearcherTest, UpsertReplacesVersionAndRetireRemoves) {
  KbEntry v2 = Entry(2, 2, "小区停车收费标准", "停车收费实行政府指导价，详见价格主管部门公告。");
  searcher_->Upsert(v2);
  Query q;
  q.title = "停车收费";
  auto hits = searcher_->Search(q);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].entry_id, 2);
  EXPECT_EQ(hits[0].version, 2);
  for (const Hit& h : hits) EXPECT_FALSE(h.entry_id == 2 && h.version == 1);
  size_t before = searcher_->size();
  v2.status = KbEntryStatus::kRetired;
  searcher_->Upsert(v2);
  EXPECT_EQ(searcher_->size(), before - 1);
  for (int64_t id : Ids(q)) EXPECT_NE(id, 2);
}

TEST(Searcher, CoversRegionAndValidOn) {
  KbEntry e;
  EXPECT_TRUE(CoversRegion(e, ""));
  e.regions = {"XD.A"};
  EXPECT_TRUE(CoversRegion(e, "XD.A.A3"));
  EXPECT_FALSE(CoversRegion(e, "XD.AB"));
  EXPECT_FALSE(CoversRegion(e, "XD"));
  e.valid_from = "2026-01-01";
  e.valid_to = "2026-12-31";
  EXPECT_TRUE(ValidOn(e, "2026-12-31"));
  EXPECT_FALSE(ValidOn(e, "2027-01-01"));
  EXPECT_FALSE(ValidOn(e, "2025-12-31"));
}

// The pruned retrieval must give the hits of exhaustive scoring, for every
// ranking setting, with region and date filters, after upserts and retirements.
TEST(Searcher, PrunedSearchEqualsExhaustiveOnARandomCorpus) {
  auto segmenter = text::NewCharSegmenter();
  const std::string chars = "社保卡补办停车收费标准公积金提取条件小区物业业主身份证窗口申请";
  std::vector<std::string> alphabet;  // CJK characters are 3 bytes in UTF-8
  for (size_t i = 0; i + 3 <= chars.size(); i += 3) alphabet.push_back(chars.substr(i, 3));
  std::mt19937_64 rng(42);
  auto phrase = [&](size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) {
      double u = std::uniform_real_distribution<double>(0, 1)(rng);
      out += alphabet[static_cast<size_t>(u * u * static_cast<double>(alphabet.size()))];
      if (rng() % 7 == 0) out += "。";
    }
    return out;
  };
  std::vector<KbEntry> entries;
  for (int64_t id = 1; id <= 600; ++id) {
    KbEntry e = Entry(id, 1, phrase(3 + rng() % 8), phrase(5 + rng() % 60));
    if (id % 9 == 0) e.regions = {"XD.A"};
    if (id % 11 == 0) e.valid_to = "2020-12-31";
    entries.push_back(e);
  }
  auto built = Searcher::Build(*segmenter, entries);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  Searcher& searcher = **built;
  for (int64_t id = 590; id <= 640; ++id) {
    KbEntry e = Entry(id, 2, phrase(4), phrase(20));
    if (id % 5 == 0) e.status = KbEntryStatus::kRetired;
    searcher.Upsert(e);
  }
  for (int round = 0; round < 120; ++round) {
    RankParams params;
    params.lexical = round % 2 ? RankParams::Lexical::kBm25 : RankParams::Lexical::kTfidf;
    params.char_weight = static_cast<float>(round % 3) * 0.5f;
    params.bigram_weight = round % 4 == 0 ? 0.0f : 0.5f;
    params.candidates = round % 5 == 0 ? 5 : 100;
    params.max_terms = round % 6 < 3 ? 0 : static_cast<size_t>(round % 6) * 3;  // all, 9, 12, 15
    Query q;
    q.title = phrase(2 + rng() % 6);
    if (round % 2) q.body = phrase(rng() % 40);
    q.region = round % 3 == 0 ? "XD.A.A3" : "";
    q.date = round % 4 == 0 ? "2026-12-01" : "";
    q.limit = 1 + rng() % 12;
    std::vector<Hit> got = searcher.Search(q, params);
    params.exhaustive = true;
    std::vector<Hit> want = searcher.Search(q, params);
    ASSERT_EQ(got.size(), want.size()) << "round " << round;
    for (size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(got[i].entry_id, want[i].entry_id) << "round " << round << " rank " << i;
      EXPECT_EQ(got[i].version, want[i].version);
      EXPECT_EQ(got[i].lexical, want[i].lexical);
      EXPECT_EQ(got[i].score, want[i].score);
    }
  }
}

// Query-term selection with K at least the number of the query's terms
// changes nothing; a small K keeps only the strongest terms.
TEST(Searcher, MaxTermsAboveTheQuerysTermsChangesNothing) {
  auto segmenter = text::NewCharSegmenter();
  std::vector<KbEntry> entries = {
      Entry(1, 1, "社保卡补办", "社保卡补办请到窗口申请。"),
      Entry(2, 1, "停车收费标准", "小区停车收费标准由物业公示。"),
      Entry(3, 1, "公积金提取条件", "公积金提取需要身份证。"),
  };
  auto built = Searcher::Build(*segmenter, entries);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  Query q;
  q.title = "社保卡补办";
  q.body = "小区停车收费标准是多少，公积金提取需要什么条件";
  RankParams all;
  all.max_terms = 0;
  std::vector<Hit> want = (*built)->Search(q, all);
  ASSERT_EQ(want.size(), 3u);
  for (size_t k : {size_t{200}, size_t{100000}}) {
    RankParams p;
    p.max_terms = k;
    std::vector<Hit> got = (*built)->Search(q, p);
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(got[i].entry_id, want[i].entry_id);
      EXPECT_EQ(got[i].score, want[i].score);
      EXPECT_EQ(got[i].lexical, want[i].lexical);
    }
  }
  RankParams one;
  one.max_terms = 1;  // one term (a character, a character bigram or a bigram of them)
  std::vector<Hit> few = (*built)->Search(q, one);
  EXPECT_LT(few.size(), want.size());
}

}  // namespace
}  // namespace lianxin::kb
