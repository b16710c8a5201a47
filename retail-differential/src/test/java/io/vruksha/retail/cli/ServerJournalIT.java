package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.server.RetailServer;
import io.vruksha.retail.server.ServerConfig;
import io.vruksha.retail.store.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The report of a new user: three sales through the server on PostgreSQL, nothing touched, then
 * {@code retail journal verify}. The server's clock has nanosecond digits, as a JVM's clock may.
 */
class ServerJournalIT {

  @Test
  void threeSalesThroughTheServerVerify() throws Exception {
    PostgresDatabase db = TestDatabase.fresh();
    // whole microseconds plus 500 ns: the digits on which PostgreSQL's rounding of the column and
    // a rounding through double precision part ways (before instants were truncated, one sale in
    // three was reported altered)
    Clock nanos =
        Clock.offset(Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000)), Duration.ofNanos(500));
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).clock(nanos).build();
    DemoStore.seed(engine);
    try (RetailServer server =
        RetailServer.start(
            ServerConfig.from(Map.of("JWT_SECRET", "a-test-secret-of-at-least-32-characters"))
                .withPort(0),
            engine,
            List.of(),
            Map.of(),
            false)) {
      String token =
          server
              .context()
              .tokens()
              .issueService("anna", Role.CASHIER, Set.of("demo"), Duration.ofMinutes(10));
      ObjectMapper json = new ObjectMapper();
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 1; i <= 3; i++) {
        String body =
            json.writeValueAsString(
                Map.of(
                    "lines",
                    List.of(Map.of("code", "MUG", "quantity", Integer.toString(i))),
                    "tenders",
                    List.of(
                        Map.of(
                            "type",
                            "CASH",
                            "amount",
                            Map.of("amount", "50.00", "currency", "EUR")))));
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + server.port() + "/api/v1/stores/demo/sales"))
                    .header("Authorization", "Bearer " + token)
                    .header("Idempotency-Key", "till-1:" + i)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      }
    }

    CliRun r = CliRun.run(CliRun.env(db), "journal", "verify", "--store", "demo");

    assertThat(r.code()).as(r.toString()).isEqualTo(Retail.OK);
    assertThat(r.out()).contains("journal of demo verified: 3 documents");
  }
}
