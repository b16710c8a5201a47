package io.vruksha.retail.stock;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The stock use cases: receipts, adjustments with a reason, transfers between locations and stores,
 * cycle counts, and the movements a sale or a return books. Every movement publishes a
 * stock-updated event, and crossing below a reorder point publishes one low-stock event (not one
 * per sale below it). Stock booked by hand (a receipt, an adjustment, a transfer, a count) must be
 * for a SKU the catalogue knows, so the ledger never holds goods nobody can sell or look up; a sale
 * or a return books SKUs its own path has already resolved. Thread-safe when its ports are.
 */
public final class Stock {

  private final StockLedger ledger;
  private final Catalog catalog;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final Clock clock;

  /** Stock over the given ports; the catalogue decides which SKUs may be booked by hand. */
  public Stock(StockLedger ledger, Catalog catalog, Outbox outbox, UnitOfWork work, Clock clock) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The ledger, for levels and movements. */
  public StockLedger ledger() {
    return ledger;
  }

  /** Books goods received from a supplier. */
  public StockMovement receive(StockKey key, BigDecimal quantity, String reference) {
    requirePositive(quantity);
    requireKnown(key.sku());
    return work.runFor(
        key.store(), () -> book(key, quantity, MovementReason.RECEIPT, reference, "", reference));
  }

  /** Corrects stock by hand (damage, theft, found goods); the reason is kept on the movement. */
  public StockMovement adjust(StockKey key, BigDecimal change, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a stock adjustment needs a reason");
    }
    if (change.signum() == 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a stock adjustment must change something");
    }
    requireKnown(key.sku());
    return work.runFor(
        key.store(),
        () -> book(key, change, MovementReason.ADJUSTMENT, "adjustment", reason, "adjustment"));
  }

  /**
   * Moves stock from one location (or store) to another in one unit of work: both movements or
   * neither.
   */
  public List<StockMovement> transfer(
      StockKey from, StockKey to, BigDecimal quantity, String reference) {
    requirePositive(quantity);
    if (!from.sku().equals(to.sku()) || from.equals(to)) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a transfer moves one SKU between two different places");
    }
    requireKnown(from.sku());
    return work.runFor(
        Stream.of(from.store(), to.store()).collect(Collectors.toSet()),
        () ->
            List.of(
                book(
                    from,
                    quantity.negate(),
                    MovementReason.TRANSFER_OUT,
                    reference,
                    "to " + to.store() + "/" + to.location(),
                    reference),
                book(
                    to,
                    quantity,
                    MovementReason.TRANSFER_IN,
                    reference,
                    "from " + from.store() + "/" + from.location(),
                    reference)));
  }

  /**
   * Applies a count sheet: for each SKU counted at {@code location}, books the variance between the
   * count and the ledger as a COUNT movement. Returns the variances (counted − expected), including
   * zero ones.
   */
  public Map<Sku, BigDecimal> count(
      StoreId store, LocationId location, Map<Sku, BigDecimal> counted, String reference) {
    // every SKU of the sheet is checked before anything is booked: a bad sheet changes nothing
    counted.keySet().forEach(this::requireKnown);
    return work.runFor(
        store,
        () -> {
          Map<Sku, BigDecimal> variances = new TreeMap<>();
          counted.forEach(
              (sku, quantity) -> {
                if (quantity.signum() < 0) {
                  throw new InvalidInputException(
                      ErrorCode.VALIDATION, "a count of " + sku + " cannot be negative");
                }
                StockKey key = new StockKey(store, location, sku);
                BigDecimal variance = quantity.subtract(ledger.level(key).onHand());
                variances.put(sku, variance);
                if (variance.signum() != 0) {
                  ledger.move(
                      key,
                      variance,
                      MovementReason.COUNT,
                      reference,
                      "cycle count",
                      clock.instant(),
                      true);
                  afterMove(key, variance, MovementReason.COUNT, reference);
                }
              });
          return variances;
        });
  }

  /**
   * Books every line of a sold basket out of the store's sales floor, inside the caller's unit of
   * work (a checkout, a B2B invoice), in SKU order.
   */
  public void bookSale(PricedBasket basket, String reference) {
    // a fixed order (by SKU) so two tills selling the same items never lock them in opposite orders
    List<PricedLine> lines = new ArrayList<>(basket.lines());
    lines.sort(Comparator.comparing(l -> l.sku().value()));
    Instant at = clock.instant();
    List<StockLedger.Move> moves = new ArrayList<>(lines.size());
    for (PricedLine line : lines) {
      StockKey key = StockKey.floor(basket.store(), line.sku());
      moves.add(
          new StockLedger.Move(
              key,
              line.quantity().value().negate(),
              MovementReason.SALE,
              reference,
              "",
              at,
              ledger.allowsNegative(key.sku())));
    }
    // all lines in one call (one round trip on PostgreSQL), then each line's events in order
    ledger.moveAll(moves);
    for (StockLedger.Move m : moves) {
      afterMove(m.key(), m.change(), m.reason(), reference);
    }
  }

  /**
   * Books a sale that already happened elsewhere (a till that sold offline) out of the store's
   * sales floor, inside the caller's unit of work, in SKU order: every line is booked even where it
   * takes on hand below zero, since the goods have left the shop. Returns the SKUs whose on hand is
   * below zero afterwards, with that level, so the caller can flag them.
   */
  public Map<Sku, BigDecimal> bookSold(PricedBasket basket, String reference) {
    List<PricedLine> lines = new ArrayList<>(basket.lines());
    lines.sort(Comparator.comparing(l -> l.sku().value()));
    Instant at = clock.instant();
    List<StockLedger.Move> moves = new ArrayList<>(lines.size());
    for (PricedLine line : lines) {
      moves.add(
          new StockLedger.Move(
              StockKey.floor(basket.store(), line.sku()),
              line.quantity().value().negate(),
              MovementReason.SALE,
              reference,
              "sold offline",
              at,
              true));
    }
    ledger.moveAll(moves);
    Map<Sku, BigDecimal> negative = new TreeMap<>(Comparator.comparing(Sku::value));
    for (StockLedger.Move m : moves) {
      afterMove(m.key(), m.change(), m.reason(), reference);
      BigDecimal onHand = ledger.level(m.key()).onHand();
      if (onHand.signum() < 0) {
        negative.put(m.key().sku(), onHand);
      }
    }
    return negative;
  }

  /**
   * Books one movement inside the caller's unit of work (a sale, a return), with its events. A
   * decrease beyond available stock is refused unless the SKU allows negative stock.
   */
  public StockMovement book(
      StockKey key,
      BigDecimal change,
      MovementReason reason,
      String reference,
      String note,
      String correlationId) {
    StockMovement m =
        ledger.move(
            key,
            change,
            reason,
            reference,
            note,
            clock.instant(),
            ledger.allowsNegative(key.sku()));
    afterMove(key, change, reason, correlationId);
    return m;
  }

  private void afterMove(
      StockKey key, BigDecimal change, MovementReason reason, String correlationId) {
    Instant now = clock.instant();
    AvailableToSell toSell = ledger.availableToSell(key);
    StockLevel level = toSell.level();
    List<DomainEvent> events = new ArrayList<>();
    events.add(
        new DomainEvent.StockUpdated(
            key.store(),
            key.sku().value(),
            key.location().value(),
            change,
            level.onHand(),
            reason.name()));
    ledger
        .reorderRule(key)
        .ifPresent(
            rule -> {
              boolean below = level.available().compareTo(rule.reorderPoint()) < 0;
              boolean wasBelow = ledger.markLow(key, below);
              if (below && !wasBelow) {
                events.add(
                    new DomainEvent.StockLow(
                        key.store(),
                        key.sku().value(),
                        key.location().value(),
                        level.available(),
                        rule.reorderPoint(),
                        rule.reorderQuantity()));
              }
            });
    if (toSell.listed()) {
      events.add(availableToSellChanged(toSell));
    }
    events.forEach(e -> outbox.append(EventEnvelope.of(e, now, correlationId)));
  }

  /**
   * Sets a SKU's safety buffer at a store (the stock web shops may not sell), listing it on the
   * e-commerce bridge; publishes its new available to sell.
   */
  public AvailableToSell setSafetyBuffer(StoreId store, Sku sku, BigDecimal buffer) {
    if (buffer == null || buffer.signum() < 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a safety buffer must be zero or more, was " + buffer);
    }
    StockKey key = StockKey.floor(store, sku);
    return work.runFor(
        store,
        () -> {
          ledger.setSafetyBuffer(key, buffer);
          AvailableToSell now = ledger.availableToSell(key);
          outbox.append(
              EventEnvelope.of(availableToSellChanged(now), clock.instant(), "safety-buffer"));
          return now;
        });
  }

  /**
   * Reserves floor stock for an order inside the caller's unit of work, checked atomically against
   * available to sell, and publishes the new available to sell when the SKU is listed.
   */
  public void reserve(
      String reservationId, StockKey key, BigDecimal quantity, Instant until, String cause) {
    requirePositive(quantity);
    ledger.reserve(reservationId, key, quantity, Instants.micros(until));
    publishAvailableToSell(key, cause);
  }

  /**
   * Lowers a reservation to the units kept (an order picked short) inside the caller's unit of
   * work, publishing the SKU's change; zero releases it.
   */
  public void shrink(String reservationId, StockKey key, BigDecimal quantity, String cause) {
    ledger.shrink(key.store(), reservationId, quantity);
    publishAvailableToSell(key, cause);
  }

  /** Releases a reservation inside the caller's unit of work, publishing the SKU's change. */
  public void release(String reservationId, StockKey key, String cause) {
    ledger.release(key.store(), reservationId);
    publishAvailableToSell(key, cause);
  }

  private void publishAvailableToSell(StockKey key, String cause) {
    AvailableToSell now = ledger.availableToSell(key);
    if (now.listed()) {
      outbox.append(EventEnvelope.of(availableToSellChanged(now), clock.instant(), cause));
    }
  }

  private static DomainEvent.AvailableToSellChanged availableToSellChanged(AvailableToSell a) {
    return new DomainEvent.AvailableToSellChanged(
        a.key().store(),
        a.key().sku().value(),
        a.quantity(),
        a.onHand(),
        a.reserved(),
        a.safetyBuffer().orElse(BigDecimal.ZERO));
  }

  private void requireKnown(Sku sku) {
    if (catalog.item(sku).isEmpty()) {
      throw new InvalidInputException(ErrorCode.SKU_UNKNOWN, "no SKU " + sku + " in the catalogue");
    }
  }

  private static void requirePositive(BigDecimal quantity) {
    if (quantity.signum() <= 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a quantity must be above zero, was " + quantity);
    }
  }
}
