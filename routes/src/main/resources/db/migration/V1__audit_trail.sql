-- The audit trail (append-only, hash-chained), its signed checkpoints, the writer's head and the sealed receipts.
-- Portable SQL: the same migration runs on H2 (embedded default) and PostgreSQL (production).

CREATE TABLE audit_entry (
  seq               BIGINT       NOT NULL PRIMARY KEY,
  event_id          VARCHAR(36)  NOT NULL,
  event_type        VARCHAR(32)  NOT NULL,
  occurred_at       VARCHAR(40)  NOT NULL,
  route_id          VARCHAR(100),
  tracking_id       VARCHAR(36),
  package_id        VARCHAR(36),
  originator        VARCHAR(100),
  recipient         VARCHAR(100),
  delivery_id       VARCHAR(36),
  sharing_level     VARCHAR(16),
  policy_version    VARCHAR(100),
  reason            VARCHAR(64),
  ciphertext_sha256 VARCHAR(64),
  content_sha256    VARCHAR(64),
  manifest_sha256   VARCHAR(64),
  message_sha256    VARCHAR(64),
  withheld_count    INTEGER,
  attempt           INTEGER,
  prev_hash         VARCHAR(64)  NOT NULL,
  entry_hash        VARCHAR(64)  NOT NULL,
  CONSTRAINT audit_entry_event_id UNIQUE (event_id)
);
CREATE INDEX audit_entry_package ON audit_entry (package_id);
CREATE INDEX audit_entry_tracking ON audit_entry (tracking_id);

-- cms: base64 of the CMS SignedData (hub signature) over the checkpoint text
CREATE TABLE audit_checkpoint (
  seq        BIGINT      NOT NULL PRIMARY KEY,
  head_hash  VARCHAR(64) NOT NULL,
  signed_at  VARCHAR(40) NOT NULL,
  cms        VARCHAR     NOT NULL
);

-- one row: the last entry and the last checkpoint; writers lock it (SELECT ... FOR UPDATE) so seq never forks
CREATE TABLE audit_head (
  id              INTEGER     NOT NULL PRIMARY KEY,
  seq             BIGINT      NOT NULL,
  entry_hash      VARCHAR(64) NOT NULL,
  checkpoint_seq  BIGINT      NOT NULL,
  checkpoint_at   VARCHAR(40)
);
INSERT INTO audit_head (id, seq, entry_hash, checkpoint_seq, checkpoint_at)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, NULL);

-- receipts as sent (signed by the hub, encrypted to the submitter: ciphertext only), for GET /api/v1/packages/{id}/receipt
CREATE TABLE audit_receipt (
  tracking_id  VARCHAR(36)  NOT NULL PRIMARY KEY,
  package_id   VARCHAR(36),
  originator   VARCHAR(100) NOT NULL,
  status       VARCHAR(16)  NOT NULL,
  cms          VARCHAR      NOT NULL
);
CREATE INDEX audit_receipt_package ON audit_receipt (package_id);
