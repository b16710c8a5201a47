package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.NatsEvents;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.StaffMember;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The server started exactly as {@code main} starts it with {@code DB_HOST} and {@code NATS_URL},
 * as the application role (a login role in vruksha_app; the owner migrated): the relay, the
 * reactions on their durable consumers and the shared cache, on a stream and bucket of this run's
 * own. A sale over HTTP reaches the analytics through NATS, and the metrics and readiness say so.
 */
class DatabaseModeIT {

  @Test
  void aSaleTravelsThroughNatsIntoTheReports() throws Exception {
    PostgresDatabase db = TestDatabase.fresh();
    // the owner migrated the schema and seeds the store; the server is the application role
    DemoStore.seed(PostgresAdapters.use(db, DemoStore.engineBuilder()).build());
    PostgresConfig pg = TestDatabase.appConfig();
    String run = "IT" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    Map<String, String> env = new HashMap<>();
    env.put("DB_HOST", pg.host());
    env.put("DB_PORT", Integer.toString(pg.port()));
    env.put("DB_NAME", pg.database());
    env.put("DB_USER", pg.user());
    env.put("DB_PASSWORD", pg.password());
    env.put("NATS_URL", System.getenv().getOrDefault("NATS_URL", "nats://127.0.0.1:4222"));
    env.put("NATS_STREAM", "RETAIL_" + run);
    env.put("NATS_SUBJECT_PREFIX", run.toLowerCase() + ".");
    env.put("JWT_SECRET", DemoServerTest.SECRET);
    env.put("PORT", "0");
    ServerConfig config = ServerConfig.from(env);
    assertThat(config.demo()).isFalse();

    try (RetailServer server = RetailServer.start(config, env)) {
      assertThat(server.demoToken()).isEmpty();
      EngineHost.unitOfWork(server.engine())
          .within(
              Set.of(DemoStore.ID),
              () -> {
                server
                    .engine()
                    .workforce()
                    .staff()
                    .save(new StaffMember("anna", "Anna", DemoStore.ID, Role.CASHIER));
                server.context().logins().setSecrets("anna", Optional.empty(), Optional.of("4826"));
                return null;
              });
      TestClient client = new TestClient(server);

      TestClient.Response ready = client.get("/ready", null);
      assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
      assertThat(ready.body().get("dependencies").get("database").asText()).isEqualTo("up");
      assertThat(ready.body().get("dependencies").get("nats").asText()).isEqualTo("up");

      String anna = client.loginPin("anna", "4826");
      TestClient.Response sale =
          client.post(
              "/api/v1/stores/demo/sales",
              anna,
              Map.of(
                  "lines", List.of(Map.of("code", "MUG", "quantity", "3")),
                  "tenders", List.of(Map.of("type", "CASH", "amount", TestClient.money("10.00")))),
              "till-1:0001");
      assertThat(sale.status()).as(sale.toString()).isEqualTo(201);

      // the analytics reaction runs on its NATS consumer; the report reads what it wrote
      String today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
      String token =
          server
              .context()
              .tokens()
              .issueService("ops", Role.MANAGER, Set.of("demo"), Duration.ofMinutes(5));
      ServerContract.await(
          () ->
              client
                      .get(
                          "/api/v1/stores/demo/reports/daily-sales?from=" + today + "&to=" + today,
                          token)
                      .data()
                      .get("total")
                      .get("sales")
                      .asInt()
                  == 1,
          "the sale reaches the analytics through NATS");
      assertThat(client.get("/api/v1/stores/demo/sales", null).status()).isEqualTo(401);
      String metrics = client.get("/metrics", null).text();
      // every server metric the alert rules and the dashboard use exists
      for (String file :
          List.of("../ops/prometheus/alerts.yml", "../ops/grafana/vruksha-dashboard.json")) {
        Matcher used =
            Pattern.compile("\\b((?:retail|http_server|hikaricp|jvm)_[a-z_]+)")
                .matcher(Files.readString(Path.of(file)));
        while (used.find()) {
          assertThat(metrics)
              .as(used.group(1) + " used in " + file)
              .containsPattern("(?m)^" + used.group(1) + "[{ ]");
        }
      }
      assertThat(metrics)
          .contains(
              "retail_events_published_total",
              "retail_events_consumed_total",
              "hikaricp_connections");
      assertThat(metrics).containsPattern("retail_events_published_total(\\{[^}]*\\})? [1-9]");
      assertThat(EngineHost.outbox(server.engine()).pending(100)).isEmpty();
      // the relay's lag, counted in the outbox: nothing is left once every event is on the stream
      ServerContract.await(
          () ->
              Pattern.compile("(?m)^retail_outbox_pending(\\{[^}]*\\})? 0\\.0$")
                  .matcher(client.get("/metrics", null).text())
                  .find(),
          "the outbox gauge reads 0 once the relay has published everything");
    } finally {
      try (var nats = NatsEvents.connect(NatsConfig.from(env))) {
        nats.deleteStream();
        nats.deleteCacheBucket();
      }
    }
  }
}
