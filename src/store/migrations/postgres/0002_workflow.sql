-- 0002 (PostgreSQL; mirrors sqlite/0002): the workflow projection (issue 4) and
-- the structured fields of events.
ALTER TABLE tickets ADD COLUMN accepted_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN first_contact_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN requested_due_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN reminded_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN escalated_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN assist_units TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN parent_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN revisit_resolved BIGINT;
ALTER TABLE tickets ADD COLUMN satisfaction TEXT;
CREATE INDEX tickets_by_parent ON tickets (parent_id) WHERE parent_id <> 0;
ALTER TABLE tickets ADD COLUMN next_alarm_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX tickets_by_alarm ON tickets (next_alarm_at) WHERE next_alarm_at <> 0;

ALTER TABLE ticket_events ADD COLUMN due_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ticket_events ADD COLUMN assist_units TEXT NOT NULL DEFAULT '';
ALTER TABLE ticket_events ADD COLUMN parent_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ticket_events ADD COLUMN resolved BIGINT;
ALTER TABLE ticket_events ADD COLUMN satisfaction TEXT;
ALTER TABLE ticket_events ADD COLUMN category_code TEXT NOT NULL DEFAULT '';
