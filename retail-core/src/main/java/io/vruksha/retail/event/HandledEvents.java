package io.vruksha.retail.event;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Port: which events each consumer has already handled, so that a consumer's effect happens once
 * per event id however often the event is delivered or replayed. Marking happens inside the unit of
 * work of the effect: the mark and the effect commit together or not at all. Implementations must
 * be thread-safe.
 */
public interface HandledEvents {

  /**
   * Marks {@code eventId} as handled by {@code consumer} in the current unit of work. True the
   * first time; false when it was already marked (the caller then does nothing). Two units of work
   * marking the same id at once: one gets true, the other false or a failure that rolls it back.
   */
  boolean markHandled(String consumer, UUID eventId);

  /**
   * Marks each of {@code eventIds} as {@link #markHandled(String, UUID)} would, in the current unit
   * of work, and returns those marked now for the first time (an id listed twice is marked, and
   * returned, once). Adapters that can mark them in one statement override it.
   */
  default Set<UUID> markHandled(String consumer, Collection<UUID> eventIds) {
    Set<UUID> first = new LinkedHashSet<>();
    for (UUID id : eventIds) {
      if (!first.contains(id) && markHandled(consumer, id)) {
        first.add(id);
      }
    }
    return first;
  }

  /** Whether {@code consumer} has handled {@code eventId}. */
  boolean handled(String consumer, UUID eventId);
}
