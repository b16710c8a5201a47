package io.vruksha.retail.postgres;

import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.invoicing.Invoices;
import io.vruksha.retail.loyalty.LoyaltyLedger;
import io.vruksha.retail.procurement.Procurement;
import io.vruksha.retail.register.Shifts;
import io.vruksha.retail.store.BackOfficePortsContract;
import io.vruksha.retail.store.Staff;
import io.vruksha.retail.store.Stores;

/**
 * The back-office ports on PostgreSQL; procurement has no Postgres adapter yet and stays in memory.
 */
class PostgresBackOfficePortsIT extends BackOfficePortsContract {

  @Override
  protected Stores newStores() {
    return new PostgresStores(TestDatabase.fresh());
  }

  @Override
  protected Staff newStaff() {
    return new PostgresStaff(TestDatabase.fresh());
  }

  @Override
  protected Shifts newShifts() {
    return new PostgresShifts(TestDatabase.fresh());
  }

  @Override
  protected Invoices newInvoices() {
    return new PostgresInvoices(TestDatabase.fresh());
  }

  @Override
  protected Procurement newProcurement() {
    return new PostgresProcurement(TestDatabase.fresh());
  }

  @Override
  protected LoyaltyLedger newLoyaltyLedger() {
    return new PostgresLoyaltyLedger(TestDatabase.fresh());
  }

  @Override
  protected Outbox newOutbox() {
    return new PostgresOutbox(TestDatabase.fresh());
  }

  @Override
  protected Transactional<Outbox> newTransactionalOutbox() {
    PostgresDatabase db = TestDatabase.fresh();
    return new Transactional<>(new PostgresOutbox(db), db.unitOfWork());
  }
}
