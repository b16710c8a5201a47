package io.vruksha.retail.sqlite;

import io.vruksha.retail.event.HandledEvents;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * {@link HandledEvents} on SQLite ({@code handled_events}): the mark is a row inserted in the unit
 * of work of the consumer's effect, so it commits or rolls back with the effect. The store has one
 * writer at a time: of several units of work marking one id, the first to run gets true and the
 * others find its row. Thread-safe.
 */
public final class SqliteHandledEvents implements HandledEvents, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The handled events of {@code db}. */
  public SqliteHandledEvents(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public boolean markHandled(String consumer, UUID eventId) {
    return work.write(h -> mark(h, consumer, eventId));
  }

  /** Every id in one unit of work; those inserted now are the ones marked for the first time. */
  @Override
  public Set<UUID> markHandled(String consumer, Collection<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return Set.of();
    }
    return work.write(
        h -> {
          Set<UUID> first = new LinkedHashSet<>();
          for (UUID id : new LinkedHashSet<>(eventIds)) {
            if (mark(h, consumer, id)) {
              first.add(id);
            }
          }
          return first;
        });
  }

  private static boolean mark(Handle h, String consumer, UUID eventId) {
    return h.createUpdate("INSERT INTO handled_events VALUES (:c, :e) ON CONFLICT DO NOTHING")
            .bind("c", consumer)
            .bind("e", eventId.toString())
            .execute()
        == 1;
  }

  @Override
  public boolean handled(String consumer, UUID eventId) {
    return work.with(
        h ->
            h.createQuery("SELECT 1 FROM handled_events WHERE consumer = :c AND event_id = :e")
                .bind("c", consumer)
                .bind("e", eventId.toString())
                .mapTo(Integer.class)
                .findOne()
                .isPresent());
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
