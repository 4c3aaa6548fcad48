-- The text of every sharing policy the hub decided with, for policy replay (GET /api/v1/audit/replay, wildex audit
-- replay). Each text's SHA-256 is also in the hash chain (a POLICY_ARCHIVED entry), so an edited text is caught.
CREATE TABLE audit_policy (
  sha256       VARCHAR(64)  NOT NULL PRIMARY KEY,
  version      VARCHAR(100) NOT NULL,
  policy_text  VARCHAR      NOT NULL,
  archived_at  VARCHAR(40)  NOT NULL
);
CREATE INDEX audit_policy_version ON audit_policy (version);
