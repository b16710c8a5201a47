package io.vruksha.retail.sqlite;

import io.vruksha.retail.invoicing.InvoiceSequence;
import io.vruksha.retail.invoicing.Journal;
import io.vruksha.retail.invoicing.JournalContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The journal contract on a SQLite file of its own. */
class SqliteJournalTest extends JournalContract {

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
  protected Journal newJournal() {
    return new SqliteJournal(db());
  }

  @Override
  protected InvoiceSequence newSequence() {
    return new SqliteInvoiceSequence(db());
  }
}
