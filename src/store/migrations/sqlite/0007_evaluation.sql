-- 0007: evaluation rollups (issue 4, part B). Additive counters per cell
-- (grain d/m/y × period × dimension unit/region/category × key); each ticket's
-- current contribution (what it added to the cells, so a change subtracts the
-- old one and adds the new); the updater's cursor into ticket_events.
CREATE TABLE rollup_cells (
  grain TEXT NOT NULL,
  period INTEGER NOT NULL,
  dim TEXT NOT NULL,
  key TEXT NOT NULL,
  n0 INTEGER NOT NULL DEFAULT 0, n1 INTEGER NOT NULL DEFAULT 0, n2 INTEGER NOT NULL DEFAULT 0,
  n3 INTEGER NOT NULL DEFAULT 0, n4 INTEGER NOT NULL DEFAULT 0, n5 INTEGER NOT NULL DEFAULT 0,
  n6 INTEGER NOT NULL DEFAULT 0, n7 INTEGER NOT NULL DEFAULT 0, n8 INTEGER NOT NULL DEFAULT 0,
  n9 INTEGER NOT NULL DEFAULT 0, n10 INTEGER NOT NULL DEFAULT 0, n11 INTEGER NOT NULL DEFAULT 0,
  n12 INTEGER NOT NULL DEFAULT 0, n13 INTEGER NOT NULL DEFAULT 0, n14 INTEGER NOT NULL DEFAULT 0,
  n15 INTEGER NOT NULL DEFAULT 0, n16 INTEGER NOT NULL DEFAULT 0, n17 INTEGER NOT NULL DEFAULT 0,
  n18 INTEGER NOT NULL DEFAULT 0, n19 INTEGER NOT NULL DEFAULT 0, n20 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (grain, dim, period, key)
) WITHOUT ROWID;
CREATE TABLE rollup_contributions (
  ticket_id INTEGER PRIMARY KEY,
  region_code TEXT NOT NULL,
  category_code TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX rollup_contributions_by_place ON rollup_contributions (region_code, category_code, created_at);
CREATE TABLE rollup_cursors (
  name TEXT PRIMARY KEY,
  event_id INTEGER NOT NULL
);
