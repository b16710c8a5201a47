package io.vruksha.retail.sqlite;

import io.vruksha.retail.work.UnitOfWorkContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unit-of-work contract for the SQLite family: stock, outbox, document counters, loyalty,
 * idempotency keys and store credit on one file, undone together when a unit of work fails.
 */
class SqliteUnitOfWorkTest extends UnitOfWorkContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected Family newFamily() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return new Family(
        db.unitOfWork(),
        new SqliteStockLedger(db),
        new SqliteOutbox(db),
        new SqliteInvoiceSequence(db),
        new SqliteLoyaltyLedger(db),
        new SqliteIdempotencyStore(db),
        new SqliteStoreCredits(db));
  }
}
