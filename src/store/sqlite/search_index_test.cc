// SearchIndexer: the index file follows ticket_terms, and TextMatchSql covers
// what it has not reached yet.
#include "store/sqlite/search_index.h"

#include <gtest/gtest.h>

#include <fstream>
#include <chrono>
#include <set>
#include <thread>

#include "store/sqlite/sqlite_db.h"
#include "testutil/testutil.h"

namespace lianxin::store::sqlite {
namespace {

class SearchIndexerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path_ = dir_.File("t.db");
    db_ = std::move(Connection::Open(db_path_)).value();
    // The part of the store's schema the indexer reads (migrations 0003, 0011).
    ASSERT_TRUE(db_->Exec("CREATE TABLE ticket_terms (id INTEGER PRIMARY KEY, terms TEXT NOT NULL);"
                          "CREATE TABLE search_reindex (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                          "ticket_id INTEGER NOT NULL);"
                          "CREATE TRIGGER ticket_terms_changed AFTER UPDATE OF terms ON ticket_terms "
                          "WHEN old.terms IS NOT new.terms BEGIN "
                          "INSERT INTO search_reindex (ticket_id) VALUES (new.id); END;")
                    .ok());
  }

  void Put(int64_t id, const std::string& terms) {
    auto s = db_->Prepare("INSERT OR REPLACE INTO ticket_terms (id, terms) VALUES (?1, ?2)");
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->Bind(1, id).Bind(2, terms).Run().ok());
  }
  void Change(int64_t id, const std::string& terms) {
    auto s = db_->Prepare("UPDATE ticket_terms SET terms = ?2 WHERE id = ?1");
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->Bind(1, id).Bind(2, terms).Run().ok());
  }

  // Ids whose terms hold `term`, through TextMatchSql on a reader like the store's.
  std::set<int64_t> Find(const std::string& term) {
    auto reader = std::move(Connection::Open(db_path_)).value();
    auto attach = reader->Prepare("ATTACH DATABASE ?1 AS search");
    EXPECT_TRUE(attach.ok());
    EXPECT_TRUE((*attach)->Bind(1, SearchIndexPath(db_path_)).Run().ok());
    auto s = reader->Prepare("SELECT id FROM ticket_terms WHERE " + TextMatchSql(1, 2, 1) +
                             " ORDER BY id");
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    std::set<int64_t> out;
    if (!s.ok()) return out;
    (*s)->Bind(1, "\"" + term + "\"").Bind(2, " " + term + " ");
    for (;;) {
      auto row = (*s)->Step();
      EXPECT_TRUE(row.ok()) << row.status().ToString();
      if (!row.ok() || !*row) break;
      out.insert((*s)->Int(0));
    }
    (*s)->Reset();
    return out;
  }

  // Ids the index file itself holds for `term` (without the uncovered part).
  std::set<int64_t> Indexed(const std::string& term) {
    auto c = std::move(Connection::Open(SearchIndexPath(db_path_))).value();
    auto s = c->Prepare("SELECT rowid FROM fts WHERE fts MATCH ?1");
    std::set<int64_t> out;
    if (!s.ok()) return out;
    (*s)->Bind(1, "\"" + term + "\"");
    while (*(*s)->Step()) out.insert((*s)->Int(0));
    (*s)->Reset();
    return out;
  }

  testutil::TempDir dir_;
  std::string db_path_;
  std::unique_ptr<Connection> db_;
};

TEST(SearchIndexPathTest, SitsBesideTheDatabase) {
  EXPECT_EQ(SearchIndexPath("/d/lianxin.db"), "/d/lianxin-search.db");
  EXPECT_EQ(SearchIndexPath("/d/store"), "/d/store-search.db");
}

TEST_F(SearchIndexerTest, IndexesCommittedTermsAndCoversTheRest) {
  Put(1, "物业 收费 物业费");
  Put(2, "噪音 施工");
  auto ix = SearchIndexer::Open(db_path_, "words", /*min_interval_ms=*/10000);
  ASSERT_TRUE(ix.ok()) << ix.status().ToString();
  ASSERT_TRUE((*ix)->CatchUp().ok());
  EXPECT_EQ(Indexed("物业"), (std::set<int64_t>{1}));
  // Committed after the pass: not in the index yet, found all the same.
  Put(3, "物业 维修");
  EXPECT_EQ(Indexed("物业"), (std::set<int64_t>{1}));
  EXPECT_EQ(Find("物业"), (std::set<int64_t>{1, 3}));
  EXPECT_EQ(Find("施工"), (std::set<int64_t>{2}));
  EXPECT_TRUE(Find("停车").empty());
  ASSERT_TRUE((*ix)->CatchUp().ok());
  EXPECT_EQ(Indexed("物业"), (std::set<int64_t>{1, 3}));
  EXPECT_EQ(Find("物业"), (std::set<int64_t>{1, 3}));
}

TEST_F(SearchIndexerTest, FollowsChangedTerms) {
  Put(1, "物业 收费");
  Put(2, "噪音 施工");
  auto ix = SearchIndexer::Open(db_path_, "words", 10000);
  ASSERT_TRUE(ix.ok());
  ASSERT_TRUE((*ix)->CatchUp().ok());
  Change(1, "停车 收费");
  // Before the indexer sees the change, the stale entry is not trusted.
  EXPECT_TRUE(Find("物业").empty());
  EXPECT_EQ(Find("停车"), (std::set<int64_t>{1}));
  EXPECT_EQ(Find("收费"), (std::set<int64_t>{1}));
  ASSERT_TRUE((*ix)->CatchUp().ok());
  EXPECT_TRUE(Indexed("物业").empty());
  EXPECT_EQ(Indexed("停车"), (std::set<int64_t>{1}));
  EXPECT_TRUE(Find("物业").empty());
  EXPECT_EQ(Find("停车"), (std::set<int64_t>{1}));
}

TEST_F(SearchIndexerTest, NotifiedIndexerIndexesWithoutBeingAsked) {
  auto ix = SearchIndexer::Open(db_path_, "words", /*min_interval_ms=*/1);
  ASSERT_TRUE(ix.ok());
  Put(7, "积水 道路");
  (*ix)->Notify();
  // Bounded wait on the condition itself, not on a fixed sleep.
  for (int i = 0; i < 2000 && Indexed("积水").empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(Indexed("积水"), (std::set<int64_t>{7}));
}

TEST_F(SearchIndexerTest, RebuildsADamagedFileOrOneOfAnotherTermsFunction) {
  Put(1, "物业 收费");
  { std::ofstream(SearchIndexPath(db_path_), std::ios::binary) << "not a database at all"; }
  {
    auto ix = SearchIndexer::Open(db_path_, "words", 10000);
    ASSERT_TRUE(ix.ok()) << ix.status().ToString();
    ASSERT_TRUE((*ix)->CatchUp().ok());
    EXPECT_EQ(Indexed("物业"), (std::set<int64_t>{1}));
  }
  Change(1, "bigram 词");
  {
    // Another terms function: the whole index is built again from ticket_terms.
    auto ix = SearchIndexer::Open(db_path_, "bigram", 10000);
    ASSERT_TRUE(ix.ok());
    ASSERT_TRUE((*ix)->CatchUp().ok());
    EXPECT_TRUE(Indexed("物业").empty());
    EXPECT_EQ(Indexed("bigram"), (std::set<int64_t>{1}));
    EXPECT_EQ(Find("bigram"), (std::set<int64_t>{1}));
  }
}

}  // namespace
}  // namespace lianxin::store::sqlite
