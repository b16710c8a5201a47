package io.vruksha.retail.sqlite;

import io.vruksha.retail.promotion.CouponLedger;
import io.vruksha.retail.promotion.CouponLedgerContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The coupon ledger contract on a SQLite file of its own. */
class SqliteCouponLedgerTest extends CouponLedgerContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected CouponLedger newLedger() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return new SqliteCouponLedger(db);
  }
}
