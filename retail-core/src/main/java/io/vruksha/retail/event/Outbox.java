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
   * How many events are unsent, for a gauge of the relay's lag. An adapter counts them (it may stop
   * counting at a limit it documents); by default, the events {@link #pending} reads, at most
   * 10,000.
   */
  default long pendingCount() {
    return pending(10_000).size();
  }

  /**
   * Claims up to {@code limit} unsent events for one relay, inside the relay's unit of work: an
   * adapter that lets several relays run at once hides the claimed rows from the others until the
   * unit of work ends. An adapter that keeps a unit of work's events together may claim them whole,
   * so {@code limit} is then a size to aim for, not a bound (PostgreSQL documents its own). By
   * default, the pending events.
   */
  default List<EventEnvelope> claim(int limit) {
    return pending(limit);
  }

  /**
   * Marks events as published, inside the current unit of work: they are no longer pending. An
   * adapter may forget them then (PostgreSQL deletes their rows); the stream keeps them.
   */
  void markSent(Collection<UUID> eventIds);

  /**
   * Claims up to {@code limit} unsent events and marks them sent, both inside the caller's unit of
   * work, oldest first: for a relay that publishes them before the unit ends, so a failed publish
   * rolls the mark back and the events wait for the next claim. Until the unit ends, the events are
   * hidden from every other claim. {@code limit} is as for {@link #claim}. By default {@link
   * #claim} then {@link #markSent}; an adapter may do both in one step.
   */
  default List<EventEnvelope> claimAsSent(int limit) {
    List<EventEnvelope> claimed = claim(limit);
    if (!claimed.isEmpty()) {
      markSent(claimed.stream().map(EventEnvelope::eventId).toList());
    }
    return claimed;
  }
}
