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

  /** Marks events as published. */
  void markSent(Collection<UUID> eventIds);
}
