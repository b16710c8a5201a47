package io.vruksha.retail.sqlite;

import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.customer.Customers;
import io.vruksha.retail.customer.CustomersContract;
import io.vruksha.retail.work.UnitOfWork;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The customers contract, audit trail included, on a SQLite file of its own. */
class SqliteCustomersTest extends CustomersContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected Customers newCustomers() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return new SqliteCustomers(db);
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return db.unitOfWork();
  }

  @Override
  protected List<String> auditTrail(CustomerId id) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT changed_by || ' ' || coalesce(before, '-') || ' '"
                        + " || coalesce(after, '-') FROM audit_log"
                        + " WHERE entity = 'customer' AND entity_id = :id ORDER BY id")
                .bind("id", id.value())
                .mapTo(String.class)
                .list());
  }
}
