// The tickets' full-text index, kept in a file of its own beside the database
// and brought up to date by a background thread. Internal to store/sqlite.
//
// The database keeps every ticket's search terms in `ticket_terms`, written in
// the ticket's own transaction (so they are as durable as the ticket), and logs
// later changes of an indexed ticket's terms in `search_reindex` (migration
// 0011). The indexer copies both into an FTS5 index in `<name>-search.db` in
// large batches: FTS5 costs far less per ticket in one big statement than in
// the writer's group commits, and the work leaves the writer's serial path.
// The index file records how far it got (`upto`: highest ticket id indexed;
// `reindexed`: last search_reindex entry applied) in the same transactions, so
// a search can cover what it has not reached yet (TextMatchSql). It is derived
// data: a missing or unreadable file, or one built by another terms function,
// is rebuilt from ticket_terms.
//
// Thread-safety: Notify and CatchUp may be called from any thread.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/status.h"

namespace lianxin::store::sqlite {

class Connection;

// The index file of the database at `db_path` ("x/lianxin.db" → "x/lianxin-search.db").
std::string SearchIndexPath(const std::string& db_path);

// SQL for readers that ATTACHed the index file AS `search`: true for a ticket id
// (column `id` of the outer query) whose current terms hold every query term.
// `match_param` is bound to an FTS5 query of the terms, each quoted and
// implicitly AND-ed; `first_term_param` and the `terms` - 1 parameters after it
// to " term " (the term between two spaces).
std::string TextMatchSql(int match_param, int first_term_param, size_t terms);

class SearchIndexer {
 public:
  // Opens (rebuilding when needed) the index of the database at `db_path`, whose
  // ticket_terms were made by the terms function `terms_name`, and starts the
  // thread. It indexes at most every `min_interval_ms` unless asked to catch up.
  static Result<std::unique_ptr<SearchIndexer>> Open(const std::string& db_path,
                                                    const std::string& terms_name,
                                                    int min_interval_ms = 200);
  // Stops the thread after the pass in progress.
  ~SearchIndexer();
  SearchIndexer(const SearchIndexer&) = delete;
  SearchIndexer& operator=(const SearchIndexer&) = delete;

  // New terms were committed: index them soon.
  void Notify();
  // Indexes everything committed before the call, then returns the pass's status.
  Status CatchUp();

 private:
  SearchIndexer(std::string db_path, std::string terms_name, int min_interval_ms);
  Status OpenIndex();
  Status Rebuild();
  // One batch; *more when the batch was full.
  Status Pass(bool* more);
  void Loop();

  const std::string db_path_;
  const std::string index_path_;
  const std::string terms_name_;
  const int min_interval_ms_;
  std::unique_ptr<Connection> main_;   // reads ticket_terms, search_reindex
  std::unique_ptr<Connection> index_;  // writes the index file
  std::mutex mu_;
  std::condition_variable cv_;
  bool pending_ = false;
  bool stopping_ = false;
  int64_t catch_up_requested_ = 0;  // generation asked for by CatchUp
  int64_t catch_up_done_ = 0;       // generation finished by the thread
  Status last_status_ = Status::Ok();
  std::condition_variable done_cv_;
  std::thread thread_;
};

}  // namespace lianxin::store::sqlite
