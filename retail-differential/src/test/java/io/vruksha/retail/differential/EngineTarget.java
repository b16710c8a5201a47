package io.vruksha.retail.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.analytics.ProductPerformance;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.loyalty.Loyalty;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.order.Order;
import io.vruksha.retail.order.Pick;
import io.vruksha.retail.order.PlaceOrder;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.pricing.BasketLine;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.promotion.PromotionId;
import io.vruksha.retail.reaction.Reaction;
import io.vruksha.retail.reaction.Reactions;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.SaleQuery;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.server.RetailServer;
import io.vruksha.retail.server.api.CustomerApi;
import io.vruksha.retail.server.api.ReportApi;
import io.vruksha.retail.server.api.ServerViews;
import io.vruksha.retail.server.api.StockApi;
import io.vruksha.retail.server.http.Json;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.stock.StockMovement;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Role;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An engine driven in process: on the in-memory adapters (the reference) or on the PostgreSQL
 * adapters. The reactions (analytics, reorder, loyalty enrolment, notifications) run right after
 * each operation, as the server's in-process reactions do, by draining the outbox.
 */
final class EngineTarget implements Target {

  static final Actor ADMIN = new Actor("admin", Role.ADMIN.permissions());
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private final String name;
  private final RetailEngine engine;
  private final Reactions reactions;
  private final AutoCloseable resource;
  private final List<String> saleIds = new ArrayList<>();
  private final List<String> customers = new ArrayList<>();
  private final List<String> orders = new ArrayList<>();
  private final Map<String, Map<Sku, BigDecimal>> orderLines = new HashMap<>();
  private Optional<String> shift = Optional.empty();

  EngineTarget(String name, RetailEngine engine, Set<Reaction> reactions, AutoCloseable resource) {
    this.name = name;
    this.engine = engine;
    this.reactions = new Reactions(engine, reactions);
    this.resource = resource;
    DemoStore.seed(engine);
    // the staff the server's demo mode adds, so both sides hold the same records
    RetailServer.DEMO_STAFF.forEach(engine.workforce().staff()::save);
    drain();
  }

  RetailEngine engine() {
    return engine;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public JsonNode apply(Op op, int step) {
    JsonNode out;
    try {
      out = json(run(op, step));
    } catch (RetailException e) {
      out = Outcomes.error(e.code().code());
    }
    drain();
    return out;
  }

  private Object run(Op op, int step) {
    if (op instanceof Op.Tick t) {
      return Outcomes.TIME;
    }
    if (op instanceof Op.JumpTo j) {
      return Outcomes.TIME;
    }
    if (op instanceof Op.Receive r) {
      return engine
          .stock()
          .receive(floor(r.sku()), new BigDecimal(r.quantity()), "delivery-" + step);
    }
    if (op instanceof Op.Count c) {
      Map<Sku, BigDecimal> counted = new TreeMap<>();
      counted.put(Sku.of(c.sku()), new BigDecimal(c.counted()));
      Map<String, BigDecimal> variances = new TreeMap<>();
      engine
          .stock()
          .count(DemoStore.ID, floor(c.sku()).location(), counted, "count-" + step)
          .forEach((sku, v) -> variances.put(sku.value(), v));
      return variances;
    }
    if (op instanceof Op.SetPrice p) {
      return engine
          .priceBook()
          .setPrice(
              PriceListId.of("retail"),
              Sku.of(p.sku()),
              UnitPrice.of(p.price(), "EUR"),
              engine.clock().instant(),
              "admin");
    }
    if (op instanceof Op.NewCustomer c) {
      String id = "cust-" + (customers.size() + 1);
      Customer customer =
          Customer.of(id, c.name(), engine.clock().instant())
              .consent(false, engine.clock().instant());
      Customer made = engine.customers().create(DemoStore.ID, customer);
      customers.add(id);
      return made;
    }
    if (op instanceof Op.Sell s) {
      return sell(s, step);
    }
    if (op instanceof Op.Return r) {
      if (saleIds.isEmpty()) {
        return Outcomes.skipped("no sale yet");
      }
      String saleId = saleIds.get(Math.floorMod(r.sale(), saleIds.size()));
      ReturnRequest request =
          new ReturnRequest(
              "key-" + step,
              saleId,
              List.of(new ReturnRequest.Item(r.line(), new BigDecimal(r.quantity()), r.restock())),
              r.toStoreCredit()
                  ? ReturnRequest.RefundTo.STORE_CREDIT
                  : ReturnRequest.RefundTo.ORIGINAL,
              Optional.empty(),
              Optional.empty());
      return ServerViews.returned(engine.acceptReturn(request, List.of(), ADMIN));
    }
    if (op instanceof Op.NewProduct p) {
      // as POST /products builds it
      Product product =
          Product.builder(ProductId.of(p.sku().toLowerCase(Locale.ROOT)))
              .name(p.name())
              .category(CategoryId.of(p.category()))
              .taxCategory(TaxCategory.of(p.taxCategory()))
              .variant(
                  Sku.of(p.sku()),
                  p.name(),
                  Generators.weighed(p.sku()) ? UnitOfMeasure.KILOGRAM : UnitOfMeasure.EACH)
              .build();
      engine.catalog().save(product);
      return product;
    }
    if (op instanceof Op.Promote p) {
      Promotion promotion = io.vruksha.retail.api.Promotions.promotion(Promotions.request(p));
      engine.definePromotion(promotion);
      return promotion;
    }
    if (op instanceof Op.EndPromotion e) {
      PromotionId id = PromotionId.of(e.id());
      if (engine.promotions().find(id).isEmpty()) {
        // as the route answers an unknown id
        return Outcomes.error("resource.not_found");
      }
      engine.promotions().remove(id);
      engine.promotionsChanged();
      return null;
    }
    if (op instanceof Op.PlaceOrder o) {
      String id = "ord-" + (orders.size() + 1);
      Map<Sku, BigDecimal> lines = new LinkedHashMap<>();
      o.lines()
          .forEach(
              l -> lines.merge(Sku.of(l.sku()), new BigDecimal(l.quantity()), BigDecimal::add));
      var placed =
          engine
              .orders()
              .place(
                  new PlaceOrder(
                      id,
                      DemoStore.ID,
                      Order.Channel.valueOf(o.channel()),
                      customerAt(o.customer()),
                      "contact@example.org",
                      lines,
                      Optional.empty(),
                      Duration.ofHours(o.holdHours())),
                  ADMIN);
      orders.add(id);
      orderLines.put(id, lines);
      return placed;
    }
    if (op instanceof Op.PickOrder o) {
      if (orders.isEmpty()) {
        return Outcomes.skipped("no order yet");
      }
      String id = orders.get(Math.floorMod(o.order(), orders.size()));
      engine.orders().get(DemoStore.ID, id);
      List<Pick> picks = new ArrayList<>();
      boolean first = true;
      for (Map.Entry<Sku, BigDecimal> l : orderLines.get(id).entrySet()) {
        BigDecimal picked = l.getValue();
        if (first && o.shortPick()) {
          picked = Picking.shortOf(picked);
        }
        first = false;
        picks.add(new Pick(l.getKey(), picked, Optional.empty()));
      }
      return engine.orders().pick(DemoStore.ID, id, picks);
    }
    if (op instanceof Op.ReadyOrder o) {
      if (orders.isEmpty()) {
        return Outcomes.skipped("no order yet");
      }
      return engine
          .orders()
          .ready(DemoStore.ID, orders.get(Math.floorMod(o.order(), orders.size())));
    }
    if (op instanceof Op.CollectOrder o) {
      if (orders.isEmpty()) {
        return Outcomes.skipped("no order yet");
      }
      String id = orders.get(Math.floorMod(o.order(), orders.size()));
      engine.orders().get(DemoStore.ID, id);
      return engine
          .orders()
          .collect(
              DemoStore.ID,
              id,
              List.of(new Tender.Cash(Money.of("1000.00", "EUR"))),
              Map.of(),
              ADMIN);
    }
    if (op instanceof Op.CancelOrder o) {
      if (orders.isEmpty()) {
        return Outcomes.skipped("no order yet");
      }
      return engine
          .orders()
          .cancel(DemoStore.ID, orders.get(Math.floorMod(o.order(), orders.size())));
    }
    if (op instanceof Op.LookUp l) {
      return lookUp(l);
    }
    if (op instanceof Op.OpenShift o) {
      var opened =
          engine.registers().open(DemoStore.ID, "T1", Money.of(o.openingFloat(), "EUR"), ADMIN);
      shift = Optional.of(opened.id());
      return opened;
    }
    if (op instanceof Op.CloseShift c) {
      if (shift.isEmpty()) {
        return Outcomes.skipped("no open shift");
      }
      var report =
          engine
              .registers()
              .close(shift.get(), Map.of("CASH", Money.of(c.countedCash(), "EUR")), ADMIN);
      shift = Optional.empty();
      return report;
    }
    throw new IllegalArgumentException("no operation " + op);
  }

  private Object sell(Op.Sell s, int step) {
    BasketRequest.Builder b = BasketRequest.builder(DemoStore.ID);
    for (Op.Line l : s.lines()) {
      // as the server reads a line: the quantity in the unit the item is sold in
      UnitOfMeasure unit =
          engine.catalog().item(Sku.of(l.sku())).map(i -> i.unit()).orElse(UnitOfMeasure.EACH);
      b.add(BasketLine.of(l.sku(), new Quantity(new BigDecimal(l.quantity()), unit)));
    }
    Optional<String> customer = customerAt(s.customer());
    customer.ifPresent(c -> b.shopper(Shopper.customer(c)));
    if (s.coupon()) {
      b.coupon("WELCOME10");
    }
    BasketRequest basket = b.build();
    List<Tender> tenders = new ArrayList<>();
    switch (s.tender()) {
      case "CASH" -> tenders.add(new Tender.Cash(Money.of("1000.00", "EUR")));
      case "CARD" -> {
        PricedBasket priced = engine.priceBasket(basket, ADMIN);
        tenders.add(new Tender.Card(priced.total(), "card-" + step));
      }
      case "POINTS_AND_CARD" -> {
        PricedBasket priced = engine.priceBasket(basket, ADMIN);
        tenders.add(new Tender.Points(100));
        tenders.add(new Tender.Card(priced.total().minus(Money.of("1.00", "EUR")), "card-" + step));
      }
      default -> throw new IllegalArgumentException("no tender " + s.tender());
    }
    Optional<String> shiftId = s.inShift() ? shift : Optional.empty();
    Sale sale =
        engine.checkout(new CheckoutRequest("key-" + step, basket, tenders, shiftId), ADMIN);
    saleIds.add(sale.id());
    return ServerViews.sale(sale, engine.sales().returnsOf(sale.id()).size());
  }

  /** A look-up through the ports, as the routes make it: receipt numbers, or shifts. */
  private Object lookUp(Op.LookUp l) {
    Optional<Boolean> open = Optional.empty();
    switch (l.by()) {
      case "OPEN_SHIFT":
        open = Optional.of(true);
      // fall through
      case "SHIFTS":
        return engine.registers().shifts().list(DemoStore.ID, Optional.of("T1"), open, 100);
      default:
        break;
    }
    SaleQuery q = SaleQuery.of(DemoStore.ID, 100);
    ZoneId zone = engine.stores().find(DemoStore.ID).orElseThrow().zone();
    switch (l.by()) {
      case "NUMBER" -> {
        if (saleIds.isEmpty()) {
          return Outcomes.skipped("no sale yet");
        }
        String id = saleIds.get(Math.floorMod(l.position(), saleIds.size()));
        q = q.number(engine.sales().find(id).orElseThrow().number());
      }
      case "DAY" -> {
        LocalDate day = engine.clock().instant().atZone(zone).toLocalDate();
        q =
            q.between(
                Optional.of(day.atStartOfDay(zone).toInstant()),
                Optional.of(day.plusDays(1).atStartOfDay(zone).toInstant()));
      }
      case "SINCE" ->
          q =
              q.between(
                  Optional.of(
                      Instant.parse(
                          Generators.EDGES.get(
                              Math.floorMod(l.position(), Generators.EDGES.size())))),
                  Optional.empty());
      case "CUSTOMER" -> {
        Optional<String> customer = customerAt(l.position());
        if (customer.isEmpty()) {
          return Outcomes.skipped("no customer yet");
        }
        q = q.customer(customer.get());
      }
      case "REGISTER" ->
          q =
              q.shifts(
                  engine
                      .registers()
                      .shifts()
                      .list(DemoStore.ID, Optional.of("T1"), Optional.empty(), Integer.MAX_VALUE)
                      .stream()
                      .map(Shift::id)
                      .collect(Collectors.toSet()));
      case "RETURNED" -> q = q.status(SaleQuery.Status.RETURNED);
      default -> throw new IllegalArgumentException("no look-up by " + l.by());
    }
    return engine.sales().search(q).stream().map(Sale::number).toList();
  }

  private Optional<String> customerAt(int position) {
    if (position < 0 || customers.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(customers.get(Math.floorMod(position, customers.size())));
  }

  private static StockKey floor(String sku) {
    return StockKey.floor(DemoStore.ID, Sku.of(sku));
  }

  /** The reactions to everything pending, in batches, as the server's in-process reactions. */
  /**
   * {@link Op.Import}: through the ports (the reference), or with the command line into {@code db}
   * (the PostgreSQL engine's database). The reactions to it wait for {@link #drain()}, so that the
   * caller can move the clock between the rows written and what reacts to them.
   */
  JsonNode importRows(Op.Import op, int step, Optional<PostgresDatabase> db) {
    JsonNode answer =
        db.isPresent()
            ? Imports.byCommandLine(db.get(), op, step)
            : Imports.throughPorts(engine, op, step);
    if (answer.path("customers").asInt(-1) == 0) {
      customers.addAll(Imports.customerIds(op, step));
    }
    return answer;
  }

  void drain() {
    while (true) {
      int n =
          EngineHost.unitOfWork(engine)
              .run(
                  () -> {
                    List<EventEnvelope> batch = EngineHost.outbox(engine).pending(200);
                    reactions.handleAll(batch);
                    if (!batch.isEmpty()) {
                      EngineHost.outbox(engine)
                          .markSent(batch.stream().map(EventEnvelope::eventId).toList());
                    }
                    return batch.size();
                  });
      if (n == 0) {
        return;
      }
    }
  }

  @Override
  public Map<String, JsonNode> reads(LocalDate from, LocalDate to) {
    Map<String, JsonNode> r = new LinkedHashMap<>();
    r.put(
        "sales",
        json(
            engine.sales().list(DemoStore.ID).stream()
                .sorted(Comparator.comparing(Sale::number))
                .map(s -> ServerViews.sale(s, engine.sales().returnsOf(s.id()).size()))
                .toList()));
    // in credit-note order, as HttpTarget sorts the route's answer: two returns at one instant
    // are listed by their ids, which need not follow their numbers ("R-demo-key-10" before "-4")
    r.put(
        "returns",
        json(
            engine.sales().returns(DemoStore.ID).stream()
                .sorted(Comparator.comparing(ReturnReceipt::creditNoteNumber))
                .map(ServerViews::returned)
                .toList()));
    r.put(
        "invoices",
        json(
            engine.billing().invoices().list(DemoStore.ID).stream()
                .sorted(Comparator.comparing(i -> i.number()))
                .toList()));
    r.put(
        "stock",
        json(
            engine.stock().ledger().levels(DemoStore.ID).stream()
                .map(ServerViews::level)
                .sorted(Comparator.comparing(StockApi.LevelView::sku))
                .toList()));
    for (String sku : Generators.SKUS) {
      if (engine.catalog().item(Sku.of(sku)).isEmpty()) {
        // as the routes answer a SKU the catalogue does not have
        r.put("product/" + sku, Outcomes.error("resource.not_found"));
        r.put("stock/" + sku, Outcomes.error("catalog.sku_unknown"));
        continue;
      }
      r.put("product/" + sku, json(engine.catalog().item(Sku.of(sku)).orElseThrow()));
      StockKey key = floor(sku);
      List<StockMovement> moves = engine.stock().ledger().movements(key);
      r.put(
          "stock/" + sku,
          json(
              new StockApi.SkuStock(
                  ServerViews.level(engine.stock().ledger().level(key)),
                  moves.subList(Math.max(0, moves.size() - 200), moves.size()))));
    }
    Loyalty loyalty = engine.loyalty().orElseThrow();
    for (String id : customers) {
      r.put(
          "customer/" + id,
          json(engine.customers().customers().find(CustomerId.of(id)).orElseThrow()));
      long balance = loyalty.balance(id);
      r.put(
          "loyalty/" + id,
          json(
              new CustomerApi.LoyaltyAccount(
                  id,
                  balance,
                  loyalty.valueOf(balance),
                  loyalty
                      .tier(id, Money.zero(DemoStore.EUR), engine.clock().instant())
                      .map(t -> t.tier().value()),
                  loyalty.ledger().entries(id))));
    }
    for (LocalDate[] range : Reads.ranges(from, to)) {
      String days = "?from=" + range[0] + "&to=" + range[1];
      r.put("daily-sales" + days, json(dailySales(range[0], range[1])));
      r.put("product-performance" + days, json(productPerformance(range[0], range[1])));
      r.put("tax-summary" + days, json(taxSummary(range[0], range[1])));
    }
    r.put("orders", HttpTarget.sorted(json(engine.orders().orders().list(DemoStore.ID)), "id"));
    r.put("promotions", HttpTarget.sorted(json(engine.promotions().active(DemoStore.ID)), "id"));
    r.put("journal", json(engine.journal().entries(DemoStore.ID)));
    r.put("journal-verify", json(engine.journal().verify(DemoStore.ID)));
    return r;
  }

  /** The route's view of the core's report: the server answers the same. */
  private ReportApi.DailySalesReport dailySales(LocalDate from, LocalDate to) {
    return ReportApi.DailySalesReport.of(engine.reports().dailySales(DemoStore.ID, from, to));
  }

  /** The route's view of the core's report: one line per SKU over the range, by revenue. */
  private ReportApi.ProductPerformanceReport productPerformance(LocalDate from, LocalDate to) {
    return ReportApi.ProductPerformanceReport.of(
        engine.reports().productPerformance(DemoStore.ID, from, to));
  }

  /** The route's view of the core's tax summary: per rate, sales and returns. */
  private ReportApi.TaxSummary taxSummary(LocalDate from, LocalDate to) {
    return ReportApi.TaxSummary.of(engine.reports().taxSummary(DemoStore.ID, from, to));
  }

  /**
   * The full sale records (every field, not only the API's view) and analytics rows: compared
   * between the two in-process engines only, since the API does not show them.
   */
  Map<String, JsonNode> coreReads(LocalDate from, LocalDate to) {
    Map<String, JsonNode> r = new LinkedHashMap<>();
    r.put(
        "core/sales",
        json(
            engine.sales().list(DemoStore.ID).stream()
                .sorted(Comparator.comparing(Sale::number))
                .toList()));
    r.put("core/daily", json(engine.analytics().daily(DemoStore.ID, from, to)));
    ArrayNode products = Json.MAPPER.createArrayNode();
    engine.analytics().products(DemoStore.ID, from, to).stream()
        .sorted(
            Comparator.comparing(ProductPerformance::day).thenComparing(ProductPerformance::sku))
        .forEach(p -> products.add(Json.MAPPER.valueToTree(p)));
    r.put("core/products", products);
    return r;
  }

  static JsonNode json(Object o) {
    if (o == null) {
      return NullNode.instance;
    }
    return o instanceof JsonNode n ? n : Json.MAPPER.valueToTree(o);
  }

  @Override
  public void close() {
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
