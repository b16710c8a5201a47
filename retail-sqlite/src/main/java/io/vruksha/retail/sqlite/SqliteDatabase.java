package io.vruksha.retail.sqlite;

import io.vruksha.retail.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A till's durable store: one SQLite file in WAL mode, written by one connection at a time. Commits
 * are durable ({@code synchronous=FULL}): what a unit of work committed survives a crash or a power
 * cut. {@link #open} creates the file and brings its schema up to date.
 *
 * <p>The schema is a list of versioned scripts in this package ({@code V1__journal.sql}, ...),
 * applied in order, each in a transaction with the version it reaches in {@code PRAGMA
 * user_version}: a small Flyway, without Flyway's SQLite support that locks the file in ways a till
 * does not need. Thread-safe; close it when the till stops.
 */
public final class SqliteDatabase implements AutoCloseable {

  /** The schema scripts, in order; the version of each is its position from 1. */
  static final List<String> SCRIPTS =
      List.of(
          "V1__journal.sql",
          "V2__coupons.sql",
          "V3__reference.sql",
          "V4__sales.sql",
          "V5__backoffice.sql",
          "V6__fulfilment_warranties.sql",
          "V7__till_sync.sql");

  private final Path file;
  private final Jdbi jdbi;
  private final SqliteUnitOfWork work;

  private SqliteDatabase(Path file, Jdbi jdbi) {
    this.file = file;
    this.jdbi = jdbi;
    this.work = new SqliteUnitOfWork(jdbi.open());
    // every adapter's lists of ids order as Java (and the in-memory adapters) order them
    JavaCollation.register(work);
  }

  /**
   * Opens (and creates) the store in {@code file} and applies the schema scripts it has not seen.
   *
   * @throws UnavailableException when the file cannot be opened or written
   */
  public static SqliteDatabase open(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      config.setBusyTimeout(10_000);
      config.enforceForeignKeys(true);
      // a unit of work takes the write lock when it begins, not at its first write: two
      // processes on one file then wait for each other instead of failing half-way
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      SQLiteDataSource source = new SQLiteDataSource(config);
      source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
      SqliteDatabase db = new SqliteDatabase(file, Jdbi.create(source));
      db.migrate();
      return db;
    } catch (IOException | JdbiException e) {
      throw new UnavailableException("cannot open the till's store " + file + ": " + e, e);
    }
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** The unit of work every adapter of this store joins. */
  public SqliteUnitOfWork unitOfWork() {
    return work;
  }

  /** The schema version the file is at. */
  public int schemaVersion() {
    return work.with(h -> h.createQuery("PRAGMA user_version").mapTo(Integer.class).one());
  }

  /**
   * Rows inserted, updated or deleted through this store since it was opened ({@code
   * total_changes()}): with {@link #fileBytes}, what a unit of work costs the file.
   */
  public long changes() {
    return work.with(h -> h.createQuery("SELECT total_changes()").mapTo(Long.class).one());
  }

  /** The store's size in bytes as SQLite sees it (pages in use, whether checkpointed or not). */
  public long fileBytes() {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
                .mapTo(Long.class)
                .one());
  }

  private void migrate() {
    int at = schemaVersion();
    for (int v = at + 1; v <= SCRIPTS.size(); v++) {
      String script = read(SCRIPTS.get(v - 1));
      int version = v;
      work.run(
          () ->
              work.with(
                  h -> {
                    h.createScript(script).execute();
                    // PRAGMA takes no parameters; the version is a number of ours
                    h.execute("PRAGMA user_version = " + version);
                    return null;
                  }));
    }
  }

  private static String read(String script) {
    try (InputStream in = SqliteDatabase.class.getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException("schema script " + script + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read schema script " + script, e);
    }
  }

  /** Closes the connection; the file stays. */
  @Override
  public void close() {
    work.close();
  }

  /** For tests: the handle, under the writer's lock. */
  <T> T withHandle(Function<Handle, T> f) {
    return work.with(f);
  }
}
