package io.vruksha.retail.memory;

import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.invoicing.Invoices;
import io.vruksha.retail.loyalty.LoyaltyLedger;
import io.vruksha.retail.procurement.Procurement;
import io.vruksha.retail.register.Shifts;
import io.vruksha.retail.store.BackOfficePortsContract;
import io.vruksha.retail.store.Staff;
import io.vruksha.retail.store.Stores;

class InMemoryBackOfficePortsTest extends BackOfficePortsContract {

  @Override
  protected Stores newStores() {
    return new InMemoryStores();
  }

  @Override
  protected Staff newStaff() {
    return new InMemoryStaff();
  }

  @Override
  protected Shifts newShifts() {
    return new InMemoryShifts();
  }

  @Override
  protected Invoices newInvoices() {
    return new InMemoryInvoices();
  }

  @Override
  protected Procurement newProcurement() {
    return new InMemoryProcurement();
  }

  @Override
  protected LoyaltyLedger newLoyaltyLedger() {
    return new InMemoryLoyaltyLedger();
  }

  @Override
  protected Outbox newOutbox() {
    return new InMemoryOutbox();
  }

  @Override
  protected Transactional<Outbox> newTransactionalOutbox() {
    return new Transactional<>(new InMemoryOutbox(), new InMemoryUnitOfWork());
  }

  @Override
  protected boolean unitsOfWorkRunSideBySide() {
    return false;
  }
}
