-- Search over the trail (GET /api/v1/audit/events, wildex audit search). Portable SQL (H2 and PostgreSQL).
-- occurred_ms: the entry's time (occurred_at, which is hashed) as Unix milliseconds, for exact time ranges; derived,
-- not hashed: the store writes it with the entry and fills it in for entries written before this migration.
ALTER TABLE audit_entry ADD COLUMN occurred_ms BIGINT;
-- an audit query's parameters are recorded in its AUDIT_QUERIED entry's rule
ALTER TABLE audit_entry ALTER COLUMN routing_rule SET DATA TYPE VARCHAR(1000);

-- the filters a search starts from, each with seq so a page comes out of the index in the trail's order
CREATE INDEX audit_entry_originator ON audit_entry (originator, seq);
CREATE INDEX audit_entry_recipient ON audit_entry (recipient, seq);
CREATE INDEX audit_entry_type ON audit_entry (event_type, seq);
CREATE INDEX audit_entry_level ON audit_entry (sharing_level, seq);
CREATE INDEX audit_entry_occurred ON audit_entry (occurred_ms);
