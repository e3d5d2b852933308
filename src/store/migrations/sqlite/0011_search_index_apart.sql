-- The full-text index leaves the main file (issue 2: ingest throughput).
--
-- ticket_terms stays here, written in each ticket's own transaction, so it is as
-- durable as the ticket. The FTS5 index over it now lives in a file of its own
-- (<name>-search.db beside the database), kept by the store's indexer thread in
-- large batches off the writer's serial path; that file is derived data, rebuilt
-- from ticket_terms when missing, damaged or built by another terms function.
-- A search sees every committed ticket: rows the indexer has not reached yet
-- (id above its watermark) and rows whose terms changed since it indexed them
-- (search_reindex, after its watermark) are matched against ticket_terms
-- directly. See SqliteStore's SearchIndexer.
DROP TRIGGER ticket_terms_insert;
DROP TRIGGER ticket_terms_update;
DROP TABLE tickets_fts;

-- Every change of an indexed ticket's terms, in order, for the indexer.
CREATE TABLE search_reindex (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id INTEGER NOT NULL
);
CREATE TRIGGER ticket_terms_changed AFTER UPDATE OF terms ON ticket_terms
WHEN old.terms IS NOT new.terms BEGIN
  INSERT INTO search_reindex (ticket_id) VALUES (new.id);
END;
