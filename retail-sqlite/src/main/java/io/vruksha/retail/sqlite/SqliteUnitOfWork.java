package io.vruksha.retail.sqlite;

import io.vruksha.retail.RetailException;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.work.UnitOfWork;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * {@link UnitOfWork} on SQLite: one transaction on the store's one connection. SQLite has one
 * writer at a time anyway; this makes it explicit and cheap. Units of work (and reads outside one)
 * take turns on a fair lock, so a unit of work sees nothing half-done by another, a nested unit
 * joins its outer one, and an exception rolls the whole of it back. Thread-safe.
 */
public final class SqliteUnitOfWork implements UnitOfWork, AutoCloseable {

  private final Handle handle;
  private final ReentrantLock lock = new ReentrantLock(true);
  private int depth; // guarded by lock

  SqliteUnitOfWork(Handle handle) {
    this.handle = handle;
  }

  @Override
  public <T> T run(Supplier<T> work) {
    lock.lock();
    try {
      if (depth > 0) {
        return work.get();
      }
      handle.begin();
      depth++;
      boolean committed = false;
      try {
        T result = work.get();
        handle.commit();
        committed = true;
        return result;
      } finally {
        depth--;
        if (!committed) {
          rollbackQuietly();
        }
      }
    } catch (RetailException e) {
      throw e;
    } catch (JdbiException e) {
      throw new UnavailableException("the till's store refused the unit of work: " + e, e);
    } finally {
      lock.unlock();
    }
  }

  /** Names {@code actorId} as the author of the {@code audit_log} entries {@code work} writes. */
  @Override
  public <T> T runAs(String actorId, Supplier<T> work) {
    return actingAs(actorId, () -> run(work));
  }

  /**
   * As {@link #run}, committed with {@code synchronous=NORMAL}: in WAL mode the commit does not
   * wait for the disk, and the next durable commit (or checkpoint) writes it with its own. A power
   * cut before that loses this unit whole and nothing committed before it. Inside another unit,
   * that unit's durability holds.
   */
  @Override
  public <T> T runRedoable(Supplier<T> work) {
    lock.lock();
    try {
      if (depth > 0) {
        return run(work);
      }
      pragma("NORMAL");
      try {
        return run(work);
      } finally {
        pragma("FULL");
      }
    } finally {
      lock.unlock();
    }
  }

  private void pragma(String synchronous) {
    try {
      // a PRAGMA takes no parameters; the value is one of ours
      handle.execute("PRAGMA synchronous = " + synchronous);
    } catch (JdbiException e) {
      throw new UnavailableException("the till's store refused PRAGMA synchronous: " + e, e);
    }
  }

  private void rollbackQuietly() {
    try {
      handle.rollback();
    } catch (JdbiException ignored) {
      // the connection is broken; the transaction is gone with it
    }
  }

  /**
   * Runs {@code query} on the connection: inside the unit of work running on this thread, or alone
   * (a statement commits by itself) when none is.
   */
  <T> T with(Function<Handle, T> query) {
    lock.lock();
    try {
      return query.apply(handle);
    } catch (JdbiException e) {
      throw new UnavailableException("the till's store failed: " + e, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code statements} in one unit of work: the one running on this thread, or one of their
   * own, so statements that read and then write are atomic also outside a unit of work.
   */
  <T> T write(Function<Handle, T> statements) {
    return run(() -> with(statements));
  }

  @Override
  public void close() {
    lock.lock();
    try {
      handle.close();
    } finally {
      lock.unlock();
    }
  }
}
