package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.server.TestClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A member of staff with a bad PIN or password is refused before anything is saved (found by {@link
 * HostileBodyPropertiesTest}: the member was saved and then the PIN refused, so a 400 left a new
 * member of staff behind on the in-memory engine).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffSecretsTest {

  private static final String STAFF = "/api/v1/stores/demo/staff";

  private RetailServer server;
  private TestClient client;
  private String admin;

  @BeforeAll
  void start() {
    server = RetailServer.start(DemoServerTest.config(), Map.of());
    client = new TestClient(server);
    admin = server.demoToken().orElseThrow();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private void refusedAndNotSaved(Map<String, Object> body, String field) {
    Response r = client.post(STAFF, admin, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.body().get("details").toString()).as(r.toString()).contains(field);
    assertThat(server.engine().workforce().staff().find("zoe")).isEmpty();
    assertThat(server.engine().credentials().find("zoe")).isEmpty();
    assertThat(client.get(STAFF, admin).data().findValuesAsText("staffId")).doesNotContain("zoe");
  }

  @Test
  void aBadPinSavesNoOne() {
    refusedAndNotSaved(
        Map.of("staffId", "zoe", "name", "Zoe", "role", "CASHIER", "pin", "12"), "pin");
    refusedAndNotSaved(
        Map.of("staffId", "zoe", "name", "Zoe", "role", "CASHIER", "pin", "abcd"), "pin");
  }

  @Test
  void aShortPasswordSavesNoOne() {
    refusedAndNotSaved(
        Map.of("staffId", "zoe", "name", "Zoe", "role", "CASHIER", "password", "short"),
        "password");
  }

  @Test
  void aPasswordOverBcryptsLimitIs400AndALoginWithOneIs401() {
    // found by HostileBodyPropertiesTest: bcrypt refuses more than 72 bytes, and that was a 500
    refusedAndNotSaved(
        Map.of("staffId", "zoe", "name", "Zoe", "role", "CASHIER", "password", "p".repeat(73)),
        "password");
    refusedAndNotSaved(
        Map.of("staffId", "zoe", "name", "Zoe", "role", "CASHIER", "password", "\u00e9".repeat(37)),
        "password");
    String longest = "correct-horse-".repeat(5) + "ab"; // 72 bytes
    assertThat(longest).hasSize(72);
    Response ok =
        client.post(
            STAFF,
            admin,
            Map.of("staffId", "yan", "name", "Yan", "role", "CASHIER", "password", longest));
    assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
    assertThat(client.loginPassword("yan", longest)).isNotBlank();
    for (Map<String, Object> login :
        List.of(
            Map.<String, Object>of("staffId", "yan", "password", longest + "x".repeat(928)),
            Map.<String, Object>of("staffId", "anna", "pin", "1".repeat(1000)),
            Map.<String, Object>of("staffId", "nobody", "password", "x".repeat(100)))) {
      Response r = client.post("/api/v1/auth/login", null, login);
      assertThat(r.status()).as(r.toString()).isEqualTo(401);
      assertThat(r.code()).isEqualTo("auth.unauthenticated");
    }
  }

  @Test
  void aBadPinLeavesAnExistingMemberAsTheyWere() {
    Response r =
        client.post(
            STAFF,
            admin,
            Map.of("staffId", "anna", "name", "Renamed", "role", "CASHIER", "pin", "1"));
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(server.engine().workforce().staff().find("anna").orElseThrow().name())
        .isEqualTo("Anna Cashier");
    assertThat(client.loginPin("anna", "4826")).isNotBlank();
  }
}
