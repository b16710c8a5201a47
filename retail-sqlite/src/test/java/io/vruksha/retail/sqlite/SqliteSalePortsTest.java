package io.vruksha.retail.sqlite;

import io.vruksha.retail.sale.CartStore;
import io.vruksha.retail.sale.IdempotencyStore;
import io.vruksha.retail.sale.SalePortsContract;
import io.vruksha.retail.sale.Sales;
import io.vruksha.retail.sale.StoreCredits;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The sale ports contract (sales, idempotency keys, store credit, carts) on a SQLite file. */
class SqliteSalePortsTest extends SalePortsContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  private SqliteDatabase db() {
    if (db == null) {
      db = SqliteDatabase.open(dir.resolve("till.db"));
    }
    return db;
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected Sales newSales() {
    return new SqliteSales(db());
  }

  @Override
  protected IdempotencyStore newIdempotency() {
    return new SqliteIdempotencyStore(db());
  }

  @Override
  protected StoreCredits newStoreCredits() {
    return new SqliteStoreCredits(db());
  }

  @Override
  protected CartStore newCarts() {
    return new SqliteCartStore(db());
  }
}
