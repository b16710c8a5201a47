package io.vruksha.retail.event;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Port: events waiting to be published. Appended inside the unit of work of the change they
 * describe, so an event exists if and only if its change committed; a relay publishes them after
 * commit and marks them sent. Implementations must be thread-safe.
 */
public interface Outbox {

  /** Adds an event to the outbox (inside the current unit of work). */
  void append(EventEnvelope event);

  /** Up to {@code limit} unsent events, oldest first. */
  List<EventEnvelope> pending(int limit);

  /**
   * Claims up to {@code limit} unsent events for one relay, inside the relay's unit of work: an
   * adapter that lets several relays run at once hides the claimed rows from the others until the
   * unit of work ends. By default, the pending events.
   */
  default List<EventEnvelope> claim(int limit) {
    return pending(limit);
  }

  /** Marks events as published. */
  void markSent(Collection<UUID> eventIds);
}
