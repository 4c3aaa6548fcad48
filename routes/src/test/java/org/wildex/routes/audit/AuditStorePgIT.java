package org.wildex.routes.audit;

/** The store contract on PostgreSQL (127.0.0.1:5432/test), the same Flyway migrations, one schema per test. */
class AuditStorePgIT extends AuditStoreContract {

  private String schema;

  @Override
  AuditSettings freshStore() throws Exception {
    schema = PostgresTestDatabase.createSchema();
    return AuditSettings.defaults(java.nio.file.Path.of("unused"))
        .withUrl(PostgresTestDatabase.url(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT, schema), PostgresTestDatabase.user(), "");
  }

  @Override
  void dropStore() throws Exception {
    if (schema != null) {
      PostgresTestDatabase.dropSchema(schema);
    }
  }
}
