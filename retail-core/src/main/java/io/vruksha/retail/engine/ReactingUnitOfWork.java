package io.vruksha.retail.engine;

import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The engine's unit of work when it reacts in process: the adapter's, plus a call to {@code
 * afterCommit} each time an outermost unit of work begun through it returns normally (committed).
 * The call is not made while it is running on the same thread, so the reactions' own units of work
 * do not start another drain. Thread-safe as the adapter is.
 */
final class ReactingUnitOfWork implements UnitOfWork {

  private final UnitOfWork inner;
  private final Runnable afterCommit;
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
  private final ThreadLocal<Boolean> reacting = ThreadLocal.withInitial(() -> false);

  ReactingUnitOfWork(UnitOfWork inner, Runnable afterCommit) {
    this.inner = inner;
    this.afterCommit = afterCommit;
  }

  UnitOfWork inner() {
    return inner;
  }

  private <T> T unit(Supplier<T> body) {
    int[] d = depth.get();
    d[0]++;
    T result;
    try {
      result = body.get();
    } finally {
      d[0]--;
    }
    if (d[0] == 0 && !reacting.get()) {
      reacting.set(true);
      try {
        afterCommit.run();
      } finally {
        reacting.set(false);
      }
    }
    return result;
  }

  @Override
  public <T> T run(Supplier<T> work) {
    return unit(() -> inner.run(work));
  }

  @Override
  public <T> T runRedoable(Supplier<T> work) {
    return unit(() -> inner.runRedoable(work));
  }

  @Override
  public <T> T runFor(Set<StoreId> stores, Supplier<T> work) {
    return unit(() -> inner.runFor(stores, work));
  }

  @Override
  public <T> T runFor(StoreId store, Supplier<T> work) {
    return unit(() -> inner.runFor(store, work));
  }

  @Override
  public <T> T runAs(String actorId, Supplier<T> work) {
    return unit(() -> inner.runAs(actorId, work));
  }

  @Override
  public <T> T within(Set<StoreId> stores, Supplier<T> work) {
    return inner.within(stores, work);
  }

  @Override
  public <T> T actingAs(String actorId, Supplier<T> work) {
    return inner.actingAs(actorId, work);
  }

  @Override
  public Optional<String> actor() {
    return inner.actor();
  }
}
