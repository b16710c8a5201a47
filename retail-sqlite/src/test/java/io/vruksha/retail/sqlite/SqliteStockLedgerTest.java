package io.vruksha.retail.sqlite;

import io.vruksha.retail.stock.StockLedger;
import io.vruksha.retail.stock.StockLedgerContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The stock ledger contract on a SQLite file of its own. */
class SqliteStockLedgerTest extends StockLedgerContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected StockLedger newLedger() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return new SqliteStockLedger(db);
  }
}
