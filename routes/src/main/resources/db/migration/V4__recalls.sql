-- Recalls: one row per recalled package (a second request to recall it finds this one), and what the recall found for
-- each of the package's deliveries, written as soon as it is known so that a hub killed in the middle of a recall
-- reports the same outcome when it carries the recall out again. Portable SQL (H2 and PostgreSQL).
CREATE TABLE recall (
  recall_id    VARCHAR(36)  NOT NULL PRIMARY KEY,
  package_id   VARCHAR(36)  NOT NULL UNIQUE,
  originator   VARCHAR(100) NOT NULL,
  reason       VARCHAR(40)  NOT NULL,
  requested_at VARCHAR(40)  NOT NULL,
  recalled_at  VARCHAR(40)  NOT NULL
);

CREATE TABLE recall_outcome (
  recall_id    VARCHAR(36)  NOT NULL,
  delivery_id  VARCHAR(36)  NOT NULL,
  recipient    VARCHAR(100) NOT NULL,
  outcome      VARCHAR(20)  NOT NULL,
  PRIMARY KEY (recall_id, delivery_id)
);
