package io.vruksha.retail.postgres;

import io.vruksha.retail.event.HandledEvents;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@link HandledEvents} on PostgreSQL ({@code handled_events}): the mark is a row inserted in the
 * unit of work of the consumer's effect. Two transactions marking the same id at once: the second
 * waits for the first and, once it commits, finds the row and gets false. Thread-safe.
 */
public final class PostgresHandledEvents implements HandledEvents {

  private final PostgresUnitOfWork work;

  /** The handled events of {@code db}. */
  public PostgresHandledEvents(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public boolean markHandled(String consumer, UUID eventId) {
    return work.with(
            h ->
                h.createUpdate(
                        "INSERT INTO handled_events (consumer, event_id) VALUES (:c, :e)"
                            + " ON CONFLICT DO NOTHING")
                    .bind("c", consumer)
                    .bind("e", eventId)
                    .execute())
        == 1;
  }

  /** One statement for the whole list: the ids it inserted are the ones marked now. */
  @Override
  public Set<UUID> markHandled(String consumer, Collection<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return Set.of();
    }
    // sorted and distinct: two lists sharing ids lock them in the same order
    Object[] ids = new TreeSet<>(eventIds).toArray();
    return new HashSet<>(
        work.with(
            h ->
                h.createQuery(
                        "INSERT INTO handled_events (consumer, event_id)"
                            + " SELECT :c, e FROM unnest(:ids) AS e"
                            + " ON CONFLICT DO NOTHING RETURNING event_id")
                    .bind("c", consumer)
                    .bindArray("ids", UUID.class, ids)
                    .mapTo(UUID.class)
                    .list()));
  }

  @Override
  public boolean handled(String consumer, UUID eventId) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT EXISTS (SELECT 1 FROM handled_events WHERE consumer = :c AND event_id = :e)")
                .bind("c", consumer)
                .bind("e", eventId)
                .mapTo(Boolean.class)
                .one());
  }
}
