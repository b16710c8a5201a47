package io.vruksha.retail.postgres;

import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.analytics.DailySales;
import io.vruksha.retail.analytics.ProductPerformance;
import io.vruksha.retail.analytics.SalesAnalytics;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.money.ExactAmount;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

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

  /** One sale is a batch of one: the same two upserts as {@link #addSales}. */
  @Override
  public void addSale(LocalDate day, DomainEvent.SaleCompleted sale) {
    addSales(List.of(new DatedSale(day, sale)));
  }

  /**
   * Adds the sales up first, per store and day and per store, day and SKU, then writes each total
   * in one upsert of arrays per table: a batch of a busy till's sales costs two statements, not two
   * per sale. Each upsert writes its rows in key order, so two batches lock a table's rows in the
   * same order.
   */
  @Override
  public void addSales(List<DatedSale> sales) {
    if (sales.isEmpty()) {
      return;
    }
    Map<List<String>, Figures> days = new TreeMap<>(KEY_ORDER);
    Map<List<String>, Figures> skus = new TreeMap<>(KEY_ORDER);
    Set<StoreId> stores = new HashSet<>();
    for (DatedSale dated : sales) {
      DomainEvent.SaleCompleted sale = dated.sale();
      stores.add(sale.store());
      String store = sale.store().value();
      String day = dated.day().toString();
      Figures d =
          days.computeIfAbsent(
              List.of(store, day), k -> new Figures(sale.total().currency().getCurrencyCode()));
      d.count++;
      d.add(sale.total());
      Set<String> counted = new HashSet<>();
      for (DomainEvent.SoldLine l : sale.lines()) {
        d.units = d.units.add(l.quantity());
        Figures f =
            skus.computeIfAbsent(
                List.of(store, day, l.sku()),
                k -> new Figures(l.total().currency().getCurrencyCode()));
        if (counted.add(l.sku())) {
          f.count++; // a SKU on two lines of one sale counts one sale
        }
        f.units = f.units.add(l.quantity());
        f.add(l.total());
      }
    }
    work.runFor(
        stores,
        () ->
            work.with(
                h -> {
                  h.createUpdate(
                          AnalyticsSql.addDailySales(
                              "SELECT * FROM unnest(CAST(:s AS text[]), CAST(:d AS date[]),"
                                  + " CAST(:c AS text[]), CAST(:n AS bigint[]),"
                                  + " CAST(:u AS numeric[]), CAST(:g AS numeric[]))"))
                      .bindArray("s", String.class, column(days, 0))
                      .bindArray("d", String.class, column(days, 1))
                      .bindMap(figures(days, "g"))
                      .execute();
                  if (!skus.isEmpty()) {
                    h.createUpdate(
                            AnalyticsSql.addProductPerformance(
                                "SELECT * FROM unnest(CAST(:s AS text[]), CAST(:d AS date[]),"
                                    + " CAST(:k AS text[]), CAST(:c AS text[]),"
                                    + " CAST(:n AS bigint[]), CAST(:u AS numeric[]),"
                                    + " CAST(:r AS numeric[]))"))
                        .bindArray("s", String.class, column(skus, 0))
                        .bindArray("d", String.class, column(skus, 1))
                        .bindArray("k", String.class, column(skus, 2))
                        .bindMap(figures(skus, "r"))
                        .execute();
                  }
                  return null;
                }));
  }

  /** Keys compared part by part, so the rows are written in the tables' key order. */
  private static final Comparator<List<String>> KEY_ORDER =
      (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
          int c = a.get(i).compareTo(b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return 0;
      };

  /** A running total: sales counted, units, and money in one currency. */
  private static final class Figures {
    final String currency;
    long count;
    BigDecimal units = BigDecimal.ZERO;
    BigDecimal amount = BigDecimal.ZERO;

    Figures(String currency) {
      this.currency = currency;
    }

    /** Adds {@code money}, which must be in these figures' currency (as {@link Money#plus}). */
    void add(Money money) {
      if (!money.currency().getCurrencyCode().equals(currency)) {
        throw new IllegalArgumentException(
            "cannot add " + money + " to figures in " + currency + ": one store, one currency");
      }
      amount = amount.add(money.amount());
    }
  }

  /** Part {@code index} of every key, in key order. */
  private static Object[] column(Map<List<String>, Figures> totals, int index) {
    return totals.keySet().stream().map(k -> k.get(index)).toArray();
  }

  /**
   * The totals as arrays in key order: {@code c} currency, {@code n} sales counted, {@code u}
   * units, and the money under {@code amount}; as text, which the statement casts.
   */
  private static Map<String, Object> figures(Map<List<String>, Figures> totals, String amount) {
    List<Figures> f = List.copyOf(totals.values());
    return Map.of(
        "c",
        array(f.stream().map(x -> x.currency)),
        "n",
        array(f.stream().map(x -> Long.toString(x.count))),
        "u",
        array(f.stream().map(x -> x.units.toPlainString())),
        amount,
        array(f.stream().map(x -> x.amount.toPlainString())));
  }

  private static String[] array(Stream<String> values) {
    return values.toArray(String[]::new);
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
                    h.createUpdate(AnalyticsSql.ADD_RETURN)
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
                              LocalDate day = rs.getObject("day", LocalDate.class);
                              try {
                                Currency c = Money.currency(rs.getString("currency"));
                                return new DailySales(
                                    store,
                                    day,
                                    rs.getLong("sales_count"),
                                    rs.getBigDecimal("units"),
                                    ExactAmount.of(rs.getBigDecimal("gross"), c),
                                    rs.getLong("returns_count"),
                                    ExactAmount.of(rs.getBigDecimal("refunds"), c));
                              } catch (RuntimeException e) {
                                throw unreadable("sales_analytics_daily", store, day, "", e);
                              }
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
                            (rs, ctx) -> {
                              LocalDate day = rs.getObject("day", LocalDate.class);
                              String sku = rs.getString("sku");
                              try {
                                return new ProductPerformance(
                                    store,
                                    day,
                                    sku,
                                    rs.getLong("sales_count"),
                                    rs.getBigDecimal("units"),
                                    ExactAmount.of(
                                        rs.getBigDecimal("revenue"),
                                        Money.currency(rs.getString("currency"))));
                              } catch (RuntimeException e) {
                                throw unreadable("product_performance", store, day, sku, e);
                              }
                            })
                        .list()));
  }

  /** A row that does not make a valid figure, named by its table, store, day and SKU. */
  private static UnavailableException unreadable(
      String table, StoreId store, LocalDate day, String sku, RuntimeException e) {
    return new UnavailableException(
        "a stored "
            + table
            + " row (store "
            + store
            + ", day "
            + day
            + (sku.isEmpty() ? "" : ", SKU " + sku)
            + ") cannot be read: "
            + e.getMessage(),
        e);
  }
}
