package io.vruksha.retail.analytics;

import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.money.ExactAmount;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Port: the daily sales and product performance aggregates (the reference's {@code
 * sales_analytics_daily} and {@code product_performance}). Writes add to a day's figures inside the
 * current unit of work; the caller makes sure each event is added once ({@link
 * io.vruksha.retail.event.HandledEvents}). Implementations must be thread-safe.
 */
public interface SalesAnalytics {

  /** Adds a completed sale to {@code day}'s figures of its store and of each SKU it sold. */
  void addSale(LocalDate day, DomainEvent.SaleCompleted sale);

  /** A completed sale and the business day it counts on. */
  record DatedSale(LocalDate day, DomainEvent.SaleCompleted sale) {
    public DatedSale {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(sale, "sale");
    }
  }

  /**
   * Adds every sale of {@code sales}, each as {@link #addSale} would: the same figures, with
   * whatever stores and days they span. Adapters that can add them up first (one upsert per store
   * and day, one per SKU) override it; a reaction taking events in batches calls it.
   */
  default void addSales(List<DatedSale> sales) {
    for (DatedSale s : sales) {
      addSale(s.day(), s.sale());
    }
  }

  /** Adds a completed return's refund to {@code day}'s figures of its store. */
  void addReturn(LocalDate day, DomainEvent.ReturnCompleted completed);

  /** The store's days from {@code from} to {@code to}, both included, that had any activity. */
  List<DailySales> daily(StoreId store, LocalDate from, LocalDate to);

  /**
   * The store's SKU figures per day from {@code from} to {@code to}, both included, ordered by day
   * then SKU.
   */
  List<ProductPerformance> products(StoreId store, LocalDate from, LocalDate to);

  /**
   * The sum of daily figures over a range, in {@code zero}'s currency when there are none. Exact:
   * the days' exact figures are added, never their rounded ones, so the total shown is the exact
   * total rounded once.
   */
  static DailySales total(StoreId store, LocalDate from, List<DailySales> days, Money zero) {
    long sales = 0;
    long returns = 0;
    BigDecimal units = BigDecimal.ZERO;
    ExactAmount gross = ExactAmount.of(zero);
    ExactAmount refunds = ExactAmount.of(zero);
    for (DailySales d : days) {
      sales += d.sales();
      returns += d.returns();
      units = units.add(d.units());
      gross = gross.plus(d.gross());
      refunds = refunds.plus(d.refunds());
    }
    return new DailySales(store, from, sales, units, gross, returns, refunds);
  }

  /**
   * One SKU's figures over a range: the days of {@link #products} added up.
   *
   * @param sku the SKU
   * @param sales sales that had it on a line
   * @param units units sold
   * @param revenue what its lines took in, exactly
   */
  record SkuTotal(String sku, long sales, BigDecimal units, ExactAmount revenue) {
    public SkuTotal {
      Objects.requireNonNull(sku, "sku");
      Objects.requireNonNull(units, "units");
      Objects.requireNonNull(revenue, "revenue");
    }
  }

  /**
   * The per-day SKU figures added up per SKU, exactly, best sellers by exact revenue first (ties by
   * SKU): what the product performance report of the CLI and the API lists.
   */
  static List<SkuTotal> bySku(List<ProductPerformance> days) {
    Map<String, SkuTotal> bySku = new TreeMap<>();
    for (ProductPerformance p : days) {
      bySku.merge(
          p.sku(),
          new SkuTotal(p.sku(), p.sales(), p.units(), p.revenue()),
          (a, b) ->
              new SkuTotal(
                  a.sku(),
                  a.sales() + b.sales(),
                  a.units().add(b.units()),
                  a.revenue().plus(b.revenue())));
    }
    List<SkuTotal> lines = new ArrayList<>(bySku.values());
    lines.sort(Comparator.comparing(SkuTotal::revenue).reversed().thenComparing(SkuTotal::sku));
    return List.copyOf(lines);
  }
}
