package io.vruksha.retail.sqlite;

import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.CredentialsContract;
import io.vruksha.retail.store.Staff;
import io.vruksha.retail.work.UnitOfWork;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The credentials contract on a SQLite file of its own, its staff in the same file. */
class SqliteCredentialsTest extends CredentialsContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected Credentials newCredentials() {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return new SqliteCredentials(db);
  }

  @Override
  protected Staff staff() {
    return new SqliteStaff(db);
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return db.unitOfWork();
  }
}
