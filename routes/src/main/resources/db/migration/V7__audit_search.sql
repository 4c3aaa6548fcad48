-- Search over the trail (GET /api/v1/audit/events, wildex audit search). Portable SQL (H2 and PostgreSQL).
-- occurred_ms: the entry's time (occurred_at, which is hashed) as Unix milliseconds, for exact time ranges; derived,
-- not hashed: the store writes it with the entry and fills it in for entries written before this migration.
ALTER TABLE audit_entry ADD COLUMN occurred_ms BIGINT;
-- an audit query's parameters are recorded in its AUDIT_QUERIED entry's rule
ALTER TABLE audit_entry ALTER COLUMN routing_rule SET DATA TYPE VARCHAR(1000);

-- the filters a search starts from, each ending in seq: a search reads windows of seq (AuditStore.search), each an
-- index range; "one NGO's rejections" (type and originator) has its own. Levels, reasons, routes and times need none:
-- they filter the rows a window reads, and times narrow the windows first (audit_time below).
CREATE INDEX audit_entry_originator ON audit_entry (originator, seq);
CREATE INDEX audit_entry_recipient ON audit_entry (recipient, seq);
CREATE INDEX audit_entry_type ON audit_entry (event_type, seq);
CREATE INDEX audit_entry_type_originator ON audit_entry (event_type, originator, seq);
CREATE INDEX audit_entry_policy ON audit_entry (policy_version, seq);

-- which entries happened in each hour (Unix ms of its start): the lowest and highest seq. A search with a time range
-- reads only the seq range its hours span (entries are appended in about the order they happen, so the range is
-- narrow; an entry appended late widens its hour's range, never escapes it). Written with the entries, in the same
-- transaction; rebuilt from the entries when the store migrates with it empty.
CREATE TABLE audit_time (
  hour_ms  BIGINT NOT NULL PRIMARY KEY,
  min_seq  BIGINT NOT NULL,
  max_seq  BIGINT NOT NULL
);
