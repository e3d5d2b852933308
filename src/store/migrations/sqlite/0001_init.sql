-- 0001: reference data, users and sessions, event-sourced tickets, full-text search, access log.
CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  parent TEXT NOT NULL,
  level TEXT NOT NULL
);
CREATE TABLE units (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  unit_type TEXT NOT NULL,
  region_code TEXT NOT NULL
);
CREATE TABLE categories (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  parent TEXT NOT NULL,
  level INTEGER NOT NULL
);
CREATE TABLE duty_rules (
  id INTEGER PRIMARY KEY,
  category_code TEXT NOT NULL,
  unit_type TEXT NOT NULL,
  region_level TEXT NOT NULL,
  keywords TEXT NOT NULL
);
CREATE TABLE users (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  query_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  urgency TEXT NOT NULL,
  channel TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  citizen_name TEXT NOT NULL,
  citizen_phone TEXT NOT NULL,
  region_code TEXT NOT NULL,
  address TEXT NOT NULL,
  latitude REAL,
  longitude REAL,
  category_code TEXT NOT NULL,
  owner_unit TEXT NOT NULL,
  status TEXT NOT NULL,
  reply TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  dispatched_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  resolved_at INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX tickets_by_created ON tickets (created_at);
CREATE INDEX tickets_by_status ON tickets (status, created_at);
CREATE INDEX tickets_by_owner ON tickets (owner_unit, created_at);
CREATE INDEX tickets_by_region ON tickets (region_code, created_at);
CREATE INDEX tickets_by_category ON tickets (category_code, created_at);
CREATE TABLE ticket_events (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  type TEXT NOT NULL,
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  content TEXT NOT NULL,
  is_public INTEGER NOT NULL
);
CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);
CREATE TABLE number_counters (
  key TEXT PRIMARY KEY,
  next INTEGER NOT NULL
);
-- Trigram full-text index over title and body (works for Chinese without a segmenter).
CREATE VIRTUAL TABLE tickets_fts USING fts5 (
  title, body, content = 'tickets', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO tickets_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER tickets_fts_update AFTER UPDATE OF title, body ON tickets BEGIN
  INSERT INTO tickets_fts (tickets_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO tickets_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TABLE access_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  ticket_id INTEGER NOT NULL,
  fields TEXT NOT NULL,
  purpose TEXT NOT NULL
);
