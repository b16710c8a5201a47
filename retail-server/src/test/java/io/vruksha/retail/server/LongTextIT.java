package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.server.TestClient.Response;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Long, incompressible text in identifiers and names on PostgreSQL: whatever the body limit lets
 * through is either stored or refused with a 4xx, never a 5xx (an index entry has a size limit that
 * text columns do not).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongTextIT {

  private RetailServer server;
  private TestClient client;
  private String admin;

  @BeforeAll
  void start() {
    server = PostgresServerIT.postgres();
    client = new TestClient(server);
    admin = server.demoToken().orElseThrow();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static String noise(int length) {
    Random random = new Random(length);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append((char) ('!' + random.nextInt(90)));
    }
    return s.toString();
  }

  @Test
  void longTextIsStoredOrRefusedNeverA5xx() {
    String demo = "/api/v1/stores/demo";
    for (int length : List.of(3_000, 20_000)) {
      String text = noise(length);
      List<Response> answers =
          List.of(
              client.post(
                  demo + "/staff",
                  admin,
                  Map.of("staffId", text, "name", "N", "role", "CASHIER", "pin", "4826")),
              client.post(
                  demo + "/staff",
                  admin,
                  Map.of("staffId", "s" + length, "name", text, "role", "CASHIER")),
              client.post(
                  demo + "/customers",
                  admin,
                  Map.of("customerId", text, "name", "N", "marketingConsent", false)),
              client.post(
                  "/api/v1/stores",
                  admin,
                  Map.of("id", text, "name", "N", "currency", "EUR", "zone", "UTC")),
              client.post(
                  demo + "/shifts",
                  admin,
                  Map.of("registerId", text, "openingFloat", TestClient.money("1.00"))),
              client.post(
                  "/api/v1/suppliers", admin, Map.of("id", text, "name", "N", "items", Map.of())),
              client.post(
                  demo + "/stock/adjustments",
                  admin,
                  Map.of("sku", "MUG", "quantity", "1", "reason", text)),
              client.post(
                  demo + "/sales",
                  admin,
                  Map.of(
                      "lines",
                      List.of(Map.of("code", "MUG")),
                      "tenders",
                      List.of(Map.of("type", "CASH", "amount", TestClient.money("10.00")))),
                  "k" + text.substring(0, 100).replaceAll("[^A-Za-z0-9]", "x")));
      for (Response r : answers) {
        System.out.println(
            "LONG "
                + length
                + " -> "
                + r.status()
                + " "
                + r.text().substring(0, Math.min(200, r.text().length())));
      }
      assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isLessThan(500));
    }
  }
}
