package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.server.RetailServer;
import io.vruksha.retail.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code retail demo seed} creates the demo staff in a database as demo mode does, so the README's
 * logins work on a database-mode server (which connects as the application role).
 */
class DemoSeedIT {

  private static int login(int port, String body) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 200) {
      assertThat(new ObjectMapper().readTree(r.body()).get("data").get("token").asText())
          .isNotBlank();
    }
    return r.statusCode();
  }

  @Test
  void theReadmesLoginsWorkOnADatabaseSeededByTheCommandLine() throws Exception {
    PostgresDatabase db = TestDatabase.fresh();
    CliRun seeded = CliRun.run(CliRun.env(db), "demo", "seed");
    assertThat(seeded.code()).as(seeded.toString()).isZero();
    assertThat(seeded.out()).contains("staff admin (ADMIN), max (MANAGER), anna (CASHIER)");
    CliRun again = CliRun.run(CliRun.env(db), "demo", "seed");
    assertThat(again.out()).contains("already there");

    PostgresConfig app = TestDatabase.appConfig();
    Map<String, String> env = new HashMap<>();
    env.put("DB_HOST", app.host());
    env.put("DB_PORT", Integer.toString(app.port()));
    env.put("DB_NAME", app.database());
    env.put("DB_USER", app.user());
    env.put("DB_PASSWORD", app.password());
    env.put("JWT_SECRET", "a-test-secret-of-at-least-32-characters");
    env.put("PORT", "0");
    try (RetailServer server = RetailServer.start(ServerConfig.from(env), env)) {
      assertThat(server.demoToken()).isEmpty();
      int port = server.port();
      // the README's logins, as in demo mode
      assertThat(
              login(
                  port, "{\"staffId\":\"anna\",\"pin\":\"" + RetailServer.DEMO_CASHIER_PIN + "\"}"))
          .isEqualTo(200);
      assertThat(
              login(
                  port,
                  "{\"staffId\":\"max\",\"password\":\""
                      + RetailServer.DEMO_MANAGER_PASSWORD
                      + "\"}"))
          .isEqualTo(200);
      assertThat(
              login(
                  port,
                  "{\"staffId\":\"admin\",\"password\":\""
                      + RetailServer.DEMO_ADMIN_PASSWORD
                      + "\"}"))
          .isEqualTo(200);
      assertThat(login(port, "{\"staffId\":\"anna\",\"pin\":\"9999\"}")).isEqualTo(401);
    }
  }
}
