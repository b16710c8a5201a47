package io.vruksha.retail.memory;

import io.vruksha.retail.work.UnitOfWork;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * {@link UnitOfWork} for the in-memory adapters: units of work run one at a time under a fair lock
 * (serialisable by construction), and every in-memory write made inside one registers how to undo
 * itself, so a failure halfway leaves nothing behind.
 *
 * <p>Thread-safe. Nested calls join the outer unit of work.
 */
public final class InMemoryUnitOfWork implements UnitOfWork {

  private static final ThreadLocal<Deque<Runnable>> UNDO = new ThreadLocal<>();

  private final ReentrantLock lock = new ReentrantLock(true);

  @Override
  public <T> T run(Supplier<T> work) {
    if (UNDO.get() != null) {
      return work.get(); // joins the unit of work already running on this thread
    }
    lock.lock();
    Deque<Runnable> undo = new ArrayDeque<>();
    UNDO.set(undo);
    try {
      return work.get();
    } catch (RuntimeException | Error e) {
      // undoing writes too (a reservation is undone by releasing it): those writes must not
      // register undos of their own, which this loop would then run, redoing what it undid
      UNDO.remove();
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
      throw e;
    } finally {
      UNDO.remove();
      lock.unlock();
    }
  }

  /** Names {@code actorId} as the author of the in-memory audit entries {@code work} writes. */
  @Override
  public <T> T runAs(String actorId, Supplier<T> work) {
    return actingAs(actorId, () -> run(work));
  }

  /**
   * Registers how to undo a write that was just made. Outside a unit of work the write stands on
   * its own and nothing is registered.
   */
  static void onRollback(Runnable undo) {
    Deque<Runnable> log = UNDO.get();
    if (log != null) {
      log.push(undo);
    }
  }
}
