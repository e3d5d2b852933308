-- 0010 (issue 8 item 2): department integration. A unit's own system receives its outbox
-- messages as signed webhooks (secret: the HMAC key) and calls the inbound API with a key
-- stored as SHA-256 only; evidence files attached to tickets keep their bytes here.
CREATE TABLE unit_integrations (
  unit_code TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  events TEXT NOT NULL,            -- comma list of outbox kinds (dispatched,reminder,...)
  active INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  data BLOB NOT NULL,
  uploaded_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX attachments_by_ticket ON attachments (ticket_id, id);
CREATE INDEX outbox_by_address ON outbox (audience, address, status);
