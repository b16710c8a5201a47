package io.vruksha.retail.sale;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.SellableItem;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.pricing.PriceBook;
import io.vruksha.retail.pricing.PriceChange;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.Stock;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Permission;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.store.Stores;
import io.vruksha.retail.tax.TaxCalculator;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxLine;
import io.vruksha.retail.tax.TaxResult;
import io.vruksha.retail.tax.TaxRules;
import io.vruksha.retail.work.UnitOfWork;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Returns without a receipt: only with the {@link Permission#NO_RECEIPT_RETURN} permission, and
 * refunded at the lowest price the item had in the store over the last {@code lookback} — the
 * lowest list price in effect then and the lowest unit price it actually sold for — so a missing
 * receipt never refunds more than the customer can have paid. Paid in cash, with a credit note.
 */
public final class NoReceiptReturns {

  private final Stores stores;
  private final Catalog catalog;
  private final PriceBook prices;
  private final TaxRules taxRules;
  private final Sales sales;
  private final Stock stock;
  private final FiscalJournal journal;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final Clock clock;
  private final Duration lookback;

  /**
   * No-receipt returns over the engine's ports, looking back {@code lookback} for the lowest price.
   */
  public NoReceiptReturns(
      Stores stores,
      Catalog catalog,
      PriceBook prices,
      TaxRules taxRules,
      Sales sales,
      Stock stock,
      FiscalJournal journal,
      Outbox outbox,
      UnitOfWork work,
      Clock clock,
      Duration lookback) {
    this.stores = Objects.requireNonNull(stores, "stores");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.prices = Objects.requireNonNull(prices, "prices");
    this.taxRules = Objects.requireNonNull(taxRules, "taxRules");
    this.sales = Objects.requireNonNull(sales, "sales");
    this.stock = Objects.requireNonNull(stock, "stock");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lookback = Objects.requireNonNull(lookback, "lookback");
  }

  /** The lowest unit price (tax as shelf prices show it) of {@code sku} in the store recently. */
  public Money lowestRecentPrice(Store store, Sku sku, Instant now) {
    Instant from = now.minus(lookback);
    List<Money> candidates = new ArrayList<>();
    for (PriceChange c : prices.history(sku)) {
      boolean inForce = !c.at().isAfter(now);
      boolean list =
          prices
              .list(c.list())
              .map(l -> l.store().map(store.id()::equals).orElse(true))
              .orElse(false);
      if (inForce && list && c.after().currency().equals(store.currency())) {
        candidates.add(
            Money.of(
                c.after()
                    .amount()
                    .setScale(Money.minorUnits(store.currency()), RoundingMode.HALF_UP),
                store.currency()));
      }
    }
    for (Sale s : sales.list(store.id())) {
      if (s.at().isBefore(from)) {
        continue;
      }
      for (PricedLine l : s.basket().lines()) {
        if (l.sku().equals(sku) && l.quantity().value().signum() > 0) {
          candidates.add(
              Money.of(
                  l.total()
                      .amount()
                      .divide(
                          l.quantity().value(),
                          Money.minorUnits(store.currency()),
                          RoundingMode.DOWN),
                  store.currency()));
        }
      }
    }
    return candidates.stream()
        .min(Money::compareTo)
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.PRICE_NOT_FOUND, "no recent price of " + sku + " to refund at"));
  }

  /** Takes back {@code quantity} of {@code sku} without a receipt and refunds it in cash. */
  public ReturnReceipt accept(
      StoreId storeId, Sku sku, Quantity quantity, boolean restock, Actor by) {
    by.require(Permission.NO_RECEIPT_RETURN, "take back goods without a receipt");
    quantity.requirePositive();
    return work.runFor(
        storeId,
        () -> {
          Store store =
              stores
                  .find(storeId)
                  .orElseThrow(
                      () -> new NotFoundException(ErrorCode.NOT_FOUND, "no store " + storeId));
          SellableItem item =
              catalog
                  .item(sku)
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              ErrorCode.SKU_UNKNOWN, "no product has the SKU " + sku));
          Instant at = clock.instant();
          Money unit = lowestRecentPrice(store, sku, at);
          Money refund = unit.times(quantity.value(), RoundingMode.HALF_UP);
          TaxJurisdiction jurisdiction =
              taxRules
                  .jurisdictionOf(storeId)
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              ErrorCode.TAX_RULE_MISSING,
                              "store " + storeId + " has no tax jurisdiction"));
          TaxResult tax =
              new TaxCalculator()
                  .calculate(
                      jurisdiction,
                      List.of(
                          new TaxLine(
                              0,
                              item.taxCategory(),
                              refund,
                              jurisdiction.pricesIncludeTax(),
                              quantity)),
                      Optional.empty());
          String id = "NR-" + UUID.randomUUID();
          if (restock) {
            stock.book(
                StockKey.floor(storeId, sku),
                quantity.value(),
                MovementReason.RETURN,
                id,
                "no receipt",
                id);
          }
          String number = journal.nextNumber(storeId, Returns.CREDIT_NOTE_SERIES, at);
          Money gross = tax.gross();
          FiscalDocument note =
              journal.append(
                  storeId,
                  DocumentKind.CREDIT_NOTE,
                  number,
                  at,
                  gross.negate(),
                  tax.tax().negate(),
                  "no receipt|"
                      + by.staffId()
                      + "\nL|"
                      + sku
                      + "|"
                      + quantity.value().toPlainString()
                      + "|"
                      + gross.negate()
                      + "\n");
          ReturnReceipt receipt =
              new ReturnReceipt(
                  id,
                  "",
                  storeId,
                  number,
                  at,
                  List.of(
                      new ReturnReceipt.Line(
                          -1, sku.value(), quantity.value(), gross, tax.tax(), restock, 0)),
                  gross,
                  tax.tax(),
                  "CASH",
                  note.hash(),
                  Optional.empty());
          sales.saveReturn(receipt);
          outbox.append(
              EventEnvelope.of(
                  new DomainEvent.ReturnCompleted(storeId, id, "", number, gross), at, id));
          return receipt;
        });
  }
}
