package io.vruksha.retail.postgres;

import io.vruksha.retail.sync.TillLedger;
import io.vruksha.retail.sync.TillLedgerContract;

class PostgresTillLedgerIT extends TillLedgerContract {

  @Override
  protected TillLedger newLedger() {
    return new PostgresTillLedger(TestDatabase.fresh());
  }
}
