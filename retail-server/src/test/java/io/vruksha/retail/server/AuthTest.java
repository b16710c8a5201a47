package io.vruksha.retail.server;

import static io.vruksha.retail.server.TestClient.money;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.vruksha.retail.auth.Logins;
import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.auth.Tokens;
import io.vruksha.retail.server.TestClient.Response;
import io.vruksha.retail.store.Role;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may call what: missing, malformed, foreign, expired and unsigned tokens are refused with 401
 * and never answered with data; roles below a route's minimum get 403; five failed logins make that
 * address wait (a second, doubling) without telling a wrong id from a wrong secret or a wait; the
 * engine's own permission checks surface as 403.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthTest {

  private static final String DEMO = "/api/v1/stores/demo";
  private static final String OTHER_SECRET = "another-secret-of-at-least-32-characters!";

  private RetailServer server;
  private TestClient client;
  private String anna;
  private String max;

  @BeforeAll
  void start() {
    server = RetailServer.start(DemoServerTest.config(), Map.of());
    client = new TestClient(server);
    anna = client.loginPin("anna", "4826");
    max = client.loginPassword("max", "demo-manager-1");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String adminClaims() {
    return "{\"iss\":\"vruksha\",\"sub\":\"admin\",\"role\":\"ADMIN\",\"stores\":[\"*\"],\"exp\":"
        + Instant.now().plus(Duration.ofHours(1)).getEpochSecond()
        + "}";
  }

  /** 401 with the unauthenticated code, and nothing that looks like data. */
  private static void unauthenticated(Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(401);
    assertThat(r.code()).as(r.toString()).isEqualTo("auth.unauthenticated");
    assertThat(r.body().has("data")).as(r.toString()).isFalse();
    assertThat(r.body().has("success")).as(r.toString()).isFalse();
    assertThat(r.body().fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("error", "code", "details", "timestamp");
  }

  /** Every kind of protected route: store-scoped reads and writes, chain-wide reads. */
  private void refusedEverywhere(String token) {
    unauthenticated(client.get(DEMO + "/sales", token));
    unauthenticated(client.get(DEMO + "/staff", token));
    unauthenticated(client.get("/api/v1/stores", token));
    unauthenticated(client.get("/api/v1/products", token));
    unauthenticated(
        client.post(
            "/api/v1/stores",
            token,
            Map.of("id", "evil", "name", "Evil", "currency", "EUR", "zone", "UTC")));
    unauthenticated(
        client.post(
            DEMO + "/stock/adjustments",
            token,
            Map.of("sku", "MUG", "quantity", "-50", "reason", "gone")));
  }

  @Test
  void noTokenIsUnauthenticated() {
    refusedEverywhere(null);
    Response r =
        client.send("GET", DEMO + "/sales", null, null, Map.of("Authorization", "Basic x"));
    unauthenticated(r);
    unauthenticated(
        client.send("GET", DEMO + "/sales", null, null, Map.of("Authorization", "Bearer ")));
  }

  @Test
  void malformedTokensAreUnauthenticated() {
    for (String token :
        List.of(
            "not-a-jwt",
            "a.b.c",
            "a.b",
            "....",
            b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64("{}") + ".",
            server.demoToken().orElseThrow() + "x",
            server.demoToken().orElseThrow().replace('.', '!'))) {
      refusedEverywhere(token);
    }
  }

  @Test
  void aTokenSignedWithAnotherSecretIsUnauthenticated() {
    String forged =
        new Tokens(OTHER_SECRET, Clock.systemUTC())
            .issueService("admin", Role.ADMIN, Set.of(Principal.ALL_STORES), Duration.ofHours(1));
    refusedEverywhere(forged);
  }

  @Test
  void anExpiredTokenIsUnauthenticated() {
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC);
    String expired =
        new Tokens(DemoServerTest.SECRET, past)
            .issueService("admin", Role.ADMIN, Set.of(Principal.ALL_STORES), Duration.ofHours(1));
    refusedEverywhere(expired);
    assertThat(client.get(DEMO + "/sales", expired).body().get("error").asText())
        .contains("expired");
    // the same claims, still valid, are accepted: the expiry is what refused it
    String fresh =
        new Tokens(DemoServerTest.SECRET, Clock.systemUTC())
            .issueService("admin", Role.ADMIN, Set.of(Principal.ALL_STORES), Duration.ofHours(1));
    assertThat(client.get(DEMO + "/sales", fresh).status()).isEqualTo(200);
  }

  @Test
  void anUnsignedAlgNoneTokenIsUnauthenticated() {
    String claims = b64(adminClaims());
    for (String header :
        List.of(
            "{\"alg\":\"none\",\"typ\":\"JWT\"}",
            "{\"alg\":\"None\",\"typ\":\"JWT\"}",
            "{\"alg\":\"NONE\",\"typ\":\"JWT\"}",
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}")) {
      String unsigned = b64(header) + "." + claims + ".";
      refusedEverywhere(unsigned);
    }
    // a real signature moved onto other claims does not verify either
    String real = server.demoToken().orElseThrow();
    String[] parts = real.split("\\.");
    refusedEverywhere(parts[0] + "." + claims + "." + parts[2]);
  }

  @Test
  void aSignedTokenWithoutRoleOrStoresOrWithAnUnknownRoleIsUnauthenticated() {
    Algorithm hs256 = Algorithm.HMAC256(DemoServerTest.SECRET);
    Instant exp = Instant.now().plus(Duration.ofHours(1));
    refusedEverywhere(
        JWT.create()
            .withIssuer("vruksha")
            .withSubject("admin")
            .withClaim("role", "ROOT")
            .withClaim("stores", List.of("*"))
            .withExpiresAt(exp)
            .sign(hs256));
    refusedEverywhere(
        JWT.create()
            .withIssuer("vruksha")
            .withSubject("admin")
            .withClaim("role", "ADMIN")
            .withExpiresAt(exp)
            .sign(hs256));
    refusedEverywhere(
        JWT.create()
            .withIssuer("vruksha")
            .withSubject("admin")
            .withClaim("role", "ADMIN")
            .withClaim("stores", List.of("*"))
            .sign(hs256));
    refusedEverywhere(
        JWT.create()
            .withIssuer("someone-else")
            .withSubject("admin")
            .withClaim("role", "ADMIN")
            .withClaim("stores", List.of("*"))
            .withExpiresAt(exp)
            .sign(hs256));
  }

  @Test
  void aCashierCallingAManagerRouteIsForbidden() {
    Response staff = client.get(DEMO + "/staff", anna);
    assertThat(staff.status()).as(staff.toString()).isEqualTo(403);
    assertThat(staff.code()).isEqualTo("auth.forbidden");
    assertThat(staff.body().has("data")).isFalse();

    Response adjust =
        client.post(
            DEMO + "/stock/adjustments",
            anna,
            Map.of("sku", "MUG", "quantity", "-10", "reason", "taken home"));
    assertThat(adjust.status()).as(adjust.toString()).isEqualTo(403);
    assertThat(adjust.code()).isEqualTo("auth.forbidden");

    Response invoices = client.get(DEMO + "/invoices", anna);
    assertThat(invoices.status()).as(invoices.toString()).isEqualTo(403);
    Response store =
        client.post(
            "/api/v1/stores",
            anna,
            Map.of("id", "evil", "name", "Evil", "currency", "EUR", "zone", "UTC"));
    assertThat(store.status()).as(store.toString()).isEqualTo(403);
    assertThat(store.code()).isEqualTo("auth.forbidden");

    // nothing moved, and the manager may do what the cashier may not
    assertThat(client.get(DEMO + "/stock/MUG", max).data().get("level").get("onHand").asText())
        .isEqualTo("50");
    assertThat(client.get(DEMO + "/staff", max).status()).isEqualTo(200);
    assertThat(client.get("/api/v1/stores", max).data().findValuesAsText("id"))
        .doesNotContain("evil");
  }

  @Test
  void aManagerCannotCreateAnAdmin() {
    Response r =
        client.post(
            DEMO + "/staff",
            max,
            Map.of(
                "staffId",
                "mallory",
                "name",
                "Mallory",
                "role",
                "ADMIN",
                "password",
                "mallory-pw1"));
    assertThat(r.status()).as(r.toString()).isEqualTo(403);
    assertThat(r.code()).isEqualTo("auth.forbidden");
    assertThat(client.get(DEMO + "/staff", max).data().findValuesAsText("staffId"))
        .doesNotContain("mallory");
    Response login =
        client.post(
            "/api/v1/auth/login", null, Map.of("staffId", "mallory", "password", "mallory-pw1"));
    assertThat(login.status()).as(login.toString()).isEqualTo(401);

    // nor can a cashier make anyone at all
    Response cashier =
        client.post(
            DEMO + "/staff",
            anna,
            Map.of("staffId", "bob", "name", "Bob", "role", "CASHIER", "pin", "9999"));
    assertThat(cashier.status()).as(cashier.toString()).isEqualTo(403);
  }

  @Test
  void aManagerCannotTakeOverAnAdminByRewritingThem() {
    Response r =
        client.post(
            DEMO + "/staff",
            max,
            Map.of(
                "staffId",
                "admin",
                "name",
                "Demo Admin",
                "role",
                "MANAGER",
                "password",
                "taken-over-1"));
    // rewriting the admin (a role above the caller's own) with a password of the manager's
    // choosing would hand the manager the admin's account
    assertThat(r.status()).as(r.toString()).isGreaterThanOrEqualTo(400).isLessThan(500);
    Response login =
        client.post(
            "/api/v1/auth/login", null, Map.of("staffId", "admin", "password", "taken-over-1"));
    assertThat(login.status()).as(login.toString()).isEqualTo(401);
  }

  @Test
  void fiveWrongPinsMakeThatAddressWaitWithTheSameAnswerAndNoHardLock() {
    // a success first clears any failures; nothing else in this class logs anna in
    assertThat(client.loginPin("anna", "4826")).isNotBlank();
    for (int i = 0; i < 5; i++) {
      Response wrong =
          client.post("/api/v1/auth/login", null, Map.of("staffId", "anna", "pin", "900" + i));
      assertThat(wrong.status()).as("attempt " + i + ": " + wrong).isEqualTo(401);
      assertThat(wrong.code()).isEqualTo("auth.unauthenticated");
      assertThat(wrong.body().get("error").asText()).isEqualTo(Logins.INVALID);
      assertThat(wrong.body().has("data")).isFalse();
    }
    // this address now waits a second, doubling with each further failure: the right PIN is
    // refused with the very answer a wrong one gets (no auth.locked that confirms the id)
    Response right =
        client.post("/api/v1/auth/login", null, Map.of("staffId", "anna", "pin", "4826"));
    assertThat(right.status()).as(right.toString()).isEqualTo(401);
    assertThat(right.code()).isEqualTo("auth.unauthenticated");
    assertThat(right.body().get("error").asText()).isEqualTo(Logins.INVALID);
    assertThat(right.body().has("data")).isFalse();
    assertThat(right.text()).doesNotContain("token\"");
    // another member of staff is not affected
    assertThat(client.loginPin("max", "7391")).isNotBlank();
    // the wait is a second, not 15 minutes: after it the right PIN logs anna in again
    await(
        () ->
            client
                    .post("/api/v1/auth/login", null, Map.of("staffId", "anna", "pin", "4826"))
                    .status()
                == 200);
  }

  private static void await(BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void aWrongIdAndAWrongPinGetTheSameAnswer() {
    Response wrongId =
        client.post("/api/v1/auth/login", null, Map.of("staffId", "nobody", "pin", "1234"));
    Response wrongPin =
        client.post("/api/v1/auth/login", null, Map.of("staffId", "max", "pin", "1111"));
    Response wrongPassword =
        client.post("/api/v1/auth/login", null, Map.of("staffId", "max", "password", "wrong-pw-1"));
    Response noPin =
        client.post("/api/v1/auth/login", null, Map.of("staffId", "admin", "pin", "1234"));
    for (Response r : List.of(wrongId, wrongPin, wrongPassword, noPin)) {
      assertThat(r.status()).as(r.toString()).isEqualTo(401);
      assertThat(r.code()).isEqualTo("auth.unauthenticated");
      assertThat(r.body().get("error").asText()).isEqualTo(Logins.INVALID);
      assertThat(r.body().get("details")).isEqualTo(wrongId.body().get("details"));
      assertThat(r.body().has("data")).isFalse();
    }
    // max's one failure is cleared by his success; he is not locked out
    assertThat(client.loginPin("max", "7391")).isNotBlank();
  }

  @Test
  void theEnginesPermissionCheckSurfacesAs403() {
    Map<String, Object> line =
        Map.of("code", "MUG", "quantity", "1", "priceOverride", money("0.01"));
    Map<String, Object> sale =
        Map.of(
            "lines",
            List.of(line),
            "tenders",
            List.of(Map.of("type", "CASH", "amount", money("10.00"))));
    Response r = client.post(DEMO + "/sales", anna, sale, "auth-override-1");
    assertThat(r.status()).as(r.toString()).isEqualTo(403);
    assertThat(r.code()).isEqualTo("auth.permission_required");
    assertThat(r.body().has("data")).isFalse();

    Response priced = client.post(DEMO + "/baskets/price", anna, Map.of("lines", List.of(line)));
    assertThat(priced.status()).as(priced.toString()).isEqualTo(403);
    assertThat(priced.code()).isEqualTo("auth.permission_required");

    // nothing was sold, no stock left
    assertThat(client.get(DEMO + "/sales", anna).data()).isEmpty();
    assertThat(client.get(DEMO + "/stock/MUG", anna).data().get("level").get("onHand").asText())
        .isEqualTo("50");
    // a supervisor or above may override the price
    Response managed = client.post(DEMO + "/baskets/price", max, Map.of("lines", List.of(line)));
    assertThat(managed.status()).as(managed.toString()).isEqualTo(200);
  }
}
