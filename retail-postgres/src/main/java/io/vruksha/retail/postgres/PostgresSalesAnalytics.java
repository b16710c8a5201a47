package io.vruksha.retail.postgres;

import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.analytics.ProductPerformance;
import io.vruksha.retail.analytics.SalesAnalytics;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link SalesAnalytics} on PostgreSQL ({@code sales_analytics_daily}, {@code
 * product_performance}): each addition is one upsert that adds to the day's row, so concurrent
 * reactions never lose an update. Thread-safe.
 */
public final class PostgresSalesAnalytics implements SalesAnalytics {

  private final PostgresUnitOfWork work;

  /** The analytics tables of {@code db}. */
  public PostgresSalesAnalytics(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void addSale(LocalDate day, DomainEvent.SaleCompleted sale) {
    BigDecimal units =
        sale.lines().stream()
            .map(DomainEvent.SoldLine::quantity)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    // one row per SKU even when it sits on several lines of the sale
    Map<String, DomainEvent.SoldLine> perSku = new TreeMap<>();
    for (DomainEvent.SoldLine l : sale.lines()) {
      perSku.merge(
          l.sku(),
          l,
          (a, b) ->
              new DomainEvent.SoldLine(
                  a.sku(), a.quantity().add(b.quantity()), a.total().plus(b.total())));
    }
    work.runFor(
        Set.of(sale.store()),
        () ->
            work.with(
                h -> {
                  h.createUpdate(
                          "INSERT INTO sales_analytics_daily"
                              + " (store_id, day, currency, sales_count, units, gross)"
                              + " VALUES (:s, :d, :c, 1, :u, :g)"
                              + " ON CONFLICT (store_id, day) DO UPDATE SET"
                              + " sales_count = sales_analytics_daily.sales_count + 1,"
                              + " units = sales_analytics_daily.units + EXCLUDED.units,"
                              + " gross = sales_analytics_daily.gross + EXCLUDED.gross")
                      .bind("s", sale.store().value())
                      .bind("d", day)
                      .bind("c", sale.total().currency().getCurrencyCode())
                      .bind("u", units)
                      .bind("g", sale.total().amount())
                      .execute();
                  var batch =
                      h.prepareBatch(
                          "INSERT INTO product_performance"
                              + " (store_id, day, sku, currency, sales_count, units, revenue)"
                              + " VALUES (:s, :d, :sku, :c, 1, :u, :r)"
                              + " ON CONFLICT (store_id, day, sku) DO UPDATE SET"
                              + " sales_count = product_performance.sales_count + 1,"
                              + " units = product_performance.units + EXCLUDED.units,"
                              + " revenue = product_performance.revenue + EXCLUDED.revenue");
                  for (DomainEvent.SoldLine l : perSku.values()) {
                    batch
                        .bind("s", sale.store().value())
                        .bind("d", day)
                        .bind("sku", l.sku())
                        .bind("c", l.total().currency().getCurrencyCode())
                        .bind("u", l.quantity())
                        .bind("r", l.total().amount())
                        .add();
                  }
                  if (!perSku.isEmpty()) {
                    batch.execute();
                  }
                  return null;
                }));
  }

  @Override
  public void addReturn(LocalDate day, DomainEvent.ReturnCompleted completed) {
    Money refund =
        completed.refund().isNegative() ? completed.refund().negate() : completed.refund();
    work.runFor(
        Set.of(completed.store()),
        () ->
            work.with(
                h ->
                    h.createUpdate(
                            "INSERT INTO sales_analytics_daily"
                                + " (store_id, day, currency, returns_count, refunds)"
                                + " VALUES (:s, :d, :c, 1, :r)"
                                + " ON CONFLICT (store_id, day) DO UPDATE SET"
                                + " returns_count = sales_analytics_daily.returns_count + 1,"
                                + " refunds = sales_analytics_daily.refunds + EXCLUDED.refunds")
                        .bind("s", completed.store().value())
                        .bind("d", day)
                        .bind("c", refund.currency().getCurrencyCode())
                        .bind("r", refund.amount())
                        .execute()));
  }

  @Override
  public List<DailySales> daily(StoreId store, LocalDate from, LocalDate to) {
    return work.runFor(
        Set.of(store),
        () ->
            work.with(
                h ->
                    h.createQuery(
                            "SELECT * FROM sales_analytics_daily WHERE store_id = :s"
                                + " AND day BETWEEN :f AND :t ORDER BY day")
                        .bind("s", store.value())
                        .bind("f", from)
                        .bind("t", to)
                        .map(
                            (rs, ctx) -> {
                              Currency c = Currency.getInstance(rs.getString("currency"));
                              return new DailySales(
                                  store,
                                  rs.getObject("day", LocalDate.class),
                                  rs.getLong("sales_count"),
                                  rs.getBigDecimal("units"),
                                  Money.of(rs.getBigDecimal("gross"), c),
                                  rs.getLong("returns_count"),
                                  Money.of(rs.getBigDecimal("refunds"), c));
                            })
                        .list()));
  }

  @Override
  public List<ProductPerformance> products(StoreId store, LocalDate from, LocalDate to) {
    return work.runFor(
        Set.of(store),
        () ->
            work.with(
                h ->
                    h.createQuery(
                            "SELECT * FROM product_performance WHERE store_id = :s"
                                + " AND day BETWEEN :f AND :t ORDER BY day, sku")
                        .bind("s", store.value())
                        .bind("f", from)
                        .bind("t", to)
                        .map(
                            (rs, ctx) ->
                                new ProductPerformance(
                                    store,
                                    rs.getObject("day", LocalDate.class),
                                    rs.getString("sku"),
                                    rs.getLong("sales_count"),
                                    rs.getBigDecimal("units"),
                                    Money.of(
                                        rs.getBigDecimal("revenue"),
                                        Currency.getInstance(rs.getString("currency")))))
                        .list()));
  }
}
