package io.vruksha.retail.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.server.RetailServer;
import io.vruksha.retail.server.http.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server on PostgreSQL, started in process, driven over real HTTP with the demo admin's token.
 * Only the {@code data} of the API's envelope is compared (the envelope's timestamp is the wall
 * clock's). Its in-process reactions run on their own thread: after each operation this waits until
 * the outbox is empty, so the reactions' effects are in place before the clock moves on, as they
 * are in the in-process engines. The fiscal journal has no route; it is read from the server's
 * engine, in process.
 */
final class HttpTarget implements Target {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STORE = "/api/v1/stores/demo";

  private final RetailServer server;
  private final RetailEngine engine;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> saleIds = new ArrayList<>();
  private final List<String> customers = new ArrayList<>();
  private final List<String> orders = new ArrayList<>();
  private final Map<String, Map<String, BigDecimal>> orderLines = new HashMap<>();
  private Optional<String> shift = Optional.empty();

  HttpTarget(RetailServer server, RetailEngine engine) {
    this.server = server;
    this.engine = engine;
    this.token = server.demoToken().orElseThrow(() -> new IllegalStateException("no demo token"));
    awaitReactions();
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public JsonNode apply(Op op, int step) {
    JsonNode out = run(op, step);
    awaitReactions();
    return out;
  }

  private JsonNode run(Op op, int step) {
    if (op instanceof Op.Tick t) {
      return Outcomes.TIME;
    }
    if (op instanceof Op.JumpTo j) {
      return Outcomes.TIME;
    }
    if (op instanceof Op.Receive r) {
      return post(
          STORE + "/stock/receipts",
          obj()
              .put("sku", r.sku())
              .put("quantity", new BigDecimal(r.quantity()).toPlainString())
              .put("reason", "delivery-" + step),
          null);
    }
    if (op instanceof Op.Count c) {
      ObjectNode body = obj().put("reference", "count-" + step);
      body.putObject("counted").put(c.sku(), new BigDecimal(c.counted()).toPlainString());
      return post(STORE + "/stock/counts", body, null);
    }
    if (op instanceof Op.SetPrice p) {
      ObjectNode body = obj().put("sku", p.sku());
      body.set("price", money(p.price()));
      return post("/api/v1/price-lists/retail/prices", body, null);
    }
    if (op instanceof Op.NewCustomer c) {
      String id = "cust-" + (customers.size() + 1);
      JsonNode made =
          post(
              STORE + "/customers",
              obj().put("customerId", id).put("name", c.name()).put("marketingConsent", false),
              null);
      if (!made.has("error")) {
        customers.add(id);
      }
      return made;
    }
    if (op instanceof Op.Sell s) {
      return sell(s, step);
    }
    if (op instanceof Op.Return r) {
      if (saleIds.isEmpty()) {
        return Outcomes.skipped("no sale yet");
      }
      ObjectNode body =
          obj()
              .put("saleId", saleIds.get(Math.floorMod(r.sale(), saleIds.size())))
              .put("refundTo", r.toStoreCredit() ? "STORE_CREDIT" : "ORIGINAL");
      body.putArray("lines")
          .addObject()
          .put("line", r.line())
          .put("quantity", new BigDecimal(r.quantity()).toPlainString())
          .put("restock", r.restock());
      return post(STORE + "/returns", body, "key-" + step);
    }
    if (op instanceof Op.NewProduct p) {
      ObjectNode body =
          obj()
              .put("id", p.sku().toLowerCase(Locale.ROOT))
              .put("name", p.name())
              .put("category", p.category())
              .put("taxCategory", p.taxCategory());
      body.putArray("variants")
          .addObject()
          .put("sku", p.sku())
          .put("name", p.name())
          .put("unit", Generators.weighed(p.sku()) ? "KILOGRAM" : "EACH")
          .putArray("barcodes");
      return post("/api/v1/products", body, null);
    }
    if (op instanceof Op.Promote p) {
      return post("/api/v1/promotions", Promotions.body(p), null);
    }
    if (op instanceof Op.EndPromotion e) {
      return send("DELETE", "/api/v1/promotions/" + e.id(), null, null);
    }
    if (op instanceof Op.PlaceOrder o) {
      String id = "ord-" + (orders.size() + 1);
      ObjectNode body =
          obj()
              .put("orderId", id)
              .put("channel", o.channel())
              .put("contact", "contact@example.org")
              .put("holdHours", o.holdHours());
      if (o.customer() >= 0 && !customers.isEmpty()) {
        body.put("customerId", customers.get(Math.floorMod(o.customer(), customers.size())));
      }
      ArrayNode lines = body.putArray("lines");
      Map<String, BigDecimal> merged = new LinkedHashMap<>();
      for (Op.Line l : o.lines()) {
        lines
            .addObject()
            .put("sku", l.sku())
            .put("quantity", new BigDecimal(l.quantity()).toPlainString());
        merged.merge(l.sku(), new BigDecimal(l.quantity()), BigDecimal::add);
      }
      JsonNode placed = post(STORE + "/orders", body, null);
      if (!placed.has("error")) {
        orders.add(id);
        orderLines.put(id, merged);
      }
      return placed;
    }
    if (op instanceof Op.PickOrder o) {
      if (orders.isEmpty()) {
        return Outcomes.skipped("no order yet");
      }
      String id = orders.get(Math.floorMod(o.order(), orders.size()));
      ObjectNode body = obj();
      ArrayNode lines = body.putArray("lines");
      boolean first = true;
      for (Map.Entry<String, BigDecimal> l : orderLines.get(id).entrySet()) {
        BigDecimal picked = l.getValue();
        if (first && o.shortPick()) {
          picked = Picking.shortOf(picked);
        }
        first = false;
        lines.addObject().put("sku", l.getKey()).put("picked", picked.toPlainString());
      }
      return post(STORE + "/orders/" + id + "/pick", body, null);
    }
    if (op instanceof Op.ReadyOrder o) {
      if (orders.isEmpty()) {
        return Outcomes.skipped("no order yet");
      }
      return post(
          STORE + "/orders/" + orders.get(Math.floorMod(o.order(), orders.size())) + "/ready",
          null,
          null);
    }
    if (op instanceof Op.CollectOrder o) {
      if (orders.isEmpty()) {
        return Outcomes.skipped("no order yet");
      }
      ObjectNode body = obj();
      body.putArray("tenders").addObject().put("type", "CASH").set("amount", money("1000.00"));
      return post(
          STORE + "/orders/" + orders.get(Math.floorMod(o.order(), orders.size())) + "/collect",
          body,
          "key-" + step);
    }
    if (op instanceof Op.CancelOrder o) {
      if (orders.isEmpty()) {
        return Outcomes.skipped("no order yet");
      }
      return post(
          STORE + "/orders/" + orders.get(Math.floorMod(o.order(), orders.size())) + "/cancel",
          null,
          null);
    }
    if (op instanceof Op.LookUp l) {
      return lookUp(l);
    }
    if (op instanceof Op.OpenShift o) {
      ObjectNode body = obj().put("registerId", "T1");
      body.set("openingFloat", money(o.openingFloat()));
      JsonNode opened = post(STORE + "/shifts", body, null);
      if (!opened.has("error")) {
        shift = Optional.of(opened.get("id").asText());
      }
      return opened;
    }
    if (op instanceof Op.CloseShift c) {
      if (shift.isEmpty()) {
        return Outcomes.skipped("no open shift");
      }
      ObjectNode body = obj();
      body.putObject("counted").set("CASH", money(c.countedCash()));
      JsonNode report = post(STORE + "/shifts/" + shift.get() + "/close", body, null);
      if (!report.has("error")) {
        shift = Optional.empty();
      }
      return report;
    }
    throw new IllegalArgumentException("no operation " + op);
  }

  /** A look-up over the routes: the receipt numbers of the sales found, or the shifts found. */
  private JsonNode lookUp(Op.LookUp l) {
    String query =
        switch (l.by()) {
          case "OPEN_SHIFT" -> null;
          case "SHIFTS" -> null;
          case "NUMBER" -> {
            if (saleIds.isEmpty()) {
              yield "";
            }
            JsonNode sale =
                get(STORE + "/sales/" + saleIds.get(Math.floorMod(l.position(), saleIds.size())));
            yield "number=" + sale.get("number").asText();
          }
          case "DAY" -> {
            ZoneId zone = engine.stores().find(DemoStore.ID).orElseThrow().zone();
            LocalDate day = engine.clock().instant().atZone(zone).toLocalDate();
            yield "from=" + day + "&to=" + day;
          }
          case "SINCE" ->
              "from=" + Generators.EDGES.get(Math.floorMod(l.position(), Generators.EDGES.size()));
          case "CUSTOMER" ->
              customers.isEmpty() || l.position() < 0 // as the reference: -1 is nobody
                  ? ""
                  : "customerId=" + customers.get(Math.floorMod(l.position(), customers.size()));
          case "REGISTER" -> "register=T1";
          case "RETURNED" -> "status=RETURNED";
          default -> throw new IllegalArgumentException("no look-up by " + l.by());
        };
    if (query == null) {
      return get(
          STORE + "/shifts?register=T1" + (l.by().equals("OPEN_SHIFT") ? "&status=OPEN" : ""));
    }
    if (query.isEmpty()) {
      return Outcomes.skipped(l.by().equals("NUMBER") ? "no sale yet" : "no customer yet");
    }
    JsonNode found = get(STORE + "/sales?" + query);
    if (!found.isArray()) {
      return found;
    }
    ArrayNode numbers = JSON.createArrayNode();
    found.forEach(s -> numbers.add(s.get("number").asText()));
    return numbers;
  }

  private JsonNode sell(Op.Sell s, int step) {
    ObjectNode basket = obj();
    ArrayNode lines = basket.putArray("lines");
    for (Op.Line l : s.lines()) {
      // a decimal string, as the API takes quantities (a JSON number is refused)
      lines
          .addObject()
          .put("code", l.sku())
          .put("quantity", new BigDecimal(l.quantity()).toPlainString());
    }
    if (s.customer() >= 0 && !customers.isEmpty()) {
      basket.put("customerId", customers.get(Math.floorMod(s.customer(), customers.size())));
    }
    if (s.coupon()) {
      basket.putArray("coupons").add("WELCOME10");
    }
    ObjectNode sale = basket.deepCopy();
    ArrayNode tenders = sale.putArray("tenders");
    switch (s.tender()) {
      case "CASH" -> tenders.addObject().put("type", "CASH").set("amount", money("1000.00"));
      case "CARD", "POINTS_AND_CARD" -> {
        JsonNode priced = post(STORE + "/baskets/price", basket, null);
        if (priced.has("error")) {
          return priced;
        }
        BigDecimal total = new BigDecimal(priced.get("total").get("amount").asText());
        if (s.tender().equals("POINTS_AND_CARD")) {
          tenders.addObject().put("type", "POINTS").put("points", 100);
          total = total.subtract(new BigDecimal("1.00"));
        }
        tenders
            .addObject()
            .put("type", "CARD")
            .put("reference", "card-" + step)
            .set("amount", money(total.toPlainString()));
      }
      default -> throw new IllegalArgumentException("no tender " + s.tender());
    }
    if (s.inShift() && shift.isPresent()) {
      sale.put("shiftId", shift.get());
    }
    JsonNode sold = post(STORE + "/sales", sale, "key-" + step);
    if (!sold.has("error")) {
      saleIds.add(sold.get("id").asText());
    }
    return sold;
  }

  @Override
  public Map<String, JsonNode> reads(LocalDate from, LocalDate to) {
    Map<String, JsonNode> r = new LinkedHashMap<>();
    r.put("sales", sorted(get(STORE + "/sales?limit=1000"), "number"));
    r.put("returns", sorted(get(STORE + "/returns"), "creditNoteNumber"));
    r.put("invoices", sorted(get(STORE + "/invoices"), "number"));
    r.put("stock", sorted(get(STORE + "/stock"), "sku"));
    for (String sku : Generators.SKUS) {
      r.put("product/" + sku, get("/api/v1/products/" + sku));
      r.put("stock/" + sku, get(STORE + "/stock/" + sku));
    }
    for (String id : customers) {
      r.put("customer/" + id, get(STORE + "/customers/" + id));
      r.put("loyalty/" + id, get(STORE + "/customers/" + id + "/loyalty"));
    }
    for (LocalDate[] range : Reads.ranges(from, to)) {
      String days = "?from=" + range[0] + "&to=" + range[1];
      r.put("daily-sales" + days, get(STORE + "/reports/daily-sales" + days));
      r.put("product-performance" + days, get(STORE + "/reports/product-performance" + days));
      r.put("tax-summary" + days, get(STORE + "/reports/tax-summary" + days));
    }
    r.put("orders", sorted(get(STORE + "/orders"), "id"));
    r.put("promotions", sorted(get(STORE + "/promotions"), "id"));
    // in the store's unit of work, as a route reads: the server runs as the application role, and
    // row-level security shows it a store's rows only there
    r.put(
        "journal",
        EngineTarget.json(
            EngineHost.unitOfWork(engine)
                .runFor(DemoStore.ID, () -> engine.journal().entries(DemoStore.ID))));
    r.put(
        "journal-verify",
        EngineTarget.json(
            EngineHost.unitOfWork(engine)
                .runFor(DemoStore.ID, () -> engine.journal().verify(DemoStore.ID))));
    return r;
  }

  /** Sorted by {@code field}: where the API's order has ties (the same microsecond), or none. */
  static JsonNode sorted(JsonNode array, String field) {
    if (!array.isArray()) {
      return array;
    }
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    items.sort(Comparator.comparing(n -> n.path(field).asText()));
    ArrayNode out = JSON.createArrayNode();
    items.forEach(out::add);
    return out;
  }

  private static ObjectNode obj() {
    return JSON.createObjectNode();
  }

  private static ObjectNode money(String amount) {
    return obj().put("amount", amount).put("currency", "EUR");
  }

  private JsonNode get(String path) {
    return send("GET", path, null, null);
  }

  private JsonNode post(String path, JsonNode body, String idempotencyKey) {
    return send("POST", path, body, idempotencyKey);
  }

  /** The answer's {@code data}, or {@code {"error": code}} for a 4xx/5xx. */
  private JsonNode send(String method, String path, JsonNode body, String idempotencyKey) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + token)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      if (body != null) {
        b.header("Content-Type", "application/json");
      }
      if (idempotencyKey != null) {
        b.header("Idempotency-Key", idempotencyKey);
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = Json.MAPPER.readTree(r.body());
      if (r.statusCode() >= 400) {
        if (r.statusCode() >= 500) {
          throw new AssertionError(
              method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return Outcomes.error(json.path("code").asText());
      }
      return json.get("data");
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@link Op.Import} with the command line into the server's database {@code db}, then the
   * server's reactions to what it wrote.
   */
  JsonNode importRows(PostgresDatabase db, Op.Import op, int step) {
    JsonNode answer = Imports.byCommandLine(db, op, step);
    if (answer.path("customers").asInt(-1) == 0) {
      customers.addAll(Imports.customerIds(op, step));
    }
    awaitReactions();
    return answer;
  }

  /** Waits until the server's in-process reactions have handled every event. */
  private void awaitReactions() {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (EngineHost.outbox(engine).pendingCount() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the server's reactions left events in the outbox for 30 s");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
