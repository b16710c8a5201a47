package io.vruksha.retail.cli;

import io.vruksha.retail.postgres.PostgresBulkImport;
import io.vruksha.retail.postgres.PostgresSalesHistoryImport;
import io.vruksha.retail.postgres.PostgresSalesHistoryImport.TaxMode;
import io.vruksha.retail.store.Store;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.copy.CopyIn;

/**
 * {@code retail import sales}: sales history from the POS a store is leaving, loaded set-based.
 *
 * <p>In one transaction (scoped to the store by {@code PostgresUnitOfWork.setStoreScope}): the file
 * is read, parsed and encoded on a thread of its own ({@link ReadAhead}, a bounded number of blocks
 * of about a megabyte ahead) while the session streams the blocks into a temporary staging table
 * with PostgreSQL's COPY, so memory stays bounded whatever the file's size; rows that cannot be
 * parsed (wrong column count, bad encoding, not a number, a bad date) are rejected while streaming.
 * Then the staged rows are validated in SQL (unknown SKU, quantity not positive, negative price,
 * discount or tax, a total that does not add up, a currency not the store's, a receipt line twice
 * in the file; the reason is written to the rejected rows only), the valid ones are inserted into
 * {@code sales_history} ({@code ON CONFLICT DO NOTHING}: a line already imported is skipped; a
 * plain INSERT in a savepoint when the store has no sales on the file's days), and only the rows
 * actually inserted are added to {@code sales_analytics_daily} and {@code product_performance}
 * (and, with {@code --move-stock}, booked as SALE movements). A dry run does all of it and rolls
 * back.
 *
 * <p>The rows keep the prices, discounts and taxes they were recorded with: nothing is re-priced,
 * and nothing goes into the fiscal journal, the invoices or the outbox. What a row lacks is derived
 * while it is staged: a discount from {@code discount_rate} and the unit price ({@link
 * DerivedAmounts}), the tax ({@link SalesTax}); dates are read by {@link ImportDates}.
 *
 * <p>This class runs the import: the transaction, the streaming and the rejects file. Reading and
 * mapping a row is {@link SalesRowEncoder}'s; staging, validating and merging in SQL is {@link
 * PostgresSalesHistoryImport}'s, in {@code retail-postgres} beside the master-data imports.
 */
final class ImportSales {

  static final List<String> REQUIRED =
      List.of("receipt_id", "line", "sold_at", "sku", "quantity", "total");
  static final List<String> OPTIONAL =
      List.of("unit_price", "tax", "discount", "discount_rate", "currency", "customer_id");

  /** Blocks the reading thread may be ahead of a straight COPY ({@link ReadAhead#start}). */
  private static final int STRAIGHT_AHEAD = 4;

  /** The counts an import ends with. */
  record Result(long imported, long rejected, long skipped, long receipts) {}

  private final Jdbi jdbi;
  private final Store store;
  private final TaxMode taxMode;
  private final boolean moveStock;
  private final boolean dryRun;
  private final boolean decimalComma;
  private final ImportDates dates;
  private final SalesTax salesTax;

  ImportSales(
      Jdbi jdbi,
      Store store,
      TaxMode taxMode,
      boolean moveStock,
      boolean dryRun,
      boolean decimalComma) {
    this(
        jdbi,
        store,
        taxMode,
        moveStock,
        dryRun,
        decimalComma,
        ImportDates.iso(store.zone()),
        SalesTax.none(store));
  }

  ImportSales(
      Jdbi jdbi,
      Store store,
      TaxMode taxMode,
      boolean moveStock,
      boolean dryRun,
      boolean decimalComma,
      ImportDates dates,
      SalesTax salesTax) {
    this.jdbi = jdbi;
    this.store = store;
    this.taxMode = taxMode;
    this.moveStock = moveStock;
    this.dryRun = dryRun;
    this.decimalComma = decimalComma;
    this.dates = dates;
    this.salesTax = salesTax;
  }

  /** A row that cannot be staged. */
  static final class Unparsable extends Exception {
    Unparsable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Imports the rows of {@code reader}; {@code reopen} reads the file again from the start (to
   * write the rows the database rejected to {@code rejects} with their original columns).
   */
  Result run(
      ImportReader reader,
      Callable<ImportReader> reopen,
      ImportRejects rejects,
      ProgressBar progress)
      throws IOException {
    try (Handle h = jdbi.open()) {
      PostgresBulkImport.keepStagingInMemory(h);
      h.begin();
      boolean done = false;
      try {
        Result r = load(h, reader, reopen, rejects, progress);
        if (dryRun) {
          h.rollback();
        } else {
          h.commit();
        }
        done = true;
        return r;
      } finally {
        if (!done) {
          h.rollback();
        }
      }
    }
  }

  private Result load(
      Handle h,
      ImportReader reader,
      Callable<ImportReader> reopen,
      ImportRejects rejects,
      ProgressBar progress)
      throws IOException {
    PostgresSalesHistoryImport history =
        new PostgresSalesHistoryImport(h, store.id(), store.currency().getCurrencyCode(), taxMode);
    history.stage();
    if (!moveStock && history.mayCopyStraight()) {
      Result straight = straight(history, reader, progress);
      if (straight != null) {
        return straight;
      }
      // the straight way met a row it cannot take and left nothing behind: from the start again
      if (progress != null) {
        progress.stepTo(0);
      }
      try (ImportReader again = open(reopen)) {
        return staged(history, again, reopen, rejects, progress);
      }
    }
    return staged(history, reader, reopen, rejects, progress);
  }

  /**
   * The straight way: the rows COPYed into {@code sales_history} as they are read, each checked as
   * the validation would check it, then the SKUs checked and the figures added. Null, with nothing
   * written, when a row is one the staging way must handle: one it rejects, or a day the store has
   * history on (where a line may be there already or a receipt known), or a receipt line the table
   * has (twice in the file, or imported under another day), or an unknown SKU.
   */
  private Result straight(
      PostgresSalesHistoryImport history, ImportReader reader, ProgressBar progress)
      throws IOException {
    SalesRowEncoder.Straight state = new SalesRowEncoder.Straight(history.daysWithHistory());
    SalesRowEncoder encoder =
        new SalesRowEncoder(store, taxMode, moveStock, decimalComma, dates, salesTax, state);
    CopyIn copy = history.copyStraight();
    long copied;
    // the table's indexes make this COPY slower than the reading: blocks ahead would only wait
    try (ReadAhead reading =
        ReadAhead.start(
            "retail-import-reader",
            sink -> encoder.encode(reader, progress, sink),
            STRAIGHT_AHEAD)) {
      for (Object next = reading.take(); next != null; next = reading.take()) {
        byte[] bytes = (byte[]) next;
        copy.writeToCopy(bytes, 0, bytes.length);
      }
      copied = copy.endCopy();
    } catch (SalesRowEncoder.NotStraight e) {
      cancel(copy);
      history.undoStraight();
      return null;
    } catch (SQLException e) {
      cancel(copy);
      String sqlState = e.getSQLState();
      // a key the table has (class 23) or a value it refuses (class 22): the staging way says which
      if (sqlState == null || !(sqlState.startsWith("23") || sqlState.startsWith("22"))) {
        throw new ConnectionException(e);
      }
      history.undoStraight();
      return null;
    } finally {
      cancel(copy);
    }
    if (!history.keepStraight(copied, state.days())) {
      return null;
    }
    PostgresSalesHistoryImport.Merged merged = history.mergeStraight(copied, state.days());
    return new Result(merged.inserted(), 0, 0, merged.receipts());
  }

  /** Cancels {@code copy} unless it ended. */
  private static void cancel(CopyIn copy) {
    if (copy.isActive()) {
      try {
        copy.cancelCopy();
      } catch (SQLException ignored) {
        // the savepoint or the transaction rolls back anyway
      }
    }
  }

  private static ImportReader open(Callable<ImportReader> reopen) throws IOException {
    try {
      return reopen.call();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The staging way: COPY into the staging table, the validation and the merge in SQL. */
  private Result staged(
      PostgresSalesHistoryImport history,
      ImportReader reader,
      Callable<ImportReader> reopen,
      ImportRejects rejects,
      ProgressBar progress)
      throws IOException {
    Staged staged = copy(history, reader, rejects, progress);
    long dbRejected = history.validate();
    long valid = staged.rows() - dbRejected;
    PostgresSalesHistoryImport.Merged merged = history.merge(moveStock);
    writeDatabaseRejects(history, dbRejected, reopen, rejects);
    return new Result(
        merged.inserted(),
        staged.rejected() + dbRejected,
        valid - merged.inserted(),
        merged.receipts());
  }

  /** What {@link #copy} staged and rejected. */
  private record Staged(long rows, long rejected) {}

  /**
   * Streams the file into the staging table: the file is read, parsed and encoded on a thread of
   * its own ({@link ReadAhead}, a bounded number of blocks ahead) while this one sends the blocks
   * to COPY and writes the rows that could not be parsed to {@code rejects}, in file order.
   */
  private Staged copy(
      PostgresSalesHistoryImport history,
      ImportReader reader,
      ImportRejects rejects,
      ProgressBar progress)
      throws IOException {
    long rejected = 0;
    CopyIn copy = history.copyIn();
    SalesRowEncoder encoder =
        new SalesRowEncoder(store, taxMode, moveStock, decimalComma, dates, salesTax);
    boolean ended = false;
    try (ReadAhead reading =
        ReadAhead.start("retail-import-reader", sink -> encoder.encode(reader, progress, sink))) {
      for (Object next = reading.take(); next != null; next = reading.take()) {
        if (next instanceof byte[] bytes) {
          copy.writeToCopy(bytes, 0, bytes.length);
        } else {
          for (SalesRowEncoder.Reject r : ((SalesRowEncoder.Rejected) next).rows()) {
            rejected++;
            rejects.add(r.row(), r.reason());
          }
        }
      }
      long staged = copy.endCopy();
      ended = true;
      return new Staged(staged, rejected);
    } catch (SQLException e) {
      throw new ConnectionException(e);
    } finally {
      if (!ended && copy.isActive()) {
        try {
          copy.cancelCopy();
        } catch (SQLException ignored) {
          // the transaction rolls back anyway
        }
      }
    }
  }

  /**
   * Writes the rows the database rejected, in file order, with their original columns: the reasons
   * are streamed from the staging table and matched with a second read of the file.
   */
  private static void writeDatabaseRejects(
      PostgresSalesHistoryImport history,
      long count,
      Callable<ImportReader> reopen,
      ImportRejects rejects)
      throws IOException {
    if (count == 0) {
      return;
    }
    try (ImportReader again = open(reopen);
        var reasons = history.rejectedRows()) {
      Iterator<Map.Entry<Long, String>> it = reasons;
      ImportReader.Row row = again.next();
      while (it.hasNext()) {
        Map.Entry<Long, String> reject = it.next();
        while (row != null && row.line() < reject.getKey()) {
          row = again.next();
        }
        if (row == null || row.line() != reject.getKey()) {
          // the file changed under us: say so with what we know
          rejects.add(
              new ImportReader.Row(reject.getKey(), Map.of(), List.of(), null), reject.getValue());
        } else {
          rejects.add(row, reject.getValue());
        }
      }
    }
  }

  /** An ISO-8601 date-time read in {@code zone}: {@link SalesRowEncoder#instant}. */
  static Instant instant(String s, ZoneId zone) throws Unparsable {
    return SalesRowEncoder.instant(s, zone);
  }

  /** {@code i} as {@link Instant#toString()} writes it: {@link SalesRowEncoder#appendInstant}. */
  static StringBuilder appendInstant(StringBuilder buf, Instant i) {
    return SalesRowEncoder.appendInstant(buf, i);
  }

  /** The fields a sales import reads. */
  static Set<String> fields() {
    Set<String> all = new LinkedHashSet<>(REQUIRED);
    all.addAll(OPTIONAL);
    return all;
  }
}
