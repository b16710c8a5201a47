package io.vruksha.retail.sqlite;

import io.vruksha.retail.payment.Payments;
import io.vruksha.retail.payment.PaymentsContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The payments contract on a SQLite file of its own. */
class SqlitePaymentsTest extends PaymentsContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected Payments newPayments() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return new SqlitePayments(db);
  }
}
