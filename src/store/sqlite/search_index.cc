// SearchIndexer: the full-text index file and the thread that keeps it current.
#include "store/sqlite/search_index.h"

#include <chrono>
#include <cstdio>
#include <utility>
#include <vector>

#include "store/sqlite/sqlite_db.h"

namespace lianxin::store::sqlite {
namespace {

// Rows read from the database per pass (one FTS5 statement each).
constexpr int kBatch = 5000;

const char* const kSchema =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL);"
    "CREATE TABLE terms (id INTEGER PRIMARY KEY, terms TEXT NOT NULL);"
    "CREATE VIRTUAL TABLE fts USING fts5 (terms, content = 'terms', content_rowid = 'id');"
    "INSERT INTO meta (key, value) VALUES ('upto', 0), ('reindexed', 0);";

Result<int64_t> MetaInt(Connection& c, const char* key) {
  LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("SELECT value FROM meta WHERE key = ?1"));
  s->Bind(1, std::string_view(key));
  LX_ASSIGN_OR_RETURN(bool row, s->Step());
  int64_t v = row ? s->Int(0) : 0;
  s->Reset();
  if (!row) return Status::Internal(std::string("search index has no ") + key);
  return v;
}

Status SetMeta(Connection& c, const char* key, int64_t value) {
  LX_ASSIGN_OR_RETURN(Stmt * s, c.Prepare("UPDATE meta SET value = ?2 WHERE key = ?1"));
  return s->Bind(1, std::string_view(key)).Bind(2, value).Run();
}

// Runs `fn` inside BEGIN IMMEDIATE … COMMIT on `c`, rolling back on failure.
template <typename Fn>
Status InTransaction(Connection& c, const char* begin, Fn fn) {
  LX_RETURN_IF_ERROR(c.Exec(begin));
  Status st = fn();
  if (st.ok()) st = c.Exec("COMMIT");
  if (!st.ok()) c.Exec("ROLLBACK");
  return st;
}

}  // namespace

std::string SearchIndexPath(const std::string& db_path) {
  const std::string ext = ".db";
  if (db_path.size() > ext.size() && db_path.compare(db_path.size() - ext.size(), ext.size(), ext) == 0) {
    return db_path.substr(0, db_path.size() - ext.size()) + "-search.db";
  }
  return db_path + "-search.db";
}

std::string TextMatchSql(int match_param, int first_term_param, size_t terms) {
  const std::string reindexed =
      "(SELECT ticket_id FROM main.search_reindex WHERE seq > "
      "(SELECT value FROM search.meta WHERE key = 'reindexed'))";
  std::string sql = "id IN (SELECT rowid FROM search.fts WHERE fts MATCH ?" +
                    std::to_string(match_param) + " AND rowid NOT IN " + reindexed +
                    " UNION ALL SELECT id FROM main.ticket_terms WHERE (id > "
                    "(SELECT value FROM search.meta WHERE key = 'upto') OR id IN " +
                    reindexed + ")";
  for (size_t i = 0; i < terms; ++i) {
    sql += " AND instr(lower(' ' || terms || ' '), lower(?" +
           std::to_string(first_term_param + static_cast<int>(i)) + ")) > 0";
  }
  return sql + ")";
}

SearchIndexer::SearchIndexer(std::string db_path, std::string terms_name, int min_interval_ms)
    : db_path_(std::move(db_path)),
      index_path_(SearchIndexPath(db_path_)),
      terms_name_(std::move(terms_name)),
      min_interval_ms_(min_interval_ms) {}

Result<std::unique_ptr<SearchIndexer>> SearchIndexer::Open(const std::string& db_path,
                                                          const std::string& terms_name,
                                                          int min_interval_ms) {
  std::unique_ptr<SearchIndexer> ix(new SearchIndexer(db_path, terms_name, min_interval_ms));
  LX_ASSIGN_OR_RETURN(ix->main_, Connection::Open(db_path));
  LX_RETURN_IF_ERROR(ix->OpenIndex());
  ix->thread_ = std::thread([p = ix.get()] { p->Loop(); });
  return ix;
}

SearchIndexer::~SearchIndexer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  done_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status SearchIndexer::OpenIndex() {
  // A file that cannot be opened or read is derived data: start it again.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto c = Connection::Open(index_path_);
    if (c.ok()) {
      index_ = std::move(c).value();
      // Losing the last commits to an OS crash only means indexing them again.
      Status st = index_->Exec("PRAGMA synchronous=NORMAL");
      std::string built_with;
      if (st.ok()) {
        auto s = index_->Prepare("SELECT value FROM meta WHERE key = 'terms_name'");
        if (s.ok()) {
          auto row = (*s)->Step();
          if (row.ok() && *row) built_with = (*s)->Text(0);
          (*s)->Reset();
        }
      }
      if (st.ok() && built_with == terms_name_) return Status::Ok();
      if (st.ok() && Rebuild().ok()) return Status::Ok();
      index_.reset();
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((index_path_ + suffix).c_str());
  }
  return Status::Unavailable("无法建立全文索引文件 " + index_path_);
}

Status SearchIndexer::Rebuild() {
  return InTransaction(*index_, "BEGIN IMMEDIATE", [&]() -> Status {
    LX_RETURN_IF_ERROR(index_->Exec(
        "DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS terms; DROP TABLE IF EXISTS meta;"));
    LX_RETURN_IF_ERROR(index_->Exec(kSchema));
    LX_ASSIGN_OR_RETURN(Stmt * s,
                        index_->Prepare("INSERT INTO meta (key, value) VALUES ('terms_name', ?1)"));
    return s->Bind(1, terms_name_).Run();
  });
}

Status SearchIndexer::Pass(bool* more) {
  *more = false;
  LX_ASSIGN_OR_RETURN(int64_t upto, MetaInt(*index_, "upto"));
  LX_ASSIGN_OR_RETURN(int64_t reindexed, MetaInt(*index_, "reindexed"));
  struct Row {
    int64_t id;
    std::string terms;
  };
  std::vector<Row> added;
  std::vector<Row> changed;
  int64_t last_seq = reindexed;
  // New rows and changes from one snapshot of the database.
  LX_RETURN_IF_ERROR(InTransaction(*main_, "BEGIN", [&]() -> Status {
    LX_ASSIGN_OR_RETURN(Stmt * s, main_->Prepare(
        "SELECT id, terms FROM ticket_terms WHERE id > ?1 ORDER BY id LIMIT ?2"));
    s->Bind(1, upto).Bind(2, int64_t{kBatch});
    for (;;) {
      LX_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      added.push_back({s->Int(0), s->Text(1)});
    }
    s->Reset();
    LX_ASSIGN_OR_RETURN(Stmt * r, main_->Prepare(
        "SELECT r.seq, r.ticket_id, t.terms FROM search_reindex r JOIN ticket_terms t "
        "ON t.id = r.ticket_id WHERE r.seq > ?1 ORDER BY r.seq LIMIT ?2"));
    r->Bind(1, reindexed).Bind(2, int64_t{kBatch});
    int n = 0;
    for (;; ++n) {
      LX_ASSIGN_OR_RETURN(bool row, r->Step());
      if (!row) break;
      last_seq = r->Int(0);
      // Rows not indexed yet are indexed below (or later) with their current terms.
      if (r->Int(1) <= upto) changed.push_back({r->Int(1), r->Text(2)});
    }
    r->Reset();
    *more = added.size() == static_cast<size_t>(kBatch) || n == kBatch;
    return Status::Ok();
  }));
  if (added.empty() && last_seq == reindexed) return Status::Ok();

  return InTransaction(*index_, "BEGIN IMMEDIATE", [&]() -> Status {
    for (const Row& row : changed) {
      LX_ASSIGN_OR_RETURN(Stmt * del, index_->Prepare(
          "INSERT INTO fts (fts, rowid, terms) SELECT 'delete', id, terms FROM terms WHERE id = ?1"));
      LX_RETURN_IF_ERROR(del->Bind(1, row.id).Run());
      LX_ASSIGN_OR_RETURN(Stmt * up, index_->Prepare(
          "INSERT OR REPLACE INTO terms (id, terms) VALUES (?1, ?2)"));
      LX_RETURN_IF_ERROR(up->Bind(1, row.id).Bind(2, row.terms).Run());
      LX_ASSIGN_OR_RETURN(Stmt * ins,
                          index_->Prepare("INSERT INTO fts (rowid, terms) VALUES (?1, ?2)"));
      LX_RETURN_IF_ERROR(ins->Bind(1, row.id).Bind(2, row.terms).Run());
    }
    if (!added.empty()) {
      for (const Row& row : added) {
        LX_ASSIGN_OR_RETURN(Stmt * put, index_->Prepare(
            "INSERT OR REPLACE INTO terms (id, terms) VALUES (?1, ?2)"));  // reset for each row
        LX_RETURN_IF_ERROR(put->Bind(1, row.id).Bind(2, row.terms).Run());
      }
      // One statement for the whole batch: FTS5 flushes once.
      LX_ASSIGN_OR_RETURN(Stmt * fts, index_->Prepare(
          "INSERT INTO fts (rowid, terms) SELECT id, terms FROM terms WHERE id > ?1"));
      LX_RETURN_IF_ERROR(fts->Bind(1, upto).Run());
      LX_RETURN_IF_ERROR(SetMeta(*index_, "upto", added.back().id));
    }
    return SetMeta(*index_, "reindexed", last_seq);
  });
}

void SearchIndexer::Notify() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    pending_ = true;
  }
  cv_.notify_one();
}

Status SearchIndexer::CatchUp() {
  std::unique_lock<std::mutex> lock(mu_);
  const int64_t generation = ++catch_up_requested_;
  cv_.notify_all();
  done_cv_.wait(lock, [&] { return stopping_ || catch_up_done_ >= generation; });
  if (catch_up_done_ < generation) return Status::Unavailable("全文索引已停止");
  return last_status_;
}

void SearchIndexer::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  bool retry = true;  // index what an earlier run left behind
  while (!stopping_) {
    auto asked = [&] { return stopping_ || catch_up_requested_ > catch_up_done_; };
    if (!retry) cv_.wait(lock, [&] { return asked() || pending_; });
    // Let a batch gather: FTS5 costs much less per ticket in large statements.
    if (!asked()) cv_.wait_for(lock, std::chrono::milliseconds(min_interval_ms_), asked);
    if (stopping_) break;
    const int64_t generation = catch_up_requested_;
    pending_ = false;
    lock.unlock();
    Status st = Status::Ok();
    for (bool more = true; more && st.ok();) st = Pass(&more);
    lock.lock();
    last_status_ = st;
    catch_up_done_ = generation;
    done_cv_.notify_all();
    retry = !st.ok();
    if (retry) cv_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; });
  }
}

}  // namespace lianxin::store::sqlite
