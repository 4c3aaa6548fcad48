-- The idempotency record: one row per package id the hub has accepted, with the submission (tracking id) that
-- carried it. A redelivery of the same submission finds its own tracking id and goes on; another submission of the
-- same package id is refused as DUPLICATE_PACKAGE. Portable SQL (H2 and PostgreSQL).
CREATE TABLE processed_package (
  package_id   VARCHAR(36)  NOT NULL PRIMARY KEY,
  tracking_id  VARCHAR(36)  NOT NULL,
  originator   VARCHAR(100) NOT NULL,
  accepted_at  VARCHAR(40)  NOT NULL
);
