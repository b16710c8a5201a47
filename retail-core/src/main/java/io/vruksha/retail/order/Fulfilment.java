package io.vruksha.retail.order;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.SellableItem;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.BasketLine;
import io.vruksha.retail.pricing.BasketPricer;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.sale.Checkout;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.stock.Stock;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Permission;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The order use cases: place, pick, ready, collect, cancel. Each step is one unit of work that
 * saves the order, moves its reservations and writes an order event to the outbox.
 *
 * <p>Placing prices the basket with the engine (the same rules as the till) and reserves every line
 * against available to sell. Collecting releases the reservations and checks the picked goods out
 * as a normal sale — invoice, journal, stock, points and events — priced at the instant the order
 * was placed, so the customer pays what they were shown. A prepayment pays the sale by card; what a
 * short pick leaves over is refunded, what a dearer substitute adds is due at collection.
 * Cancelling releases the reservations and refunds a prepayment. A payment provider is out of
 * scope: refunds are recorded on the order (and in its event) for the channel to carry out.
 *
 * <p>Thread-safe when its ports are.
 */
public final class Fulfilment {

  /**
   * How every reservation of an order's line starts ({@code order:<store>:<order>:<sku>}): the
   * orders' own, which nothing but the order's steps may replace or release.
   */
  public static final String RESERVATION_PREFIX = "order:";

  private final Orders orders;
  private final Catalog catalog;
  private final BasketPricer pricer;
  private final Stock stock;
  private final Checkout checkout;
  private final BiConsumer<Sale, Map<Sku, List<String>>> serials;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final Clock clock;

  /**
   * Fulfilment over the engine's ports; {@code serials} registers the serial numbers (and
   * warranties) of a collected sale.
   */
  public Fulfilment(
      Orders orders,
      Catalog catalog,
      BasketPricer pricer,
      Stock stock,
      Checkout checkout,
      BiConsumer<Sale, Map<Sku, List<String>>> serials,
      Outbox outbox,
      UnitOfWork work,
      Clock clock) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.pricer = Objects.requireNonNull(pricer, "pricer");
    this.stock = Objects.requireNonNull(stock, "stock");
    this.checkout = Objects.requireNonNull(checkout, "checkout");
    this.serials = Objects.requireNonNull(serials, "serials");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The orders port, for lookups. */
  public Orders orders() {
    return orders;
  }

  /** The order {@code id} of {@code store}. */
  public Order get(StoreId store, String id) {
    return orders
        .find(store, id)
        .orElseThrow(
            () -> new NotFoundException(ErrorCode.NOT_FOUND, "no order " + id + " in " + store));
  }

  /**
   * Places an order: priced now, every line reserved until the hold ends, saved as PLACED. Placing
   * an id again with the same lines returns the first order.
   *
   * @throws io.vruksha.retail.RuleViolationException STOCK_INSUFFICIENT when a line cannot be
   *     reserved; nothing is kept
   */
  public Order place(PlaceOrder request, Actor actor) {
    return work.runFor(
        request.store(),
        () -> {
          Optional<Order> existing = orders.lock(request.store(), request.orderId());
          if (existing.isPresent()) {
            return replay(existing.get(), request);
          }
          Instant now = clock.instant();
          Shopper shopper = request.customerId().map(Shopper::customer).orElse(Shopper.ANONYMOUS);
          PricedBasket basket =
              pricer.price(
                  basket(request.store(), Optional.of(now), shopper, request.lines(), Map.of()),
                  actor);
          request
              .prepayment()
              .ifPresent(
                  p -> {
                    if (!p.amount().equals(basket.total())) {
                      throw new InvalidInputException(
                          ErrorCode.TENDER_INVALID,
                          "a prepayment pays the whole order: "
                              + basket.total()
                              + ", not "
                              + p.amount());
                    }
                  });
          List<Order.Line> lines = new ArrayList<>();
          basket
              .lines()
              .forEach(
                  l ->
                      lines.add(
                          new Order.Line(
                              l.sku(),
                              l.quantity().value(),
                              l.unitPrice(),
                              l.total(),
                              BigDecimal.ZERO,
                              Optional.empty())));
          Instant until = now.plus(request.holdFor());
          Order order =
              new Order(
                  request.orderId(),
                  request.store(),
                  request.channel(),
                  request.customerId(),
                  request.contact().trim(),
                  lines,
                  Order.Status.PLACED,
                  now,
                  until,
                  basket.total(),
                  request.prepayment(),
                  Money.zero(basket.currency()),
                  Optional.empty(),
                  Optional.empty(),
                  now);
          // SKU order, so two orders reserving the same SKUs never wait on each other crosswise
          lines.stream()
              .sorted(Comparator.comparing(l -> l.sku().value()))
              .forEach(
                  l ->
                      stock.reserve(
                          reservation(order, l.sku(), false),
                          StockKey.floor(order.store(), l.sku()),
                          l.quantity(),
                          until,
                          order.id()));
          orders.save(order);
          publish(order);
          return order;
        });
  }

  private static Order replay(Order existing, PlaceOrder request) {
    Map<Sku, BigDecimal> placed = new HashMap<>();
    existing.lines().forEach(l -> placed.merge(l.sku(), l.quantity(), BigDecimal::add));
    boolean same =
        placed.size() == request.lines().size()
            && request.lines().entrySet().stream()
                .allMatch(
                    e ->
                        placed.containsKey(e.getKey())
                            && placed.get(e.getKey()).compareTo(e.getValue()) == 0);
    if (!same || !existing.store().equals(request.store())) {
      throw new RuleViolationException(
          ErrorCode.DUPLICATE, "order " + existing.id() + " was already placed with other lines");
    }
    return existing;
  }

  /**
   * Records what the picker found: per ordered SKU the units picked and perhaps a substitute for
   * missing ones. The reservation follows: shortages are released, substitutes reserved. SKUs not
   * mentioned count as not found at all.
   */
  public Order pick(StoreId store, String orderId, List<Pick> picks) {
    return work.runFor(
        store,
        () -> {
          Order order = locked(store, orderId);
          requireStatus(order, "pick", Order.Status.PLACED);
          Map<Sku, Pick> bySku = new HashMap<>();
          for (Pick p : picks) {
            if (order.lines().stream().noneMatch(l -> l.sku().equals(p.sku()))) {
              throw new InvalidInputException(
                  ErrorCode.VALIDATION, "order " + orderId + " has no line " + p.sku());
            }
            if (bySku.put(p.sku(), p) != null) {
              throw new InvalidInputException(
                  ErrorCode.VALIDATION, "SKU " + p.sku() + " was picked twice");
            }
          }
          List<Order.Line> lines = new ArrayList<>();
          for (Order.Line l : order.lines()) {
            Pick p =
                bySku.getOrDefault(l.sku(), new Pick(l.sku(), BigDecimal.ZERO, Optional.empty()));
            p.substitute().ifPresent(s -> requireSubstitute(l, p, s));
            lines.add(
                new Order.Line(
                    l.sku(),
                    l.quantity(),
                    l.unitPrice(),
                    l.lineTotal(),
                    p.picked(),
                    p.substitute()));
          }
          lines.stream()
              .sorted(Comparator.comparing(l -> l.sku().value()))
              .forEach(
                  l -> {
                    StockKey key = StockKey.floor(store, l.sku());
                    // what was found is already promised: the reservation only shrinks
                    stock.shrink(reservation(order, l.sku(), false), key, l.picked(), order.id());
                    l.substitute()
                        .ifPresent(
                            s ->
                                stock.reserve(
                                    reservation(order, l.sku(), true),
                                    StockKey.floor(store, s.sku()),
                                    s.quantity(),
                                    order.reservedUntil(),
                                    order.id()));
                  });
          Order picked = order.withLines(lines).withStatus(Order.Status.PICKED, clock.instant());
          orders.save(picked);
          publish(picked);
          return picked;
        });
  }

  private void requireSubstitute(Order.Line line, Pick pick, Order.Substitute s) {
    if (s.sku().equals(line.sku())) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a substitute of " + line.sku() + " must be another SKU");
    }
    SellableItem item =
        catalog
            .item(s.sku())
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        ErrorCode.SKU_UNKNOWN, "no SKU " + s.sku() + " in the catalogue"));
    item.requireSellable();
    if (pick.picked().add(s.quantity()).compareTo(line.quantity()) > 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "line "
              + line.sku()
              + ": "
              + pick.picked().toPlainString()
              + " picked and "
              + s.quantity().toPlainString()
              + " substituted exceed the "
              + line.quantity().toPlainString()
              + " ordered");
    }
  }

  /** Marks a picked order ready at the collection point; the customer is notified. */
  public Order ready(StoreId store, String orderId) {
    return work.runFor(
        store,
        () -> {
          Order order = locked(store, orderId);
          requireStatus(order, "make ready", Order.Status.PICKED);
          Order ready = order.withStatus(Order.Status.READY, clock.instant());
          orders.save(ready);
          publish(ready);
          return ready;
        });
  }

  /**
   * Hands a ready order over: its reservations released and the picked goods (and substitutes)
   * checked out as a sale at the prices of the instant it was placed. A prepayment pays by card up
   * to the sale's total and the rest is refunded; {@code tenders} pay what is still due (all of it
   * for an order paid at collection). {@code serials} gives the serial numbers of serialised SKUs.
   * Collecting a collected order again returns it unchanged.
   */
  public Order collect(
      StoreId store,
      String orderId,
      List<Tender> tenders,
      Map<Sku, List<String>> serialNumbers,
      Actor actor) {
    return work.runFor(
        store,
        () -> {
          Order order = locked(store, orderId);
          if (order.status() == Order.Status.COLLECTED) {
            return order;
          }
          requireStatus(order, "collect", Order.Status.READY);
          releaseAll(order);
          Map<Sku, BigDecimal> handed = new LinkedHashMap<>();
          for (Order.Line l : order.lines()) {
            if (l.picked().signum() > 0) {
              handed.merge(l.sku(), l.picked(), BigDecimal::add);
            }
            l.substitute().ifPresent(s -> handed.merge(s.sku(), s.quantity(), BigDecimal::add));
          }
          if (handed.isEmpty()) {
            throw new RuleViolationException(
                ErrorCode.ORDER_STATE,
                "order "
                    + orderId
                    + ": nothing was picked, so nothing can be collected; cancel it");
          }
          Shopper shopper = order.customerId().map(Shopper::customer).orElse(Shopper.ANONYMOUS);
          Map<Sku, UnitPrice> placedPrices = new HashMap<>();
          order.lines().forEach(l -> placedPrices.put(l.sku(), l.unitPrice()));
          // priced as at placement (the promotions of that instant); a SKU whose list price
          // changed since is charged its placement price, as the customer was shown
          Actor pricing = orderPricing(actor);
          BasketRequest asPlaced =
              basket(store, Optional.of(order.placedAt()), shopper, handed, Map.of());
          Map<Sku, UnitPrice> overrides = new HashMap<>();
          pricer
              .price(asPlaced, actor)
              .lines()
              .forEach(
                  l -> {
                    UnitPrice placed = placedPrices.get(l.sku());
                    if (placed != null && !placed.equals(l.unitPrice())) {
                      overrides.put(l.sku(), placed);
                    }
                  });
          BasketRequest basket = basket(store, Optional.empty(), shopper, handed, overrides);
          Money total =
              pricer
                  .price(
                      basket(store, Optional.of(order.placedAt()), shopper, handed, overrides),
                      pricing)
                  .total();
          List<Tender> paying = new ArrayList<>();
          Money refund = Money.zero(total.currency());
          if (order.prepayment().isPresent()) {
            Order.Prepayment p = order.prepayment().get();
            Money byCard = p.amount().compareTo(total) < 0 ? p.amount() : total;
            paying.add(new Tender.Card(byCard, p.reference()));
            refund = p.amount().minus(byCard);
          }
          paying.addAll(tenders);
          if (paying.isEmpty()) {
            throw new InvalidInputException(
                ErrorCode.TENDER_INSUFFICIENT, total + " is due at collection: give a tender");
          }
          Sale sale =
              checkout.checkout(
                  new CheckoutRequest("order:" + order.id(), basket, paying, Optional.empty()),
                  pricing,
                  Optional.of(order.placedAt()));
          serials.accept(sale, serialNumbers);
          Order collected =
              order
                  .withRefund(refund)
                  .soldAs(sale.id(), sale.number())
                  .withStatus(Order.Status.COLLECTED, clock.instant());
          orders.save(collected);
          publish(collected, sale.total(), sale.number());
          return collected;
        });
  }

  /**
   * Cancels an open order: every reservation released and a prepayment refunded in full. Cancelling
   * a cancelled order returns it unchanged.
   */
  public Order cancel(StoreId store, String orderId) {
    return work.runFor(
        store,
        () -> {
          Order order = locked(store, orderId);
          if (order.status() == Order.Status.CANCELLED) {
            return order;
          }
          if (!order.status().open()) {
            throw new RuleViolationException(
                ErrorCode.ORDER_STATE,
                "order "
                    + orderId
                    + " was collected and can no longer be cancelled: take a return");
          }
          releaseAll(order);
          Money refund = order.prepayment().map(Order.Prepayment::amount).orElse(order.refunded());
          Order cancelled =
              order.withRefund(refund).withStatus(Order.Status.CANCELLED, clock.instant());
          orders.save(cancelled);
          publish(cancelled);
          return cancelled;
        });
  }

  /**
   * Cancels the store's open orders whose reservation lapsed before {@code now} (not collected in
   * time); returns them.
   */
  public List<Order> cancelLapsed(StoreId store, Instant now) {
    return work.runFor(
        store,
        () ->
            orders.list(store).stream()
                .filter(o -> o.status().open() && !o.reservedUntil().isAfter(now))
                .map(o -> cancel(store, o.id()))
                .toList());
  }

  private void releaseAll(Order order) {
    order.lines().stream()
        .sorted(Comparator.comparing(l -> l.sku().value()))
        .forEach(
            l -> {
              stock.release(
                  reservation(order, l.sku(), false),
                  StockKey.floor(order.store(), l.sku()),
                  order.id());
              l.substitute()
                  .ifPresent(
                      s ->
                          stock.release(
                              reservation(order, l.sku(), true),
                              StockKey.floor(order.store(), s.sku()),
                              order.id()));
            });
  }

  private Order locked(StoreId store, String orderId) {
    return orders
        .lock(store, orderId)
        .orElseThrow(
            () ->
                new NotFoundException(ErrorCode.NOT_FOUND, "no order " + orderId + " in " + store));
  }

  private static void requireStatus(Order order, String step, Order.Status needed) {
    if (order.status() != needed) {
      throw new RuleViolationException(
          ErrorCode.ORDER_STATE,
          "cannot "
              + step
              + " order "
              + order.id()
              + ": it is "
              + order.status()
              + ", it must be "
              + needed);
    }
  }

  private BasketRequest basket(
      StoreId store,
      Optional<Instant> at,
      Shopper shopper,
      Map<Sku, BigDecimal> lines,
      Map<Sku, UnitPrice> overrides) {
    BasketRequest.Builder b = BasketRequest.builder(store).shopper(shopper);
    at.ifPresent(b::at);
    lines.forEach(
        (sku, q) -> {
          SellableItem item =
              catalog
                  .item(sku)
                  .orElseThrow(
                      () ->
                          new InvalidInputException(
                              ErrorCode.SKU_UNKNOWN, "no SKU " + sku + " in the catalogue"));
          BasketLine line = BasketLine.of(sku.value(), new Quantity(q, item.unit()));
          b.add(overrides.containsKey(sku) ? line.withPriceOverride(overrides.get(sku)) : line);
        });
    return b.build();
  }

  /**
   * The member of staff handing the order over, allowed to charge the order's own prices: keeping
   * the placement price is the order's promise, not a manual override at the till.
   */
  private static Actor orderPricing(Actor actor) {
    Set<Permission> p = EnumSet.noneOf(Permission.class);
    p.addAll(actor.permissions());
    p.add(Permission.PRICE_OVERRIDE);
    return new Actor(actor.staffId(), p);
  }

  /** The reservation id of an order's line, or of the substitute picked for it. */
  static String reservation(Order order, Sku sku, boolean substitute) {
    return RESERVATION_PREFIX
        + order.store()
        + ":"
        + order.id()
        + ":"
        + sku
        + (substitute ? ":sub" : "");
  }

  private void publish(Order order) {
    publish(order, order.total(), order.receiptNumber().orElse(""));
  }

  private void publish(Order order, Money total, String receipt) {
    outbox.append(
        EventEnvelope.of(
            new DomainEvent.OrderChanged(
                order.store(),
                order.id(),
                order.channel().name(),
                order.status().name(),
                order.customerId().orElse(""),
                total,
                receipt,
                order.refunded()),
            clock.instant(),
            order.id()));
  }
}
