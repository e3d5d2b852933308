-- 0008 (issue 8): Open311 clients (api keys stored as SHA-256 only), the extras an Open311
-- POST brings (kept apart from the ticket; never shown by GET when personal), batch tokens,
-- and the indexes incremental sync (updated_after) and the update feed read by.
CREATE TABLE api_clients (
  name TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  batch INTEGER NOT NULL,
  active INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE open311_meta (
  ticket_id INTEGER PRIMARY KEY,
  client TEXT NOT NULL,
  account_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  email TEXT NOT NULL,
  media_url TEXT NOT NULL
);
CREATE TABLE open311_attributes (
  ticket_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  code TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (ticket_id, seq)
);
CREATE TABLE open311_tokens (
  token TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  target INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX tickets_by_updated ON tickets (updated_at);
CREATE INDEX ticket_events_by_at ON ticket_events (at);
