-- 0004: the notifications outbox (issue 4, part A). A background deliverer reads
-- ticket_events after its cursor and turns them into messages to citizens and units
-- (one per event and recipient, whatever happens to the deliverer), then delivers them
-- with retries. Nothing here is touched by the ticket write path.
CREATE TABLE outbox_cursors (
  name TEXT PRIMARY KEY,
  last_event_id INTEGER NOT NULL
);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL,
  ticket_id INTEGER NOT NULL,
  audience TEXT NOT NULL,         -- citizen | unit
  address TEXT NOT NULL,          -- the citizen's phone, or a unit code
  kind TEXT NOT NULL,             -- received, dispatched, replied, visit_request, overdue, reminder, escalation, reopened
  body TEXT NOT NULL,
  status TEXT NOT NULL,           -- pending | sent | failed
  attempts INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER NOT NULL,
  UNIQUE (event_id, audience, address)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_by_status ON outbox (status, id);
