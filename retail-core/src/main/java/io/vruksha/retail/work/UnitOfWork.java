package io.vruksha.retail.work;

import io.vruksha.retail.store.StoreId;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Port: runs work as one unit — everything it writes through the engine's ports commits together or
 * not at all. A checkout's sale, stock movements, invoice, journal entry, loyalty entries and
 * outbox events share one unit of work.
 *
 * <p>The in-memory adapter serialises units of work and undoes a failed one; the Postgres adapter
 * maps a unit of work to one database transaction. Implementations must be thread-safe; a unit of
 * work started inside another joins it.
 */
public interface UnitOfWork {

  /** Runs {@code work} in a unit of work and returns its result; any exception rolls it back. */
  <T> T run(Supplier<T> work);

  /**
   * Runs {@code work} as {@link #run} does, for work whose loss in a power cut is harmless because
   * it is done again: the in-process reactions, whose events stay in the outbox until the same unit
   * marks them handled. An adapter may commit it without waiting for the disk (the next durable
   * commit takes it along; a crash before that loses this unit whole, never a part of it, and never
   * a unit committed after it). Joining an outer unit, it is that unit. By default, {@link #run}.
   */
  default <T> T runRedoable(Supplier<T> work) {
    return run(work);
  }

  /**
   * Runs {@code work} in a unit of work scoped to the stores it may touch. Adapters that isolate
   * tenants (PostgreSQL row-level security) let it see and change the rows of those stores only; a
   * nested call adds its stores to the scope. Others simply run the work.
   */
  default <T> T runFor(Set<StoreId> stores, Supplier<T> work) {
    return run(work);
  }

  /** {@link #runFor(java.util.Set, Supplier)} for one store. */
  default <T> T runFor(StoreId store, Supplier<T> work) {
    return runFor(Set.of(store), work);
  }

  /**
   * Runs {@code work} (which may start several units of work, or none) for {@code stores}: every
   * unit of work it starts on this thread, and every read outside one, is scoped to those stores as
   * {@link #runFor(java.util.Set, Supplier)} scopes it, without joining them into one. The server
   * runs each request for a store this way, so no read or write of the request reaches another
   * store's rows, whichever port it goes through. Others simply run the work.
   */
  default <T> T within(Set<StoreId> stores, Supplier<T> work) {
    return work.get();
  }

  /**
   * Runs {@code work} on behalf of {@code actorId} (a member of staff, an API client, a batch job):
   * adapters that keep an audit trail record them as the author of every master-data change made
   * inside. Others simply run the work.
   */
  default <T> T runAs(String actorId, Supplier<T> work) {
    return run(work);
  }

  /**
   * Runs {@code work} (which may start several units of work, or none) on behalf of {@code
   * actorId}, as {@link #within} carries stores: every unit of work it starts on this thread
   * records {@code actorId} as the author of the changes it audits, without joining them into one.
   * The server runs each authenticated call as its token's subject, the command line as its
   * operator. Nested calls name the innermost actor until they return; {@link #runAs} inside wins.
   * The name is the thread's ({@link Acting}), whichever adapter or database the work reaches.
   */
  default <T> T actingAs(String actorId, Supplier<T> work) {
    return Acting.as(actorId, work);
  }

  /**
   * The actor of the innermost {@link #actingAs} running on this thread; empty outside one
   * (embedded use that names nobody, whose audit rows say {@link #NO_ACTOR}).
   */
  default Optional<String> actor() {
    return Acting.actor();
  }

  /** What an audit row names as its author when no actor was given: the engine itself. */
  String NO_ACTOR = "engine";
}
