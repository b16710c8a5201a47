package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vruksha.retail.server.TestClient.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store's rounding to its smallest coin, set and read over HTTP ({@code POST /stores}, {@code GET
 * /stores/{id}}): the increment, the mode and whether only cash or every tender's total is rounded
 * (V18's {@code cash_rounding_scope}). Each adapter family runs it on its own server.
 */
abstract class StoreRoundingContract {

  protected RetailServer server;
  protected TestClient client;
  protected String all;

  /** A server holding the demo store (EUR, Europe/Berlin) and its staff. */
  protected abstract RetailServer startServer();

  @BeforeEach
  void start() {
    server = startServer();
    client = new TestClient(server);
    all = server.demoToken().orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Response status(Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    return r;
  }

  private static Map<String, Object> store(String id, String currency, Object rounding) {
    Map<String, Object> body = new HashMap<>();
    body.put("id", id);
    body.put("name", id.equals("demo") ? "Vruksha Demo, Berlin" : "Zürich Bahnhofstrasse");
    body.put("currency", currency);
    body.put("zone", id.equals("demo") ? "Europe/Berlin" : "Europe/Zurich");
    if (rounding != null) {
      body.put("cashRounding", rounding);
    }
    return body;
  }

  private static String rounding(JsonNode store) {
    JsonNode r = store.get("cashRounding");
    return r.isNull()
        ? "none"
        : r.get("increment").asText()
            + " "
            + r.get("mode").asText()
            + " "
            + r.get("scope").asText();
  }

  @Test
  void aStoreIsCreatedWithItsRoundingAndShowsIt() {
    Response created =
        status(
            client.post(
                "/api/v1/stores",
                all,
                store("zurich", "CHF", Map.of("increment", "0.05", "scope", "EVERY_TENDER"))),
            201);
    // the mode left out is the Swiss rule
    assertThat(rounding(created.data())).isEqualTo("0.05 HALF_UP EVERY_TENDER");
    assertThat(rounding(status(client.get("/api/v1/stores/zurich", all), 200).data()))
        .isEqualTo("0.05 HALF_UP EVERY_TENDER");

    // replaced with cash-only rounding, then with none: the POST replaces the whole store
    status(
        client.post(
            "/api/v1/stores",
            all,
            store("zurich", "CHF", Map.of("increment", "0.05", "mode", "HALF_EVEN"))),
        201);
    assertThat(rounding(status(client.get("/api/v1/stores/zurich", all), 200).data()))
        .isEqualTo("0.05 HALF_EVEN CASH");
    status(client.post("/api/v1/stores", all, store("zurich", "CHF", null)), 201);
    assertThat(rounding(status(client.get("/api/v1/stores/zurich", all), 200).data()))
        .isEqualTo("none");
    // the demo store rounds nothing
    assertThat(rounding(status(client.get("/api/v1/stores/demo", all), 200).data()))
        .isEqualTo("none");
  }

  @Test
  void aRoundingNoCoinCanPayIsRefusedAndChangesNothing() {
    status(
        client.post(
            "/api/v1/stores",
            all,
            store("zurich", "CHF", Map.of("increment", "0.05", "scope", "EVERY_TENDER"))),
        201);
    for (Map<String, Object> bad :
        List.<Map<String, Object>>of(
            Map.of("increment", "0.001"), // finer than the Rappen
            Map.of("increment", "0"),
            Map.of("increment", "-0.05"),
            Map.of("increment", "0.05", "mode", "UNNECESSARY"))) {
      Response refused =
          status(client.post("/api/v1/stores", all, store("zurich", "CHF", bad)), 400);
      assertThat(refused.code()).as(bad.toString()).isEqualTo("validation.invalid");
      assertThat(refused.body().get("details").toString()).contains("cashRounding.");
    }
    Response unknownScope =
        client.post(
            "/api/v1/stores",
            all,
            store("zurich", "CHF", Map.of("increment", "0.05", "scope", "CARDS")));
    assertThat(unknownScope.status()).isEqualTo(400);
    assertThat(rounding(status(client.get("/api/v1/stores/zurich", all), 200).data()))
        .isEqualTo("0.05 HALF_UP EVERY_TENDER");
  }

  @Test
  void aStoreThatRoundsEveryTenderPricesItsTotalToTheCoin() {
    // a coffee 6.49: rounded to 0.05 half-up, 6.50 on any tender, +0.01 outside the tax
    status(
        client.post(
            "/api/v1/stores",
            all,
            store("demo", "EUR", Map.of("increment", "0.05", "scope", "EVERY_TENDER"))),
        201);
    JsonNode basket =
        status(
                client.post(
                    "/api/v1/stores/demo/baskets/price",
                    all,
                    Map.of("lines", List.of(Map.of("code", "COFFEE")))),
                200)
            .data();
    assertThat(basket.get("total").get("amount").asText()).isEqualTo("6.50");
    assertThat(basket.get("totalRounding").get("amount").asText()).isEqualTo("0.01");
    assertThat(basket.get("tax").get("amount").asText()).isEqualTo("0.42");
  }
}
