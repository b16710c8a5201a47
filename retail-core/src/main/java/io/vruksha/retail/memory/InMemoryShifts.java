package io.vruksha.retail.memory;

import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.Shifts;
import io.vruksha.retail.store.StoreId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Shifts} in memory. Thread-safe (one monitor); saves undo on rollback. */
public final class InMemoryShifts implements Shifts {

  /** The order PostgreSQL lists them in: opening instant, then id for shifts opened together. */
  private static final Comparator<Shift> OLDEST_FIRST =
      Comparator.comparing(Shift::openedAt).thenComparing(Shift::id);

  private final Map<String, Shift> shifts = new LinkedHashMap<>();

  @Override
  public synchronized void save(Shift shift) {
    Shift before = shifts.put(shift.id(), shift);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            if (before == null) {
              shifts.remove(shift.id());
            } else {
              shifts.put(shift.id(), before);
            }
          }
        });
  }

  @Override
  public synchronized Optional<Shift> find(String shiftId) {
    return Optional.ofNullable(shifts.get(shiftId));
  }

  @Override
  public synchronized Optional<Shift> openOn(StoreId store, String registerId) {
    return shifts.values().stream()
        .filter(s -> s.store().equals(store) && s.registerId().equals(registerId) && s.open())
        .findFirst();
  }

  @Override
  public synchronized List<Shift> list(StoreId store) {
    return shifts.values().stream()
        .filter(s -> s.store().equals(store))
        .sorted(OLDEST_FIRST)
        .toList();
  }

  @Override
  public synchronized List<Shift> list(
      StoreId store, Optional<String> registerId, Optional<Boolean> open, int limit) {
    return shifts.values().stream()
        .filter(s -> s.store().equals(store))
        .filter(s -> registerId.map(r -> r.equals(s.registerId())).orElse(true))
        .filter(s -> open.map(o -> o == s.open()).orElse(true))
        .sorted(OLDEST_FIRST.reversed())
        .limit(limit)
        .toList();
  }
}
