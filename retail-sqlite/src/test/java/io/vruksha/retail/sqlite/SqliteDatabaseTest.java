package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file itself: WAL, its schema version, and what survives closing and opening it again. */
class SqliteDatabaseTest {

  private static final StoreId S1 = StoreId.of("s1");
  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00.123456Z");

  @TempDir Path dir;

  @Test
  void aNewFileIsInWalModeAtTheLatestSchemaVersion() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
      assertThat(db.schemaVersion()).isEqualTo(SqliteDatabase.SCRIPTS.size());
      String mode =
          db.withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
      assertThat(mode).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void aRedoableUnitCommitsWithoutWaitingForTheDiskAndEveryOtherUnitWaits() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
      SqliteUnitOfWork work = db.unitOfWork();
      // 2 is FULL (a commit waits for the disk), 1 is NORMAL
      assertThat(synchronous(db)).isEqualTo(2);
      assertThat(work.runRedoable(() -> synchronous(db))).isEqualTo(1);
      assertThat(synchronous(db)).isEqualTo(2);
      // joined to a durable unit, it is that unit
      assertThat(work.run(() -> work.runRedoable(() -> synchronous(db)))).isEqualTo(2);
      // a failed redoable unit rolls back and leaves the store durable again
      assertThatThrownBy(
              () ->
                  work.runRedoable(
                      () -> {
                        throw new IllegalStateException("a reaction failed");
                      }))
          .hasMessage("a reaction failed");
      assertThat(synchronous(db)).isEqualTo(2);
    }
  }

  private static int synchronous(SqliteDatabase db) {
    return db.withHandle(h -> h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
  }

  @Test
  void changesAndSizeCountWhatAUnitOfWorkWrote() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("till.db"))) {
      FiscalJournal journal =
          new FiscalJournal(new SqliteJournal(db), new SqliteInvoiceSequence(db));
      long changes = db.changes();
      long bytes = db.fileBytes();
      assertThat(bytes).isPositive();
      for (int i = 0; i < 200; i++) {
        db.unitOfWork()
            .run(
                () ->
                    journal.append(
                        S1,
                        DocumentKind.INVOICE,
                        journal.nextNumber(S1, "S001", T0),
                        T0,
                        Money.of("19.99", "EUR"),
                        Money.of("3.19", "EUR"),
                        "L|TEE-M|1|19.99\n".repeat(20)));
      }
      // each: the counter, the journal entry and the journal's head
      assertThat(db.changes() - changes).isBetween(400L, 600L);
      assertThat(db.fileBytes()).isGreaterThan(bytes + 200 * 300);
    }
  }

  @Test
  void whatAUnitOfWorkCommittedIsThereAfterReopeningAndWhatFailedIsNot() {
    Path file = dir.resolve("till.db");
    FiscalDocument first;
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      FiscalJournal journal =
          new FiscalJournal(new SqliteJournal(db), new SqliteInvoiceSequence(db));
      first =
          db.unitOfWork()
              .run(
                  () ->
                      journal.append(
                          S1,
                          DocumentKind.INVOICE,
                          journal.nextNumber(S1, "S001", T0),
                          T0,
                          Money.of("19.99", "EUR"),
                          Money.of("3.19", "EUR"),
                          "L|TEE-M|1|19.99\n"));
      assertThatThrownBy(
              () ->
                  db.unitOfWork()
                      .run(
                          () -> {
                            journal.append(
                                S1,
                                DocumentKind.INVOICE,
                                journal.nextNumber(S1, "S001", T0),
                                T0,
                                Money.of("5.00", "EUR"),
                                Money.of("0.80", "EUR"),
                                "L|MUG|1|5.00\n");
                            throw new IllegalStateException("the card terminal declined");
                          }))
          .hasMessage("the card terminal declined");
    }

    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      FiscalJournal journal =
          new FiscalJournal(new SqliteJournal(db), new SqliteInvoiceSequence(db));
      assertThat(journal.entries(S1)).containsExactly(first);
      assertThat(first.issuedAt()).isEqualTo(T0); // microseconds kept exactly
      assertThat(journal.verify(S1)).isEmpty();
      // the failed unit gave its number back: the next is 2, not 3
      assertThat(journal.nextNumber(S1, "S001", T0)).isEqualTo("S001-2026-000002");
      assertThat(db.schemaVersion()).isEqualTo(SqliteDatabase.SCRIPTS.size());
    }
  }
}
