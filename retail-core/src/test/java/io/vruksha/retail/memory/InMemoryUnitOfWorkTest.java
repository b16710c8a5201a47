package io.vruksha.retail.memory;

import io.vruksha.retail.work.UnitOfWorkContract;

class InMemoryUnitOfWorkTest extends UnitOfWorkContract {

  @Override
  protected Family newFamily() {
    return new Family(
        new InMemoryUnitOfWork(),
        new InMemoryStockLedger(),
        new InMemoryOutbox(),
        new InMemoryInvoiceSequence(),
        new InMemoryLoyaltyLedger(),
        new InMemoryIdempotencyStore(),
        new InMemoryStoreCredits());
  }
}
