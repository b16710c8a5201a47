package io.vruksha.retail.postgres;

import io.vruksha.retail.RetailException;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.work.UnitOfWork;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * {@link UnitOfWork} as one PostgreSQL transaction at Read Committed: the handle is bound to the
 * running thread, and every Postgres adapter of the same database joins it. Work outside a unit of
 * work runs in a short transaction of its own. Vendor exceptions are translated: none crosses a
 * port. Thread-safe.
 */
public final class PostgresUnitOfWork implements UnitOfWork {

  private final Jdbi jdbi;
  private final ThreadLocal<Handle> current = new ThreadLocal<>();

  /** The stores the running transaction's row-level-security scope holds, to skip re-setting it. */
  private final ThreadLocal<java.util.Set<String>> scope = new ThreadLocal<>();

  /**
   * Writes that answer nothing, held back until the transaction's next statement or its commit and
   * then sent together (see {@link #defer}).
   */
  private final ThreadLocal<java.util.List<Deferred>> pending = new ThreadLocal<>();

  /** At most this many held-back writes go into one statement (a plan stays quick to make). */
  static final int MAX_WRITES_A_STATEMENT = 64;

  /** At most this many parameters go into one statement (the protocol's limit is 32,767). */
  static final int MAX_PARAMETERS_A_STATEMENT = 8_000;

  /** State an adapter keeps for the running transaction only (gone with it, committed or not). */
  private final ThreadLocal<java.util.Map<Object, Object>> locals = new ThreadLocal<>();

  PostgresUnitOfWork(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public <T> T run(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    try {
      // Read Committed is the pool's level for every connection (PostgresDatabase): naming it here
      // would cost a round trip per transaction asking the server for the current one
      return jdbi.inTransaction(
          handle -> {
            current.set(handle);
            scope.set(new java.util.TreeSet<>());
            pending.set(new java.util.ArrayList<>());
            locals.set(new java.util.HashMap<>());
            try {
              T result = work.get();
              flushWrites(handle);
              return result;
            } finally {
              current.remove();
              scope.remove();
              pending.remove();
              locals.remove();
            }
          });
    } catch (RetailException e) {
      throw e;
    } catch (JdbiException e) {
      if (uniqueViolation(e)) {
        throw duplicate();
      }
      throw new UnavailableException("the database refused the unit of work: " + rootMessage(e), e);
    }
  }

  /**
   * A concurrent unit of work wrote the same key first (an idempotency key, a number): nothing of
   * this one was kept, and a retry sees what the other wrote. The constraint's own message, which
   * names tables and values, stays out of the answer.
   */
  private static io.vruksha.retail.RuleViolationException duplicate() {
    return new io.vruksha.retail.RuleViolationException(
        io.vruksha.retail.ErrorCode.DUPLICATE,
        "a concurrent request wrote the same record first; retry to see its result");
  }

  private static boolean uniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs {@code work} in a transaction whose row-level-security scope holds {@code stores}: the
   * list goes into {@code app.store_ids} with {@code set_config(..., true)}, which lasts until the
   * transaction ends, so a pooled connection never carries it further. A nested call adds its
   * stores to the scope.
   */
  @Override
  public <T> T runFor(java.util.Set<io.vruksha.retail.store.StoreId> stores, Supplier<T> work) {
    return run(
        () -> {
          java.util.Set<String> held = scope.get();
          boolean covered = true;
          for (io.vruksha.retail.store.StoreId s : stores) {
            covered &= held.contains(s.value());
          }
          if (!covered) {
            // a nested call adds its stores; the scope is kept beside the handle, so a unit of
            // work already scoped to the store costs no round trip
            stores.forEach(s -> held.add(s.value()));
            current
                .get()
                .createQuery("SELECT set_config('app.store_ids', :v, true)")
                .bind("v", String.join(",", held))
                .mapTo(String.class)
                .one();
          }
          return work.get();
        });
  }

  /**
   * Runs {@code work} in a transaction whose {@code audit_log} rows name {@code actorId} (set with
   * {@code set_config('app.actor', ..., true)}, so it ends with the transaction).
   */
  @Override
  public <T> T runAs(String actorId, Supplier<T> work) {
    return run(
        () -> {
          current
              .get()
              .createQuery("SELECT set_config('app.actor', :a, true)")
              .bind("a", actorId)
              .mapTo(String.class)
              .one();
          return work.get();
        });
  }

  /**
   * The running transaction's value for {@code key}, made by {@code init} on first use; it is
   * dropped when the transaction ends, whether it commits or rolls back.
   */
  @SuppressWarnings("unchecked")
  <T> T transactionLocal(Object key, java.util.function.Supplier<T> init) {
    return (T) locals.get().computeIfAbsent(key, k -> init.get());
  }

  /** Whether a unit of work runs on this thread. */
  boolean inTransaction() {
    return current.get() != null;
  }

  /** A held-back write: one {@code INSERT} (or upsert) with {@code ?} parameters. */
  private record Deferred(String table, String sql, Object[] args) {

    private static final java.util.regex.Pattern INSERT_INTO =
        java.util.regex.Pattern.compile("^INSERT INTO (\\w+)");

    static Deferred of(String sql, Object[] args) {
      java.util.regex.Matcher m = INSERT_INTO.matcher(sql);
      if (!m.find()) {
        throw new IllegalArgumentException("only an INSERT can be held back: " + sql);
      }
      return new Deferred(m.group(1), sql, args);
    }
  }

  /**
   * Holds back a write whose answer nobody needs (an {@code INSERT} with {@code ?} parameters,
   * {@code null} allowed) until the transaction's next statement or its commit, and sends the
   * writes held back by then together: one statement of writable CTEs, so a checkout's sale,
   * invoice, payments, journal entry, idempotency key and events cost one round trip instead of one
   * each. Every statement run through {@link #with} sends them first, so the transaction always
   * reads what it wrote; a failing write fails the transaction as it would have at once. Outside a
   * unit of work, the write runs at once.
   *
   * <p>Two upserts of one row must not share a statement (PostgreSQL would keep either), so an
   * {@code ON CONFLICT ... DO UPDATE} whose statement is already held back sends the held-back
   * writes first.
   */
  void defer(String sql, Object... args) {
    java.util.List<Deferred> held = pending.get();
    if (held == null) {
      with(
          h -> {
            send(h, java.util.List.of(Deferred.of(sql, args)));
            return null;
          });
      return;
    }
    if (sql.contains("DO UPDATE")) {
      for (Deferred d : held) {
        if (d.sql().equals(sql)) {
          flushWrites(current.get());
          break;
        }
      }
    }
    held.add(Deferred.of(sql, args));
  }

  private void flushWrites(Handle h) {
    java.util.List<Deferred> held = pending.get();
    if (held == null || held.isEmpty()) {
      return;
    }
    java.util.List<Deferred> writes = java.util.List.copyOf(held);
    held.clear();
    send(h, writes);
  }

  /** Sends {@code writes} in as few statements as the limits allow, in order. */
  private static void send(Handle h, java.util.List<Deferred> writes) {
    int from = 0;
    while (from < writes.size()) {
      int to = from;
      int parameters = 0;
      while (to < writes.size()
          && to - from < MAX_WRITES_A_STATEMENT
          && (to == from
              || parameters + writes.get(to).args().length <= MAX_PARAMETERS_A_STATEMENT)) {
        parameters += writes.get(to).args().length;
        to++;
      }
      java.util.List<Deferred> chunk = writes.subList(from, to);
      StringBuilder sql = new StringBuilder();
      for (int i = 0; i < chunk.size() - 1; i++) {
        sql.append(i == 0 ? "WITH " : ", ").append('w').append(i).append(" AS (");
        sql.append(chunk.get(i).sql()).append(')');
      }
      if (chunk.size() > 1) {
        sql.append(' ');
      }
      sql.append(chunk.get(chunk.size() - 1).sql());
      org.jdbi.v3.core.statement.Update update = h.createUpdate(sql.toString());
      int position = 0;
      for (Deferred d : chunk) {
        for (Object arg : d.args()) {
          update.bind(position++, arg);
        }
      }
      update.execute();
      from = to;
    }
  }

  /** Runs {@code query} on the current unit of work's handle, or in a transaction of its own. */
  <T> T with(Function<Handle, T> query) {
    return with(null, query);
  }

  /**
   * As {@link #with(Function)}, for a statement that reads and writes only {@code tables}: the
   * writes held back are sent first only when one of them is to one of those tables, so a
   * checkout's events stay held back while its stock moves. Name every table the statement touches,
   * those its constraints check included.
   */
  <T> T withTables(java.util.Set<String> tables, Function<Handle, T> query) {
    return with(tables, query);
  }

  private <T> T with(java.util.Set<String> tables, Function<Handle, T> query) {
    Handle handle = current.get();
    try {
      if (handle != null) {
        // what this transaction wrote is there before a statement that may read it
        java.util.List<Deferred> held = pending.get();
        if (held != null
            && !held.isEmpty()
            && (tables == null || held.stream().anyMatch(d -> tables.contains(d.table())))) {
          flushWrites(handle);
        }
        return query.apply(handle);
      }
      // a short transaction of its own, bound to the thread so that nested reads join it
      return jdbi.inTransaction(
          h -> {
            current.set(h);
            scope.set(new java.util.TreeSet<>());
            pending.set(new java.util.ArrayList<>());
            locals.set(new java.util.HashMap<>());
            try {
              T result = query.apply(h);
              flushWrites(h);
              return result;
            } finally {
              current.remove();
              scope.remove();
              pending.remove();
              locals.remove();
            }
          });
    } catch (RetailException e) {
      throw e;
    } catch (JdbiException e) {
      if (uniqueViolation(e)) {
        throw duplicate();
      }
      throw new UnavailableException("the database failed: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
