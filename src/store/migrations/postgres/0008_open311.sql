-- 0008 (PostgreSQL; mirrors sqlite/0008): Open311 clients, extras, batch tokens,
-- and the indexes incremental sync and the update feed read by.
CREATE TABLE api_clients (
  name TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  batch BIGINT NOT NULL,
  active BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE open311_meta (
  ticket_id BIGINT PRIMARY KEY,
  region_code TEXT NOT NULL DEFAULT '',
  client TEXT NOT NULL,
  account_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  email TEXT NOT NULL,
  media_url TEXT NOT NULL
);
CREATE TABLE open311_attributes (
  ticket_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  region_code TEXT NOT NULL DEFAULT '',
  code TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (ticket_id, seq)
);
CREATE TABLE open311_tokens (
  token TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  target BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX tickets_by_updated ON tickets (updated_at);
CREATE INDEX ticket_events_by_at ON ticket_events (at);
