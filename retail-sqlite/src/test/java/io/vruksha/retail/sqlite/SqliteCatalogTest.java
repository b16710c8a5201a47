package io.vruksha.retail.sqlite;

import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.CatalogContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue contract on a SQLite file of its own. */
class SqliteCatalogTest extends CatalogContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected Catalog newCatalog() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return new SqliteCatalog(db);
  }
}
