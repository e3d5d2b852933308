-- 0009: the AI seat's assist log (issue 5). One row per consultation the AI seat
-- answered or handed off, from the public portal or a signed-in staff member: the
-- question masked of personal data, the outcome, the hand-off reasons (codes joined
-- with ','), the cited entry versions ("id:version" joined with ','), and a SHA-256
-- of the asker's phone when one was given (to find the citizen calling back).
-- It feeds the knowledge-base gaps and the containment metrics. Append-only.
CREATE TABLE assist_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('public', 'staff')),
  actor TEXT NOT NULL DEFAULT '',
  question TEXT NOT NULL,
  region TEXT NOT NULL DEFAULT '',
  answered INTEGER NOT NULL,
  reasons TEXT NOT NULL DEFAULT '',
  cited TEXT NOT NULL DEFAULT '',
  confidence REAL NOT NULL DEFAULT 0,
  phone_hash TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assist_log_at ON assist_log (at);
