package io.vruksha.retail.postgres;

import io.vruksha.retail.stock.StockLedger;
import io.vruksha.retail.stock.StockLedgerContract;

class PostgresStockLedgerIT extends StockLedgerContract {

  @Override
  protected StockLedger newLedger() {
    return new PostgresStockLedger(TestDatabase.fresh());
  }
}
