package io.vruksha.retail.server;

import static io.vruksha.retail.server.TestClient.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.server.TestClient.Response;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.store.StoreId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A manager of store {@code other} can touch nothing of store {@code demo}: every store-scoped
 * route of the table, called for {@code demo} with real ids of demo's records, answers 403 or 404
 * and shows none of demo's data. The route list comes from the table, so a new route is covered as
 * soon as it exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreIsolationTest {

  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

  private RetailServer server;
  private TestClient client;
  private String all;
  private String other;

  /** Real ids of demo's records, by path parameter name. */
  private final Map<String, String> demoIds = new LinkedHashMap<>();

  /** The code of demo's gift card. */
  private String giftCode;

  /** Strings that only demo's data contains. */
  private final List<String> secrets = new ArrayList<>();

  /** The server under test: demo mode here, PostgreSQL in the *IT subclass. */
  protected RetailServer startServer() {
    return RetailServer.start(DemoServerTest.config(), Map.of());
  }

  @BeforeAll
  void start() throws Exception {
    server = startServer();
    client = new TestClient(server);
    all = server.demoToken().orElseThrow();

    ok(
        client.post(
            "/api/v1/stores",
            all,
            Map.of("id", "other", "name", "Other", "currency", "EUR", "zone", "Europe/Berlin")),
        201);
    ok(
        client.post(
            "/api/v1/stores/other/staff",
            all,
            Map.of(
                "staffId",
                "olga",
                "name",
                "Olga Other",
                "role",
                "MANAGER",
                "password",
                "other-manager-1")),
        201);
    other = client.loginPassword("olga", "other-manager-1");

    // demo's records, made with the admin token
    String demo = "/api/v1/stores/demo";
    ok(
        client.post(
            demo + "/customers",
            all,
            Map.of(
                "customerId",
                "c-1",
                "name",
                "Ada Lovelace-Secret",
                "email",
                "ada.secret@example.com",
                "marketingConsent",
                true,
                "taxId",
                "DE123456789")),
        201);
    String shiftId =
        ok(
                client.post(
                    demo + "/shifts",
                    all,
                    Map.of("registerId", "till-secret", "openingFloat", money("100.00"))),
                201)
            .data()
            .get("id")
            .asText();
    JsonNode sale =
        ok(
                client.post(
                    demo + "/sales",
                    all,
                    Map.of(
                        "lines",
                        List.of(Map.of("code", "MUG", "quantity", "1")),
                        "customerId",
                        "c-1",
                        "shiftId",
                        shiftId,
                        "tenders",
                        List.of(Map.of("type", "CASH", "amount", money("10.00")))),
                    "iso-sale-1"),
                201)
            .data();
    String invoice =
        ok(
                client.post(
                    demo + "/invoices",
                    all,
                    Map.of(
                        "customerId",
                        "c-1",
                        "lines",
                        List.of(Map.of("code", "TEE-L", "quantity", "1")),
                        "paymentTermsDays",
                        14)),
                201)
            .data()
            .get("number")
            .asText();
    // a purchase order: the low-stock reaction drafts one when MUG falls under 10
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
            demo + "/stock/adjustments",
            all,
            Map.of("sku", "MUG", "quantity", "-45", "reason", "breakage")),
        201);
    long deadline = System.nanoTime() + 15_000_000_000L;
    JsonNode orders = client.get(demo + "/purchase-orders", all).data();
    while (orders.isEmpty()) {
      if (System.nanoTime() > deadline) {
        fail("the low-stock reaction drafted no purchase order");
      }
      Thread.sleep(50);
      orders = client.get(demo + "/purchase-orders", all).data();
    }
    String orderId = orders.get(0).get("id").asText();
    String cartId = ok(client.post(demo + "/carts", all, null), 201).data().get("id").asText();
    ok(client.post(demo + "/carts/" + cartId + "/lines", all, Map.of("code", "TEE-M")), 201);

    // an order, a curbside slot and booking, and a serial sold under warranty
    ok(
        client.post(
            demo + "/orders",
            all,
            Map.of(
                "orderId",
                "web-secret-1",
                "channel",
                "WEB",
                "contact",
                "ada.secret@example.com",
                "lines",
                List.of(Map.of("sku", "TEE-L", "quantity", "1")))),
        201);
    ok(
        client.post(
            demo + "/curbside/slots",
            all,
            Map.of(
                "slotId",
                "slot-secret",
                "start",
                "2030-01-02T16:00:00Z",
                "end",
                "2030-01-02T16:30:00Z",
                "capacity",
                3)),
        201);
    ok(
        client.post(
            demo + "/curbside/bookings",
            all,
            Map.of("bookingId", "booking-secret", "slotId", "slot-secret", "customerName", "Ada")),
        201);
    ok(client.post("/api/v1/warranty-policies", all, Map.of("sku", "COFFEE", "months", 12)), 200);
    ok(
        client.post(
            demo + "/sales",
            all,
            Map.of(
                "lines",
                List.of(Map.of("code", "COFFEE", "quantity", "1")),
                "tenders",
                List.of(Map.of("type", "CASH", "amount", money("10.00"))),
                "serials",
                Map.of("COFFEE", List.of("SN-SECRET-1"))),
            "iso-serial-sale"),
        201);
    // a mug returned onto a gift card
    JsonNode giftSale =
        ok(
                client.post(
                    demo + "/sales",
                    all,
                    Map.of(
                        "lines",
                        List.of(Map.of("code", "MUG", "quantity", "1")),
                        "tenders",
                        List.of(Map.of("type", "CASH", "amount", money("4.99")))),
                    "iso-gift-sale"),
                201)
            .data();
    String giftReturn =
        ok(
                client.post(
                    demo + "/returns",
                    all,
                    Map.of(
                        "saleId",
                        giftSale.get("id").asText(),
                        "lines",
                        List.of(Map.of("line", 0, "quantity", "1", "restock", true)),
                        "refundTo",
                        "GIFT_CARD"),
                    "iso-gift-return"),
                201)
            .data()
            .get("id")
            .asText();
    JsonNode giftCard =
        ok(client.get(demo + "/issued-gift-cards/" + giftReturn, all), 200).data().get(0);
    demoIds.put("issuedBy", giftReturn);
    demoIds.put("cardId", giftCard.get("id").asText());
    giftCode = giftCard.get("code").asText();
    secrets.add(giftCard.get("id").asText());
    secrets.add(giftCode);
    secrets.add(giftCode.replace(" ", ""));
    String checkoutId =
        ok(
                client.post(
                    demo + "/payments/checkouts",
                    all,
                    Map.of(
                        "lines",
                        List.of(Map.of("code", "MUG", "quantity", "1")),
                        "tenders",
                        List.of(Map.of("type", "BNPL", "amount", money("4.99")))),
                    "iso-bnpl"),
                201)
            .data()
            .get("id")
            .asText();
    demoIds.put("checkoutId", checkoutId);
    demoIds.put("provider", "sim-bnpl");
    secrets.add(checkoutId);
    demoIds.put("orderNumber", "web-secret-1");
    demoIds.put("slotId", "slot-secret");
    demoIds.put("bookingId", "booking-secret");
    demoIds.put("serial", "SN-SECRET-1");
    demoIds.put("staffId", "anna");
    // till T01 of demo has sent its first document: its chain's hash is demo's
    JsonNode tillReceipt =
        ok(
                client.post(
                    demo + "/tills/T01/documents",
                    all,
                    BodySeeds.SEEDS.get("POST /api/v1/stores/{storeId}/tills/{tillId}/documents")),
                200)
            .data();
    assertThat(tillReceipt.get("acceptedUpTo").asLong()).isEqualTo(1);
    demoIds.put("tillId", "T01");
    secrets.add(
        ok(client.get(demo + "/tills/T01/position", all), 200).data().get("lastHash").asText());
    secrets.add("web-secret-1");
    secrets.add("slot-secret");
    secrets.add("booking-secret");
    secrets.add("SN-SECRET-1");

    demoIds.put("storeId", "demo");
    demoIds.put("cartId", cartId);
    demoIds.put("index", "0");
    demoIds.put("saleId", sale.get("id").asText());
    demoIds.put("shiftId", shiftId);
    demoIds.put("number", invoice);
    demoIds.put("orderId", orderId);
    demoIds.put("customerId", "c-1");
    demoIds.put("sku", "MUG");

    secrets.add(sale.get("id").asText());
    // (not the sale's number: every store numbers its receipts S001-YYYY-000001 on)
    secrets.add(sale.get("journalHash").asText());
    secrets.add(shiftId);
    secrets.add(invoice);
    secrets.add(orderId);
    secrets.add(cartId);
    secrets.add("Ada Lovelace-Secret");
    secrets.add("ada.secret@example.com");
    secrets.add("till-secret");
    secrets.add("Demo Admin");
    secrets.add("Anna Cashier");
    secrets.add("DE19");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static Response ok(Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    return r;
  }

  /** A plausible body for each store-scoped POST, naming demo's records where one is named. */
  private Object bodyFor(ApiRoute route) {
    String p = route.path();
    Map<String, Object> cash = Map.of("type", "CASH", "amount", money("50.00"));
    Map<String, Object> mug = Map.of("code", "MUG", "quantity", "1");
    Object body =
        switch (p.substring("/api/v1/stores/{storeId}".length())) {
          case "/staff" ->
              Map.of("staffId", "anna", "name", "Anna Taken", "role", "CASHIER", "pin", "0000");
          case "/baskets/price" -> Map.of("lines", List.of(mug), "customerId", "c-1");
          case "/sales" ->
              Map.of(
                  "lines",
                  List.of(mug),
                  "shiftId",
                  demoIds.get("shiftId"),
                  "tenders",
                  List.of(cash));
          case "/returns" ->
              Map.of(
                  "saleId",
                  demoIds.get("saleId"),
                  "shiftId",
                  demoIds.get("shiftId"),
                  "lines",
                  List.of(Map.of("line", 0, "quantity", "1", "restock", true)));
          case "/shifts" -> Map.of("registerId", "till-secret", "openingFloat", money("1.00"));
          case "/shifts/{shiftId}/cash-movements" ->
              Map.of("amount", money("-100.00"), "reason", "taken");
          case "/shifts/{shiftId}/close" -> Map.of("counted", Map.of("CASH", money("0.00")));
          case "/stock/receipts" -> Map.of("sku", "MUG", "quantity", "1000", "reason", "fake");
          case "/stock/adjustments" -> Map.of("sku", "MUG", "quantity", "-5", "reason", "gone");
          case "/stock/transfers" ->
              Map.of(
                  "sku",
                  "MUG",
                  "quantity",
                  "1",
                  "from",
                  "floor",
                  "to",
                  "backroom",
                  "reference",
                  "T-9");
          case "/stock/counts" -> Map.of("counted", Map.of("MUG", "0"), "reference", "C-9");
          case "/stock/reservations" ->
              Map.of(
                  "reservationId",
                  "r-9",
                  "sku",
                  "MUG",
                  "quantity",
                  "5",
                  "expiresAt",
                  "2030-01-01T00:00:00Z");
          case "/customers" ->
              Map.of("customerId", "c-1", "name", "Overwritten", "marketingConsent", false);
          case "/invoices" ->
              Map.of("customerId", "c-1", "lines", List.of(mug), "paymentTermsDays", 1);
          case "/invoices/{number}/payments" ->
              Map.of("amount", money("1.00"), "method", "CASH", "reference", "x");
          case "/purchase-orders/{orderId}/receipts" -> Map.of("received", Map.of("MUG", "40"));
          case "/curbside/bookings" ->
              Map.of(
                  "bookingId",
                  "iso-booking",
                  "slotId",
                  demoIds.get("slotId"),
                  "customerName",
                  "Intruder");
          case "/curbside/bookings/{bookingId}/slot" -> Map.of("slotId", demoIds.get("slotId"));
          case "/orders/{orderNumber}/pick" ->
              Map.of("lines", List.of(Map.of("sku", "TEE-L", "picked", "1")));
          case "/warranties/{serial}/claims" -> Map.of("description", "fake claim");
          case "/gift-cards/balance" -> Map.of("code", giftCode);
          case "/gift-cards/reload" -> Map.of("code", giftCode, "amount", money("5.00"));
          case "/gift-cards/unlock" -> Map.of("source", "staff:anna");
          // well-formed bodies, so that the answer is about the record, not the body
          case "/carts/{cartId}/lines" -> mug;
          case "/carts/{cartId}/lines/{index}" -> Map.of("quantity", "2");
          case "/carts/{cartId}/customer" -> Map.of("customerId", "c-1");
          case "/carts/{cartId}/coupons" -> Map.of("code", "WELCOME");
          case "/carts/{cartId}/checkout" -> Map.of("tenders", List.of(cash));
          default -> Map.of();
        };
    return body;
  }

  private String fill(String path, Map<String, String> ids) {
    Matcher m = PARAM.matcher(path);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = ids.get(m.group(1));
      if (value == null) {
        fail("no real demo id for path parameter {" + m.group(1) + "} of " + path);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private Response call(ApiRoute route, String path, String token, String key) {
    Object body = route.requestType().isPresent() ? bodyFor(route) : null;
    Map<String, String> headers =
        route.idempotencyKey() ? Map.of("Idempotency-Key", key) : Map.of();
    if (route.method() == HandlerType.POST && body == null) {
      body = Map.of();
    }
    return client.send(route.method().name(), path, token, body, headers);
  }

  private void leaksNothing(String what, Response r) {
    for (String secret : secrets) {
      assertThat(r.text()).as(what + " shows demo's " + secret + ": " + r).doesNotContain(secret);
    }
    if (r.body() != null) {
      assertThat(r.body().has("data")).as(what + ": " + r).isFalse();
    }
  }

  @Test
  void aTokenForAnotherStoreTouchesNothingOfDemo() {
    List<ApiRoute> storeRoutes =
        server.routes().stream().filter(r -> r.access() == ApiRoute.Access.STORE).toList();
    assertThat(storeRoutes).hasSizeGreaterThan(30);

    String before = snapshot();
    int tried = 0;
    for (ApiRoute route : storeRoutes) {
      String path = fill(route.path(), demoIds);
      assertThat(path).startsWith("/api/v1/stores/demo");
      String what = route.method() + " " + path;
      Response r = call(route, path, other, "iso-" + tried);
      tried++;
      assertThat(r.status()).as(what + " -> " + r).isIn(403, 404);
      leaksNothing(what, r);
    }
    assertThat(tried).isEqualTo(storeRoutes.size());
    assertThat(client.called())
        .as("every store-scoped route of the table was called")
        .containsAll(storeRoutes.stream().map(r -> r.method().name() + " " + r.path()).toList());
    assertThat(snapshot()).as("demo is as it was").isEqualTo(before);
  }

  @Test
  void aTokenForAnotherStoreFindsNoneOfDemosRecordsThroughItsOwnStore() {
    // the same routes for the token's own store, with demo's ids in the path and the bodies:
    // demo's sale, shift, invoice and order are not found there; customers are the chain's
    // (documented), so their routes are left out
    Map<String, String> ids = new LinkedHashMap<>(demoIds);
    ids.put("storeId", "other");
    String before = snapshot();
    int tried = 0;
    for (ApiRoute route : server.routes()) {
      if (route.access() != ApiRoute.Access.STORE || route.path().contains("/customers")) {
        continue;
      }
      String path = fill(route.path(), ids);
      String what = route.method() + " " + path;
      Response r = call(route, path, other, "own-" + tried);
      tried++;
      assertThat(r.status()).as(what + " -> " + r).isLessThan(500);
      boolean namesDemoRecord =
          PARAM.matcher(route.path().replace("{storeId}", "")).find()
              && !route.path().endsWith("/stock/{sku}")
              // a till id is the till's own name, as a SKU is: another store's till of that name
              // is answered as that store's (position 0, or its batch refused as not of it)
              && !route.path().contains("/tills/{tillId}");
      if (namesDemoRecord
          || route.path().endsWith("/returns") && route.method() == HandlerType.POST) {
        assertThat(r.status()).as(what + " -> " + r).isEqualTo(404);
      }
      // an id the caller sent may be echoed back ("no sale X in store other"); nothing else of
      // demo's may appear
      String sent = path + " " + bodyFor(route);
      for (String secret : secrets) {
        if (!sent.contains(secret) && !secret.equals("DE19")) {
          assertThat(r.text())
              .as(what + " shows demo's " + secret + ": " + r)
              .doesNotContain(secret);
        }
      }
    }
    assertThat(tried).isGreaterThan(25);
    assertThat(snapshot()).as("demo is as it was").isEqualTo(before);
    // the staff id of demo's cashier could not be taken over from the other store
    assertThat(client.get("/api/v1/stores/demo/staff", all).data().toString())
        .contains("Anna Cashier")
        .doesNotContain("Anna Taken");
  }

  /**
   * A store of its own that can sell (demo's tax rules, five T-shirts), and a token of a manager
   * there. Other stores have no tax rules over the API; an embedding program assigns them.
   */
  private String sellingStore(String id) {
    ok(
        client.post(
            "/api/v1/stores",
            all,
            Map.of("id", id, "name", id, "currency", "EUR", "zone", "Europe/Berlin")),
        201);
    RetailEngine engine = server.engine();
    StoreId demo = StoreId.of("demo");
    StoreId store = StoreId.of(id);
    // as the application role, the program names the stores it works for: demo's rules, id's
    EngineHost.unitOfWork(engine)
        .within(
            Set.of(demo, store),
            () -> {
              engine
                  .taxRules()
                  .assign(
                      store,
                      engine
                          .taxRules()
                          .jurisdictionOf(demo)
                          .orElseThrow(() -> new AssertionError("demo has no tax rules")));
              return null;
            });
    ok(
        client.post(
            "/api/v1/stores/" + id + "/staff",
            all,
            Map.of(
                "staffId",
                id + "-manager",
                "name",
                "Manager",
                "role",
                "MANAGER",
                "password",
                "manager-of-" + id)),
        201);
    String token = client.loginPassword(id + "-manager", "manager-of-" + id);
    ok(
        client.post(
            "/api/v1/stores/" + id + "/stock/receipts",
            token,
            Map.of("sku", "TEE-M", "quantity", "5", "reason", "DN-" + id)),
        201);
    return token;
  }

  private static Map<String, Object> teeSale() {
    return Map.of(
        "lines",
        List.of(Map.of("code", "TEE-M", "quantity", "1")),
        "tenders",
        List.of(Map.of("type", "CASH", "amount", money("50.00"))));
  }

  @Test
  void aSaleInAnotherStoreCannotBeBookedIntoDemosShift() {
    String third = sellingStore("third");
    ok(client.post("/api/v1/stores/third/sales", third, teeSale(), "third-sale-1"), 201);

    Map<String, Object> intoDemosShift = new LinkedHashMap<>(teeSale());
    intoDemosShift.put("shiftId", demoIds.get("shiftId"));
    Response r = client.post("/api/v1/stores/third/sales", third, intoDemosShift, "third-sale-2");
    assertThat(r.status()).as(r.toString()).isIn(404, 409, 422);
  }

  @Test
  void anotherStoresSaleDoesNotReplaceDemosInvoice() {
    String demoNumber =
        client
            .get("/api/v1/stores/demo/sales/" + demoIds.get("saleId"), all)
            .data()
            .get("number")
            .asText();
    Response before = client.get("/api/v1/stores/demo/invoices/" + demoNumber, all);
    assertThat(before.status()).as(before.toString()).isEqualTo(200);

    String fourth = sellingStore("fourth");
    JsonNode sold =
        ok(client.post("/api/v1/stores/fourth/sales", fourth, teeSale(), "fourth-sale-1"), 201)
            .data();
    // each store numbers its own receipts
    assertThat(sold.get("number").asText()).isEqualTo(demoNumber);

    Response after = client.get("/api/v1/stores/demo/invoices/" + demoNumber, all);
    assertThat(after.status()).as(after.toString()).isEqualTo(200);
    assertThat(after.data().get("saleId").asText()).isEqualTo(demoIds.get("saleId"));
    assertThat(client.get("/api/v1/stores/demo/invoices", all).data().findValuesAsText("number"))
        .contains(demoNumber);
    Response theirs = client.get("/api/v1/stores/fourth/invoices/" + demoNumber, fourth);
    assertThat(theirs.status()).as(theirs.toString()).isEqualTo(200);
    assertThat(theirs.data().get("saleId").asText()).isEqualTo(sold.get("id").asText());
  }

  /** What an admin sees of demo: sales, stock, staff, invoices, orders, the shift, c-1. */
  private String snapshot() {
    String demo = "/api/v1/stores/demo";
    StringBuilder s = new StringBuilder();
    for (String path :
        List.of(
            demo + "/sales",
            demo + "/returns",
            demo + "/stock",
            demo + "/staff",
            demo + "/invoices",
            demo + "/purchase-orders",
            demo + "/shifts/" + demoIds.get("shiftId"),
            demo + "/customers/c-1",
            demo + "/customers/c-1/loyalty")) {
      Response r = client.get(path, all);
      assertThat(r.status()).as(path + " -> " + r).isEqualTo(200);
      s.append(path).append(' ').append(r.data()).append('\n');
    }
    return s.toString();
  }
}
