-- 0006 (issue 6): proactive governance. Hot topics as last computed by the insight pass,
-- each ticket's membership (with its extracted terms, so a restarted pass continues
-- without segmenting history again), the pass's cursor, early warnings and their
-- handling, repeat requests, governance items (每月一题) with tasks, linked tickets and a
-- progress log. Lists of codes are comma-joined; example ticket ids too.
CREATE TABLE hotspots (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  heat REAL NOT NULL,
  first_time INTEGER NOT NULL,
  last_time INTEGER NOT NULL,
  places TEXT NOT NULL,
  region_codes TEXT NOT NULL,
  units TEXT NOT NULL,
  keywords TEXT NOT NULL,
  region_code TEXT NOT NULL,
  category_code TEXT NOT NULL,
  size INTEGER NOT NULL,
  people INTEGER NOT NULL,
  likes INTEGER NOT NULL,
  urgent INTEGER NOT NULL,
  growth REAL NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX hotspots_by_heat ON hotspots (heat DESC, id);
CREATE TABLE hotspot_members (
  seq INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL UNIQUE,
  hotspot_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  user_key TEXT NOT NULL,
  terms TEXT NOT NULL
);
CREATE INDEX hotspot_members_by_topic ON hotspot_members (hotspot_id, at);
CREATE TABLE insight_cursors (
  name TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  note TEXT NOT NULL
);
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  series_key TEXT NOT NULL,
  day INTEGER NOT NULL,
  expected REAL NOT NULL,
  seen INTEGER NOT NULL,
  p_value REAL NOT NULL,
  region_code TEXT NOT NULL,
  category_code TEXT NOT NULL,
  detail TEXT NOT NULL,
  examples TEXT NOT NULL,
  state TEXT NOT NULL,
  assignee_unit TEXT NOT NULL,
  note TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (kind, series_key, day)
);
CREATE INDEX alerts_by_created ON alerts (created_at);
CREATE TABLE repeat_requests (
  ticket_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  earlier_ticket_id INTEGER NOT NULL,
  days_after REAL NOT NULL,
  at INTEGER NOT NULL,
  hotspot_id INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, kind)
);
CREATE INDEX repeat_requests_by_at ON repeat_requests (at);
CREATE TABLE governance_items (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  source_kind TEXT NOT NULL,
  source_id INTEGER NOT NULL,
  hotspot_id INTEGER NOT NULL,
  region_code TEXT NOT NULL,
  category_code TEXT NOT NULL,
  lead_unit TEXT NOT NULL,
  assist_units TEXT NOT NULL,
  deadline INTEGER NOT NULL,
  state TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE governance_tasks (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL,
  unit_code TEXT NOT NULL,
  title TEXT NOT NULL,
  deadline INTEGER NOT NULL,
  state TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX governance_tasks_by_item ON governance_tasks (item_id);
CREATE TABLE governance_tickets (
  item_id INTEGER NOT NULL,
  ticket_id INTEGER NOT NULL,
  PRIMARY KEY (item_id, ticket_id)
);
CREATE TABLE governance_progress (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL,
  task_id INTEGER NOT NULL,
  actor TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  at INTEGER NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX governance_progress_by_item ON governance_progress (item_id, id);
