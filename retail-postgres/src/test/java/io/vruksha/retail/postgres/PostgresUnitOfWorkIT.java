package io.vruksha.retail.postgres;

import io.vruksha.retail.work.UnitOfWorkContract;

class PostgresUnitOfWorkIT extends UnitOfWorkContract {

  @Override
  protected Family newFamily() {
    PostgresDatabase db = TestDatabase.fresh();
    return new Family(
        db.unitOfWork(),
        new PostgresStockLedger(db),
        new PostgresOutbox(db),
        new PostgresInvoiceSequence(db),
        new PostgresLoyaltyLedger(db),
        new PostgresIdempotencyStore(db),
        new PostgresStoreCredits(db));
  }
}
