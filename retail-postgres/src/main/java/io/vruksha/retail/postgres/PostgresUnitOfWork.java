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

  /** Writes deferred to the end of the running transaction (batched), by who registered them. */
  private final ThreadLocal<java.util.Map<Object, Runnable>> beforeCommit = new ThreadLocal<>();

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
            beforeCommit.set(new java.util.LinkedHashMap<>());
            locals.set(new java.util.HashMap<>());
            try {
              T result = work.get();
              flushDeferred();
              return result;
            } finally {
              current.remove();
              scope.remove();
              beforeCommit.remove();
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

  /**
   * Runs {@code flush} once before the running transaction commits (registered once per {@code
   * owner}), so an adapter can batch the rows it was given into one round trip. Outside a
   * transaction, runs it at once.
   */
  void beforeCommit(Object owner, Runnable flush) {
    java.util.Map<Object, Runnable> deferred = beforeCommit.get();
    if (deferred == null) {
      flush.run();
    } else {
      deferred.putIfAbsent(owner, flush);
    }
  }

  private void flushDeferred() {
    java.util.Map<Object, Runnable> deferred = beforeCommit.get();
    while (deferred != null && !deferred.isEmpty()) {
      Object first = deferred.keySet().iterator().next();
      deferred.remove(first).run();
    }
  }

  /** Runs {@code query} on the current unit of work's handle, or in a transaction of its own. */
  <T> T with(Function<Handle, T> query) {
    Handle handle = current.get();
    try {
      if (handle != null) {
        return query.apply(handle);
      }
      // a short transaction of its own, bound to the thread so that nested reads join it
      return jdbi.inTransaction(
          h -> {
            current.set(h);
            scope.set(new java.util.TreeSet<>());
            beforeCommit.set(new java.util.LinkedHashMap<>());
            locals.set(new java.util.HashMap<>());
            try {
              T result = query.apply(h);
              flushDeferred();
              return result;
            } finally {
              current.remove();
              scope.remove();
              beforeCommit.remove();
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
