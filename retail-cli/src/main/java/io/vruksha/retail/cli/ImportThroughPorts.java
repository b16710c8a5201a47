package io.vruksha.retail.cli;

import io.vruksha.retail.RetailException;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.store.StoreId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;

/**
 * The row-by-row write path of {@code retail import}: each batch of rows written through the
 * engine's ports in one unit of work, scoped to the store and to the actor the thread acts for (the
 * command line's operator), else {@code retail-import} (promotions always; products, prices, stock
 * and customers with the hidden {@code --through-ports}, which tests compare with the set-based
 * path). A row that fails rolls its batch back; it is rejected and the batch written again without
 * it, so later rows see earlier ones, as in the file. A dry run rolls every batch back.
 */
final class ImportThroughPorts {

  private final int batchSize;
  private final Long crashAfter;
  private final boolean dryRun;

  /**
   * Batches of {@code batchSize} rows; with {@code crashAfter}, stop as if the process died after
   * that many rows were written.
   */
  ImportThroughPorts(int batchSize, Long crashAfter, boolean dryRun) {
    this.batchSize = batchSize;
    this.crashAfter = crashAfter;
    this.dryRun = dryRun;
  }

  /** Thrown inside a dry run's unit of work to roll it back. */
  private static final class DryRunRollback extends RuntimeException {
    final List<Boolean> results;

    DryRunRollback(List<Boolean> results) {
      super("dry run", null, false, false);
      this.results = results;
    }
  }

  <P> void run(
      ImportKinds.Kind<P> kind,
      ImportReader reader,
      ImportKinds.Context ctx,
      ImportCommand.Tally tally,
      ImportRejects rejects,
      ProgressBar progress)
      throws IOException {
    Map<String, Long> firstLineOfKey = new HashMap<>();
    List<ImportKinds.Pending<P>> batch = new ArrayList<>();
    for (ImportReader.Row row = reader.next(); row != null; row = reader.next()) {
      if (progress != null) {
        progress.step();
      }
      if (row.broken()) {
        tally.rejected++;
        rejects.add(row, row.error());
        continue;
      }
      P parsed;
      try {
        parsed = kind.parse(row.fields(), row.line(), ctx);
      } catch (RetailException e) {
        tally.rejected++;
        rejects.add(row, e.getMessage());
        continue;
      }
      String key = kind.key(parsed);
      Long first = firstLineOfKey.putIfAbsent(key, row.line());
      if (first != null) {
        tally.rejected++;
        rejects.add(row, "duplicate " + key + ": already on line " + first);
        continue;
      }
      batch.add(new ImportKinds.Pending<>(row, parsed));
      if (batch.size() >= batchSize) {
        flush(kind, batch, ctx, tally, rejects);
        batch.clear();
      }
    }
    flush(kind, batch, ctx, tally, rejects);
  }

  private <P> void flush(
      ImportKinds.Kind<P> kind,
      List<ImportKinds.Pending<P>> batch,
      ImportKinds.Context ctx,
      ImportCommand.Tally tally,
      ImportRejects rejects)
      throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    kind.check(batch, ctx);
    List<ImportKinds.Pending<P>> todo = new ArrayList<>();
    for (ImportKinds.Pending<P> p : batch) {
      if (p.reject != null) {
        tally.rejected++;
        rejects.add(p.row, p.reject);
      } else if (p.skip) {
        tally.skipped++;
      } else {
        todo.add(p);
      }
    }
    if (todo.isEmpty()) {
      return;
    }
    // one unit of work per batch; when a row fails, the batch rolls back, that row is rejected
    // and the batch is written again without it (so later rows see earlier ones, as in the file)
    while (!todo.isEmpty()) {
      long writtenBefore = tally.written;
      try {
        List<Boolean> results = inUnitOfWork(ctx, () -> applyAll(kind, todo, ctx, tally));
        count(results, tally);
        return;
      } catch (ImportCommand.SimulatedCrash crash) {
        throw crash;
      } catch (RowFailed failed) {
        tally.written = writtenBefore;
        RuntimeException cause = failed.cause;
        if (cause instanceof UnavailableException && !reachable(ctx.db)) {
          throw cause;
        }
        tally.rejected++;
        rejects.add(
            todo.remove(failed.index).row,
            cause.getMessage() == null ? cause.toString() : cause.getMessage());
      }
    }
  }

  /** A row of a batch failed: the batch rolled back. */
  private static final class RowFailed extends RuntimeException {
    final int index;
    final RuntimeException cause;

    RowFailed(int index, RuntimeException cause) {
      super("row " + index + " failed", null, false, false);
      this.index = index;
      this.cause = cause;
    }
  }

  private <P> List<Boolean> applyAll(
      ImportKinds.Kind<P> kind,
      List<ImportKinds.Pending<P>> rows,
      ImportKinds.Context ctx,
      ImportCommand.Tally tally) {
    List<Boolean> results = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (crashAfter != null && tally.written >= crashAfter) {
        throw new ImportCommand.SimulatedCrash(tally.written);
      }
      tally.written++;
      try {
        results.add(kind.apply(rows.get(i).parsed, ctx));
      } catch (RuntimeException e) {
        throw new RowFailed(i, e);
      }
    }
    return results;
  }

  private List<Boolean> inUnitOfWork(ImportKinds.Context ctx, Supplier<List<Boolean>> work) {
    var uow = EngineHost.unitOfWork(ctx.engine);
    StoreId store = ctx.store.id();
    try {
      return uow.runAs(
          uow.actor().orElse("retail-import"),
          () ->
              uow.runFor(
                  store,
                  () -> {
                    List<Boolean> results = work.get();
                    if (dryRun) {
                      throw new DryRunRollback(results);
                    }
                    return results;
                  }));
    } catch (DryRunRollback rolledBack) {
      return rolledBack.results;
    }
  }

  private static void count(List<Boolean> results, ImportCommand.Tally tally) {
    for (boolean changed : results) {
      if (changed) {
        tally.imported++;
      } else {
        tally.skipped++;
      }
    }
  }

  private static boolean reachable(PostgresDatabase db) {
    try {
      return db.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
