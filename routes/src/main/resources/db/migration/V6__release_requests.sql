-- Release requests: one row per request an agency made for paths withheld from its delivery, until the originator
-- decides it (PENDING, then APPROVED or DECLINED). Ids and paths only: the justification and any content travel sealed,
-- never into the database. Portable SQL (H2 and PostgreSQL).
CREATE TABLE release_request (
  request_id   VARCHAR(36)   NOT NULL PRIMARY KEY,
  package_id   VARCHAR(36)   NOT NULL,
  delivery_id  VARCHAR(36)   NOT NULL,
  requester    VARCHAR(100)  NOT NULL,
  originator   VARCHAR(100)  NOT NULL,
  paths        VARCHAR(8000) NOT NULL,
  status       VARCHAR(20)   NOT NULL,
  requested_at VARCHAR(40)   NOT NULL,
  decided_at   VARCHAR(40)
);
