package io.vruksha.retail.postgres;

import io.vruksha.retail.sale.CartStore;
import io.vruksha.retail.sale.IdempotencyStore;
import io.vruksha.retail.sale.SalePortsContract;
import io.vruksha.retail.sale.Sales;
import io.vruksha.retail.sale.StoreCredits;

/** The sale ports on PostgreSQL. */
class PostgresSalePortsIT extends SalePortsContract {

  @Override
  protected Sales newSales() {
    return new PostgresSales(TestDatabase.fresh());
  }

  @Override
  protected IdempotencyStore newIdempotency() {
    return new PostgresIdempotencyStore(TestDatabase.fresh());
  }

  @Override
  protected StoreCredits newStoreCredits() {
    return new PostgresStoreCredits(TestDatabase.fresh());
  }

  @Override
  protected CartStore newCarts() {
    return new PostgresCartStore(TestDatabase.fresh());
  }
}
