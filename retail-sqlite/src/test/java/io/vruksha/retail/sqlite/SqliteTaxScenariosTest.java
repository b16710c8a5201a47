package io.vruksha.retail.sqlite;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.engine.TaxScenariosContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The worked tax examples on an engine wholly on one SQLite file ({@link SqliteAdapters}). */
class SqliteTaxScenariosTest extends TaxScenariosContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected RetailEngine newEngine() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return SqliteAdapters.use(db, RetailEngine.builder()).build();
  }
}
