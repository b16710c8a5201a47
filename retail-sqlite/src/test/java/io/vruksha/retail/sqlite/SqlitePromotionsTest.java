package io.vruksha.retail.sqlite;

import io.vruksha.retail.promotion.Promotions;
import io.vruksha.retail.promotion.PromotionsContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The promotions contract on a SQLite file of its own. */
class SqlitePromotionsTest extends PromotionsContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected Promotions newPromotions() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return new SqlitePromotions(db);
  }
}
