package io.vruksha.retail.server;

import static io.vruksha.retail.server.TestClient.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.javalin.http.HandlerType;
import io.vruksha.retail.auth.Tokens;
import io.vruksha.retail.server.TestClient.Response;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.store.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * No object outside its store, on PostgreSQL as the application role. Store B ({@code demo}) gets
 * one object of every kind a route names, made through the API by B's admin; then every route the
 * server registers is called by every kind of token of store A ({@code alpha}: cashier, manager,
 * admin, and a minted admin token whose stores claim is only A) with B's ids: once with B in the
 * path, once with A in the path and B's ids in the path and the body. Only 403 and 404 are accepted
 * where a B object is named, and everything B's admin can read of B is the same before and after.
 *
 * <p>The sweep is generated from the route table. A path parameter it cannot fill fails {@link
 * #everyPathParameterIsKnown}: teach it in {@link #KINDS}, one line per kind of object.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationSweepIT {

  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");
  private static final String B = "demo";
  private static final String A = "alpha";
  private static final String B_PATH = "/api/v1/stores/" + B;

  /**
   * A kind of object a path parameter (or a body field of the same name) names.
   *
   * @param createdBy the route (method and path) that creates it from a body field of this name,
   *     where its id is chosen by the caller: that route may take B's id for a new object of A's
   * @param chainWide an object of the chain rather than of one store (documented in
   *     docs/security.md): any store's token may read it, only an all-stores admin may change it
   * @param inB how the object is made in store B (by B's admin, or the chain's admin for chain
   *     objects); answers its id
   */
  private record Kind(String createdBy, boolean chainWide, Supplier<String> inB) {}

  /** Path parameter name → the kind of object it names. The one table to teach a new route. */
  private final Map<String, Kind> KINDS = new LinkedHashMap<>();

  private RetailServer server;
  private TestClient client;
  private String chain;
  private String bAdmin;
  private final Map<String, String> tokensOfA = new LinkedHashMap<>();
  private final Map<String, String> bIds = new LinkedHashMap<>();
  private final List<String> bSecrets = new ArrayList<>();

  private static Response ok(Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    return r;
  }

  private void kinds() {
    KINDS.put("storeId", new Kind("POST /api/v1/stores", false, () -> B));
    KINDS.put(
        "customerId", new Kind("POST /api/v1/stores/{storeId}/customers", true, this::customer));
    KINDS.put("shiftId", new Kind("", false, this::shift));
    KINDS.put("saleId", new Kind("", false, this::sale));
    KINDS.put("number", new Kind("", false, this::invoice));
    KINDS.put(
        "orderId", new Kind("POST /api/v1/stores/{storeId}/orders", false, this::purchaseOrder));
    KINDS.put("cartId", new Kind("", false, this::cart));
    KINDS.put("index", new Kind("", false, () -> "0"));
    KINDS.put("sku", new Kind("POST /api/v1/products", true, () -> "MUG"));
    KINDS.put("barcode", new Kind("", true, () -> "4006381333931"));
    KINDS.put("orderNumber", new Kind("", false, this::order));
    KINDS.put(
        "slotId", new Kind("POST /api/v1/stores/{storeId}/curbside/slots", false, this::slot));
    KINDS.put(
        "bookingId",
        new Kind("POST /api/v1/stores/{storeId}/curbside/bookings", false, this::booking));
    KINDS.put("serial", new Kind("", false, this::serial));
    KINDS.put("issuedBy", new Kind("", false, this::giftCardReturn));
    KINDS.put("cardId", new Kind("", false, this::giftCard));
    KINDS.put("promotionId", new Kind("POST /api/v1/promotions", true, this::promotion));
    KINDS.put("priceListId", new Kind("", true, this::priceList));
    // B's cashier: A's managers may neither lock nor unlock them (the staff route makes members)
    KINDS.put("staffId", new Kind("POST /api/v1/stores/{storeId}/staff", false, () -> "anna"));
    KINDS.put(
        "reservationId",
        new Kind("POST /api/v1/stores/{storeId}/stock/reservations", false, this::reservation));
    KINDS.put("checkoutId", new Kind("", false, this::pendingCheckout));
    // a provider's name is the chain's configuration, not an object of B (its callback route
    // takes no token: the sweep of tokens passes it by)
    KINDS.put("provider", new Kind("", true, () -> "sim-bnpl"));
    // a till id is a name each store gives its own tills, as a SKU is the chain's: A's till T01 is
    // A's own, answered from A's copy of its chain (position 0 when it never sent anything)
    KINDS.put("tillId", new Kind("", true, () -> "T01"));
  }

  /** A checkout of B waiting for its BNPL payment. */
  private String pendingCheckout() {
    return ok(
            client.post(
                B_PATH + "/payments/checkouts",
                bAdmin,
                Map.of(
                    "lines",
                    List.of(Map.of("code", "MUG", "quantity", "1")),
                    "tenders",
                    // whatever B's mug costs: a cent by BNPL, the rest in cash (cash may overpay)
                    List.of(
                        Map.of("type", "BNPL", "amount", money("0.01")),
                        Map.of("type", "CASH", "amount", money("50.00")))),
                "sweep-b-bnpl"),
            201)
        .data()
        .get("id")
        .asText();
  }

  @BeforeAll
  void storeBWithOneObjectOfEveryKind() {
    server = PostgresServerIT.postgres(); // as a login role in vruksha_app
    client = new TestClient(server);
    chain = server.demoToken().orElseThrow();
    bAdmin = client.loginPassword("admin", RetailServer.DEMO_ADMIN_PASSWORD);

    // store A with a cashier, a manager and an admin; it sells under B's tax rules
    ok(
        client.post(
            "/api/v1/stores",
            chain,
            Map.of("id", A, "name", "Alpha", "currency", "EUR", "zone", "Europe/Berlin")),
        201);
    ok(
        client.send(
            "PUT",
            "/api/v1/stores/" + A + "/tax-rules",
            chain,
            BodySeeds.SEEDS.get("PUT /api/v1/stores/{storeId}/tax-rules"),
            Map.of()),
        200);
    for (Role role : List.of(Role.CASHIER, Role.MANAGER, Role.ADMIN)) {
      String id = A + "-" + role.name().toLowerCase();
      ok(
          client.post(
              "/api/v1/stores/" + A + "/staff",
              chain,
              Map.of(
                  "staffId",
                  id,
                  "name",
                  "Alpha " + role,
                  "role",
                  role.name(),
                  "password",
                  id + "-pass-1")),
          201);
      tokensOfA.put(role.name().toLowerCase(), client.loginPassword(id, id + "-pass-1"));
    }
    tokensOfA.put(
        "admin claim for A only",
        new Tokens(DemoServerTest.SECRET, Clock.systemUTC())
            .issueService("alpha-minted", Role.ADMIN, Set.of(A), Duration.ofHours(1)));

    kinds();
    for (Map.Entry<String, Kind> kind : KINDS.entrySet()) {
      bIds.put(kind.getKey(), kind.getValue().inB().get());
    }
    for (Map.Entry<String, String> id : bIds.entrySet()) {
      if (!KINDS.get(id.getKey()).chainWide()
          && !List.of("storeId", "index").contains(id.getKey())) {
        bSecrets.add(id.getValue());
      }
    }
    bSecrets.addAll(List.of("Bertha Secret", "bertha.secret@example.com", "till-of-b"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  // ---- one object of every kind in store B, as B's admin ----

  private String customer() {
    ok(
        client.post(
            B_PATH + "/customers",
            bAdmin,
            Map.of(
                "customerId",
                "cust-b",
                "name",
                "Bertha Secret",
                "email",
                "bertha.secret@example.com",
                "marketingConsent",
                true,
                "taxId",
                "DE987654321")),
        201);
    return "cust-b";
  }

  private String shift() {
    return ok(
            client.post(
                B_PATH + "/shifts",
                bAdmin,
                Map.of("registerId", "till-of-b", "openingFloat", money("100.00"))),
            201)
        .data()
        .get("id")
        .asText();
  }

  private String sale() {
    String saleId =
        ok(
                client.post(
                    B_PATH + "/sales",
                    bAdmin,
                    Map.of(
                        "lines", List.of(Map.of("code", "MUG", "quantity", "2")),
                        "customerId", bIds.get("customerId"),
                        "shiftId", bIds.get("shiftId"),
                        "tenders", List.of(Map.of("type", "CASH", "amount", money("50.00")))),
                    "sweep-b-sale"),
                201)
            .data()
            .get("id")
            .asText();
    // and a return of one of its mugs, so B has a return too
    ok(
        client.post(
            B_PATH + "/returns",
            bAdmin,
            Map.of(
                "saleId", saleId,
                "shiftId", bIds.get("shiftId"),
                "lines", List.of(Map.of("line", 0, "quantity", "1", "restock", true))),
            "sweep-b-return"),
        201);
    return saleId;
  }

  private String invoice() {
    return ok(
            client.post(
                B_PATH + "/invoices",
                bAdmin,
                Map.of(
                    "customerId", bIds.get("customerId"),
                    "lines", List.of(Map.of("code", "TEE-L", "quantity", "1")),
                    "paymentTermsDays", 14)),
            201)
        .data()
        .get("number")
        .asText();
  }

  private String purchaseOrder() {
    // the low-stock reaction drafts one when MUG falls under its reorder point
    ok(
        client.post(
            "/api/v1/suppliers",
            chain,
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
            B_PATH + "/stock/adjustments",
            bAdmin,
            Map.of("sku", "MUG", "quantity", "-40", "reason", "breakage")),
        201);
    long deadline = System.nanoTime() + 15_000_000_000L;
    JsonNode orders = client.get(B_PATH + "/purchase-orders", bAdmin).data();
    while (orders == null || orders.isEmpty()) {
      if (System.nanoTime() > deadline) {
        fail("the low-stock reaction drafted no purchase order in B");
      }
      sleep();
      orders = client.get(B_PATH + "/purchase-orders", bAdmin).data();
    }
    return orders.get(0).get("id").asText();
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private String cart() {
    String cartId = ok(client.post(B_PATH + "/carts", bAdmin, null), 201).data().get("id").asText();
    ok(client.post(B_PATH + "/carts/" + cartId + "/lines", bAdmin, Map.of("code", "TEE-M")), 201);
    return cartId;
  }

  private String order() {
    ok(
        client.post(
            B_PATH + "/orders",
            bAdmin,
            Map.of(
                "orderId",
                "web-of-b",
                "channel",
                "WEB",
                "contact",
                "bertha.secret@example.com",
                "lines",
                List.of(Map.of("sku", "TEE-L", "quantity", "1")))),
        201);
    return "web-of-b";
  }

  private String slot() {
    ok(
        client.post(
            B_PATH + "/curbside/slots",
            bAdmin,
            Map.of(
                "slotId",
                "slot-of-b",
                "start",
                "2030-01-02T16:00:00Z",
                "end",
                "2030-01-02T16:30:00Z",
                "capacity",
                3)),
        201);
    return "slot-of-b";
  }

  private String booking() {
    ok(
        client.post(
            B_PATH + "/curbside/bookings",
            bAdmin,
            Map.of(
                "bookingId",
                "booking-of-b",
                "slotId",
                bIds.get("slotId"),
                "customerName",
                "Bertha")),
        201);
    return "booking-of-b";
  }

  private String serial() {
    ok(client.post("/api/v1/warranty-policies", chain, Map.of("sku", "COFFEE", "months", 12)), 200);
    ok(
        client.post(
            B_PATH + "/sales",
            bAdmin,
            Map.of(
                "lines", List.of(Map.of("code", "COFFEE", "quantity", "1")),
                "tenders", List.of(Map.of("type", "CASH", "amount", money("20.00"))),
                "serials", Map.of("COFFEE", List.of("SN-OF-B-1"))),
            "sweep-b-serial"),
        201);
    return "SN-OF-B-1";
  }

  /** A mug sold in B and returned onto a gift card: the return that issued the card. */
  private String giftCardReturn() {
    String saleId =
        ok(
                client.post(
                    B_PATH + "/sales",
                    bAdmin,
                    Map.of(
                        "lines", List.of(Map.of("code", "MUG", "quantity", "1")),
                        "tenders", List.of(Map.of("type", "CASH", "amount", money("10.00")))),
                    "sweep-b-gift-sale"),
                201)
            .data()
            .get("id")
            .asText();
    return ok(
            client.post(
                B_PATH + "/returns",
                bAdmin,
                Map.of(
                    "saleId",
                    saleId,
                    "lines",
                    List.of(Map.of("line", 0, "quantity", "1", "restock", true)),
                    "refundTo",
                    "GIFT_CARD"),
                "sweep-b-gift-return"),
            201)
        .data()
        .get("id")
        .asText();
  }

  /** The gift card of B's return. */
  private String giftCard() {
    return ok(client.get(B_PATH + "/issued-gift-cards/" + bIds.get("issuedBy"), bAdmin), 200)
        .data()
        .get(0)
        .get("id")
        .asText();
  }

  private String promotion() {
    String seed =
        BodySeeds.SEEDS.get("POST /api/v1/promotions").replace("fuzz-promo", "promo-of-b");
    ok(client.send("POST", "/api/v1/promotions", chain, seed, Map.of()), 201);
    return "promo-of-b";
  }

  private String priceList() {
    JsonNode lists = ok(client.get("/api/v1/price-lists", chain), 200).data();
    assertThat(lists).as("the demo catalogue has a price list").isNotEmpty();
    return lists.get(0).get("id").asText();
  }

  private String reservation() {
    ok(
        client.post(
            B_PATH + "/stock/reservations",
            bAdmin,
            Map.of(
                "reservationId",
                "res-of-b",
                "sku",
                "TEE-L",
                "quantity",
                "1",
                "expiresAt",
                "2099-01-01T00:00:00Z")),
        201);
    return "res-of-b";
  }

  // ---- the sweep ----

  private static List<String> params(String path) {
    List<String> out = new ArrayList<>();
    Matcher m = PARAM.matcher(path);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String fill(String path, Map<String, String> ids) {
    Matcher m = PARAM.matcher(path);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String id = ids.get(m.group(1));
      if (id == null) {
        fail("the sweep cannot fill {" + m.group(1) + "} of " + path + ": add it to KINDS");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(id));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The route's seed body with every field named like a kind of object set to B's id (and the
   * fields of the request type so named added), so a body that names an object names B's.
   */
  private ObjectNode bodyFor(ApiRoute route) {
    String seed = BodySeeds.seed(route).orElse("{}");
    ObjectNode body;
    try {
      body = (ObjectNode) TestClient.JSON.readTree(seed);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    route
        .requestType()
        .filter(Class::isRecord)
        .ifPresent(
            type -> {
              for (var c : type.getRecordComponents()) {
                if (KINDS.containsKey(c.getName()) && !c.getName().equals("storeId")) {
                  body.put(c.getName(), bIds.get(c.getName()));
                }
              }
            });
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (KINDS.containsKey(field) && body.get(field).isTextual() && !field.equals("storeId")) {
        body.set(field, TextNode.valueOf(bIds.get(field)));
      }
    }
    return body;
  }

  /** The kinds of B object a call of {@code route} names, in its path (after the store) or body. */
  private Set<String> namedObjects(ApiRoute route, ObjectNode body) {
    Set<String> named = new LinkedHashSet<>(params(route.path()));
    named.remove("storeId");
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      Kind kind = KINDS.get(field);
      if (kind != null && !field.equals("storeId") && !kind.createdBy().equals(key(route))) {
        named.add(field);
      }
    }
    return named;
  }

  private static String key(ApiRoute route) {
    return route.method().name() + " " + route.path();
  }

  private Response call(ApiRoute route, String path, String token, ObjectNode body, String key) {
    Map<String, String> headers =
        route.idempotencyKey() ? Map.of("Idempotency-Key", key) : Map.of();
    Object sent =
        route.requestType().isPresent() || route.method() != HandlerType.GET
            ? body.toString()
            : null;
    return client.send(route.method().name(), path, token, sent, headers);
  }

  @Test
  void everyPathParameterIsKnown() {
    for (ApiRoute route : server.routes()) {
      for (String p : params(route.path())) {
        assertThat(KINDS)
            .as(
                "the sweep cannot fill {%s} of %s: add how to make one in store B to KINDS",
                p, key(route))
            .containsKey(p);
      }
    }
  }

  @Test
  void storeAsTokensReachNothingOfStoreB() {
    String before = whatBsAdminSees();
    int calls = 0;
    List<String> defects = new ArrayList<>();
    for (ApiRoute route : server.routes()) {
      if (route.access() == ApiRoute.Access.PUBLIC) {
        continue;
      }
      ObjectNode body = bodyFor(route);
      Set<String> named = namedObjects(route, body);
      boolean storeInPath = route.path().contains("{storeId}");
      for (Map.Entry<String, String> token : tokensOfA.entrySet()) {
        // 1. B in the path, B's ids everywhere
        if (storeInPath) {
          String path = fill(route.path(), bIds);
          Response r = call(route, path, token.getValue(), body, "sweep-1-" + calls++);
          check(
              defects,
              token.getKey(),
              route.method() + " " + path,
              body,
              r,
              Set.of(403, 404),
              true);
        }
        // 2. A in the path, B's objects in the path and body
        Map<String, String> ids = new LinkedHashMap<>(bIds);
        ids.put("storeId", A);
        String path = fill(route.path(), ids);
        String what = route.method() + " " + path;
        if (!storeInPath) {
          // a route of no one store: the chain's catalogue, prices, promotions, suppliers,
          // warranty policies and stores; a token of one store reads them and changes none
          Response r = call(route, path, token.getValue(), body, "sweep-2-" + calls++);
          if (route.method() == HandlerType.GET) {
            check(defects, token.getKey(), what, body, r, Set.of(200, 403, 404), false);
          } else {
            check(defects, token.getKey(), what, body, r, Set.of(403, 404), true);
          }
        } else if (named.stream().anyMatch(n -> !KINDS.get(n).chainWide())) {
          Response r = call(route, path, token.getValue(), body, "sweep-2-" + calls++);
          check(defects, token.getKey(), what, body, r, Set.of(403, 404), true);
        }
        // (a store route naming only the chain's objects, a SKU or a customer, uses them in A by
        // design: customers are shared by the chain's stores)
      }
    }
    assertThat(defects).as("calls of A's tokens with B's ids that were not refused").isEmpty();
    assertThat(calls).as("calls made").isGreaterThan(200);
    assertThat(client.called())
        .as("every route that takes a token was called")
        .containsAll(
            server.routes().stream()
                .filter(r -> r.access() != ApiRoute.Access.PUBLIC)
                .map(AuthorizationSweepIT::key)
                .toList());
    assertThat(whatBsAdminSees()).as("B is as it was").isEqualTo(before);
  }

  private void check(
      List<String> defects,
      String token,
      String what,
      ObjectNode body,
      Response r,
      Set<Integer> ok,
      boolean refused) {
    String line = token + ": " + what + " " + body + " -> " + r.status() + " " + r.text();
    if (!ok.contains(r.status())) {
      defects.add(line);
      return;
    }
    if (refused && r.body() != null && r.body().has("data")) {
      defects.add("answered data: " + line);
    }
    String sent = what + " " + body;
    for (String secret : bSecrets) {
      if (!sent.contains(secret) && r.text() != null && r.text().contains(secret)) {
        defects.add("shows B's " + secret + ": " + line);
      }
    }
  }

  /**
   * Everything B's admin reads of B: every GET route of a store, for B, with B's ids (a report's
   * drawing time left out).
   */
  private String whatBsAdminSees() {
    StringBuilder s = new StringBuilder();
    for (ApiRoute route : server.routes()) {
      if (route.method() != HandlerType.GET || !route.path().contains("{storeId}")) {
        continue;
      }
      String path = fill(route.path(), bIds);
      Response r = client.get(path, bAdmin);
      JsonNode data = r.body() == null ? null : r.body().get("data");
      if (data instanceof ObjectNode report && route.path().endsWith("-report")) {
        report.remove("at"); // the moment the report was drawn
      }
      s.append(path).append(' ').append(r.status()).append(' ').append(data).append('\n');
    }
    return s.toString();
  }
}
