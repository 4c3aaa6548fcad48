-- Updates: one row per accepted update, naming the package it supersedes. The unique key on supersedes lets only one
-- update replace a version, even when two are processed at the same moment (the second is VERSION_CONFLICT); a
-- redelivery of the same submission finds its own row. Portable SQL (H2 and PostgreSQL).
CREATE TABLE package_version (
  package_id   VARCHAR(36)  NOT NULL PRIMARY KEY,
  supersedes   VARCHAR(36)  NOT NULL UNIQUE,
  version      INT          NOT NULL,
  tracking_id  VARCHAR(36)  NOT NULL
);
