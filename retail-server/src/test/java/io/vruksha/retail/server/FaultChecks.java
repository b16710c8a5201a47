package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the fault tests ({@link FaultToleranceIT}, {@link ClusterFaultsIT}) share: the set-up that
 * lets the stream be checked against the database, and the checks after a run that every committed
 * event was published once and the reactions counted every sale.
 */
final class FaultChecks {

  private FaultChecks() {}

  /** Creates database {@code name} through {@code admin}. */
  static void createDatabase(PostgresConfig admin, String name) throws SQLException {
    try (Connection c =
        DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
      c.createStatement().execute("CREATE DATABASE " + name);
    }
  }

  /**
   * The relay deletes the outbox rows it has published: a trigger keeps the id of every event that
   * committed (each of a row's events), in a table of the test's own, so the stream can be checked
   * against all of them. Run after the migrations, as the owner.
   */
  static void recordCommittedEvents(PostgresConfig cfg) throws SQLException {
    try (Connection c = DriverManager.getConnection(cfg.jdbcUrl(), cfg.user(), cfg.password())) {
      c.createStatement()
          .execute(
              "CREATE TABLE committed_events (event_id uuid PRIMARY KEY);"
                  + " CREATE FUNCTION record_committed_event() RETURNS trigger LANGUAGE plpgsql AS"
                  + " $$ BEGIN INSERT INTO committed_events SELECT CAST(e->>'id' AS uuid)"
                  + " FROM jsonb_array_elements(NEW.events) e; RETURN NEW; END $$;"
                  + " CREATE TRIGGER record_committed_event AFTER INSERT ON outbox"
                  + " FOR EACH ROW EXECUTE FUNCTION record_committed_event();"
                  // the trigger runs as the server's role, the application role
                  + " GRANT INSERT ON committed_events TO vruksha_app");
    }
  }

  /**
   * Every event that committed is in the stream at {@code url} exactly once, by its id, and nothing
   * else is; returns how many there are.
   */
  static long checkStream(PostgresDatabase db, String url, NatsConfig config) throws Exception {
    Set<String> committed =
        new HashSet<>(
            db.jdbi()
                .withHandle(
                    h ->
                        h.createQuery("SELECT event_id::text FROM committed_events")
                            .mapTo(String.class)
                            .list()));
    Map<String, Integer> seen = new HashMap<>();
    for (String id : StreamIds.inOrder(url, config)) {
      seen.merge(id, 1, Integer::sum);
    }
    Set<String> twice = new HashSet<>();
    seen.forEach(
        (id, times) -> {
          if (times > 1) {
            twice.add(id);
          }
        });
    assertThat(twice).as("events published more than once").isEmpty();
    assertThat(committed).as("events committed").isNotEmpty();
    assertThat(seen.keySet())
        .as("the stream holds exactly the committed events")
        .isEqualTo(committed);
    return seen.size();
  }

  /** Waits (at most 120 s) until the relay has sent every outbox event. */
  static void awaitOutboxSent(PostgresDatabase db) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    long pending = -1;
    while (System.nanoTime() < deadline) {
      pending =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT coalesce(sum(event_count), 0) FROM outbox")
                          .mapTo(Long.class)
                          .one());
      if (pending == 0) {
        return;
      }
      pause(200);
    }
    throw new AssertionError(pending + " outbox events were never sent");
  }

  /** The analytics reaction counts every sale exactly once (and stays there). */
  static void awaitAnalytics(PostgresDatabase db, int sold) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    long counted = -1;
    while (System.nanoTime() < deadline && counted != sold) {
      counted = analyticsCount(db);
      pause(200);
    }
    assertThat(counted).as("sales the analytics counted").isEqualTo(sold);
    pause(2000);
    assertThat(analyticsCount(db)).as("sales the analytics counted, later").isEqualTo(sold);
  }

  private static long analyticsCount(PostgresDatabase db) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT coalesce(sum(sales_count), 0) FROM sales_analytics_daily"
                            + " WHERE store_id = 'demo'")
                    .mapTo(Long.class)
                    .one());
  }

  /** A free loopback port. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
