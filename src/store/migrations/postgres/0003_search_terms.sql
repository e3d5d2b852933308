-- 0003 (PostgreSQL; mirrors sqlite/0003): full-text search over the words the
-- store's search-terms function gives (store.h StoreOptions), space separated,
-- one row per ticket, written in the ticket's own transaction. The 'simple'
-- configuration neither stems nor drops words, so a term matches exactly as the
-- function produced it (SQLite: FTS5 over the same terms).
CREATE TABLE ticket_terms (
  id BIGINT PRIMARY KEY,  -- tickets.id
  region_code TEXT NOT NULL DEFAULT '',
  terms TEXT NOT NULL
);
CREATE INDEX ticket_terms_fts ON ticket_terms USING GIN (to_tsvector('simple', terms));

-- Small facts about the store itself, e.g. which search-terms function built the index.
CREATE TABLE store_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
