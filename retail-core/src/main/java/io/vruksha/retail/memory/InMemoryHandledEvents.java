package io.vruksha.retail.memory;

import io.vruksha.retail.event.HandledEvents;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link HandledEvents} in memory. Thread-safe; a mark is undone when its unit of work fails. */
public final class InMemoryHandledEvents implements HandledEvents {

  private final Set<String> handled = ConcurrentHashMap.newKeySet();

  private static String key(String consumer, UUID eventId) {
    return consumer + '\u0000' + eventId;
  }

  @Override
  public boolean markHandled(String consumer, UUID eventId) {
    String key = key(consumer, eventId);
    if (!handled.add(key)) {
      return false;
    }
    InMemoryUnitOfWork.onRollback(() -> handled.remove(key));
    return true;
  }

  @Override
  public boolean handled(String consumer, UUID eventId) {
    return handled.contains(key(consumer, eventId));
  }
}
