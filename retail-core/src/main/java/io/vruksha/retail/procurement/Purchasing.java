package io.vruksha.retail.procurement;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.Variant;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.stock.Stock;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Permission;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Purchasing: a low-stock event drafts a purchase order with the cheapest supplier (one open draft
 * per supplier and store; a second SKU or a repeat adds to it), a manager approves it, it is sent,
 * and receiving — in part or in full — books the goods into stock and updates the SKU's cost.
 * Thread-safe when its ports are.
 */
public final class Purchasing {

  private final Procurement procurement;
  private final Stock stock;
  private final Catalog catalog;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final Clock clock;

  /** Purchasing over the given ports. */
  public Purchasing(
      Procurement procurement,
      Stock stock,
      Catalog catalog,
      Outbox outbox,
      UnitOfWork work,
      Clock clock) {
    this.procurement = Objects.requireNonNull(procurement, "procurement");
    this.stock = Objects.requireNonNull(stock, "stock");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The procurement port. */
  public Procurement procurement() {
    return procurement;
  }

  /**
   * Reacts to a low-stock event: adds the reorder quantity to the open draft of the SKU's cheapest
   * supplier for that store, creating the draft if there is none. Empty when no supplier sells it
   * or the product is discontinued or blocked.
   */
  public Optional<PurchaseOrder> onLowStock(DomainEvent.StockLow low) {
    Sku sku = Sku.of(low.sku());
    if (catalog.item(sku).map(i -> !i.status().reorderable()).orElse(false)) {
      return Optional.empty(); // discontinued or blocked: sell through, never reorder
    }
    Optional<Supplier> cheapest =
        procurement.suppliersOf(sku).stream()
            .min(
                Comparator.comparing((Supplier s) -> s.items().get(sku).cost())
                    .thenComparing(Supplier::id));
    if (cheapest.isEmpty()) {
      return Optional.empty();
    }
    Supplier supplier = cheapest.get();
    return Optional.of(
        work.runFor(
            low.store(),
            () -> {
              PurchaseOrder draft =
                  procurement.orders(low.store()).stream()
                      .filter(
                          o ->
                              o.supplierId().equals(supplier.id())
                                  && o.status() == PurchaseOrder.Status.DRAFTED)
                      .findFirst()
                      .orElseGet(
                          () ->
                              new PurchaseOrder(
                                  UUID.randomUUID().toString(),
                                  low.store(),
                                  supplier.id(),
                                  PurchaseOrder.Status.DRAFTED,
                                  List.of(),
                                  clock.instant()));
              List<PurchaseOrder.Line> lines = new ArrayList<>(draft.lines());
              boolean merged = false;
              for (int i = 0; i < lines.size(); i++) {
                PurchaseOrder.Line l = lines.get(i);
                if (l.sku().equals(sku)) {
                  lines.set(
                      i,
                      new PurchaseOrder.Line(
                          sku, l.ordered().add(low.reorderQuantity()), l.received(), l.unitCost()));
                  merged = true;
                }
              }
              if (!merged) {
                lines.add(
                    new PurchaseOrder.Line(
                        sku,
                        low.reorderQuantity(),
                        BigDecimal.ZERO,
                        supplier.items().get(sku).cost()));
              }
              PurchaseOrder order = draft.with(PurchaseOrder.Status.DRAFTED, lines);
              procurement.saveOrder(order);
              publish(order);
              return order;
            }));
  }

  /** Approves a draft; needs the APPROVE_PURCHASE permission (managers). */
  public PurchaseOrder approve(String orderId, Actor by) {
    by.require(Permission.APPROVE_PURCHASE, "approve a purchase order");
    return transition(orderId, PurchaseOrder.Status.DRAFTED, PurchaseOrder.Status.APPROVED);
  }

  /** Marks an approved order as sent to the supplier. */
  public PurchaseOrder send(String orderId) {
    return transition(orderId, PurchaseOrder.Status.APPROVED, PurchaseOrder.Status.SENT);
  }

  /**
   * Receives goods against a sent order, in part or in full: books each quantity into the store's
   * floor stock and sets the SKU's cost to the order's unit cost.
   */
  public PurchaseOrder receive(String orderId, Map<Sku, BigDecimal> arrived) {
    return work.run(
        () -> {
          PurchaseOrder order = find(orderId);
          if (order.status() != PurchaseOrder.Status.SENT
              && order.status() != PurchaseOrder.Status.PARTIALLY_RECEIVED) {
            throw new RuleViolationException(
                ErrorCode.SHIFT_STATE,
                "purchase order " + orderId + " is " + order.status() + ", not sent");
          }
          List<PurchaseOrder.Line> lines = new ArrayList<>();
          for (PurchaseOrder.Line l : order.lines()) {
            BigDecimal q = arrived.getOrDefault(l.sku(), BigDecimal.ZERO);
            if (q.signum() < 0 || l.received().add(q).compareTo(l.ordered()) > 0) {
              throw new InvalidInputException(
                  ErrorCode.VALIDATION,
                  l.sku()
                      + ": "
                      + l.ordered().subtract(l.received()).toPlainString()
                      + " still expected, "
                      + q.toPlainString()
                      + " received");
            }
            if (q.signum() > 0) {
              stock.receive(StockKey.floor(order.store(), l.sku()), q, orderId);
              updateCost(l);
            }
            lines.add(
                new PurchaseOrder.Line(l.sku(), l.ordered(), l.received().add(q), l.unitCost()));
          }
          for (Sku sku : arrived.keySet()) {
            if (order.lines().stream().noneMatch(l -> l.sku().equals(sku))) {
              throw new InvalidInputException(
                  ErrorCode.VALIDATION, sku + " is not on purchase order " + orderId);
            }
          }
          boolean complete = lines.stream().allMatch(l -> l.received().compareTo(l.ordered()) == 0);
          PurchaseOrder updated =
              order.with(
                  complete
                      ? PurchaseOrder.Status.RECEIVED
                      : PurchaseOrder.Status.PARTIALLY_RECEIVED,
                  lines);
          procurement.saveOrder(updated);
          publish(updated);
          return updated;
        });
  }

  private void updateCost(PurchaseOrder.Line line) {
    catalog
        .item(line.sku())
        .flatMap(i -> catalog.product(i.product()))
        .ifPresent(
            p -> {
              List<Variant> variants =
                  p.variants().stream()
                      .map(v -> v.sku().equals(line.sku()) ? v.withCost(line.unitCost()) : v)
                      .toList();
              catalog.save(
                  new Product(
                      p.id(), p.name(), p.category(), p.taxCategory(), p.status(), variants));
            });
  }

  private PurchaseOrder transition(
      String orderId, PurchaseOrder.Status from, PurchaseOrder.Status to) {
    return work.run(
        () -> {
          PurchaseOrder order = find(orderId);
          if (order.status() != from) {
            throw new RuleViolationException(
                ErrorCode.SHIFT_STATE,
                "purchase order " + orderId + " is " + order.status() + ", not " + from);
          }
          PurchaseOrder updated = order.with(to, order.lines());
          procurement.saveOrder(updated);
          publish(updated);
          return updated;
        });
  }

  private PurchaseOrder find(String orderId) {
    return procurement
        .order(orderId)
        .orElseThrow(
            () -> new NotFoundException(ErrorCode.NOT_FOUND, "no purchase order " + orderId));
  }

  private void publish(PurchaseOrder order) {
    outbox.append(
        EventEnvelope.of(
            new DomainEvent.PurchaseOrderChanged(
                order.store(), order.id(), order.supplierId(), order.status().name()),
            clock.instant(),
            order.id()));
  }
}
