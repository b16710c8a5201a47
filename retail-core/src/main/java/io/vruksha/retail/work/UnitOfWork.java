package io.vruksha.retail.work;

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
}
