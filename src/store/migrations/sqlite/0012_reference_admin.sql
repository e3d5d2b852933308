-- Issue 7 item 7: editable reference data, SLA policies and the working-day calendar.
-- The audit trail of administrators' changes (who changed what, when).
CREATE TABLE reference_changes (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  code TEXT NOT NULL,
  before_text TEXT NOT NULL,
  after_text TEXT NOT NULL
);
-- The SLA policy: the columns of data/calendar/sla_policies.csv, seeded from it on first start.
CREATE TABLE sla_rules (
  id INTEGER PRIMARY KEY,
  rule TEXT NOT NULL,
  kind TEXT NOT NULL,
  urgency TEXT NOT NULL,
  category TEXT NOT NULL,
  region TEXT NOT NULL,
  amount INTEGER NOT NULL,
  unit TEXT NOT NULL,
  note TEXT NOT NULL
);
-- Public holidays and 调休 make-up working days (data/calendar/cn_holidays.csv).
CREATE TABLE calendar_days (
  day TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  note TEXT NOT NULL
);
