package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.vruksha.retail.auth.Tokens;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.server.TestClient.Response;
import io.vruksha.retail.store.Role;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Secrets never reach the logs: the server runs with the production logging configuration ({@code
 * logback.xml}, JSON lines) at {@code LOG_LEVEL=DEBUG}, every line captured; staff log in with
 * passwords and PINs, right and wrong, until one is locked out; requests carry good, tampered and
 * foreign bearer tokens (in the header and in a query string); an unknown route and a refused body
 * are answered. No captured line holds a password, a PIN, the JWT secret, a token or (in the
 * PostgreSQL variant, {@code SecretsNotLoggedIT}) the database password; nor does the
 * configuration's {@code toString}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsNotLoggedTest {

  static final String JWT_SECRET = "jwt-secret-marker-0123456789-abcdefghij";
  static final String DB_PASSWORD = "db-password-marker-5f1c";
  private static final String STAFF_PASSWORD = "staff-password-marker-7";
  private static final String WRONG_PASSWORD = "wrong-password-marker-8";
  private static final String PIN = "97531864";
  private static final String WRONG_PIN = "13579246";

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final List<String> secrets = new ArrayList<>();
  private RetailServer server;
  private ServerConfig config;
  private Map<String, String> env;

  /** The environment the server starts with; the PostgreSQL variant adds the database. */
  protected Map<String, String> environment() {
    Map<String, String> e = new HashMap<>();
    e.put("JWT_SECRET", JWT_SECRET);
    e.put("PORT", "0");
    return e;
  }

  @BeforeAll
  void start() throws Exception {
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    logging.reset();
    System.setProperty("LOG_LEVEL", "DEBUG");
    JoranConfigurator production = new JoranConfigurator();
    production.setContext(logging);
    production.doConfigure(getClass().getResource("/logback.xml"));
    Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
    root.detachAppender("JSON"); // the same lines, into a buffer instead of the console
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(logging);
    encoder.setIncludeMdcKeyNames(List.of("requestId"));
    encoder.start();
    OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
    capture.setContext(logging);
    capture.setEncoder(encoder);
    capture.setOutputStream(captured);
    capture.setImmediateFlush(true);
    capture.start();
    root.addAppender(capture);

    env = environment();
    config = ServerConfig.from(env);
    server = RetailServer.start(config, env);
    secrets.add(JWT_SECRET);
    secrets.add(STAFF_PASSWORD);
    secrets.add(WRONG_PASSWORD);
    secrets.add(RetailServer.DEMO_ADMIN_PASSWORD);
    env.values().stream().filter(DB_PASSWORD::equals).forEach(secrets::add);
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    logging.reset();
    System.clearProperty("LOG_LEVEL");
    JoranConfigurator test = new JoranConfigurator();
    test.setContext(logging);
    test.doConfigure(getClass().getResource("/logback-test.xml"));
  }

  @Test
  void noSecretIsEverLogged() throws Exception {
    TestClient client = new TestClient(server);
    String admin =
        server.demoToken().isPresent()
            ? client.loginPassword("admin", RetailServer.DEMO_ADMIN_PASSWORD)
            : new Tokens(JWT_SECRET, Clock.systemUTC())
                .issueService("admin", Role.ADMIN, Set.of("*"), Duration.ofHours(1));
    secrets.add(admin);
    client.post(
        "/api/v1/stores",
        admin,
        Map.of("id", "demo", "name", "Demo", "currency", "EUR", "zone", "Europe/Berlin"));
    Response staff =
        client.post(
            "/api/v1/stores/demo/staff",
            admin,
            Map.of(
                "staffId",
                "sam",
                "name",
                "Sam",
                "role",
                "CASHIER",
                "password",
                STAFF_PASSWORD,
                "pin",
                PIN));
    assertThat(staff.status()).as(staff.toString()).isEqualTo(201);
    String bySam = client.loginPassword("sam", STAFF_PASSWORD);
    String byPin = client.loginPin("sam", PIN);
    secrets.add(bySam);
    secrets.add(byPin);
    // wrong secrets, until sam is locked out, and for someone who does not exist
    for (int i = 0; i < 6; i++) {
      client.post("/api/v1/auth/login", null, Map.of("staffId", "sam", "password", WRONG_PASSWORD));
      client.post("/api/v1/auth/login", null, Map.of("staffId", "sam", "pin", WRONG_PIN));
    }
    client.post("/api/v1/auth/login", null, Map.of("staffId", "ghost", "password", WRONG_PASSWORD));
    // requests with tokens: good, tampered, in a query string, on an unknown route, with a bad body
    assertThat(client.get("/api/v1/stores/demo/sales", byPin).status()).isEqualTo(200);
    assertThat(client.get("/api/v1/stores/demo/sales", bySam + "x").status()).isEqualTo(401);
    client.get("/api/v1/stores/demo/sales?access_token=" + bySam, null);
    client.get("/api/v1/nope?token=" + admin, admin);
    client.post("/api/v1/stores/demo/staff", admin, "{\"password\":\"" + WRONG_PASSWORD + "\"");
    client.post(
        "/api/v1/stores/demo/staff",
        admin,
        Map.of("staffId", "tim", "name", "Tim", "role", "CASHIER", "pin", WRONG_PASSWORD));
    server.close();
    server = null;

    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs.lines().count()).as("the server logged its requests").isGreaterThan(20);
    assertThat(logs).as("the request log is there").contains("/api/v1/auth/login");
    for (String secret : secrets) {
      assertThat(logs).as("a secret in the logs").doesNotContain(secret);
      // and not its signature part alone either, for tokens
      if (secret.startsWith("ey")) {
        assertThat(logs).doesNotContain(secret.substring(secret.lastIndexOf('.') + 1));
      }
    }
    for (String pin : List.of(PIN, WRONG_PIN)) {
      assertThat(
              Pattern.compile("(?<![0-9a-fA-F-])" + pin + "(?![0-9a-fA-F-])").matcher(logs).find())
          .as("a PIN in the logs")
          .isFalse();
    }
  }

  @Test
  void theConfigurationPrintsNoSecret() {
    assertThat(config.toString()).doesNotContain(JWT_SECRET).contains("jwtSecret=***");
    assertThat(
            ServerConfig.from(
                    Map.of(
                        "JWT_SECRET",
                        JWT_SECRET,
                        "NATS_URL",
                        "nats://relay:nats-password-marker@127.0.0.1:4222"))
                .toString())
        .doesNotContain("nats-password-marker")
        .contains("nats://***@127.0.0.1:4222");
    PostgresConfig pg =
        PostgresConfig.from(Map.of("DB_HOST", "127.0.0.1", "DB_PASSWORD", DB_PASSWORD));
    assertThat(pg.toString()).doesNotContain(DB_PASSWORD).contains("password=***");
  }
}
