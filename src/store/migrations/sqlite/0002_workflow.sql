-- 0002: the workflow projection (issue 4): sign-for and first contact times, pending
-- extension, reminder/escalation flags, assisting units, merge parent, revisit result;
-- and the structured fields of events.
ALTER TABLE tickets ADD COLUMN accepted_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN first_contact_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN requested_due_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN reminded_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN escalated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN assist_units TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN parent_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN revisit_resolved INTEGER;
ALTER TABLE tickets ADD COLUMN satisfaction TEXT;
CREATE INDEX tickets_by_parent ON tickets (parent_id) WHERE parent_id <> 0;
ALTER TABLE tickets ADD COLUMN next_alarm_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tickets_by_alarm ON tickets (next_alarm_at) WHERE next_alarm_at <> 0;

ALTER TABLE ticket_events ADD COLUMN due_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_events ADD COLUMN assist_units TEXT NOT NULL DEFAULT '';
ALTER TABLE ticket_events ADD COLUMN parent_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_events ADD COLUMN resolved INTEGER;
ALTER TABLE ticket_events ADD COLUMN satisfaction TEXT;
ALTER TABLE ticket_events ADD COLUMN category_code TEXT NOT NULL DEFAULT '';

-- Backfill from the event log for tickets already in flight.
UPDATE tickets SET accepted_at = COALESCE((SELECT MIN(e.at) FROM ticket_events e
    WHERE e.ticket_id = tickets.id AND e.type = 'accept'), 0)
  WHERE status IN ('accepted', 'in_progress', 'resolved');
UPDATE tickets SET first_contact_at = COALESCE((SELECT MIN(e.at) FROM ticket_events e
    WHERE e.ticket_id = tickets.id AND e.type IN ('reply', 'contact')), 0)
  WHERE status IN ('in_progress', 'resolved');

-- Re-index title and body only when they change: every workflow action rewrites
-- the projection row, and re-indexing ~300 trigrams each time is most of its cost.
DROP TRIGGER tickets_fts_update;
CREATE TRIGGER tickets_fts_update AFTER UPDATE OF title, body ON tickets
WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN
  INSERT INTO tickets_fts (tickets_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO tickets_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
