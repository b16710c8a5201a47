package io.vruksha.retail.sqlite;

import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.invoicing.Invoices;
import io.vruksha.retail.loyalty.LoyaltyLedger;
import io.vruksha.retail.procurement.Procurement;
import io.vruksha.retail.register.Shifts;
import io.vruksha.retail.store.BackOfficePortsContract;
import io.vruksha.retail.store.Staff;
import io.vruksha.retail.store.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The back-office ports contract, each port on a SQLite file of its own. */
class SqliteBackOfficePortsTest extends BackOfficePortsContract {

  @TempDir Path dir;
  private final List<SqliteDatabase> open = new ArrayList<>();

  private SqliteDatabase fresh() {
    SqliteDatabase db = SqliteDatabase.open(dir.resolve("till-" + open.size() + ".db"));
    open.add(db);
    return db;
  }

  @AfterEach
  void close() {
    open.forEach(SqliteDatabase::close);
  }

  /** One writer at a time: a second relay waits for the first relay's unit of work. */
  @Override
  protected boolean unitsOfWorkRunSideBySide() {
    return false;
  }

  @Override
  protected Stores newStores() {
    return new SqliteStores(fresh());
  }

  @Override
  protected Staff newStaff() {
    return new SqliteStaff(fresh());
  }

  @Override
  protected Shifts newShifts() {
    return new SqliteShifts(fresh());
  }

  @Override
  protected Invoices newInvoices() {
    return new SqliteInvoices(fresh());
  }

  @Override
  protected Procurement newProcurement() {
    return new SqliteProcurement(fresh());
  }

  @Override
  protected LoyaltyLedger newLoyaltyLedger() {
    return new SqliteLoyaltyLedger(fresh());
  }

  @Override
  protected Outbox newOutbox() {
    return new SqliteOutbox(fresh());
  }

  @Override
  protected Transactional<Outbox> newTransactionalOutbox() {
    SqliteDatabase db = fresh();
    return new Transactional<>(new SqliteOutbox(db), db.unitOfWork());
  }
}
