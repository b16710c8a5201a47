package io.vruksha.retail.memory;

import io.vruksha.retail.sale.CartStore;
import io.vruksha.retail.sale.IdempotencyStore;
import io.vruksha.retail.sale.SalePortsContract;
import io.vruksha.retail.sale.Sales;
import io.vruksha.retail.sale.StoreCredits;

class InMemorySalePortsTest extends SalePortsContract {

  @Override
  protected Sales newSales() {
    return new InMemorySales();
  }

  @Override
  protected IdempotencyStore newIdempotency() {
    return new InMemoryIdempotencyStore();
  }

  @Override
  protected StoreCredits newStoreCredits() {
    return new InMemoryStoreCredits();
  }

  @Override
  protected CartStore newCarts() {
    return new InMemoryCartStore();
  }
}
