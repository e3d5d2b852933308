-- Full-text search over words instead of trigrams, indexed once per group commit.
--
-- ticket_terms holds each ticket's search terms (words of title and body, space
-- separated, from the store's search-terms function, see store.h SqliteOptions)
-- and is the external content of tickets_fts. The store's writer adds the rows
-- of a group commit with one statement after the jobs' savepoints: FTS5 flushes
-- its pending terms at the end of every savepoint and statement that writes it,
-- so a trigger per ticket cost more than the rest of a create. About 90 words
-- per message against about 300 trigrams also makes the index 3-4x cheaper.
-- lx_search_terms(text) is an SQL function the store registers on its writer.
DROP TRIGGER tickets_fts_insert;
DROP TRIGGER tickets_fts_update;
DROP TABLE tickets_fts;

CREATE TABLE ticket_terms (
  id INTEGER PRIMARY KEY,  -- tickets.id
  terms TEXT NOT NULL
);
CREATE VIRTUAL TABLE tickets_fts USING fts5 (
  terms, content = 'ticket_terms', content_rowid = 'id'
);
CREATE TRIGGER ticket_terms_insert AFTER INSERT ON ticket_terms BEGIN
  INSERT INTO tickets_fts (rowid, terms) VALUES (new.id, new.terms);
END;
CREATE TRIGGER ticket_terms_update AFTER UPDATE OF terms ON ticket_terms BEGIN
  INSERT INTO tickets_fts (tickets_fts, rowid, terms) VALUES ('delete', old.id, old.terms);
  INSERT INTO tickets_fts (rowid, terms) VALUES (new.id, new.terms);
END;
-- Title and body practically never change; when they do, the terms follow.
CREATE TRIGGER tickets_terms_update AFTER UPDATE OF title, body ON tickets
WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN
  UPDATE ticket_terms SET terms = lx_search_terms(new.title || ' ' || new.body) WHERE id = new.id;
END;

INSERT INTO ticket_terms (id, terms) SELECT id, lx_search_terms(title || ' ' || body) FROM tickets;

-- Small facts about the store itself, e.g. which search-terms function built the index.
CREATE TABLE store_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
