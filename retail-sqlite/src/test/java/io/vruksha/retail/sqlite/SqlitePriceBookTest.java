package io.vruksha.retail.sqlite;

import io.vruksha.retail.pricing.PriceBook;
import io.vruksha.retail.pricing.PriceBookContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The price book contract on a SQLite file of its own. */
class SqlitePriceBookTest extends PriceBookContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected PriceBook newBook() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return new SqlitePriceBook(db);
  }
}
