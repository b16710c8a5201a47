package io.vruksha.retail.sqlite;

import io.vruksha.retail.notification.NotificationOutbox;
import io.vruksha.retail.notification.NotificationOutboxContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The notification outbox contract on a SQLite file of its own. */
class SqliteNotificationOutboxTest extends NotificationOutboxContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected NotificationOutbox newOutbox() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return new SqliteNotificationOutbox(db);
  }
}
