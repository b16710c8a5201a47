package io.vruksha.retail.work;

/**
 * An adapter whose writes take part in one particular {@link UnitOfWork}'s transaction (a
 * database's). {@code RetailEngine.builder().build()} refuses an engine whose adapters do not share
 * the engine's unit of work: a sale written in one transaction and its stock movement in another
 * (or in memory) would not commit or roll back together. An adapter that does not implement this is
 * an in-memory one, which works under any in-memory unit of work.
 */
public interface JoinsUnitOfWork {

  /** The unit of work whose transaction this adapter's writes join. */
  UnitOfWork unitOfWork();
}
