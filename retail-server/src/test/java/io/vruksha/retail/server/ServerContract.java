package io.vruksha.retail.server;

import static io.vruksha.retail.server.TestClient.money;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vruksha.retail.notification.WebhookSignature;
import io.vruksha.retail.payment.simulated.SimulatedBnpl;
import io.vruksha.retail.server.TestClient.Response;
import io.vruksha.retail.server.http.ApiRoute;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A day in the demo store over real HTTP, through every route of the table: the happy path of each,
 * with the numbers checked. Each adapter family runs it by starting its own server.
 */
abstract class ServerContract {

  protected RetailServer server;
  protected TestClient client;

  /** A server holding the demo store and its staff (admin, max, anna). */
  protected abstract RetailServer startServer();

  @BeforeEach
  void start() {
    server = startServer();
    client = new TestClient(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Response ok(Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    return r;
  }

  static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  static String ean13(String twelve) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return twelve + (10 - sum % 10) % 10;
  }

  static BigDecimal amount(JsonNode money) {
    return new BigDecimal(money.get("amount").asText());
  }

  @Test
  void everyRouteAnswersItsHappyPath() throws Exception {
    String all = server.demoToken().orElseThrow();
    String demo = "/api/v1/stores/demo";

    // system
    assertThat(ok(client.get("/health", null), 200).body().get("status").asText()).isEqualTo("ok");
    assertThat(ok(client.get("/ready", null), 200).body().get("status").asText())
        .isEqualTo("ready");
    assertThat(ok(client.get("/openapi.json", null), 200).body().get("openapi").asText())
        .isEqualTo("3.0.3");
    assertThat(ok(client.get("/docs", null), 200).text())
        .contains("/api/v1/stores/{storeId}/sales");

    // logins
    String anna = client.loginPin("anna", "4826");
    String max = client.loginPassword("max", "demo-manager-1");

    // stores and staff
    assertThat(ok(client.get("/api/v1/stores", anna), 200).data().findValuesAsText("id"))
        .containsExactly("demo");
    ok(
        client.post(
            "/api/v1/stores",
            all,
            Map.of("id", "second", "name", "Second", "currency", "EUR", "zone", "Europe/Berlin")),
        201);
    assertThat(ok(client.get(demo, anna), 200).data().get("zone").asText())
        .isEqualTo("Europe/Berlin");
    ok(
        client.post(
            demo + "/staff",
            max,
            Map.of("staffId", "cara", "name", "Cara", "role", "CASHIER", "pin", "5827")),
        201);
    assertThat(ok(client.get(demo + "/staff", max), 200).data().findValuesAsText("staffId"))
        .contains("anna", "cara", "max");
    // a manager locks a member of staff out and lets them back in
    assertThat(ok(client.post(demo + "/staff/cara/lock", max, null), 200).data().get("staffId"))
        .hasToString("\"cara\"");
    assertThat(
            client
                .post("/api/v1/auth/login", null, Map.of("staffId", "cara", "pin", "5827"))
                .status())
        .isEqualTo(401);
    ok(client.post(demo + "/staff/cara/unlock", max, null), 200);
    String cara = client.loginPin("cara", "5827");

    // catalogue, prices, promotions, tax
    assertThat(ok(client.get("/api/v1/products", anna), 200).data().findValuesAsText("sku"))
        .contains("MUG", "TEE-M");
    assertThat(ok(client.get("/api/v1/products/MUG", anna), 200).data().get("name").asText())
        .isEqualTo("Stoneware mug");
    assertThat(
            ok(client.get("/api/v1/barcodes/4006381333931", anna), 200).data().get("sku").asText())
        .isEqualTo("TEE-M");
    String socksBarcode = ean13("400638133401");
    ok(
        client.post(
            "/api/v1/products",
            all,
            Map.of(
                "id",
                "socks",
                "name",
                "Socks",
                "category",
                "apparel",
                "taxCategory",
                "standard",
                "variants",
                List.of(
                    Map.of(
                        "sku",
                        "SOCKS",
                        "name",
                        "Socks",
                        "unit",
                        "EACH",
                        "barcodes",
                        List.of(socksBarcode),
                        "cost",
                        Map.of("amount", "2.7812", "currency", "EUR"))))),
        201);
    // a cost finer than the cent comes back exactly, a decimal string with its currency
    JsonNode socksCost = ok(client.get("/api/v1/products/SOCKS", anna), 200).data().get("cost");
    assertThat(socksCost.get("amount").asText()).isEqualTo("2.7812");
    assertThat(socksCost.get("currency").asText()).isEqualTo("EUR");
    assertThat(ok(client.get("/api/v1/price-lists", anna), 200).data().findValuesAsText("id"))
        .contains("retail");
    ok(
        client.post(
            "/api/v1/price-lists/retail/prices",
            all,
            Map.of("sku", "SOCKS", "price", money("3.50"))),
        201);
    ok(
        client.post(
            demo + "/stock/receipts",
            max,
            Map.of("sku", "SOCKS", "quantity", "10", "reason", "DN-0")),
        201);
    ok(client.get(demo + "/promotions", anna), 200);
    assertThat(ok(client.get(demo + "/tax-rules", anna), 200).data().toString()).contains("DE19");
    // what a till pulls to sell offline, and "not modified" while it holds the current version
    Response tillData = ok(client.get(demo + "/till-data", anna), 200);
    assertThat(tillData.body().get("taxRules").toString()).contains("DE19");
    assertThat(
            client
                .send(
                    "GET",
                    demo + "/till-data",
                    anna,
                    null,
                    Map.of("If-None-Match", tillData.header("ETag")))
                .status())
        .isEqualTo(304);

    // a basket priced, then sold in a shift to a loyalty customer
    ok(
        client.post(
            demo + "/customers",
            anna,
            Map.of("customerId", "c-1", "name", "Ada", "marketingConsent", true)),
        201);
    assertThat(ok(client.get(demo + "/customers/c-1", anna), 200).data().get("name").asText())
        .isEqualTo("Ada");
    Map<String, Object> basket =
        Map.of(
            "lines",
            List.of(Map.of("code", "MUG", "quantity", "3"), Map.of("code", socksBarcode)),
            "customerId",
            "c-1");
    Response priced = ok(client.post(demo + "/baskets/price", anna, basket), 200);
    BigDecimal total = amount(priced.data().get("total"));
    assertThat(total).isEqualByComparingTo("13.50"); // 3 mugs for 10.00, socks 3.50

    JsonNode shift =
        ok(
                client.post(
                    demo + "/shifts",
                    anna,
                    Map.of("registerId", "till-1", "openingFloat", money("100.00"))),
                201)
            .data();
    String shiftId = shift.get("id").asText();
    assertThat(
            ok(client.get(demo + "/shifts?register=till-1&status=OPEN", anna), 200)
                .data()
                .findValuesAsText("id"))
        .containsExactly(shiftId);
    Map<String, Object> sale =
        Map.of(
            "lines",
            basket.get("lines"),
            "customerId",
            "c-1",
            "shiftId",
            shiftId,
            "tenders",
            List.of(Map.of("type", "CASH", "amount", money("20.00"))));
    JsonNode sold = ok(client.post(demo + "/sales", anna, sale, "till-1:0001"), 201).data();
    assertThat(amount(sold.get("basket").get("total"))).isEqualByComparingTo(total);
    assertThat(amount(sold.get("change"))).isEqualByComparingTo("6.50");
    assertThat(sold.get("number").asText())
        .isEqualTo("S001-" + LocalDate.now(ZoneId.of("Europe/Berlin")).getYear() + "-000001");
    String saleId = sold.get("id").asText();
    assertThat(ok(client.get(demo + "/sales", anna), 200).data().findValuesAsText("id"))
        .containsExactly(saleId);
    assertThat(ok(client.get(demo + "/sales/" + saleId, anna), 200).data().get("number").asText())
        .isEqualTo(sold.get("number").asText());

    // the register: X report, cash out, a return, the counted close
    JsonNode x = ok(client.get(demo + "/shifts/" + shiftId + "/x-report", anna), 200).data();
    assertThat(x.get("salesCount").asInt()).isEqualTo(1);
    ok(
        client.post(
            demo + "/shifts/" + shiftId + "/cash-movements",
            max,
            Map.of("amount", money("-20.00"), "reason", "to the bank")),
        201);
    JsonNode returned =
        ok(
                client.post(
                    demo + "/returns",
                    max,
                    Map.of(
                        "saleId",
                        saleId,
                        "shiftId",
                        shiftId,
                        "lines",
                        List.of(Map.of("line", 0, "quantity", "1", "restock", true))),
                    "till-1:r-0001"),
                201)
            .data();
    assertThat(amount(returned.get("refund"))).isEqualByComparingTo("3.33"); // 10.00 / 3
    assertThat(ok(client.get(demo + "/returns", anna), 200).data()).hasSize(1);
    assertThat(
            ok(client.get(demo + "/shifts/" + shiftId, anna), 200)
                .data()
                .get("registerId")
                .asText())
        .isEqualTo("till-1");
    BigDecimal expectedCash =
        amount(
            ok(client.get(demo + "/shifts/" + shiftId + "/x-report", anna), 200)
                .data()
                .get("expectedCash"));
    // 100.00 float + 13.50 sale - 20.00 to the bank - 3.33 refund
    assertThat(expectedCash).isEqualByComparingTo("90.17");
    JsonNode z =
        ok(
                client.post(
                    demo + "/shifts/" + shiftId + "/close",
                    anna,
                    Map.of("counted", Map.of("CASH", money("90.17")))),
                200)
            .data();
    assertThat(z.get("number").asText()).startsWith("Z001-");
    assertThat(amount(z.get("overShort"))).isEqualByComparingTo("0.00");

    // stock: 50 mugs - 3 sold + 1 back = 48; then received, adjusted, moved, counted, reserved
    assertThat(ok(client.get(demo + "/stock", anna), 200).data().findValuesAsText("sku"))
        .contains("MUG");
    assertThat(
            new BigDecimal(
                ok(client.get(demo + "/stock/MUG", anna), 200)
                    .data()
                    .get("level")
                    .get("onHand")
                    .asText()))
        .isEqualByComparingTo("48");
    ok(
        client.post(
            demo + "/stock/receipts",
            max,
            Map.of("sku", "MUG", "quantity", "10", "reason", "DN-1")),
        201);
    ok(
        client.post(
            demo + "/stock/adjustments",
            max,
            Map.of("sku", "MUG", "quantity", "-1", "reason", "broken")),
        201);
    ok(
        client.post(
            demo + "/stock/transfers",
            max,
            Map.of(
                "sku",
                "MUG",
                "quantity",
                "2",
                "from",
                "floor",
                "to",
                "backroom",
                "reference",
                "T-1")),
        201);
    JsonNode variance =
        ok(
                client.post(
                    demo + "/stock/counts",
                    max,
                    Map.of("counted", Map.of("TEE-L", "19"), "reference", "C-1")),
                201)
            .data();
    assertThat(new BigDecimal(variance.get("TEE-L").asText())).isEqualByComparingTo("-1");
    JsonNode reserved =
        ok(
                client.post(
                    demo + "/stock/reservations",
                    anna,
                    Map.of(
                        "reservationId",
                        "web-1",
                        "sku",
                        "TEE-M",
                        "quantity",
                        "2",
                        "expiresAt",
                        "2030-01-01T00:00:00Z")),
                201)
            .data();
    assertThat(new BigDecimal(reserved.get("available").asText())).isEqualByComparingTo("18");
    // 48 + 10 - 1 - 2 = 55 on the floor
    assertThat(
            new BigDecimal(
                ok(client.get(demo + "/stock/MUG", anna), 200)
                    .data()
                    .get("level")
                    .get("onHand")
                    .asText()))
        .isEqualByComparingTo("55");

    // loyalty: the sale earned points for c-1
    JsonNode account = ok(client.get(demo + "/customers/c-1/loyalty", anna), 200).data();
    assertThat(account.get("entries").findValuesAsText("kind")).contains("ENROL", "EARN");

    // B2B invoice, then paid twice with one key: one payment
    ok(
        client.post(
            demo + "/customers",
            anna,
            Map.of(
                "customerId",
                "acme",
                "name",
                "ACME GmbH",
                "marketingConsent",
                false,
                "taxId",
                "DE123456789")),
        201);
    JsonNode invoice =
        ok(
                client.post(
                    demo + "/invoices",
                    max,
                    Map.of(
                        "customerId",
                        "acme",
                        "lines",
                        List.of(Map.of("code", "TEE-L", "quantity", "2")),
                        "paymentTermsDays",
                        14)),
                201)
            .data();
    String number = invoice.get("number").asText();
    assertThat(ok(client.get(demo + "/invoices", max), 200).data().findValuesAsText("number"))
        .contains(number, sold.get("number").asText());
    Map<String, Object> payment =
        Map.of("amount", invoice.get("total"), "method", "BANK_TRANSFER", "reference", "stmt-7");
    ok(client.post(demo + "/invoices/" + number + "/payments", max, payment, "pay-1"), 201);
    JsonNode paid =
        ok(client.post(demo + "/invoices/" + number + "/payments", max, payment, "pay-1"), 201)
            .data();
    assertThat(paid.get("payments")).hasSize(1);
    assertThat(ok(client.get(demo + "/invoices/" + number, max), 200).data().get("status").asText())
        .isEqualTo("PAID");

    // purchasing: selling the mugs down to 9 drafts an order by the low-stock reaction
    ok(
        client.post(
            "/api/v1/suppliers",
            all,
            Map.of(
                "id",
                "kiln",
                "name",
                "Kiln & Co",
                "items",
                Map.of("MUG", Map.of("cost", money("1.70"), "leadTimeDays", 5)))),
        201);
    ok(
        client.post(
            demo + "/sales",
            cara,
            Map.of(
                "lines",
                List.of(Map.of("code", "MUG", "quantity", "46")),
                "tenders",
                List.of(Map.of("type", "CASH", "amount", money("200.00")))),
            "till-2:0001"),
        201);
    await(
        () -> client.get(demo + "/purchase-orders", max).data().size() > 0,
        "the low-stock reaction drafts an order");
    String orderId = client.get(demo + "/purchase-orders", max).data().get(0).get("id").asText();
    assertThat(
            ok(client.get(demo + "/purchase-orders/" + orderId, max), 200)
                .data()
                .get("status")
                .asText())
        .isEqualTo("DRAFTED");
    ok(client.post(demo + "/purchase-orders/" + orderId + "/approve", max, null), 200);
    ok(client.post(demo + "/purchase-orders/" + orderId + "/send", max, null), 200);
    JsonNode received =
        ok(
                client.post(
                    demo + "/purchase-orders/" + orderId + "/receipts",
                    max,
                    Map.of("received", Map.of("MUG", "40"))),
                201)
            .data();
    assertThat(received.get("status").asText()).isEqualTo("RECEIVED");

    // reports: two sales today (the analytics reaction), tax per rate, best sellers
    String today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
    await(
        () ->
            client
                    .get(demo + "/reports/daily-sales?from=" + today + "&to=" + today, max)
                    .data()
                    .get("total")
                    .get("sales")
                    .asInt()
                == 2,
        "the analytics reaction counts both sales");
    JsonNode daily =
        ok(client.get(demo + "/reports/daily-sales?from=" + today + "&to=" + today, max), 200)
            .data();
    assertThat(daily.get("total").get("returns").asInt()).isEqualTo(1);
    JsonNode products =
        ok(
                client.get(
                    demo + "/reports/product-performance?from=" + today + "&to=" + today, max),
                200)
            .data();
    assertThat(products.get("products").get(0).get("sku").asText()).isEqualTo("MUG");
    JsonNode tax =
        ok(client.get(demo + "/reports/tax-summary?from=" + today + "&to=" + today, max), 200)
            .data();
    assertThat(tax.get("rates").findValuesAsText("rateCode")).contains("DE19");

    // the fiscal journal, verified as stored: the sales' invoices and the credit note, chained
    JsonNode journal = ok(client.get(demo + "/journal/verification", max), 200).data();
    assertThat(journal.get("verified").asBoolean()).isTrue();
    assertThat(journal.get("problems")).isEmpty();
    assertThat(journal.get("entries").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(journal.get("lastHash").asText()).hasSize(64);
    assertThat(client.get(demo + "/journal/verification", anna).status()).isEqualTo(403);

    // promotions and tax rules, set by an admin for every store: 2 pairs of socks for 6.00
    Map<String, Object> socksBasket =
        Map.of("lines", List.of(Map.of("code", "SOCKS", "quantity", "2")));
    assertThat(
            amount(
                ok(client.post(demo + "/baskets/price", anna, socksBasket), 200)
                    .data()
                    .get("total")))
        .isEqualByComparingTo("7.00");
    ok(
        client.post(
            "/api/v1/promotions",
            all,
            Map.of(
                "id",
                "SOCKS2",
                "label",
                "2 pairs for 6.00",
                "target",
                Map.of("skus", List.of("SOCKS")),
                "reward",
                Map.of("type", "BUNDLE", "quantity", 2, "price", money("6.00")))),
        201);
    JsonNode withPromo = ok(client.post(demo + "/baskets/price", anna, socksBasket), 200).data();
    assertThat(amount(withPromo.get("total"))).isEqualByComparingTo("6.00");
    assertThat(withPromo.get("promotions").toString()).contains("2 pairs for 6.00");
    ok(client.send("DELETE", "/api/v1/promotions/SOCKS2", all, null, Map.of()), 200);
    // half price, never below cost (the default): 50% of 2 x 3.50 would be 3.50; each pair may
    // lose at most 3.50 - 2.7812 = 0.7188, rounded down to 0.71, so 1.42 off and 5.58 to pay
    ok(
        client.post(
            "/api/v1/promotions",
            all,
            Map.of(
                "id",
                "SOCKS-HALF",
                "label",
                "Socks half price",
                "target",
                Map.of("skus", List.of("SOCKS")),
                "reward",
                Map.of("type", "PERCENT_OFF", "percent", "50"))),
        201);
    assertThat(
            amount(
                ok(client.post(demo + "/baskets/price", anna, socksBasket), 200)
                    .data()
                    .get("total")))
        .isEqualByComparingTo("5.58");
    ok(client.send("DELETE", "/api/v1/promotions/SOCKS-HALF", all, null, Map.of()), 200);
    assertThat(
            amount(
                ok(client.post(demo + "/baskets/price", anna, socksBasket), 200)
                    .data()
                    .get("total")))
        .isEqualByComparingTo("7.00");
    JsonNode jurisdiction =
        ok(
                client.send(
                    "PUT",
                    "/api/v1/stores/second/tax-rules",
                    all,
                    Map.of(
                        "code",
                        "DE",
                        "name",
                        "Germany",
                        "pricesIncludeTax",
                        true,
                        "rules",
                        List.of(
                            Map.of(
                                "category",
                                "standard",
                                "treatment",
                                "STANDARD",
                                "rates",
                                List.of(
                                    Map.of("code", "DE19", "name", "MwSt 19%", "rate", "0.19"))))),
                    Map.of()),
                200)
            .data();
    assertThat(jurisdiction.get("code").asText()).isEqualTo("DE");

    // a cart built at one till, parked, resumed and sold; another voided
    String cartId = ok(client.post(demo + "/carts", anna, null), 201).data().get("id").asText();
    String cart = demo + "/carts/" + cartId;
    ok(client.post(cart + "/lines", anna, Map.of("code", "MUG", "quantity", "2")), 201);
    assertThat(
            ok(client.post(cart + "/lines", anna, Map.of("code", "4006381333931")), 201)
                .data()
                .get("lines"))
        .hasSize(2);
    ok(client.send("PATCH", cart + "/lines/0", anna, Map.of("quantity", "3"), Map.of()), 200);
    assertThat(
            ok(client.send("DELETE", cart + "/lines/1", anna, null, Map.of()), 200)
                .data()
                .get("lines"))
        .hasSize(1);
    ok(client.post(cart + "/customer", anna, Map.of("customerId", "c-1")), 200);
    ok(client.post(cart + "/coupons", anna, Map.of("code", "WELCOME10")), 200);
    BigDecimal cartTotal =
        amount(ok(client.post(cart + "/price", anna, null), 200).data().get("total"));
    ok(client.post(cart + "/park", anna, null), 200);
    assertThat(ok(client.get(demo + "/carts", cara), 200).data().findValuesAsText("id"))
        .contains(cartId);
    assertThat(ok(client.get(cart, cara), 200).data().get("parked").asBoolean()).isTrue();
    ok(client.post(cart + "/resume", cara, null), 200);
    JsonNode cartSale =
        ok(
                client.post(
                    cart + "/checkout",
                    cara,
                    Map.of("tenders", List.of(Map.of("type", "CASH", "amount", money("50.00")))),
                    "till-3:0001"),
                201)
            .data();
    assertThat(amount(cartSale.get("basket").get("total"))).isEqualByComparingTo(cartTotal);
    String voided = ok(client.post(demo + "/carts", anna, null), 201).data().get("id").asText();
    ok(client.send("DELETE", demo + "/carts/" + voided, anna, null, Map.of()), 200);
    assertThat(client.get(demo + "/carts/" + voided, anna).status()).isEqualTo(404);

    // orders beyond the till: notifications set up, a web order reserved, picked short,
    // made ready, collected; a kiosk order cancelled; available to sell for web shops
    ok(
        client.post(
            demo + "/notifications/subscriptions",
            max,
            Map.of("kind", "LOW_STOCK", "channel", "EMAIL", "recipient", "manager@example.com")),
        201);
    assertThat(
            ok(client.get(demo + "/notifications/subscriptions", max), 200)
                .data()
                .findValuesAsText("recipient"))
        .containsExactly("manager@example.com");
    ok(
        client.post(
            demo + "/notifications/templates",
            max,
            Map.of(
                "kind",
                "ORDER_READY",
                "channel",
                "EMAIL",
                "subject",
                "Ready to collect: {orderId}",
                "body",
                "Hello, order {orderId} ({total}) waits for you at {store}.")),
        200);
    JsonNode buffer =
        ok(client.post(demo + "/safety-buffers", max, Map.of("sku", "TEE-L", "buffer", "2")), 200)
            .data();
    BigDecimal teeLBefore = new BigDecimal(buffer.get("availableToSell").asText());
    assertThat(teeLBefore)
        .isEqualByComparingTo(
            new BigDecimal(buffer.get("onHand").asText())
                .subtract(new BigDecimal(buffer.get("reserved").asText()))
                .subtract(new BigDecimal("2")));
    JsonNode webOrder =
        ok(
                client.post(
                    demo + "/orders",
                    anna,
                    Map.of(
                        "orderId",
                        "web-9001",
                        "channel",
                        "WEB",
                        "customerId",
                        "c-1",
                        "contact",
                        "ada@example.com",
                        "lines",
                        List.of(Map.of("sku", "TEE-L", "quantity", "2")),
                        "prepayment",
                        Map.of("amount", money("39.98"), "reference", "psp-9001"))),
                201)
            .data();
    assertThat(amount(webOrder.get("total"))).isEqualByComparingTo("39.98");
    assertThat(
            new BigDecimal(
                ok(client.get(demo + "/available-to-sell?sku=TEE-L", anna), 200)
                    .data()
                    .get(0)
                    .get("availableToSell")
                    .asText()))
        .isEqualByComparingTo(teeLBefore.subtract(new BigDecimal("2")));
    assertThat(
            ok(client.get(demo + "/orders?status=PLACED", anna), 200).data().findValuesAsText("id"))
        .containsExactly("web-9001");
    assertThat(ok(client.get(demo + "/orders/web-9001", anna), 200).data().get("status").asText())
        .isEqualTo("PLACED");
    ok(
        client.post(
            demo + "/orders/web-9001/pick",
            anna,
            Map.of("lines", List.of(Map.of("sku", "TEE-L", "picked", "1")))),
        200);
    ok(client.post(demo + "/orders/web-9001/ready", anna, null), 200);
    JsonNode collected =
        ok(client.post(demo + "/orders/web-9001/collect", anna, Map.of(), "collect-9001"), 200)
            .data();
    assertThat(collected.get("status").asText()).isEqualTo("COLLECTED");
    assertThat(amount(collected.get("refunded"))).isEqualByComparingTo("19.99");
    ok(
        client.post(
            demo + "/orders",
            anna,
            Map.of(
                "orderId",
                "kiosk-9",
                "channel",
                "KIOSK",
                "contact",
                "+49 30 555 0199",
                "lines",
                List.of(Map.of("sku", "MUG", "quantity", "1")))),
        201);
    assertThat(
            ok(client.post(demo + "/orders/kiosk-9/cancel", max, null), 200)
                .data()
                .get("status")
                .asText())
        .isEqualTo("CANCELLED");
    await(
        () ->
            client
                .get(demo + "/notifications", max)
                .data()
                .findValuesAsText("subject")
                .contains("Ready to collect: web-9001"),
        "the order-ready notification is in the outbox");

    // curbside: two slots, one place at four
    for (String[] slot :
        new String[][] {
          {"s-1600", "2030-01-02T16:00:00Z", "2030-01-02T16:30:00Z"},
          {"s-1630", "2030-01-02T16:30:00Z", "2030-01-02T17:00:00Z"}
        }) {
      ok(
          client.post(
              demo + "/curbside/slots",
              max,
              Map.of("slotId", slot[0], "start", slot[1], "end", slot[2], "capacity", 1)),
          201);
    }
    assertThat(
            ok(client.get(demo + "/curbside/slots?from=2030-01-02T00:00:00Z", anna), 200)
                .data()
                .findValuesAsText("id"))
        .containsExactly("s-1600", "s-1630");
    ok(
        client.post(
            demo + "/curbside/bookings",
            anna,
            Map.of(
                "bookingId",
                "b-1",
                "slotId",
                "s-1600",
                "customerName",
                "Ada",
                "orderId",
                "web-9001")),
        201);
    assertThat(
            client
                .post(
                    demo + "/curbside/bookings",
                    anna,
                    Map.of("bookingId", "b-2", "slotId", "s-1600", "customerName", "Bo"))
                .status())
        .isEqualTo(409);
    assertThat(
            ok(client.get(demo + "/curbside/slots/s-1600/bookings", anna), 200)
                .data()
                .findValuesAsText("id"))
        .containsExactly("b-1");
    ok(client.post(demo + "/curbside/bookings/b-1/slot", anna, Map.of("slotId", "s-1630")), 200);
    ok(
        client.post(
            demo + "/curbside/bookings",
            anna,
            Map.of("bookingId", "b-2", "slotId", "s-1600", "customerName", "Bo")),
        201);
    ok(client.post(demo + "/curbside/bookings/b-1/check-in", anna, Map.of("bay", "3")), 200);
    assertThat(
            ok(client.get(demo + "/curbside/bookings/b-1", anna), 200)
                .data()
                .get("status")
                .asText())
        .isEqualTo("CHECKED_IN");
    ok(client.post(demo + "/curbside/bookings/b-2/cancel", anna, null), 200);

    // warranties: T-shirts L become serialised; one sold with its serial, then claimed
    ok(client.post("/api/v1/warranty-policies", all, Map.of("sku", "TEE-L", "months", 24)), 200);
    JsonNode serialSale =
        ok(
                client.post(
                    demo + "/sales",
                    anna,
                    Map.of(
                        "lines",
                        List.of(Map.of("code", "TEE-L", "quantity", "1")),
                        "tenders",
                        List.of(Map.of("type", "CASH", "amount", money("20.00"))),
                        "serials",
                        Map.of("TEE-L", List.of("SN-TL-1"))),
                    "serial-sale-1"),
                201)
            .data();
    assertThat(
            ok(
                    client.get(
                        demo + "/warranties?receipt=" + serialSale.get("number").asText(), anna),
                    200)
                .data()
                .findValuesAsText("serial"))
        .containsExactly("SN-TL-1");
    ok(
        client.post(
            demo + "/warranties/SN-TL-1/claims", anna, Map.of("description", "seam came apart")),
        201);
    assertThat(
            ok(client.get(demo + "/warranties/SN-TL-1", anna), 200)
                .data()
                .get("claims")
                .findValuesAsText("description"))
        .containsExactly("seam came apart");

    // gift cards: a mug returned onto a new card (4.99), its code printed, enquired, reloaded by
    // 5.01 to 10.00, 4.99 of it spent on another mug, listed masked, its ledger read, the
    // liability reported, the expiry run (nothing due), a lock-out lifted, the card cancelled
    // (5.01 written off), and a SKU made to sell gift cards
    JsonNode giftSale =
        ok(
                client.post(
                    demo + "/sales",
                    anna,
                    Map.of(
                        "lines",
                        List.of(Map.of("code", "MUG", "quantity", "1")),
                        "tenders",
                        List.of(Map.of("type", "CASH", "amount", money("4.99")))),
                    "gift-sale-1"),
                201)
            .data();
    JsonNode giftReturn =
        ok(
                client.post(
                    demo + "/returns",
                    max,
                    Map.of(
                        "saleId",
                        giftSale.get("id").asText(),
                        "lines",
                        List.of(Map.of("line", 0, "quantity", "1", "restock", true)),
                        "refundTo",
                        "GIFT_CARD"),
                    "gift-return-1"),
                201)
            .data();
    assertThat(giftReturn.get("refundTo").asText()).isEqualTo("GIFT_CARD");
    JsonNode issued =
        ok(client.get(demo + "/issued-gift-cards/" + giftReturn.get("id").asText(), anna), 200)
            .data()
            .get(0);
    String giftCode = issued.get("code").asText();
    assertThat(amount(issued.get("balance"))).isEqualByComparingTo("4.99");
    assertThat(
            amount(
                ok(client.post(demo + "/gift-cards/balance", anna, Map.of("code", giftCode)), 200)
                    .data()
                    .get("balance")))
        .isEqualByComparingTo("4.99");
    assertThat(
            amount(
                ok(
                        client.post(
                            demo + "/gift-cards/reload",
                            anna,
                            Map.of("code", giftCode, "amount", money("5.01")),
                            "gift-reload-1"),
                        200)
                    .data()
                    .get("balance")))
        .isEqualByComparingTo("10.00");
    ok(
        client.post(
            demo + "/sales",
            anna,
            Map.of(
                "lines",
                List.of(Map.of("code", "MUG", "quantity", "1")),
                "tenders",
                List.of(
                    Map.of("type", "GIFT_CARD", "reference", giftCode, "amount", money("4.99")))),
            "gift-sale-2"),
        201);
    String cardId = issued.get("id").asText();
    assertThat(ok(client.get(demo + "/gift-cards", max), 200).data().findValuesAsText("id"))
        .containsExactly(cardId);
    assertThat(ok(client.get(demo + "/gift-cards/" + cardId, max), 200).data().get("ledger"))
        .hasSize(3);
    assertThat(ok(client.get(demo + "/reports/gift-cards", max), 200).data().get("days"))
        .hasSize(1);
    assertThat(ok(client.post(demo + "/gift-cards/expire", max, null), 200).data()).isEmpty();
    ok(client.post(demo + "/gift-cards/unlock", max, Map.of("source", "staff:anna")), 200);
    assertThat(
            ok(client.post(demo + "/gift-cards/" + cardId + "/cancel", max, null, "gift-cx-1"), 200)
                .data()
                .get("status")
                .asText())
        .isEqualTo("CANCELLED");
    ok(
        client.post("/api/v1/gift-card-products", all, Map.of("sku", "CAKE", "validityMonths", 36)),
        200);

    // payments through providers: part cash, part BNPL, completed on the provider's callback
    JsonNode pending =
        ok(
                client.post(
                    demo + "/payments/checkouts",
                    anna,
                    Map.of(
                        "lines",
                        List.of(Map.of("code", "MUG", "quantity", "2")),
                        "tenders",
                        List.of(
                            Map.of("type", "CASH", "amount", money("5.00")),
                            Map.of(
                                "type", "BNPL", "amount", money("4.98"), "instrument", "approve"))),
                    "bnpl-1"),
                201)
            .data();
    // 2 mugs at 4.99 = 9.98: 5.00 cash, 4.98 by BNPL, no receipt number until it is approved
    assertThat(pending.get("status").asText()).isEqualTo("PAYMENT_PENDING");
    assertThat(
            pending.get("receiptNumber").isNull() || pending.get("receiptNumber").isMissingNode())
        .isTrue();
    JsonNode bnplPayment = pending.get("payments").get(0);
    assertThat(bnplPayment.get("action").asText()).startsWith("https://bnpl.example/approve/");
    String checkout = pending.get("id").asText();
    JsonNode declined =
        ok(
                client.post(
                    demo + "/payments/checkouts",
                    anna,
                    Map.of(
                        "lines",
                        List.of(Map.of("code", "MUG", "quantity", "1")),
                        "tenders",
                        List.of(
                            Map.of(
                                "type", "BNPL", "amount", money("4.99"), "instrument", "decline"))),
                    "bnpl-2"),
                201)
            .data();
    assertThat(
            ok(client.get(demo + "/payments/checkouts/" + checkout, anna), 200)
                .data()
                .get("status")
                .asText())
        .isEqualTo("PAYMENT_PENDING");
    Thread.sleep(SimulatedBnpl.DECISION_DELAY.toMillis() + 100);
    String callback =
        "key="
            + bnplPayment.get("id").asText()
            + "&reference="
            + bnplPayment.get("reference").asText()
            + "&state=AUTHORIZED&action=&message=approved";
    assertThat(
            client
                .send(
                    "POST",
                    demo + "/payments/callbacks/sim-bnpl",
                    null,
                    callback,
                    Map.of(WebhookSignature.HEADER, "t=1,v1=forged"))
                .status())
        .isEqualTo(401);
    JsonNode answered =
        ok(
                client.send(
                    "POST",
                    demo + "/payments/callbacks/sim-bnpl",
                    null,
                    callback,
                    Map.of(
                        WebhookSignature.HEADER,
                        WebhookSignature.sign(
                            PendingPayments.DEMO_CALLBACK_SECRET, Instant.now(), callback))),
                200)
            .data();
    assertThat(answered.get("status").asText()).isEqualTo("COMPLETED");
    JsonNode completed = ok(client.get(demo + "/payments/checkouts/" + checkout, anna), 200).data();
    assertThat(completed.get("receiptNumber").asText()).startsWith("S001-");
    assertThat(completed.get("payments").get(0).get("state").asText()).isEqualTo("CAPTURED");
    assertThat(
            ok(
                    client.post(
                        demo + "/payments/checkouts/" + declined.get("id").asText() + "/poll",
                        anna,
                        null),
                    200)
                .data()
                .get("status")
                .asText())
        .isEqualTo("RELEASED");
    JsonNode walkAway =
        ok(
                client.post(
                    demo + "/payments/checkouts",
                    anna,
                    Map.of(
                        "lines",
                        List.of(Map.of("code", "MUG", "quantity", "1")),
                        "tenders",
                        List.of(Map.of("type", "CRYPTO", "amount", money("4.99")))),
                    "crypto-1"),
                201)
            .data();
    assertThat(
            ok(
                    client.post(
                        demo + "/payments/checkouts/" + walkAway.get("id").asText() + "/cancel",
                        anna,
                        null),
                    200)
                .data()
                .get("status")
                .asText())
        .isEqualTo("CANCELLED");
    assertThat(ok(client.get(demo + "/payments", max), 200).data().findValuesAsText("state"))
        .containsExactly("CAPTURED", "DECLINED", "VOIDED");

    // a till that sold offline sends its first sale: taken once, its position follows
    assertThat(
            ok(client.get(demo + "/tills/T01/position", max), 200)
                .data()
                .get("acceptedUpTo")
                .asLong())
        .isZero();
    String tillBatch =
        BodySeeds.SEEDS.get("POST /api/v1/stores/{storeId}/tills/{tillId}/documents");
    assertThat(
            ok(client.post(demo + "/tills/T01/documents", max, tillBatch), 200)
                .data()
                .get("received")
                .asInt())
        .isEqualTo(1);
    assertThat(
            ok(client.post(demo + "/tills/T01/documents", max, tillBatch), 200)
                .data()
                .get("duplicates")
                .asInt())
        .isEqualTo(1);
    assertThat(ok(client.get(demo + "/tills", max), 200).data().findValuesAsText("till"))
        .containsExactly("T01");

    // customers' personal data can be removed
    assertThat(
            ok(client.post(demo + "/customers/c-1/anonymise", max, null), 200)
                .data()
                .get("anonymised")
                .asBoolean())
        .isTrue();
    assertThat(ok(client.get("/metrics", null), 200).text()).contains("http_server_requests_total");

    TreeSet<String> missing = new TreeSet<>();
    for (ApiRoute r : server.routes()) {
      missing.add(r.method().name() + " " + r.path());
    }
    missing.removeAll(client.called());
    assertThat(missing).as("routes this walk did not call").isEmpty();

    // and an error on every route too (no token: 401; the public ones answer what they answer),
    // so the scrape holds two statuses a route: Prometheus text, small enough to scrape every few
    // seconds (with a percentile histogram per route and status it was 1.19 MB)
    for (ApiRoute r : server.routes()) {
      client.send(
          r.method().name(), r.path().replaceAll("\\{[A-Za-z]+}", "x"), null, null, Map.of());
    }
    Response scrape = ok(client.get("/metrics", null), 200);
    assertThat(scrape.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    int bytes = scrape.text().getBytes(StandardCharsets.UTF_8).length;
    System.out.printf(
        "/metrics after %d routes: %,d bytes, %,d lines%n",
        server.routes().size(), bytes, scrape.text().lines().count());
    assertThat(bytes).as("bytes a scrape").isLessThan(100 * 1024);
    // what operators need is there: requests by route and status, latency buckets by group with
    // the checkout's own, the JVM (and with PostgreSQL the pool: DatabaseModeIT)
    assertThat(scrape.text())
        .contains(
            "http_server_requests_total{method=\"POST\",route=\"/api/v1/stores/{storeId}/sales\",status=\"201\"}",
            "http_server_requests_total{method=\"POST\",route=\"/api/v1/stores/{storeId}/sales\",status=\"401\"}",
            "http_server_duration_seconds_bucket{group=\"checkout\",le=\"0.2\"}",
            "http_server_duration_seconds_bucket{group=\"customers\",le=\"0.05\"}",
            "http_server_errors_total{status=\"401\"}",
            "jvm_memory_used_bytes",
            "retail_outbox_pending");
  }
}
