package io.vruksha.retail.postgres;

/**
 * The one place that says how sales are added to the analytics tables ({@code
 * sales_analytics_daily}, {@code product_performance}): which columns a row has and how a row added
 * to a day (a day's SKU) already there adds up with it. The analytics reaction ({@link
 * PostgresSalesAnalytics}) and the sales-history import ({@link PostgresSalesHistoryImport}) feed
 * them from different sources, each a {@code SELECT} of the columns in this order.
 */
final class AnalyticsSql {

  private AnalyticsSql() {}

  /** The columns a {@link #addDailySales} source selects, in order. */
  static final String DAILY_SALES_COLUMNS = "store_id, day, currency, sales_count, units, gross";

  /** The columns a {@link #addProductPerformance} source selects, in order. */
  static final String PRODUCT_PERFORMANCE_COLUMNS =
      "store_id, day, sku, currency, sales_count, units, revenue";

  /** Adds the sales of {@code source} to their store's day: counts, units and gross add up. */
  static String addDailySales(String source) {
    return "INSERT INTO sales_analytics_daily ("
        + DAILY_SALES_COLUMNS
        + ") "
        + source
        + " ON CONFLICT (store_id, day) DO UPDATE SET"
        + " sales_count = sales_analytics_daily.sales_count + EXCLUDED.sales_count,"
        + " units = sales_analytics_daily.units + EXCLUDED.units,"
        + " gross = sales_analytics_daily.gross + EXCLUDED.gross";
  }

  /**
   * Adds one return to its store's day: {@code :s} store, {@code :d} day, {@code :c} currency,
   * {@code :r} the refund (positive).
   */
  static final String ADD_RETURN =
      "INSERT INTO sales_analytics_daily (store_id, day, currency, returns_count, refunds)"
          + " VALUES (:s, :d, :c, 1, :r)"
          + " ON CONFLICT (store_id, day) DO UPDATE SET"
          + " returns_count = sales_analytics_daily.returns_count + 1,"
          + " refunds = sales_analytics_daily.refunds + EXCLUDED.refunds";

  /**
   * Inserts the rows of {@code source} into {@code product_performance} as they are: for days whose
   * SKUs have no row yet (a unique violation says one had).
   */
  static String insertProductPerformance(String source) {
    return "INSERT INTO product_performance (" + PRODUCT_PERFORMANCE_COLUMNS + ") " + source;
  }

  /** Adds the rows of {@code source} to their day's SKU: counts, units and revenue add up. */
  static String addProductPerformance(String source) {
    return insertProductPerformance(source)
        + " ON CONFLICT (store_id, day, sku) DO UPDATE SET"
        + " sales_count = product_performance.sales_count + EXCLUDED.sales_count,"
        + " units = product_performance.units + EXCLUDED.units,"
        + " revenue = product_performance.revenue + EXCLUDED.revenue";
  }
}
