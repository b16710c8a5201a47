package io.vruksha.retail.sqlite;

import io.vruksha.retail.analytics.AnalyticsPortsContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics and handled-events ports on a SQLite file of their own, sharing its unit of work.
 */
class SqliteAnalyticsPortsTest extends AnalyticsPortsContract {

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
    return new Family(db.unitOfWork(), new SqliteSalesAnalytics(db), new SqliteHandledEvents(db));
  }
}
