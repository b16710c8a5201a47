package io.vruksha.retail.server;

import static io.vruksha.retail.server.TestClient.money;
import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.server.TestClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hostile and broken input to checkout: every one is refused with a 4xx naming the problem, none
 * leaks the server's internals, and after all of them nothing has been sold and no stock has moved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {

  private static final String SALES = "/api/v1/stores/demo/sales";
  private static final List<String> INTERNALS = List.of("Exception", "at io.", "java.", "SQL");

  private RetailServer server;
  private TestClient client;
  private String anna;
  private final AtomicInteger keys = new AtomicInteger();
  private final List<Response> answers = new ArrayList<>();

  @BeforeAll
  void start() {
    server = RetailServer.start(DemoServerTest.config(), Map.of());
    client = new TestClient(server);
    anna = client.loginPin("anna", "4826");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** A good sale of {@code lines}, paid with 100.00 cash. */
  private static Map<String, Object> sale(List<?> lines) {
    return Map.of(
        "lines", lines, "tenders", List.of(Map.of("type", "CASH", "amount", money("100.00"))));
  }

  private static Map<String, Object> line(String code, Object quantity) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("code", code);
    line.put("quantity", quantity);
    return line;
  }

  /** POSTs a sale (a map, or raw text) with a fresh Idempotency-Key and checks the answer. */
  private Response post(Object body) {
    return checked(client.post(SALES, anna, body, "bad-input-" + keys.incrementAndGet()));
  }

  /** Remembers the answer and checks it leaks nothing of the server's insides. */
  private Response checked(Response r) {
    answers.add(r);
    for (String internal : INTERNALS) {
      assertThat(r.text()).as(r.toString()).doesNotContain(internal);
    }
    if (r.status() >= 400) {
      assertThat(r.body()).as("an error body: " + r.text()).isNotNull();
      assertThat(r.body().fieldNames())
          .toIterable()
          .as(r.toString())
          .containsExactlyInAnyOrder("error", "code", "details", "timestamp");
    }
    return r;
  }

  private static Response status(Response r, int status, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    if (code != null) {
      assertThat(r.code()).as(r.toString()).isEqualTo(code);
    }
    return r;
  }

  private static Response clientError(Response r) {
    assertThat(r.status()).as(r.toString()).isBetween(400, 499);
    return r;
  }

  @Test
  @Order(1)
  void malformedJsonIs400() {
    for (String text :
        List.of(
            "{",
            "{\"lines\": [",
            "not json",
            "{\"lines\": [{\"code\": \"MUG\"}],}",
            "{\"lines\": [{\"code\": \"MUG\"}]} {\"lines\": []}",
            "{'lines': []}",
            "[]",
            "\"a string\"",
            "null")) {
      Response r = post(text);
      assertThat(r.status()).as(text + " -> " + r).isEqualTo(400);
      assertThat(r.code()).as(text + " -> " + r).isEqualTo("request.malformed");
      assertThat(r.body().has("data")).isFalse();
    }
  }

  @Test
  @Order(2)
  void anEmptyBodyIs400() {
    status(post(""), 400, "request.malformed");
  }

  @Test
  @Order(3)
  void anUnknownFieldIs400NamingIt() {
    Map<String, Object> body = new LinkedHashMap<>(sale(List.of(line("MUG", "1"))));
    body.put("cashierId", "admin");
    Response r = status(post(body), 400, "request.malformed");
    assertThat(r.body().get("details").toString()).contains("cashierId");
    assertThat(r.body().get("error").asText()).contains("cashierId");

    Map<String, Object> nested = new LinkedHashMap<>(line("MUG", "1"));
    nested.put("discountPercent", "100");
    Response n = status(post(sale(List.of(nested))), 400, "request.malformed");
    assertThat(n.body().get("details").toString()).contains("discountPercent");
  }

  @Test
  @Order(4)
  void aWrongTypeIs400NamingTheField() {
    Response r = status(post(Map.of("lines", "MUG", "tenders", List.of())), 400, null);
    assertThat(r.body().get("details").toString()).contains("lines");
    clientError(post(sale(List.of(line("MUG", List.of(1))))));
    clientError(post(sale(List.of(line("MUG", Map.of("value", 1))))));
    clientError(post(sale(List.of(line("MUG", true)))));
    clientError(post(sale(List.of(line("MUG", "one")))));
  }

  @Test
  @Order(5)
  void badQuantitiesAre400() {
    for (Object q : List.of("-1", "0", "0.000", "1e9", "100000", "10001", "1.5", -3, 0, 1e9)) {
      Response r = post(sale(List.of(line("MUG", q))));
      assertThat(r.status()).as(q + " -> " + r).isEqualTo(400);
    }
    // a weighed item takes three decimals, not four
    Response gouda = post(sale(List.of(line("GOUDA", "0.1234"))));
    assertThat(gouda.status()).as(gouda.toString()).isEqualTo(400);
  }

  @Test
  @Order(6)
  void anAmountWithTooManyDecimalsIs400() {
    Map<String, Object> body =
        Map.of(
            "lines",
            List.of(line("MUG", "1")),
            "tenders",
            List.of(Map.of("type", "CASH", "amount", money("1.001"))));
    Response r = status(post(body), 400, null);
    assertThat(r.body().get("details").toString()).contains("tenders[0]");
  }

  @Test
  @Order(7)
  void anUnknownCurrencyIs400() {
    for (String currency : List.of("XYZ", "eur", "", "EURO", "€")) {
      Map<String, Object> body =
          Map.of(
              "lines",
              List.of(line("MUG", "1")),
              "tenders",
              List.of(
                  Map.of(
                      "type", "CASH", "amount", Map.of("amount", "10.00", "currency", currency))));
      Response r = post(body);
      assertThat(r.status()).as(currency + " -> " + r).isEqualTo(400);
    }
    // a currency that exists but is not the store's is no good either
    Map<String, Object> usd =
        Map.of(
            "lines",
            List.of(line("MUG", "1")),
            "tenders",
            List.of(
                Map.of("type", "CASH", "amount", Map.of("amount", "10.00", "currency", "USD"))));
    clientError(post(usd));
  }

  @Test
  @Order(8)
  void aJsonFloatAmountIsRefused() {
    // a separate server: if the float is accepted, the sale it makes must not disturb the
    // "nothing changed" check of this class
    try (RetailServer own = RetailServer.start(DemoServerTest.config(), Map.of())) {
      TestClient c = new TestClient(own);
      String text =
          "{\"lines\":[{\"code\":\"MUG\",\"quantity\":\"1\"}],"
              + "\"tenders\":[{\"type\":\"CASH\","
              + "\"amount\":{\"amount\":12.3,\"currency\":\"EUR\"}}]}";
      Response r = c.post(SALES, own.demoToken().orElseThrow(), text, "float-1");
      checked(r);
      assertThat(r.status()).as(r.toString()).isBetween(400, 499);
    }
  }

  @Test
  @Order(9)
  void anUnknownSkuIs422() {
    status(post(sale(List.of(line("NO-SUCH-SKU", "1")))), 422, "catalog.sku_unknown");
    status(post(sale(List.of(Map.of("code", "NO-SUCH-SKU")))), 422, "catalog.sku_unknown");
  }

  @Test
  @Order(10)
  void aMissingOrBadIdempotencyKeyIs400() {
    Map<String, Object> good = sale(List.of(line("MUG", "1")));
    status(checked(client.post(SALES, anna, good)), 400, "idempotency.key_required");
    for (String key : List.of("", " ", "has space", "x".repeat(129), "a\"b", "a,b", "key;1")) {
      Response r = checked(client.post(SALES, anna, good, key));
      assertThat(r.status()).as("key '" + key + "' -> " + r).isEqualTo(400);
      assertThat(r.code()).isEqualTo("idempotency.key_required");
    }
  }

  @Test
  @Order(11)
  void aBodyOverTheLimitIs413() {
    ServerConfig small =
        ServerConfig.from(Map.of("JWT_SECRET", DemoServerTest.SECRET, "MAX_BODY_BYTES", "2048"))
            .withPort(0);
    try (RetailServer own = RetailServer.start(small, Map.of())) {
      TestClient c = new TestClient(own);
      String token = own.demoToken().orElseThrow();
      List<Object> lines = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        lines.add(line("MUG", "1"));
      }
      Response big = checked(c.post(SALES, token, sale(lines), "big-1"));
      status(big, 413, "request.too_large");
      String padded = "{\"lines\":[{\"code\":\"" + "M".repeat(4000) + "\"}],\"tenders\":[]}";
      status(checked(c.post(SALES, token, padded, "big-2")), 413, "request.too_large");
      // just under the limit is read (and refused for what it says, not for its size)
      Response fits = checked(c.post(SALES, token, sale(List.of(line("MUG", "0"))), "fits-1"));
      assertThat(fits.status()).as(fits.toString()).isEqualTo(400);
      assertThat(c.get(SALES, token).data()).isEmpty();
    }
  }

  @Test
  @Order(12)
  void deepNestingIs400() {
    String deep = "[".repeat(1000) + "]".repeat(1000);
    status(post("{\"lines\":" + deep + ",\"tenders\":[]}"), 400, "request.malformed");
    String deepObjects = "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);
    status(post(deepObjects), 400, "request.malformed");
  }

  @Test
  @Order(13)
  void aHundredDigitNumberIs400() {
    String digits = "9".repeat(100);
    status(
        post("{\"lines\":[{\"code\":\"MUG\",\"quantity\":" + digits + "}],\"tenders\":[]}"),
        400,
        "request.malformed");
    status(
        post(
            "{\"lines\":[{\"code\":\"MUG\",\"quantity\":0."
                + "0".repeat(99)
                + "1}],\"tenders\":[]}"),
        400,
        "request.malformed");
    // as a string it passes the parser, and is refused as a quantity
    Response asText = post(sale(List.of(line("MUG", digits))));
    assertThat(asText.status()).as(asText.toString()).isEqualTo(400);
  }

  @Test
  @Order(14)
  void strangeCodesAre4xx() {
    for (String code :
        List.of(
            "'; DROP TABLE sales;--",
            "MUG' OR '1'='1",
            "\u202e\u0000",
            "\u0000",
            "MUG\u0000",
            "\uD83D\uDE00\uD83C\uDF7A",
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "M".repeat(65),
            "%00",
            "${jndi:ldap://x/y}")) {
      Response r = post(sale(List.of(line(code, "1"))));
      assertThat(r.status()).as(code + " -> " + r).isBetween(400, 499);
      Response scan = post(sale(List.of(Map.of("code", code))));
      assertThat(scan.status()).as(code + " -> " + scan).isBetween(400, 499);
      // as a coupon it is rejected (the engine drops unknown coupons and prices the rest):
      // priced only, so nothing is sold
      Response coupon =
          checked(
              client.post(
                  "/api/v1/stores/demo/baskets/price",
                  anna,
                  Map.of("lines", List.of(line("MUG", "1")), "coupons", List.of(code))));
      assertThat(coupon.status()).as("coupon " + code + " -> " + coupon).isBetween(200, 499);
      if (coupon.status() == 200) {
        assertThat(coupon.data().get("couponsUsed")).as(coupon.toString()).isEmpty();
        assertThat(coupon.data().get("total").get("amount").asText()).isEqualTo("4.99");
      }
    }
  }

  @Test
  @Order(15)
  void otherBrokenSalesAre4xx() {
    clientError(post(Map.of("lines", List.of(), "tenders", List.of())));
    clientError(post(Map.of("tenders", List.of(Map.of("type", "CASH", "amount", money("9.00"))))));
    clientError(post(Map.of("lines", List.of(line("MUG", "1")))));
    clientError(
        post(
            Map.of(
                "lines",
                List.of(line("MUG", "1")),
                "tenders",
                List.of(Map.of("type", "GOLD", "amount", money("9.00"))))));
    clientError(
        post(
            Map.of(
                "lines",
                List.of(line("MUG", "1")),
                "tenders",
                List.of(Map.of("type", "CASH", "amount", money("-100.00"))))));
    clientError(
        post(
            Map.of(
                "lines",
                List.of(line("MUG", "1")),
                "tenders",
                List.of(Map.of("type", "CASH", "amount", money("1.00"))))));
    clientError(
        post(
            Map.of(
                "lines",
                List.of(line("MUG", "1")),
                "shiftId",
                "no-such-shift",
                "tenders",
                List.of(Map.of("type", "CASH", "amount", money("10.00"))))));
    // more cakes than there are (5 on hand)
    clientError(post(sale(List.of(line("CAKE", "6")))));
    List<Object> nulls = new ArrayList<>();
    nulls.add(null);
    Map<String, Object> withNull = new LinkedHashMap<>();
    withNull.put("lines", nulls);
    withNull.put("tenders", nulls);
    clientError(post(withNull));
  }

  private static final List<String> UNKNOWN =
      List.of(
          "/api/v1/nope",
          "/api/v2/stores/demo/sales",
          "/api/v1/stores/demo/sales/x/y/z",
          "/api/v1/stores/demo/sale");

  @Test
  @Order(16)
  void anUnknownRouteIs404() {
    for (String path : UNKNOWN) {
      Response r = client.get(path, anna);
      answers.add(r);
      assertThat(r.status()).as(path + " -> " + r).isEqualTo(404);
      assertThat(r.body().has("data")).isFalse();
      for (String internal : INTERNALS) {
        assertThat(r.text()).as(r.toString()).doesNotContain(internal);
      }
    }
  }

  @Test
  @Order(16)
  void anUnknownRouteIs404WithTheApiErrorBody() {
    for (String path : UNKNOWN) {
      Response r = checked(client.get(path, anna));
      assertThat(r.status()).as(path + " -> " + r).isEqualTo(404);
      assertThat(r.code()).as(r.toString()).isEqualTo("route.not_found");
    }
    status(checked(client.get("/api/v1/nope", null)), 404, "route.not_found");
    Response method = checked(client.send("DELETE", SALES, anna, null, Map.of()));
    assertThat(method.status()).as(method.toString()).isIn(404, 405);
    assertThat(method.code()).as(method.toString()).startsWith("route.");
  }

  @Test
  @Order(17)
  void aHugeExponentIsRefusedQuickly() {
    Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          Response r = post(sale(List.of(line("MUG", "1e999999999"))));
          assertThat(r.status()).as(r.toString()).isEqualTo(400);
        });
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void afterAllOfItNothingChanged() {
    Response sales = checked(client.get(SALES, anna));
    assertThat(sales.status()).isEqualTo(200);
    assertThat(sales.data()).as(sales.toString()).isEmpty();
    Response mug = checked(client.get("/api/v1/stores/demo/stock/MUG", anna));
    assertThat(mug.data().get("level").get("onHand").asText()).isEqualTo("50");
    Response cake = checked(client.get("/api/v1/stores/demo/stock/CAKE", anna));
    assertThat(cake.data().get("level").get("onHand").asText()).isEqualTo("5");
    assertThat(answers).as("answers checked").hasSizeGreaterThan(50);
    for (Response r : answers) {
      assertThat(r.status()).as(r.toString()).isLessThan(500);
    }
  }
}
