-- 0005: the knowledge base (issue 5). Every edit of an entry is a new row in
-- kb_entry_versions (content immutable, with who and when); review changes only
-- a version's status (draft → published → retired) and records who and when.
-- Lists are stored joined: questions with a newline, regions and tags with ','.
CREATE TABLE kb_entries (
  id INTEGER PRIMARY KEY,
  latest_version INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE kb_entry_versions (
  entry_id INTEGER NOT NULL REFERENCES kb_entries (id),
  version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  questions TEXT NOT NULL,
  answer TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  source_url TEXT NOT NULL DEFAULT '',
  owner_unit TEXT NOT NULL DEFAULT '',
  valid_from TEXT NOT NULL DEFAULT '',
  valid_to TEXT NOT NULL DEFAULT '',
  regions TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  editor TEXT NOT NULL DEFAULT '',
  edited_at INTEGER NOT NULL,
  PRIMARY KEY (entry_id, version)
);
CREATE INDEX kb_versions_published ON kb_entry_versions (entry_id) WHERE status = 'published';
