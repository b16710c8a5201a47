package io.vruksha.retail.cli;

import io.vruksha.retail.RetailException;
import io.vruksha.retail.postgres.PostgresBulkImport;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The fast path of {@code retail import products|prices|stock|customers}: the file is read row by
 * row and each row parsed by its kind (the domain's constructors say what is wrong with it); the
 * rows are streamed with COPY into a staging table, a chunk at a time, and {@link
 * PostgresBulkImport} validates and merges each chunk set-based in one transaction. Unreadable and
 * invalid rows are staged too, with their reason, so every rejected row comes back from the
 * database in file order with its line and original columns.
 *
 * <p>The file is read, parsed and encoded on a second thread ({@link ReadAhead}), at most {@link
 * ReadAhead#AHEAD} blocks of about a megabyte ahead, while the session runs the statements of the
 * chunk before: on two cores reading and the database overlap.
 *
 * <p>Each chunk of {@code chunkRows} rows commits on its own: an interrupted import keeps the
 * chunks it finished and a second run skips them. A dry run does every chunk in one transaction and
 * rolls it back. Memory stays bounded (the COPY buffer), whatever the file's size.
 */
final class BulkImport<P> {

  /**
   * The counts an import ends with, and (products) the categories it created and those its products
   * name that the catalogue does not have.
   */
  record Result(
      long imported,
      long rejected,
      long skipped,
      List<String> createdCategories,
      List<String> unknownCategories) {}

  private final Jdbi jdbi;
  private final ImportKinds.Kind<P> kind;
  private final ImportKinds.Context ctx;
  private final PostgresBulkImport.Options options;
  private final boolean dryRun;
  private final int chunkRows;
  private final Long crashAfter;

  BulkImport(
      Jdbi jdbi,
      ImportKinds.Kind<P> kind,
      ImportKinds.Context ctx,
      PostgresBulkImport.Options options,
      boolean dryRun,
      int chunkRows,
      Long crashAfter) {
    this.jdbi = jdbi;
    this.kind = kind;
    this.ctx = ctx;
    this.options = options;
    this.dryRun = dryRun;
    this.chunkRows = chunkRows;
    this.crashAfter = crashAfter;
  }

  /** Where the reading thread says a chunk ended. */
  private enum Mark {
    CHUNK_END
  }

  Result run(ImportReader reader, ImportRejects rejects, ProgressBar progress) throws IOException {
    long[] total = new long[3]; // imported, rejected, skipped
    PostgresBulkImport bulk;
    try (Handle h = jdbi.open()) {
      bulk = new PostgresBulkImport(h, kind.bulk(), options);
      // the file is read, parsed and encoded on a thread of its own while this one runs the
      // database's statements for the chunk before: the two overlap
      ReadAhead reading =
          ReadAhead.start("retail-import-reader", sink -> read(reader, progress, sink));
      h.begin();
      boolean done = false;
      try {
        bulk.begin();
        while (true) {
          Object next = reading.take();
          if (next instanceof byte[] bytes) {
            bulk.write(bytes);
          } else if (next == Mark.CHUNK_END) {
            finish(bulk, rejects, total);
            if (!dryRun) {
              h.commit();
              h.begin();
            }
            bulk.begin();
          } else {
            finish(bulk, rejects, total);
            break;
          }
        }
        if (dryRun) {
          h.rollback();
        } else {
          h.commit();
        }
        done = true;
      } finally {
        if (!done) {
          reading.close();
          bulk.cancel();
          h.rollback();
        }
      }
    }
    return new Result(
        total[0], total[1], total[2], bulk.createdCategories(), bulk.unknownCategories());
  }

  /** Reads, parses and encodes every row, handing blocks and chunk ends to {@code sink}. */
  private void read(ImportReader reader, ProgressBar progress, ReadAhead.Sink sink)
      throws IOException, InterruptedException {
    PostgresBulkImport.Rows rows = new PostgresBulkImport.Rows(kind.bulk());
    long good = 0; // rows staged as parsed, for --crash-after
    long inChunk = 0;
    for (ImportReader.Row row = reader.next(); row != null; row = reader.next()) {
      if (progress != null) {
        progress.step();
      }
      if (row.broken()) {
        rows.rejected(row.line(), row.original(), row.error());
      } else {
        Object[] values = null;
        String key = null;
        try {
          P parsed = kind.parse(row.fields(), row.line(), ctx);
          key = kind.key(parsed);
          values = kind.staged(parsed, ctx);
        } catch (RetailException e) {
          rows.rejected(row.line(), row.original(), e.getMessage());
        }
        if (values != null) {
          if (crashAfter != null && good >= crashAfter) {
            throw new ImportCommand.SimulatedCrash(good);
          }
          good++;
          rows.row(row.line(), row.original(), key, values);
        }
      }
      if (rows.pending() >= ReadAhead.BLOCK) {
        sink.put(rows.take());
      }
      if (++inChunk >= chunkRows) {
        sink.put(rows.take());
        sink.put(Mark.CHUNK_END);
        inChunk = 0;
      }
    }
    sink.put(rows.take());
  }

  private static void finish(PostgresBulkImport bulk, ImportRejects rejects, long[] total)
      throws IOException {
    PostgresBulkImport.Counts counts = bulk.apply();
    total[0] += counts.imported();
    total[2] += counts.skipped();
    total[1] +=
        bulk.rejects(
            r ->
                rejects.add(
                    new ImportReader.Row(r.line(), Map.of(), r.original(), null), r.reason()));
  }
}
