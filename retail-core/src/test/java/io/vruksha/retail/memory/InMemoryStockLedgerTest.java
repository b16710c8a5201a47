package io.vruksha.retail.memory;

import io.vruksha.retail.stock.StockLedger;
import io.vruksha.retail.stock.StockLedgerContract;

class InMemoryStockLedgerTest extends StockLedgerContract {

  @Override
  protected StockLedger newLedger() {
    return new InMemoryStockLedger();
  }
}
