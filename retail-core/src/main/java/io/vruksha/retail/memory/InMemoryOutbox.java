package io.vruksha.retail.memory;

import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link Outbox} in memory: events in append order. Thread-safe (one monitor); an append inside a
 * unit of work is removed again if the unit rolls back.
 */
public final class InMemoryOutbox implements Outbox {

  private final Map<UUID, EventEnvelope> pending = new LinkedHashMap<>();
  private final List<EventEnvelope> all = new ArrayList<>();

  @Override
  public synchronized void append(EventEnvelope event) {
    pending.put(event.eventId(), event);
    all.add(event);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            pending.remove(event.eventId());
            all.remove(event);
          }
        });
  }

  @Override
  public synchronized List<EventEnvelope> pending(int limit) {
    return pending.values().stream().limit(limit).toList();
  }

  @Override
  public synchronized void markSent(Collection<UUID> eventIds) {
    eventIds.forEach(pending::remove);
  }

  /** Every event ever appended and committed, in order (for tests and the demo). */
  public synchronized List<EventEnvelope> all() {
    return List.copyOf(all);
  }
}
