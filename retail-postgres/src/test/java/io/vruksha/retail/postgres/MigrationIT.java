package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
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

  @Test
  void unsentEventsOfTheRowPerEventOutboxAreReadInOrderAfterVersion25() {
    PostgresConfig config = TestDatabase.fresh().config();
    String schema = "m25_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Jdbi jdbi =
        Jdbi.create(
            config.jdbcUrl() + "&currentSchema=" + schema, config.user(), config.password());
    try {
      flyway(config, schema).target("24").load().migrate();
      jdbi.useHandle(
          h ->
              h.execute(
                  "INSERT INTO outbox (event_id, subject, store_id, occurred_at, correlation_id,"
                      + " schema_version, payload_type, payload) VALUES"
                      + " ('00000000-0000-0000-0000-000000000001', 'retail.crm.customer.created.v1',"
                      + " 'koeln', '2026-12-06 10:40:58.998373+00', 'sale-ü', 1,"
                      + " 'io.vruksha.retail.event.DomainEvent$CustomerCreated',"
                      + " '{\"store\":{\"value\":\"koeln\"},\"customerId\":\"ü-1\","
                      + "\"marketingConsent\":true}'),"
                      + " ('00000000-0000-0000-0000-000000000002', 'retail.inventory.stock.updated.v1',"
                      + " 'koeln', '1969-12-31 23:59:59.999999+00', 'sale-2', 1,"
                      + " 'io.vruksha.retail.event.DomainEvent$StockUpdated',"
                      + " '{\"store\":{\"value\":\"koeln\"},\"sku\":\"MUG\","
                      + "\"location\":\"floor\",\"change\":-1.2345,\"onHand\":1026.0001,"
                      + "\"reason\":\"SALE\"}')"));

      assertThat(flyway(config, schema).target("25").load().migrate().migrationsExecuted)
          .isEqualTo(1);
      jdbi.useHandle(
          h ->
              h.execute(
                  "INSERT INTO outbox (event_count, events) SELECT event_count, events FROM outbox"
                      + " ORDER BY position LIMIT 1"));

      List<OutboxRows.Row> rows =
          jdbi.withHandle(
              h ->
                  h.createQuery("SELECT position, events FROM outbox ORDER BY position")
                      .map((rs, ctx) -> OutboxRows.read(rs.getLong(1), rs.getString(2)))
                      .list());
      assertThat(rows).hasSize(3);
      // positions go on from the old table's
      assertThat(rows.get(2).position()).isGreaterThan(rows.get(1).position());
      EventEnvelope first = rows.get(0).events().get(0);
      assertThat(first.eventId())
          .isEqualTo(UUID.fromString("00000000-0000-0000-0000-000000000001"));
      assertThat(first.store()).isEqualTo(StoreId.of("koeln"));
      assertThat(first.occurredAt()).isEqualTo(Instant.parse("2026-12-06T10:40:58.998373Z"));
      assertThat(first.correlationId()).isEqualTo("sale-ü");
      assertThat(first.payload())
          .isEqualTo(new DomainEvent.CustomerCreated(StoreId.of("koeln"), "ü-1", true));
      EventEnvelope second = rows.get(1).events().get(0);
      assertThat(second.subject()).isEqualTo("retail.inventory.stock.updated.v1");
      assertThat(second.occurredAt()).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
      assertThat(second.payload())
          .isEqualTo(
              new DomainEvent.StockUpdated(
                  StoreId.of("koeln"),
                  "MUG",
                  "floor",
                  new BigDecimal("-1.2345"),
                  new BigDecimal("1026.0001"),
                  "SALE"));
      assertThat(reloptions(jdbi, schema)).contains("autovacuum_vacuum_threshold=1000");
    } finally {
      jdbi.useHandle(h -> h.execute("DROP SCHEMA " + schema + " CASCADE"));
    }
  }

  private static List<String> reloptions(Jdbi jdbi, String schema) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT unnest(coalesce(reloptions, '{}')) FROM pg_class c JOIN pg_namespace n"
                        + " ON n.oid = c.relnamespace WHERE n.nspname = :s AND c.relname = 'outbox'")
                .bind("s", schema)
                .mapTo(String.class)
                .list());
  }

  private static FluentConfiguration flyway(PostgresConfig config, String schema) {
    return Flyway.configure()
        .dataSource(config.jdbcUrl(), config.user(), config.password())
        .schemas(schema);
  }
}
