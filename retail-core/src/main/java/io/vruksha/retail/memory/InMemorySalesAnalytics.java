package io.vruksha.retail.memory;

import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.analytics.ProductPerformance;
import io.vruksha.retail.analytics.SalesAnalytics;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.money.ExactAmount;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link SalesAnalytics} in memory. Thread-safe (one monitor); additions undo on rollback. */
public final class InMemorySalesAnalytics implements SalesAnalytics {

  private record DayKey(StoreId store, LocalDate day) {}

  private record SkuKey(StoreId store, LocalDate day, String sku) {}

  private final Map<DayKey, DailySales> days = new HashMap<>();
  private final Map<SkuKey, ProductPerformance> products = new HashMap<>();

  @Override
  public synchronized void addSale(LocalDate day, DomainEvent.SaleCompleted sale) {
    ExactAmount zero = ExactAmount.zero(sale.total().currency());
    BigDecimal units =
        sale.lines().stream()
            .map(DomainEvent.SoldLine::quantity)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    DayKey key = new DayKey(sale.store(), day);
    DailySales before = days.get(key);
    DailySales base =
        before != null
            ? before
            : new DailySales(sale.store(), day, 0, BigDecimal.ZERO, zero, 0, zero);
    put(
        days,
        key,
        new DailySales(
            sale.store(),
            day,
            base.sales() + 1,
            base.units().add(units),
            base.gross().plus(sale.total()),
            base.returns(),
            base.refunds()));
    Map<String, ProductPerformance> perSku = new HashMap<>();
    for (DomainEvent.SoldLine line : sale.lines()) {
      perSku.merge(
          line.sku(),
          new ProductPerformance(
              sale.store(), day, line.sku(), 1, line.quantity(), ExactAmount.of(line.total())),
          (a, b) ->
              new ProductPerformance(
                  a.store(),
                  day,
                  a.sku(),
                  1,
                  a.units().add(b.units()),
                  a.revenue().plus(b.revenue())));
    }
    for (ProductPerformance p : perSku.values()) {
      SkuKey k = new SkuKey(sale.store(), day, p.sku());
      ProductPerformance old = products.get(k);
      put(
          products,
          k,
          old == null
              ? p
              : new ProductPerformance(
                  p.store(),
                  day,
                  p.sku(),
                  old.sales() + 1,
                  old.units().add(p.units()),
                  old.revenue().plus(p.revenue())));
    }
  }

  @Override
  public synchronized void addReturn(LocalDate day, DomainEvent.ReturnCompleted completed) {
    Money refund = completed.refund();
    ExactAmount zero = ExactAmount.zero(refund.currency());
    DayKey key = new DayKey(completed.store(), day);
    DailySales before = days.get(key);
    DailySales base =
        before != null
            ? before
            : new DailySales(completed.store(), day, 0, BigDecimal.ZERO, zero, 0, zero);
    put(
        days,
        key,
        new DailySales(
            completed.store(),
            day,
            base.sales(),
            base.units(),
            base.gross(),
            base.returns() + 1,
            base.refunds().plus(refund.isNegative() ? refund.negate() : refund)));
  }

  private <K, V> void put(Map<K, V> map, K key, V value) {
    V old = map.put(key, value);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            if (old == null) {
              map.remove(key);
            } else {
              map.put(key, old);
            }
          }
        });
  }

  @Override
  public synchronized List<DailySales> daily(StoreId store, LocalDate from, LocalDate to) {
    List<DailySales> out = new ArrayList<>();
    for (DailySales d : days.values()) {
      if (d.store().equals(store) && !d.day().isBefore(from) && !d.day().isAfter(to)) {
        out.add(d);
      }
    }
    out.sort(Comparator.comparing(DailySales::day));
    return out;
  }

  @Override
  public synchronized List<ProductPerformance> products(
      StoreId store, LocalDate from, LocalDate to) {
    List<ProductPerformance> out = new ArrayList<>();
    for (ProductPerformance p : products.values()) {
      if (p.store().equals(store) && !p.day().isBefore(from) && !p.day().isAfter(to)) {
        out.add(p);
      }
    }
    out.sort(Comparator.comparing(ProductPerformance::day).thenComparing(ProductPerformance::sku));
    return out;
  }
}
