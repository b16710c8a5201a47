package io.vruksha.retail.server.api;

import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.SaleQuery;
import io.vruksha.retail.stock.StockLevel;

/**
 * The server's answer shapes made from the engine's records, as the routes make them: lets the
 * differential test render an in-process engine's reads exactly as the HTTP API would, so the two
 * compare field by field. It sits in the server's package because the factories are package-private
 * there; it is test code and changes nothing in the server.
 */
public final class ServerViews {

  private ServerViews() {}

  /** A sale as {@code GET /sales/{id}} shows it, with {@code returns} the returns against it. */
  public static Views.SaleView sale(Sale sale, int returns) {
    return Views.SaleView.of(
        sale, returns == 0 ? SaleQuery.Status.SOLD : SaleQuery.Status.RETURNED);
  }

  /** A return as {@code POST /returns} and {@code GET /returns} show it. */
  public static Views.ReturnView returned(ReturnReceipt receipt) {
    return Views.ReturnView.of(receipt);
  }

  /** A stock level as {@code GET /stock} shows it. */
  public static StockApi.LevelView level(StockLevel level) {
    return StockApi.LevelView.of(level);
  }
}
