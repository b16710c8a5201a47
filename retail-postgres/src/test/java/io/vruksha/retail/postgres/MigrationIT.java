package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class MigrationIT {

  @Test
  void migratingAnUpToDateSchemaIsANoOp() {
    PostgresDatabase db = TestDatabase.fresh();
    assertThat(db.migrate()).isZero();
  }

  @Test
  void theQueuesAndCountersCarryTheirVacuumSettings() {
    PostgresDatabase db = TestDatabase.fresh();
    List<String> outbox = reloptions(db, "outbox");
    assertThat(outbox)
        .contains("autovacuum_vacuum_scale_factor=0.0", "autovacuum_vacuum_threshold=1000");
    assertThat(reloptions(db, "handled_events")).contains("autovacuum_vacuum_threshold=1000");
    assertThat(reloptions(db, "document_counters")).contains("fillfactor=50");
    assertThat(reloptions(db, "journal_heads")).contains("fillfactor=50");
    assertThat(reloptions(db, "stock_levels")).contains("fillfactor=70");
    // a ledger that grows keeps PostgreSQL's defaults
    assertThat(reloptions(db, "sales")).isEmpty();
  }

  private static List<String> reloptions(PostgresDatabase db, String table) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT unnest(coalesce(reloptions, '{}')) FROM pg_class"
                            + " WHERE oid = to_regclass(:t)")
                    .bind("t", table)
                    .mapTo(String.class)
                    .list());
  }

  @Test
  void anOutboxFromBeforeVersion13KeepsItsUnsentEventsAndDropsTheSentOnes() {
    PostgresConfig config = TestDatabase.fresh().config();
    String schema = "m13_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Jdbi jdbi =
        Jdbi.create(
            config.jdbcUrl() + "&currentSchema=" + schema, config.user(), config.password());
    try {
      flyway(config, schema).target("12").load().migrate();
      jdbi.useHandle(
          h ->
              h.execute(
                  "INSERT INTO outbox (event_id, subject, store_id, occurred_at, correlation_id,"
                      + " schema_version, payload_type, payload, sent_at) VALUES"
                      + " ('00000000-0000-0000-0000-000000000001', 'retail.a', 's1', now(), 'c', 1,"
                      + " 'T', '{}', now()),"
                      + " ('00000000-0000-0000-0000-000000000002', 'retail.b', 's1', now(), 'c', 1,"
                      + " 'T', '{}', NULL),"
                      + " ('00000000-0000-0000-0000-000000000003', 'retail.c', 's1', now(), 'c', 1,"
                      + " 'T', '{}', now()),"
                      + " ('00000000-0000-0000-0000-000000000004', 'retail.d', 's1', now(), 'c', 1,"
                      + " 'T', '{}', NULL)"));

      assertThat(flyway(config, schema).target("13").load().migrate().migrationsExecuted)
          .isEqualTo(1);

      List<String> left =
          jdbi.withHandle(
              h ->
                  h.createQuery("SELECT subject FROM outbox ORDER BY position")
                      .mapTo(String.class)
                      .list());
      assertThat(left).containsExactly("retail.b", "retail.d");
      List<String> columns =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT column_name FROM information_schema.columns"
                              + " WHERE table_schema = :s AND table_name = 'outbox'")
                      .bind("s", schema)
                      .mapTo(String.class)
                      .list());
      assertThat(columns).contains("event_id", "position", "payload").doesNotContain("sent_at");
      List<String> indexes =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT indexname FROM pg_indexes WHERE schemaname = :s"
                              + " AND tablename = 'outbox'")
                      .bind("s", schema)
                      .mapTo(String.class)
                      .list());
      assertThat(indexes).containsExactlyInAnyOrder("outbox_pkey", "outbox_position_key");
    } finally {
      jdbi.useHandle(h -> h.execute("DROP SCHEMA " + schema + " CASCADE"));
    }
  }

  private static FluentConfiguration flyway(PostgresConfig config, String schema) {
    return Flyway.configure()
        .dataSource(config.jdbcUrl(), config.user(), config.password())
        .schemas(schema);
  }
}
