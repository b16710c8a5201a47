package io.vruksha.retail.sqlite;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.order.FulfilmentScenarios;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orders, reservations, curbside collection and warranties on an engine wholly on one SQLite file
 * ({@link SqliteAdapters}): the scenarios every adapter family passes.
 */
class SqliteFulfilmentTest extends FulfilmentScenarios {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected RetailEngine.Builder adapters() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    // the scenarios read the events from the outbox, as the in-memory run does
    return SqliteAdapters.use(db, DemoStore.engineBuilder()).reactInProcess(false);
  }
}
