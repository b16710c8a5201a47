package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.server.TestClient.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A money field left out or null (found by {@link HostileBodyPropertiesTest}: a supplier item
 * without a cost was a 500) is a 400 naming the field, on every route that takes money, and nothing
 * is written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissingMoneyTest {

  private static final String DEMO = "/api/v1/stores/demo";

  private RetailServer server;
  private TestClient client;
  private String admin;
  private String shift;
  private String invoice;

  @BeforeAll
  void start() {
    server = RetailServer.start(DemoServerTest.config(), Map.of());
    client = new TestClient(server);
    admin = server.demoToken().orElseThrow();
    client.post(
        DEMO + "/customers",
        admin,
        Map.of("customerId", "b2b", "name", "B2B", "marketingConsent", false, "taxId", "DE1"));
    shift =
        client
            .post(
                DEMO + "/shifts",
                admin,
                Map.of("registerId", "t1", "openingFloat", TestClient.money("50.00")))
            .data()
            .get("id")
            .asText();
    invoice =
        client
            .post(
                DEMO + "/invoices",
                admin,
                Map.of("customerId", "b2b", "lines", List.of(Map.of("code", "MUG"))))
            .data()
            .get("number")
            .asText();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private void refused(String path, String body, String field) {
    String before = ServerState.of(server.engine(), List.of("b2b"), List.of(), Set.of());
    Response r = client.post(path, admin, body, "missing-" + field.hashCode());
    assertThat(r.status()).as(path + " " + body + " -> " + r).isEqualTo(400);
    assertThat(r.code()).as(r.toString()).isIn("validation.invalid", "request.malformed");
    assertThat(r.body().get("details").toString()).as(r.toString()).contains(field);
    assertThat(r.body().get("error").asText()).contains(field);
    assertThat(ServerState.of(server.engine(), List.of("b2b"), List.of(), Set.of()))
        .isEqualTo(before);
  }

  @Test
  void aSupplierItemWithoutACostIs400() {
    refused(
        "/api/v1/suppliers",
        "{\"id\":\"s\",\"name\":\"S\",\"items\":{\"MUG\":{\"leadTimeDays\":3}}}",
        "items.MUG.cost");
    refused(
        "/api/v1/suppliers", "{\"id\":\"s\",\"name\":\"S\",\"items\":{\"MUG\":null}}", "items.MUG");
  }

  @Test
  void aPriceWithoutMoneyIs400() {
    refused("/api/v1/price-lists/retail/prices", "{\"sku\":\"MUG\"}", "price");
    refused("/api/v1/price-lists/retail/prices", "{\"sku\":\"MUG\",\"price\":null}", "price");
  }

  @Test
  void registerMoneyLeftOutIs400() {
    refused(DEMO + "/shifts", "{\"registerId\":\"t2\"}", "openingFloat");
    refused(DEMO + "/shifts/" + shift + "/cash-movements", "{\"reason\":\"x\"}", "amount");
    refused(DEMO + "/shifts/" + shift + "/close", "{\"counted\":{\"CASH\":null}}", "counted.CASH");
  }

  @Test
  void aPaymentWithoutAnAmountIs400() {
    refused(
        DEMO + "/invoices/" + invoice + "/payments",
        "{\"method\":\"BANK_TRANSFER\",\"reference\":\"r\"}",
        "amount");
  }

  @Test
  void aThresholdTierWithoutSpendIs400() {
    refused(
        "/api/v1/promotions",
        "{\"id\":\"p\",\"label\":\"P\",\"target\":{\"wholeBasket\":true},"
            + "\"reward\":{\"type\":\"THRESHOLD\",\"tiers\":[null]}}",
        "reward.tiers[0]");
    refused(
        "/api/v1/promotions",
        "{\"id\":\"p\",\"label\":\"P\",\"target\":{\"wholeBasket\":true},"
            + "\"reward\":{\"type\":\"THRESHOLD\",\"tiers\":[{\"percentOff\":\"5\"}]}}",
        "reward.tiers[0].spend");
  }
}
