package io.vruksha.retail.sqlite;

import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.analytics.ProductPerformance;
import io.vruksha.retail.analytics.SalesAnalytics;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.money.ExactAmount;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link SalesAnalytics} on SQLite ({@code sales_analytics_daily}, {@code product_performance}).
 * SQLite cannot add decimals exactly, so the figures are added in Java, the way the in-memory
 * adapter adds them, inside one unit of work: a batch reads each row it touches once, adds every
 * sale to it in order, and writes it back once. The store has one writer at a time, so no addition
 * is lost between the read and the write. Thread-safe.
 */
public final class SqliteSalesAnalytics implements SalesAnalytics, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The analytics tables of {@code db}. */
  public SqliteSalesAnalytics(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public void addSale(LocalDate day, DomainEvent.SaleCompleted sale) {
    addSales(List.of(new DatedSale(day, sale)));
  }

  @Override
  public void addSales(List<DatedSale> sales) {
    if (sales.isEmpty()) {
      return;
    }
    work.write(
        h -> {
          Figures figures = new Figures(h);
          sales.forEach(s -> figures.add(s.day(), s.sale()));
          figures.write();
          return null;
        });
  }

  @Override
  public void addReturn(LocalDate day, DomainEvent.ReturnCompleted completed) {
    work.write(
        h -> {
          Figures figures = new Figures(h);
          figures.add(day, completed);
          figures.write();
          return null;
        });
  }

  private record DayKey(StoreId store, LocalDate day) {}

  private record SkuKey(StoreId store, LocalDate day, String sku) {}

  /** The rows a batch touches, each read once and written back once. */
  private static final class Figures {
    private final Handle h;
    private final Map<DayKey, Optional<DailySales>> days = new LinkedHashMap<>();
    private final Map<SkuKey, Optional<ProductPerformance>> skus = new LinkedHashMap<>();

    Figures(Handle h) {
      this.h = h;
    }

    private Optional<DailySales> day(DayKey k) {
      return days.computeIfAbsent(
          k, x -> readDay(h, x.store(), x.day(), x.day()).stream().findFirst());
    }

    private Optional<ProductPerformance> sku(SkuKey k) {
      return skus.computeIfAbsent(
          k,
          x ->
              h.createQuery(
                      "SELECT * FROM product_performance"
                          + " WHERE store_id = :s AND day = :d AND sku = :k")
                  .bind("s", x.store().value())
                  .bind("d", x.day().toEpochDay())
                  .bind("k", x.sku())
                  .map((rs, ctx) -> product(rs, x.store()))
                  .findOne());
    }

    /** Adds a sale as the in-memory adapter does: the store's day, then each SKU it sold once. */
    void add(LocalDate day, DomainEvent.SaleCompleted sale) {
      ExactAmount zero = ExactAmount.zero(sale.total().currency());
      BigDecimal units =
          sale.lines().stream()
              .map(DomainEvent.SoldLine::quantity)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      DayKey key = new DayKey(sale.store(), day);
      DailySales base =
          day(key)
              .orElseGet(
                  () -> new DailySales(sale.store(), day, 0, BigDecimal.ZERO, zero, 0, zero));
      DailySales next =
          new DailySales(
              sale.store(),
              day,
              base.sales() + 1,
              base.units().add(units),
              base.gross().plus(sale.total()),
              base.returns(),
              base.refunds());
      Map<String, ProductPerformance> perSku = new LinkedHashMap<>();
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
      Map<SkuKey, ProductPerformance> nextSkus = new LinkedHashMap<>();
      for (ProductPerformance p : perSku.values()) {
        SkuKey k = new SkuKey(sale.store(), day, p.sku());
        nextSkus.put(
            k,
            sku(k)
                .map(
                    old ->
                        new ProductPerformance(
                            p.store(),
                            day,
                            p.sku(),
                            old.sales() + 1,
                            old.units().add(p.units()),
                            old.revenue().plus(p.revenue())))
                .orElse(p));
      }
      // only once every figure of the sale added up (a currency mismatch throws before)
      days.put(key, Optional.of(next));
      nextSkus.forEach((k, p) -> skus.put(k, Optional.of(p)));
    }

    /** Adds a return's refund (as a positive amount) to its store's day. */
    void add(LocalDate day, DomainEvent.ReturnCompleted completed) {
      Money refund = completed.refund();
      ExactAmount zero = ExactAmount.zero(refund.currency());
      DayKey key = new DayKey(completed.store(), day);
      DailySales base =
          day(key)
              .orElseGet(
                  () -> new DailySales(completed.store(), day, 0, BigDecimal.ZERO, zero, 0, zero));
      days.put(
          key,
          Optional.of(
              new DailySales(
                  completed.store(),
                  day,
                  base.sales(),
                  base.units(),
                  base.gross(),
                  base.returns() + 1,
                  base.refunds().plus(refund.isNegative() ? refund.negate() : refund))));
    }

    void write() {
      for (Optional<DailySales> row : days.values()) {
        row.ifPresent(
            d ->
                h.createUpdate(
                        "INSERT OR REPLACE INTO sales_analytics_daily"
                            + " VALUES (:s, :d, :c, :n, :u, :g, :rn, :r)")
                    .bind("s", d.store().value())
                    .bind("d", d.day().toEpochDay())
                    .bind("c", d.gross().currency().getCurrencyCode())
                    .bind("n", d.sales())
                    .bind("u", SqliteValues.decimal(d.units()))
                    .bind("g", SqliteValues.decimal(d.gross().amount()))
                    .bind("rn", d.returns())
                    .bind("r", SqliteValues.decimal(d.refunds().amount()))
                    .execute());
      }
      for (Optional<ProductPerformance> row : skus.values()) {
        row.ifPresent(
            p ->
                h.createUpdate(
                        "INSERT OR REPLACE INTO product_performance"
                            + " VALUES (:s, :d, :k, :c, :n, :u, :r)")
                    .bind("s", p.store().value())
                    .bind("d", p.day().toEpochDay())
                    .bind("k", p.sku())
                    .bind("c", p.revenue().currency().getCurrencyCode())
                    .bind("n", p.sales())
                    .bind("u", SqliteValues.decimal(p.units()))
                    .bind("r", SqliteValues.decimal(p.revenue().amount()))
                    .execute());
      }
    }
  }

  @Override
  public List<DailySales> daily(StoreId store, LocalDate from, LocalDate to) {
    return work.with(h -> readDay(h, store, from, to));
  }

  private static List<DailySales> readDay(Handle h, StoreId store, LocalDate from, LocalDate to) {
    return h.createQuery(
            "SELECT * FROM sales_analytics_daily WHERE store_id = :s"
                + " AND day BETWEEN :f AND :t ORDER BY day")
        .bind("s", store.value())
        .bind("f", from.toEpochDay())
        .bind("t", to.toEpochDay())
        .map(
            (rs, ctx) -> {
              ExactAmount gross = amount(rs, "gross");
              return new DailySales(
                  store,
                  LocalDate.ofEpochDay(rs.getLong("day")),
                  rs.getLong("sales_count"),
                  SqliteValues.decimal(rs.getString("units")),
                  gross,
                  rs.getLong("returns_count"),
                  amount(rs, "refunds"));
            })
        .list();
  }

  @Override
  public List<ProductPerformance> products(StoreId store, LocalDate from, LocalDate to) {
    List<ProductPerformance> products =
        new ArrayList<>(
            work.with(
                h ->
                    h.createQuery(
                            "SELECT * FROM product_performance WHERE store_id = :s"
                                + " AND day BETWEEN :f AND :t")
                        .bind("s", store.value())
                        .bind("f", from.toEpochDay())
                        .bind("t", to.toEpochDay())
                        .map((rs, ctx) -> product(rs, store))
                        .list()));
    // in Java, not SQL: SKUs in String order (UTF-16), which SQLite's byte order is not for all
    products.sort(
        Comparator.comparing(ProductPerformance::day).thenComparing(ProductPerformance::sku));
    return products;
  }

  private static ProductPerformance product(ResultSet rs, StoreId store) throws SQLException {
    return new ProductPerformance(
        store,
        LocalDate.ofEpochDay(rs.getLong("day")),
        rs.getString("sku"),
        rs.getLong("sales_count"),
        SqliteValues.decimal(rs.getString("units")),
        amount(rs, "revenue"));
  }

  private static ExactAmount amount(ResultSet rs, String column) throws SQLException {
    return ExactAmount.of(
        SqliteValues.decimal(rs.getString(column)), Money.currency(rs.getString("currency")));
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
