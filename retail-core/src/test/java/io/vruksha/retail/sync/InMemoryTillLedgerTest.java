package io.vruksha.retail.sync;

import io.vruksha.retail.memory.InMemoryTillLedger;

class InMemoryTillLedgerTest extends TillLedgerContract {

  @Override
  protected TillLedger newLedger() {
    return new InMemoryTillLedger();
  }
}
