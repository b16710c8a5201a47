package io.vruksha.retail.memory;

import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@link Outbox} in memory: events in append order. Thread-safe (one monitor). Inside a unit of
 * work, an append is removed again and a {@link #markSent} undone if the unit rolls back; an event
 * whose mark is undone takes its old place in the order. There is no isolation between units:
 * {@link #pending} leaves out events a relay has claimed and not yet seen acknowledged, which come
 * back if its unit rolls back.
 */
public final class InMemoryOutbox implements Outbox {

  /** Unsent events by their place in append order. */
  private final NavigableMap<Long, EventEnvelope> pending = new TreeMap<>();

  /** The place of each unsent event. */
  private final Map<UUID, Long> places = new HashMap<>();

  private final List<EventEnvelope> all = new ArrayList<>();

  /**
   * The ids in {@link #all}: an append rolled back in one unit is never brought back by another.
   */
  private final Set<UUID> appended = new HashSet<>();

  private long next;

  @Override
  public synchronized void append(EventEnvelope event) {
    long place = next++;
    pending.put(place, event);
    places.put(event.eventId(), place);
    all.add(event);
    appended.add(event.eventId());
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            pending.remove(place);
            places.remove(event.eventId());
            all.remove(event);
            appended.remove(event.eventId());
          }
        });
  }

  @Override
  public synchronized List<EventEnvelope> pending(int limit) {
    return pending.values().stream().limit(limit).toList();
  }

  @Override
  public synchronized long pendingCount() {
    return pending.size();
  }

  @Override
  public synchronized void markSent(Collection<UUID> eventIds) {
    Map<Long, EventEnvelope> sent = new HashMap<>();
    for (UUID id : eventIds) {
      Long place = places.remove(id);
      if (place != null) {
        sent.put(place, pending.remove(place));
      }
    }
    if (sent.isEmpty()) {
      return;
    }
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            sent.forEach(
                (place, event) -> {
                  if (appended.contains(event.eventId())) {
                    pending.put(place, event);
                    places.put(event.eventId(), place);
                  }
                });
          }
        });
  }

  /** Every event ever appended and committed, in order (for tests and the demo). */
  public synchronized List<EventEnvelope> all() {
    return List.copyOf(all);
  }
}
